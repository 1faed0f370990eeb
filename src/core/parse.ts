import { isMap, isPair, isScalar, isSeq, parseAllDocuments, parseDocument, YAMLParseError, type Document } from 'yaml';
import { LineIndex } from './text';
import { fastParse } from './fastyaml';
import { fromYaml, locator, type Locator, type SpanTable, type Target } from './yamltree';
import { recognize, type Origin, type Segment } from './recognize';
import { isKind, type Kind } from './kinds';
import { declaredKind, explainSyntax, friendly, type SyntaxFix } from './syntax';
import type { Path, Span } from './types';

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
  /** Repairs, when one is sure (`fix`) or likely (`suggestion`); spans of the file. */
  fixes?: SyntaxFix[];
}

export type { SpanTable, Target } from './yamltree';

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

/** Counts of segments read by each reader. */
export interface ParseStats {
  fast: number;
  yaml: number;
}

/** How a parse call reads its text. */
export interface ParseOptions {
  /**
   * Whether plain documents are read by the fast reader (fastyaml.ts) before falling back to
   * `yaml` (default true). Both give the same values and spans; turning it off serves comparisons and tests.
   */
  fastPath?: boolean;
  /** Counted into, when given: how many segments each reader read. */
  stats?: ParseStats;
}

/** Counters at zero, for `ParseOptions.stats`. */
export function newParseStats(): ParseStats {
  return { fast: 0, yaml: 0 };
}

const DEFAULT_OPTIONS: ParseOptions = {};

/** Parses a file into its Improvekit documents. Never throws. */
export function parseFile(uri: string, text: string, options: ParseOptions = DEFAULT_OPTIONS): ParsedFile {
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
      parseSegment(file, segment, options);
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
 * Reads a text leniently, as a document being typed is read for completion: syntax errors are
 * ignored and duplicate keys allowed, under the same limits as `parseFile` (size, aliases,
 * depth). Undefined when the text exceeds them or cannot be read at all. Never throws.
 */
export function readLenient(text: string): unknown {
  if (text.length > LIMITS.maxFileChars) return undefined;
  try {
    const value: unknown = parseDocument(text, { uniqueKeys: false, prettyErrors: false, logLevel: 'error' }).toJS({ maxAliasCount: LIMITS.maxAliasCount });
    return depthOf(value, LIMITS.maxDepth) > LIMITS.maxDepth ? undefined : value;
  } catch {
    return undefined;
  }
}

/** Reads a plain segment with the fast reader; false when it refuses (then `yaml` reads it). */
function parseSegmentFast(file: ParsedFile, segment: Segment, source: string, stats: ParseStats | undefined): boolean {
  const fast = fastParse(source);
  if (!fast) return false;
  const base = segment.span.start;
  const data = fast.value;
  const kind = segment.kind ?? (isKind(data.kind) ? data.kind : undefined);
  if (stats) stats.fast++;
  if (!kind) return true;
  const span: Span = { start: base + fast.span.start, end: base + fast.span.end };
  const fallback: Span = { start: span.start, end: span.start };
  const { locate, has, insertion, spanTable } = locator(fast.root, base, fallback, file.text, LIMITS.maxDepth);
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
    insertion,
    spanTable,
  });
  return true;
}

/** The locator of a document read by `yaml`: its neutral tree is built on first use. */
function yamlLocator(doc: Document.Parsed, source: string, base: number, fallback: Span, text: string): Locator {
  let built: Locator | undefined;
  const get = () => (built ??= locator(fromYaml(doc.contents, source), base, fallback, text, LIMITS.maxDepth));
  return {
    locate: (path, target) => get().locate(path, target),
    has: (path) => get().has(path),
    insertion: (mapPath, key, valueText) => get().insertion(mapPath, key, valueText),
    spanTable: () => get().spanTable(),
  };
}

/**
 * The parser's `uniqueKeys` check in linear time: a scalar key whose value an earlier key of the
 * same mapping has is a `DUPLICATE_KEY` error at the key, as the parser reports it; the errors stay
 * in the order of the text. Iterative, so that nesting cannot exhaust the stack.
 */
function ellipsis(text: string, most: number): string {
  return text.length > most ? `${text.slice(0, most - 1)}…` : text;
}

function flagDuplicateKeys(doc: Document.Parsed): void {
  const found: YAMLParseError[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key;
        if (isScalar(key) && key.range) {
          if (seen.has(key.value)) found.push(new YAMLParseError([key.range[0], key.range[1]], 'DUPLICATE_KEY', `Key \`${ellipsis(String(key.value), 40)}\` appears twice in this mapping`));
          else seen.add(key.value);
        }
        stack.push(key, pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(isPair(item) ? item.value : item);
    } else if (isPair(node)) {
      stack.push(node.key, node.value);
    }
  }
  if (!found.length) return;
  doc.errors.push(...found);
  doc.errors.sort((a, b) => a.pos[0] - b.pos[0]);
}

function parseSegment(file: ParsedFile, segment: Segment, options: ParseOptions): void {
  const base = segment.span.start;
  const raw = file.text.slice(segment.span.start, segment.span.end);
  // YAML counts a lone CR as a line break, as LineIndex does; the parser does not. Same length, same offsets.
  const source = raw.indexOf('\r') < 0 ? raw : raw.replace(/\r(?!\n)/g, '\n');
  if (options.fastPath !== false && parseSegmentFast(file, segment, source, options.stats)) return;
  if (options.stats) options.stats.yaml++;
  // logLevel 'error': the parser's warnings (a mapping used as a key) would go to the console, not to the user.
  // Keys are checked for uniqueness here, not by the parser: its check compares each key with every
  // key before it, and a mapping of 100,000 keys in a refused file would take minutes.
  const parsed = parseAllDocuments(source, { prettyErrors: false, uniqueKeys: false, logLevel: 'error' });
  const docs = Array.isArray(parsed) ? parsed : [];
  for (const doc of docs) flagDuplicateKeys(doc);
  if (segment.origin !== 'suffix' && segment.origin !== 'kind' && docs.length > 1) {
    const second = docs[1].range;
    file.problems.push({
      span: { start: base + second[0], end: base + second[0] },
      message: friendly('MULTIPLE_DOCS', 'This block holds more than one YAML document'),
    });
  }
  let index: LineIndex | undefined;
  for (const doc of docs) {
    const span: Span = { start: base + doc.range[0], end: base + doc.range[1] };
    const fallback: Span = { start: span.start, end: span.start };
    // Where the parser runs out of stack depends on the stack left: report it once, at the document's start.
    const overflow = doc.errors.find((e) => /call stack/i.test(e.message));
    // One problem per document: the first mistake, where it is; its follow-on errors are held back.
    const syntax: SyntaxProblem[] = overflow
      ? [{ span: fallback, message: friendly(overflow.code, overflow.message) }]
      : doc.errors.length
        ? [shifted(explainSyntax(source, doc.range, doc.errors, segment.kind, (index ??= new LineIndex(source))), base)]
        : [];
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
      // Text the parser refused still says its kind on its `kind:` line: its problem is reported.
      const named = isKind(declared) ? declared : syntax.length ? declaredKind(source.slice(doc.range[0], doc.range[1])) : undefined;
      if (!named) continue;
      kind = named;
    }
    const { locate, has, insertion, spanTable } = yamlLocator(doc, source, base, fallback, file.text);
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
      spanTable,
    });
  }
  if (!docs.length && segment.kind) {
    // An empty file with a kind suffix, or an empty fence: say what belongs there.
    file.documents.push(emptyDocument(file, segment));
  }
}

/** A problem of a segment's text as one of the file's (its spans, and its fixes' spans, moved by the segment's start). */
function shifted(problem: ReturnType<typeof explainSyntax>, base: number): SyntaxProblem {
  const span = (s: Span): Span => ({ start: base + s.start, end: base + s.end });
  const out: SyntaxProblem = { span: span(problem.span), message: problem.message };
  if (problem.fixes?.length) out.fixes = problem.fixes.map((f) => ({ title: f.title, kind: f.kind, edits: f.edits.map((e) => ({ span: span(e.span), text: e.text })) }));
  return out;
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
