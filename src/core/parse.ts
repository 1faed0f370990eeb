import { parseAllDocuments, isMap, isSeq, isScalar, isPair, isAlias, type Document, type Node, type Pair } from 'yaml';
import { LineIndex } from './text';
import { fastLocator, fastParse } from './fastyaml';
import { recognize, type Origin, type Segment } from './recognize';
import { isKind, type Kind, type Path, type Span } from './types';

/** Limits that keep hostile input bounded (DESIGN §8). */
export const LIMITS = {
  /** Characters in one file; larger files get one `yaml/syntax` diagnostic and are not parsed. */
  maxFileChars: 2_000_000,
  /** Aliases expanded while building a document's value; more is an alias bomb. */
  maxAliasCount: 100,
  /** Nesting of collections in one document. */
  maxDepth: 100,
} as const;

export interface SyntaxProblem {
  span: Span;
  message: string;
}

/** Where a diagnostic points inside a document: the key, its value, or the item as a whole. */
export type Target = 'key' | 'value' | 'item';

/** One Improvekit document: parsed YAML with its source ranges, and its plain value. */
export interface ParsedDocument {
  uri: string;
  kind: Kind;
  origin: Origin;
  /** Its position among the documents of its file. */
  ordinal: number;
  span: Span;
  /** The document id, when it is a string. */
  id: string | undefined;
  /** The plain value of the YAML (objects, arrays, scalars); undefined when it could not be built. */
  value: unknown;
  /** The value, when it is a mapping (the only valid shape of a document). */
  data: Record<string, unknown> | undefined;
  /** Problems that make the text unusable; when present, no other check runs. */
  syntax: SyntaxProblem[];
  segment: Segment;
  /** The file span for a path into the value (falls back to the deepest part that exists). */
  locate(path: Path, target?: Target): Span;
  /** Whether the path exists in the source. */
  has(path: Path): boolean;
  /** Where and what to insert so that the mapping at a path gains `key: valueText` (for fixes). */
  insertion(mapPath: Path, key: string, valueText: string): { span: Span; text: string } | undefined;
  /** Spans of every path, for `toPortable`. */
  spanTable(): SpanTable;
}

/** Path (segments joined by U+0001) → [key start, key end, value start, value end, item start, item end]. */
export type SpanTable = Record<string, [number, number, number, number, number, number]>;

export interface ParsedFile {
  uri: string;
  text: string;
  lines: LineIndex;
  documents: ParsedDocument[];
  /** Problems of the file as a whole (too large, binary), reported as `yaml/syntax`. */
  problems: SyntaxProblem[];
  /** Why the file holds no document, when it holds none. */
  reason?: string;
}

const CODE_ADVICE: Record<string, string> = {
  TAB_AS_INDENT: 'YAML indents with spaces only: replace the tab with spaces',
  DUPLICATE_KEY: 'a key appears twice in the same mapping: keep one of them',
  BAD_INDENT: 'check the indentation: items of one list or mapping must line up',
  MISSING_CHAR: 'a closing quote or bracket is missing: add it',
  BLOCK_AS_IMPLICIT_KEY: 'a value cannot start a new mapping on the same line: put it on its own line, indented, or quote it',
  MULTILINE_IMPLICIT_KEY: 'a key must fit on one line: check the indentation of the line above, or quote the text',
  UNEXPECTED_TOKEN: 'check the indentation and the `-` and `:` of this line',
  BAD_ALIAS: 'an alias must name an anchor (`&name`) set above it',
  BAD_SCALAR_START: 'text starting with this character must be quoted',
  MULTIPLE_DOCS: 'a block holds one document: remove the `---` separator',
  MISSING_ANCHOR: 'an alias must name an anchor (`&name`) set above it',
};

function friendly(code: string, message: string): string {
  if (/call stack/i.test(message)) return `The document is nested too deeply to read. Improvekit documents need only a few levels: flatten it.`;
  const advice = CODE_ADVICE[code];
  const plain = message.replace(/\s+/g, ' ').trim().replace(/\.$/, '');
  return advice ? `${plain}: ${advice}.` : `${plain}. Fix the YAML at this point.`;
}

function rawNodeSpan(node: Node | null | undefined, base: number): Span | undefined {
  const r = node?.range;
  if (!r) return undefined;
  return { start: base + r[0], end: base + Math.max(r[0], r[1]) };
}

function scalarKey(pair: Pair): unknown {
  return isScalar(pair.key) ? pair.key.value : pair.key;
}

function columnOf(text: string, offset: number): number {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  return offset - start;
}

function makeLocator(doc: Document.Parsed, base: number, fallback: Span, text: string) {
  // A block collection's range runs through its final line break: a span ends at its last character.
  const nodeSpan = (node: Node | null | undefined, offset: number): Span | undefined => {
    const span = rawNodeSpan(node, offset);
    if (!span) return span;
    let end = span.end;
    while (end > span.start && /[\r\n \t]/.test(text[end - 1])) end--;
    return end === span.end ? span : { start: span.start, end };
  };
  const walk = (path: Path) => {
    let node = doc.contents as Node | null;
    let pair: Pair | undefined;
    let depth = 0;
    for (const seg of path) {
      if (isAlias(node)) break;
      if (isMap(node)) {
        const found = node.items.find((p) => String(scalarKey(p)) === String(seg));
        if (!found) break;
        pair = found;
        node = found.value as Node | null;
      } else if (isSeq(node) && typeof seg === 'number') {
        const item = node.items[seg] as Node | undefined;
        if (!item) break;
        pair = undefined;
        node = isPair(item) ? ((item as Pair).value as Node | null) : item;
      } else break;
      depth++;
    }
    return { node, pair, complete: depth === path.length, depth };
  };

  /** The spans a diagnostic may point at, for the node at a path (and the pair holding it). */
  const targets = (node: Node | null, pair: Pair | undefined): Record<Target, Span> => {
    const keySpan = pair ? nodeSpan(pair.key as Node, base) : undefined;
    const valueSpan = nodeSpan(node, base);
    const key = keySpan ?? valueSpan ?? fallback;
    const value = valueSpan && (valueSpan.end > valueSpan.start || !keySpan) ? valueSpan : key;
    let item = value;
    if (isMap(node)) {
      // An item is shown by its id, else by its first entry: a whole multi-line item is too loud.
      const idPair = node.items.find((p) => scalarKey(p) === 'id') ?? node.items[0];
      const k = idPair && nodeSpan(idPair.key as Node, base);
      if (k) item = { start: k.start, end: nodeSpan(idPair.value as Node, base)?.end ?? k.end };
    }
    return { key, value, item };
  };

  const locate = (path: Path, target: Target = 'value'): Span => {
    const { node, pair, complete } = walk(path);
    const t = targets(node, pair);
    return complete ? t[target] : t.key;
  };

  /** Every path's spans, so the document can be located without its syntax tree (see toPortable). */
  const table = (): SpanTable => {
    const out: SpanTable = {};
    const visit = (node: Node | null, pair: Pair | undefined, path: string, depth: number) => {
      const t = targets(node, pair);
      out[path] = [t.key.start, t.key.end, t.value.start, t.value.end, t.item.start, t.item.end];
      if (depth > LIMITS.maxDepth) return;
      const prefix = path ? `${path}\u0001` : '';
      if (isMap(node)) for (const p of node.items) visit(p.value as Node | null, p, `${prefix}${String(scalarKey(p))}`, depth + 1);
      else if (isSeq(node)) node.items.forEach((item, i) => visit(isPair(item) ? ((item as Pair).value as Node | null) : (item as Node), undefined, `${prefix}${i}`, depth + 1));
    };
    visit(doc.contents as Node | null, undefined, '', 0);
    return out;
  };
  const has = (path: Path) => walk(path).complete;

  /** Where and what to insert so that the mapping at `mapPath` gains `key: valueText`. */
  const insertion = (mapPath: Path, key: string, valueText: string): { span: Span; text: string } | undefined => {
    const { node, pair, complete } = walk(mapPath);
    if (!complete) return undefined;
    if (isMap(node) && node.items.length) {
      const last = node.items[node.items.length - 1];
      const end = nodeSpan(last.value as Node, base)?.end ?? nodeSpan(last.key as Node, base)?.end;
      const firstKey = nodeSpan(node.items[0].key as Node, base);
      if (end === undefined || !firstKey) return undefined;
      if (node.flow) return { span: { start: end, end }, text: `, ${key}: ${valueText}` };
      return { span: { start: end, end }, text: `\n${' '.repeat(columnOf(text, firstKey.start))}${key}: ${valueText}` };
    }
    const keySpan = pair ? nodeSpan(pair.key as Node, base) : undefined;
    if (keySpan && (node === null || (isScalar(node) && node.value === null))) {
      // `act:` with nothing after it: open a block mapping under the key.
      const at = nodeSpan(node, base)?.end ?? keySpan.end + 1;
      const indent = ' '.repeat(columnOf(text, keySpan.start) + 2);
      return { span: { start: at, end: nodeSpan(node, base)?.end ?? at }, text: `\n${indent}${key}: ${valueText}` };
    }
    return undefined;
  };
  return { locate, has, insertion, table };
}

function depthOf(value: unknown, limit: number): number {
  // Iterative, so that depth itself cannot exhaust the stack.
  const stack: Array<[unknown, number]> = [[value, 0]];
  let max = 0;
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (d > max) max = d;
    if (max > limit) return max;
    if (v && typeof v === 'object') {
      for (const child of Object.values(v as object)) {
        if (child && typeof child === 'object') stack.push([child, d + 1]);
      }
    }
  }
  return max;
}

function hasBinary(text: string): boolean {
  // NUL and most C0 controls never appear in YAML or Markdown text.
  return /[\u0000-\u0008\u000e-\u001f]/.test(text);
}

/** Parses a file into its Improvekit documents. Never throws. */
export function parseFile(uri: string, text: string): ParsedFile {
  const file = emptyFile(uri, text);
  const recognition = recognize(uri, text);
  if (!recognition.segments.length) {
    file.reason = recognition.reason;
    return file;
  }
  if (text.length > LIMITS.maxFileChars) {
    file.problems.push({
      span: { start: 0, end: 0 },
      message: `The file is too large to check (${(text.length / 1e6).toFixed(1)} million characters; the limit is ${LIMITS.maxFileChars / 1e6} million). Split it into smaller documents.`,
    });
    return file;
  }
  if (hasBinary(text)) {
    const at = text.search(/[\u0000-\u0008\u000e-\u001f]/);
    file.problems.push({
      span: { start: Math.max(0, at), end: Math.max(0, at) + 1 },
      message: 'The file holds binary content (control characters), not YAML text. Save it as UTF-8 text.',
    });
    return file;
  }
  for (const segment of recognition.segments) {
    try {
      parseSegment(file, segment);
    } catch (error) {
      // The parser itself gave up (for example, nesting deep enough to exhaust the stack).
      file.problems.push({
        span: { start: segment.span.start, end: segment.span.start },
        message: `The YAML could not be read (${error instanceof RangeError ? 'it is nested too deeply' : String((error as Error)?.message ?? error)}). Simplify the structure.`,
      });
    }
  }
  return file;
}

/** A file with no documents yet; its line index is built only when a position is asked for. */
function emptyFile(uri: string, text: string): ParsedFile {
  let lines: LineIndex | undefined;
  return {
    uri,
    text,
    get lines() {
      return (lines ??= new LineIndex(text));
    },
    documents: [],
    problems: [],
  };
}

/**
 * Whether plain documents are read by the fast reader (fastyaml.ts) before falling back to
 * `yaml`. Both give the same values and spans; turning it off serves comparisons and tests.
 */
export const PARSE_OPTIONS = { fastPath: true };

/** Counts of segments read by each reader since the process started (for the benchmark). */
export const PARSE_STATS = { fast: 0, yaml: 0 };

/** Reads a plain segment with the fast reader; false when it refuses (then `yaml` reads it). */
function parseSegmentFast(file: ParsedFile, segment: Segment, source: string): boolean {
  const fast = fastParse(source);
  if (!fast) return false;
  const base = segment.span.start;
  const data = fast.value;
  const kind = segment.kind ?? (isKind(data.kind) ? data.kind : undefined);
  PARSE_STATS.fast++;
  if (!kind) return true;
  const span: Span = { start: base + fast.span.start, end: base + fast.span.end };
  const fallback: Span = { start: span.start, end: span.start };
  const { locate, has, table } = fastLocator(fast.root, base, fallback);
  let yamlInsertion: ParsedDocument['insertion'] | undefined;
  file.documents.push({
    uri: file.uri,
    kind,
    origin: segment.origin,
    ordinal: file.documents.length,
    span,
    id: typeof data.id === 'string' ? data.id : undefined,
    value: data,
    data,
    syntax: [],
    segment,
    locate,
    has,
    // Fixes are rare: the syntax tree they need is built on first use.
    insertion: (mapPath, key, valueText) => {
      if (!yamlInsertion) {
        const doc = parseAllDocuments(source, { prettyErrors: false, uniqueKeys: true });
        yamlInsertion = Array.isArray(doc) && doc.length ? makeLocator(doc[0], base, fallback, file.text).insertion : () => undefined;
      }
      return yamlInsertion(mapPath, key, valueText);
    },
    spanTable: table,
  });
  return true;
}

function parseSegment(file: ParsedFile, segment: Segment): void {
  const base = segment.span.start;
  const raw = file.text.slice(segment.span.start, segment.span.end);
  // YAML counts a lone CR as a line break, as LineIndex does; the parser does not. Same length, same offsets.
  const source = raw.indexOf('\r') < 0 ? raw : raw.replace(/\r(?!\n)/g, '\n');
  if (PARSE_OPTIONS.fastPath && parseSegmentFast(file, segment, source)) return;
  PARSE_STATS.yaml++;
  // logLevel 'error': the parser's warnings (a mapping used as a key) would go to the console, not to the user.
  const parsed = parseAllDocuments(source, { prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  const docs = Array.isArray(parsed) ? parsed : [];
  if (segment.origin !== 'suffix' && segment.origin !== 'kind' && docs.length > 1) {
    const second = docs[1].range;
    file.problems.push({
      span: { start: base + second[0], end: base + second[0] },
      message: friendly('MULTIPLE_DOCS', 'This block holds more than one YAML document'),
    });
  }
  for (const doc of docs) {
    const span: Span = { start: base + doc.range[0], end: base + doc.range[1] };
    const fallback: Span = { start: span.start, end: span.start };
    // Where the parser runs out of stack depends on the stack left: report it once, at the document's start.
    const overflow = doc.errors.find((e) => /call stack/i.test(e.message));
    const syntax: SyntaxProblem[] = overflow
      ? [{ span: fallback, message: friendly(overflow.code, overflow.message) }]
      : doc.errors.map((e) => ({
          span: { start: base + e.pos[0], end: base + Math.max(e.pos[0], e.pos[1]) },
          message: friendly(e.code, e.message),
        }));
    let value: unknown;
    if (!syntax.length) {
      try {
        value = doc.toJS({ maxAliasCount: LIMITS.maxAliasCount });
      } catch (error) {
        const message = String((error as Error)?.message ?? error);
        syntax.push({
          span: fallback,
          message: /alias/i.test(message)
            ? /Excessive/.test(message)
              ? `The document expands too many aliases (more than ${LIMITS.maxAliasCount}), as an alias bomb does. Write the values out instead of repeating aliases.`
              : `${message}. Define the anchor (\`&name\`) before the alias that uses it.`
            : `The YAML could not be read (${message}). Simplify the structure.`,
        });
      }
      if (!syntax.length && depthOf(value, LIMITS.maxDepth) > LIMITS.maxDepth) {
        syntax.push({
          span: fallback,
          message: `The document is nested more than ${LIMITS.maxDepth} levels deep. Improvekit documents need only a few levels: flatten it.`,
        });
        value = undefined;
      }
    }
    const data = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
    const declared = data?.kind;
    // Only the `kind` key can tell the kind of an unsuffixed YAML file; a stream may mix kinds.
    let kind = segment.kind;
    if (!kind) {
      if (!isKind(declared)) continue;
      kind = declared;
    }
    const { locate, has, insertion, table } = makeLocator(doc, base, fallback, file.text);
    file.documents.push({
      uri: file.uri,
      kind,
      origin: segment.origin,
      ordinal: file.documents.length,
      span,
      id: typeof data?.id === 'string' ? data.id : undefined,
      value,
      data,
      syntax,
      segment,
      locate,
      has,
      insertion,
      spanTable: table,
    });
  }
  if (!docs.length && segment.kind) {
    // An empty file with a kind suffix, or an empty fence: say what belongs there.
    file.documents.push(emptyDocument(file, segment));
  }
}

function emptyDocument(file: ParsedFile, segment: Segment): ParsedDocument {
  const at: Span = { start: segment.span.start, end: segment.span.start };
  return {
    uri: file.uri,
    kind: segment.kind!,
    origin: segment.origin,
    ordinal: file.documents.length,
    span: segment.span,
    id: undefined,
    value: null,
    data: undefined,
    syntax: [],
    segment,
    locate: () => at,
    has: () => false,
    insertion: () => undefined,
    spanTable: () => ({ '': [at.start, at.end, at.start, at.end, at.start, at.end] }),
  };
}

/** A parsed document as plain data: it crosses to another thread, and locates without a syntax tree. */
export interface PortableDocument {
  kind: Kind;
  origin: Origin;
  ordinal: number;
  span: Span;
  id: string | undefined;
  value: unknown;
  syntax: SyntaxProblem[];
  segment: Segment;
  /** Absent when the receiver is to locate paths by reading the text again, on first need. */
  spans?: SpanTable;
}

export interface PortableFile {
  uri: string;
  text: string;
  documents: PortableDocument[];
  problems: SyntaxProblem[];
  reason?: string;
}

/**
 * A parsed file as plain data. Without `spans`, the receiver reads the text again to locate a
 * path, once and only when a diagnostic needs a position: most documents never need one, and
 * re-reading costs less than carrying every path's spans across threads.
 */
export function toPortable(file: ParsedFile, withSpans = true): PortableFile {
  return {
    uri: file.uri,
    text: file.text,
    problems: file.problems,
    reason: file.reason,
    documents: file.documents.map((d) => ({
      kind: d.kind,
      origin: d.origin,
      ordinal: d.ordinal,
      span: d.span,
      id: d.id,
      value: d.value,
      syntax: d.syntax,
      segment: d.segment,
      spans: withSpans ? d.spanTable() : undefined,
    })),
  };
}

/**
 * Rebuilds a parsed file from plain data. With spans, its documents locate paths but offer no
 * insertions; without, they read the text again on first need and offer both.
 */
export function fromPortable(portable: PortableFile): ParsedFile {
  const file = emptyFile(portable.uri, portable.text);
  file.problems = portable.problems;
  file.reason = portable.reason;
  let reread: ParsedFile | undefined;
  for (const p of portable.documents) {
    if (!p.spans) {
      file.documents.push(lazyDocument(portable, p, () => (reread ??= parseFile(portable.uri, portable.text)).documents[p.ordinal]));
      continue;
    }
    const spans = p.spans;
    const keyOf = (path: Path) => path.map(String).join('\u0001');
    const locate = (path: Path, target: Target = 'value'): Span => {
      for (let n = path.length; n >= 0; n--) {
        const t = spans[keyOf(path.slice(0, n))];
        if (!t) continue;
        const which = n === path.length ? target : 'key';
        const i = which === 'key' ? 0 : which === 'value' ? 2 : 4;
        return { start: t[i], end: t[i + 1] };
      }
      return { start: p.span.start, end: p.span.start };
    };
    file.documents.push({
      ...portableFields(portable, p),
      locate,
      has: (path) => keyOf(path) in spans,
      insertion: () => undefined,
      spanTable: () => spans,
    });
  }
  return file;
}

/** The plain fields of a document rebuilt from portable data. */
function portableFields(portable: PortableFile, p: PortableDocument) {
  const data = p.value && typeof p.value === 'object' && !Array.isArray(p.value) ? (p.value as Record<string, unknown>) : undefined;
  return { uri: portable.uri, kind: p.kind, origin: p.origin, ordinal: p.ordinal, span: p.span, id: p.id, value: p.value, data, syntax: p.syntax, segment: p.segment };
}

/** A document from plain data whose locating waits for the text to be read again. */
function lazyDocument(portable: PortableFile, p: PortableDocument, again: () => ParsedDocument | undefined): ParsedDocument {
  const at: Span = { start: p.span.start, end: p.span.start };
  let real: ParsedDocument | undefined;
  // The same text reads the same: the document at the same ordinal, else (never expected) the document's start.
  const doc = () => (real ??= again()) ?? emptyDocumentLike(at);
  return {
    ...portableFields(portable, p),
    locate: (path, target) => doc().locate(path, target),
    has: (path) => doc().has(path),
    insertion: (mapPath, key, valueText) => doc().insertion(mapPath, key, valueText),
    spanTable: () => doc().spanTable(),
  };
}

function emptyDocumentLike(at: Span): Pick<ParsedDocument, 'locate' | 'has' | 'insertion' | 'spanTable'> {
  return { locate: () => at, has: () => false, insertion: () => undefined, spanTable: () => ({ '': [at.start, at.end, at.start, at.end, at.start, at.end] }) };
}
