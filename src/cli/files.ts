import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileFormat, declaresKind, kindFromFileName } from '../core/recognize';
import { CONFIG_FILE } from '../core/config';

/** Folders never searched for documents. */
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.vscode-test']);

export interface FileProblem {
  file: string;
  message: string;
}

export interface Collected {
  files: string[];
  problems: FileProblem[];
}

/**
 * Expands paths into candidate document files (YAML and Markdown), following symbolic links
 * to files but never into a folder twice, so link loops end.
 */
export function collectFiles(paths: readonly string[]): Collected {
  const files = new Set<string>();
  const problems: FileProblem[] = [];
  const seenDirs = new Set<string>();

  const visit = (p: string, explicit: boolean): void => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (explicit && code === 'ENOENT' && !isLink(p)) throw new UsageError(`No such file or folder: ${p}`);
      const message =
        code === 'ELOOP'
          ? 'The path is a symbolic link loop: it was skipped.'
          : code === 'ENOENT' && isLink(p)
            ? 'The path is a symbolic link to nothing: it was skipped. Point it at a file, or remove it.'
            : `The path cannot be read (${code ?? String(error)}): it was skipped.`;
      problems.push({ file: p, message });
      return;
    }
    if (stat.isDirectory()) {
      let real: string;
      try {
        real = fs.realpathSync(p);
      } catch {
        real = path.resolve(p);
      }
      if (seenDirs.has(real)) return;
      seenDirs.add(real);
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(p, { withFileTypes: true });
      } catch (error) {
        problems.push({ file: p, message: `The folder cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}): it was skipped.` });
        return;
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const entry of entries) {
        if (entry.isDirectory() && (SKIP_DIRS.has(entry.name) || (entry.name.startsWith('.') && entry.name !== '.'))) continue;
        const child = path.join(p, entry.name);
        if (entry.isDirectory() || entry.isSymbolicLink()) visit(child, false);
        else if (entry.isFile()) {
          if (isCandidate(entry.name)) files.add(child);
        } else if (isCandidate(entry.name)) {
          // A FIFO, socket or device with a document's name: reading it could block, so it is only reported.
          problems.push({ file: child, message: 'The path is neither a file nor a folder (a pipe, socket or device): it was skipped.' });
        }
      }
      return;
    }
    if (stat.isFile()) {
      if (explicit || isCandidate(p)) files.add(p);
      return;
    }
    problems.push({ file: p, message: 'The path is neither a file nor a folder: it was skipped.' });
  };

  for (const p of paths) visit(p, true);
  return { files: [...files], problems };
}

/** Whether a path is a symbolic link itself (a link to nothing is a broken file, not a mistyped path). */
function isLink(p: string): boolean {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

function isCandidate(name: string): boolean {
  return path.basename(name) !== CONFIG_FILE && fileFormat(name) !== 'other';
}

export class UsageError extends Error {}

export type ReadResult = { ok: true; text: string } | { ok: false; message: string };

/** Reads a file as UTF-8 text; a byte-order mark is dropped, as editors do. */
export function readText(file: string): ReadResult {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, message: code === 'EISDIR' ? 'This is a folder with a document-like name: it was skipped.' : `The file cannot be read (${code ?? String(error)}).` };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // A document of ours (by suffix or kind) that is not UTF-8 is worth saying so; other files are not ours.
    const lossy = new TextDecoder('utf-8').decode(bytes);
    if (kindFromFileName(file) || declaresKind(lossy)) return { ok: false, message: 'The file is not valid UTF-8 text: save it with UTF-8 encoding.' };
    return { ok: true, text: '' };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, text };
}

/** The nearest `.improvekit.yaml` in this folder or above it. */
export function findConfig(from: string): string | undefined {
  let dir = path.resolve(from);
  try {
    if (!fs.statSync(dir).isDirectory()) dir = path.dirname(dir);
  } catch {
    dir = path.dirname(dir);
  }
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
