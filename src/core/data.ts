/**
 * Data files (CSV) as inputs of the workspace, like documents (DESIGN §6): adapters read them,
 * the engine parses and indexes them and re-checks the documents that read them.
 */
import { readCsv, type CsvTable } from './model/csv';
import { LineIndex } from './text';

export interface DataFile {
  uri: string;
  text: string;
  table: CsvTable;
  lines: LineIndex;
}

/** Whether a URI names a data file the engine reads. */
export function isDataFile(uri: string): boolean {
  return /\.csv$/i.test(uri.replace(/[?#].*$/, ''));
}

export function parseDataFile(uri: string, text: string): DataFile {
  let lines: LineIndex | undefined;
  return {
    uri,
    text,
    table: readCsv(text),
    get lines() {
      return (lines ??= new LineIndex(text));
    },
  };
}

/**
 * The URI a document's relative path names (`data/huddles.csv` beside `k3.measure.yaml`), or
 * undefined when the path is not a relative path to a data file: absolute paths, URLs and drive
 * letters are refused, so a document can only name files of its own repository (the adapters
 * read nothing outside the workspace either).
 */
export function resolveDataPath(documentUri: string, relative: string): string | undefined {
  const path = relative.trim().replace(/\\/g, '/');
  if (!path || path.startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(path) || !isDataFile(path)) return undefined;
  const base = documentUri.replace(/[?#].*$/, '');
  if (!/^[a-z][a-z0-9+.-]*:\/\/[^/]*\//i.test(base)) return undefined;
  const folder = base.slice(0, base.lastIndexOf('/') + 1);
  const parts = folder.split('/');
  parts.pop(); // the empty part after the last slash
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      // Never above the scheme and authority (`file://`).
      if (parts.length <= 3) return undefined;
      parts.pop();
    } else parts.push(encodeURIComponent(decodeSafe(seg)));
  }
  return parts.join('/');
}

function decodeSafe(seg: string): string {
  try {
    return decodeURIComponent(seg);
  } catch {
    return seg;
  }
}
