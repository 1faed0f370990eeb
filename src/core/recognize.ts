import { KIND_SPECS, KINDS, isKind, type Kind } from './kinds';
import type { Span } from './types';

export type Origin = 'suffix' | 'kind' | 'front-matter' | 'fence';

/** A stretch of a file that holds one candidate document (or, for YAML files, a stream of them). */
export interface Segment {
  span: Span;
  /** The kind the file name or fence declares; undefined when only the `kind` key can tell. */
  kind?: Kind;
  origin: Origin;
  /** For fences: the info string's line, so a mismatch can point at it. */
  fenceInfo?: Span;
}

export interface Recognition {
  segments: Segment[];
  /** Why the file is not one of ours, for the status bar; undefined when recognised. */
  reason?: string;
}

const SUFFIXES = KINDS.map((kind) => [KIND_SPECS[kind].suffix, kind] as const);

export function baseName(uri: string): string {
  // A URI's query and fragment are not part of its name; a plain file name keeps its `#` and `?`
  // (`sprint#3.rapid.yaml`): file URIs percent-encode them, so only a real URI is cut.
  const isUri = /^[a-z][a-z0-9+.-]+:/i.test(uri);
  const clean = isUri ? uri.replace(/[?#].*$/, '') : uri;
  const slash = Math.max(clean.lastIndexOf('/'), clean.lastIndexOf('\\'));
  let name = clean.slice(slash + 1);
  if (!isUri) return name;
  try {
    name = decodeURIComponent(name);
  } catch {
    // A name with a stray % is taken as it is.
  }
  return name;
}

/** The kind a file name declares through its suffix (`*.rapid.yaml`), if any. */
export function kindFromFileName(uri: string): Kind | undefined {
  const name = baseName(uri).toLowerCase();
  const m = /\.([a-z]+)\.ya?ml$/.exec(name);
  if (!m) return undefined;
  return SUFFIXES.find(([suffix]) => suffix === m[1])?.[1];
}

export type FileFormat = 'yaml' | 'markdown' | 'other';

export function fileFormat(uri: string): FileFormat {
  const name = baseName(uri).toLowerCase();
  if (/\.ya?ml$/.test(name)) return 'yaml';
  if (/\.(md|markdown|mdown|mkd)$/.test(name)) return 'markdown';
  return 'other';
}

const KIND_LINE = new RegExp(`^kind[ \\t]*:[ \\t]*["']?(${KINDS.join('|')})["']?[ \\t]*(#.*)?$`, 'm');

/** Cheap test that a YAML text declares one of our kinds, so unrelated YAML is never parsed. */
export function declaresKind(text: string): boolean {
  return KIND_LINE.test(text);
}

/**
 * Finds the documents a file holds, by the rules of DESIGN §1 (first match wins):
 * file name suffix, then a top-level `kind`, then Markdown front matter and fenced blocks.
 */
export function recognize(uri: string, text: string): Recognition {
  const format = fileFormat(uri);
  if (format === 'yaml') {
    const kind = kindFromFileName(uri);
    const span = { start: 0, end: text.length };
    if (kind) return { segments: [{ span, kind, origin: 'suffix' }] };
    if (declaresKind(text)) return { segments: [{ span, origin: 'kind' }] };
    return {
      segments: [],
      reason: `no top-level \`kind\` naming an Improvekit kind (${KINDS.join(', ')}), and the file name has no kind suffix such as .rapid.yaml`,
    };
  }
  if (format === 'markdown') {
    const segments = markdownSegments(text);
    if (segments.length) return { segments };
    return {
      segments: [],
      reason: 'no front matter with an Improvekit `kind` and no fenced block whose info string is a kind name (```rapid-charter)',
    };
  }
  return { segments: [], reason: 'only YAML and Markdown files hold Improvekit documents' };
}

interface Line {
  start: number;
  /** Offset just past the line's content, before its line break. */
  end: number;
  /** Offset of the next line. */
  next: number;
}

function* lines(text: string, from = 0): Generator<Line> {
  let start = from;
  while (start < text.length) {
    let end = start;
    while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    let next = end;
    if (text.charCodeAt(next) === 13) next++;
    if (text.charCodeAt(next) === 10) next++;
    yield { start, end, next };
    start = next;
  }
}

function markdownSegments(text: string): Segment[] {
  const segments: Segment[] = [];
  let bodyFrom = 0;
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const first = lines(text, bom).next();
  if (!first.done && text.slice(first.value.start, first.value.end).trimEnd() === '---') {
    for (const line of lines(text, first.value.next)) {
      const content = text.slice(line.start, line.end).trimEnd();
      if (content === '---' || content === '...') {
        const span = { start: first.value.next, end: line.start };
        const kindMatch = KIND_LINE.exec(text.slice(span.start, span.end));
        if (kindMatch) segments.push({ span, origin: 'front-matter' });
        bodyFrom = line.next;
        break;
      }
    }
  }
  // CommonMark fences: up to three spaces, then ``` or ~~~; closed by the same character, at least as long.
  let open: { char: string; length: number; kind?: Kind; contentStart: number; info: Span } | undefined;
  for (const line of lines(text, bodyFrom)) {
    const content = text.slice(line.start, line.end);
    const m = /^( {0,3})(`{3,}|~{3,})(.*)$/.exec(content);
    if (!open) {
      if (!m) continue;
      const info = m[3].trim();
      if (m[2][0] === '`' && info.includes('`')) continue;
      const word = info.split(/\s+/)[0] ?? '';
      open = {
        char: m[2][0],
        length: m[2].length,
        kind: isKind(word) ? word : undefined,
        contentStart: line.next,
        info: { start: line.start + m[1].length + m[2].length, end: line.end },
      };
    } else if (m && m[2][0] === open.char && m[2].length >= open.length && m[3].trim() === '') {
      if (open.kind) {
        segments.push({
          span: { start: open.contentStart, end: line.start },
          kind: open.kind,
          origin: 'fence',
          fenceInfo: open.info,
        });
      }
      open = undefined;
    }
  }
  // An unclosed fence runs to the end of the document, as CommonMark says.
  if (open?.kind) {
    segments.push({
      span: { start: open.contentStart, end: text.length },
      kind: open.kind,
      origin: 'fence',
      fenceInfo: open.info,
    });
  }
  return segments;
}
