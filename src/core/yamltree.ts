/**
 * The neutral syntax tree both YAML readers produce (the fast reader of fastyaml.ts directly, the
 * `yaml` library through `fromYaml`), and the one locator that answers a document's
 * `locate`/`has`/`insertion`/`spanTable` from it: a document's spans are the same whichever
 * reader read it.
 *
 * This module imports neither parse.ts nor fastyaml.ts.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Path, Span } from './types';

/** An absent node (a pair without a value) and a scalar whose value is null are both `null`. */
export type YType = 'map' | 'seq' | 'scalar' | 'null' | 'alias';

/**
 * A node. `start`/`end` are offsets in the source the tree was read from (the document's
 * segment): the range the `yaml` library gives the node, its trailing blanks and line breaks
 * trimmed; both are -1 when the node has no range (an absent value).
 */
export interface YNode {
  type: YType;
  start: number;
  end: number;
  /** The values of a mapping's entries (each holding its key) or the items of a sequence; empty otherwise. */
  items: readonly YNode[];
  /** Whether a collection is written in flow style (`{ … }`, `[ … ]`). */
  flow: boolean;
  /** The key of the entry whose value this node is; undefined for a sequence item and the root. */
  key: YKey | undefined;
}

export interface YKey {
  /** The key as a path segment reads it (`String` of its value). */
  readonly text: string;
  /** Whether the key is the scalar `id`. */
  readonly id: boolean;
  /** Offsets as for a node; -1 when the key has no range. */
  readonly start: number;
  readonly end: number;
}

/** Where a diagnostic points inside a document: the key, its value, or the item as a whole. */
export type Target = 'key' | 'value' | 'item';

/** Path (segments joined by U+0001) → [key start, key end, value start, value end, item start, item end]. */
export type SpanTable = Record<string, [number, number, number, number, number, number]>;

/** What a document answers about its source positions. */
export interface Locator {
  /** The file span for a path into the value (falls back to the deepest part that exists). */
  locate(path: Path, target?: Target): Span;
  /** Whether the path exists in the source. */
  has(path: Path): boolean;
  /** Where and what to insert so that the mapping at a path gains `key: valueText` (for fixes). */
  insertion(mapPath: Path, key: string, valueText: string): { span: Span; text: string } | undefined;
  /** Spans of every path (to `maxDepth` levels). */
  spanTable(): SpanTable;
}

/** The items of every node that has none (never written to). */
export const NO_ITEMS: readonly YNode[] = Object.freeze([]) as readonly YNode[];

/** A scalar, null or alias node (its key, if any, is set by the mapping holding it). */
export function leaf(type: YType, start: number, end: number): YNode {
  return { type, start, end, items: NO_ITEMS, flow: false, key: undefined };
}

/** A mapping or sequence node whose items the reader fills in. */
export function collection(type: 'map' | 'seq', start: number, end: number, items: readonly YNode[], flow: boolean): YNode {
  return { type, start, end, items, flow, key: undefined };
}

function columnOf(text: string, offset: number): number {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  return offset - start;
}

/**
 * The locator of a document whose tree was read from the segment starting at `base` in the file
 * `text`; `fallback` is where a path that finds nothing points. The span table stops below
 * `maxDepth` levels (deeper documents are refused by parse.ts anyway).
 */
export function locator(tree: YNode, base: number, fallback: Span, text: string, maxDepth: number): Locator {
  const span = (start: number, end: number): Span | undefined => (start < 0 ? undefined : { start: base + start, end: base + end });
  /** The node at a path, else the deepest one on the way (the root's key and items' keys are undefined). */
  const walk = (path: Path) => {
    let node = tree;
    let depth = 0;
    for (const seg of path) {
      let next: YNode | undefined;
      if (node.type === 'map') {
        const wanted = String(seg);
        next = node.items.find((it) => it.key!.text === wanted);
      } else if (node.type === 'seq' && typeof seg === 'number') next = node.items[seg];
      if (!next) break;
      node = next;
      depth++;
    }
    return { node, complete: depth === path.length };
  };

  /** The spans a diagnostic may point at, for a node (and the key holding it, if any). */
  const targets = (node: YNode): Record<Target, Span> => {
    const key = node.key;
    const keySpan = key ? span(key.start, key.end) : undefined;
    const valueSpan = span(node.start, node.end);
    const k = keySpan ?? valueSpan ?? fallback;
    const value = valueSpan && (valueSpan.end > valueSpan.start || !keySpan) ? valueSpan : k;
    let item = value;
    if (node.type === 'map') {
      // An item is shown by its id, else by its first entry: a whole multi-line item is too loud.
      const idItem = node.items.find((it) => it.key!.id) ?? node.items[0];
      const ks = idItem && span(idItem.key!.start, idItem.key!.end);
      if (ks) item = { start: ks.start, end: span(idItem.start, idItem.end)?.end ?? ks.end };
    }
    return { key: k, value, item };
  };

  const locate = (path: Path, target: Target = 'value'): Span => {
    const { node, complete } = walk(path);
    const t = targets(node);
    return complete ? t[target] : t.key;
  };

  const has = (path: Path): boolean => walk(path).complete;

  const spanTable = (): SpanTable => {
    const out: SpanTable = {};
    const visit = (node: YNode, path: string, depth: number) => {
      const t = targets(node);
      out[path] = [t.key.start, t.key.end, t.value.start, t.value.end, t.item.start, t.item.end];
      if (depth > maxDepth) return;
      const prefix = path ? `${path}\u0001` : '';
      if (node.type === 'map') for (const it of node.items) visit(it, `${prefix}${it.key!.text}`, depth + 1);
      else if (node.type === 'seq') node.items.forEach((it, i) => visit(it, `${prefix}${i}`, depth + 1));
    };
    visit(tree, '', 0);
    return out;
  };

  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  /**
   * Where a new line goes after an offset: past a trailing comment on that line (`a: 1  # note`
   * keeps its note on its own line), else right at the offset, so no byte is moved.
   */
  const lineEndAfter = (at: number): number => {
    let i = at;
    while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
    if (text[i] !== '#') return at;
    while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
    return i;
  };
  const insertion = (mapPath: Path, key: string, valueText: string): { span: Span; text: string } | undefined => {
    const { node, complete } = walk(mapPath);
    if (!complete) return undefined;
    if (node.type === 'map' && node.items.length) {
      const last = node.items[node.items.length - 1];
      const end = span(last.start, last.end)?.end ?? span(last.key!.start, last.key!.end)?.end;
      const firstKey = span(node.items[0].key!.start, node.items[0].key!.end);
      if (end === undefined || !firstKey) return undefined;
      if (node.flow) return { span: { start: end, end }, text: `, ${key}: ${valueText}` };
      const at = lineEndAfter(end);
      return { span: { start: at, end: at }, text: `${eol}${' '.repeat(columnOf(text, firstKey.start))}${key}: ${valueText}` };
    }
    const keySpan = node.key ? span(node.key.start, node.key.end) : undefined;
    if (keySpan && node.type === 'null') {
      // `act:` with nothing after it: open a block mapping under the key.
      // After the colon (`act :` has spaces before it) and any comment on the line (`act:  # to fill in`).
      let colon = keySpan.end;
      while (colon < text.length && (text[colon] === ' ' || text[colon] === '\t')) colon++;
      const afterValue = span(node.start, node.end)?.end ?? (text[colon] === ':' ? colon + 1 : keySpan.end + 1);
      const at = lineEndAfter(afterValue);
      const indent = ' '.repeat(columnOf(text, keySpan.start) + 2);
      return { span: { start: at, end: at }, text: `${eol}${indent}${key}: ${valueText}` };
    }
    return undefined;
  };

  return { locate, has, insertion, spanTable };
}

function isBlank(c: number): boolean {
  return c === 10 || c === 13 || c === 32 || c === 9;
}

/** A `yaml` node's range as the tree keeps it: its value's end, trimmed; -1, -1 without a range. */
function rangeOf(node: unknown, source: string): [number, number] {
  const r = (node as { range?: [number, number, number] } | null | undefined)?.range;
  if (!r) return [-1, -1];
  const start = r[0];
  let end = Math.max(start, r[1]);
  // A block collection's range runs through its final line break: a span ends at its last character.
  while (end > start && isBlank(source.charCodeAt(end - 1))) end--;
  return [start, end];
}

function keyOf(pair: Pair, source: string): YKey {
  const k = pair.key;
  const [start, end] = rangeOf(k, source);
  if (isScalar(k)) return { text: String(k.value), id: k.value === 'id', start, end };
  // A collection or alias as a key (or none): read as `String` of the node, only when asked.
  return {
    get text() {
      return String(k);
    },
    id: false,
    start,
    end,
  };
}

/**
 * The neutral tree of a `yaml` document's contents, read from `source` (the text `yaml` parsed).
 * Iterative, so that hostile nesting cannot exhaust the stack here.
 */
export function fromYaml(contents: unknown, source: string): YNode {
  const pending: Array<[YAMLMap | YAMLSeq, YNode[]]> = [];
  const make = (node: unknown): YNode => {
    if (node === null || node === undefined) return leaf('null', -1, -1);
    const [start, end] = rangeOf(node, source);
    if (isMap(node) || isSeq(node)) {
      const items: YNode[] = [];
      pending.push([node, items]);
      return collection(isMap(node) ? 'map' : 'seq', start, end, items, !!node.flow);
    }
    if (isAlias(node)) return leaf('alias', start, end);
    return leaf(isScalar(node) && node.value === null ? 'null' : 'scalar', start, end);
  };
  const root = make(contents);
  while (pending.length) {
    const [parent, items] = pending.pop()!;
    if (isMap(parent)) {
      for (const pair of parent.items as Pair[]) {
        const value = make(pair.value);
        value.key = keyOf(pair, source);
        items.push(value);
      }
    } else for (const item of parent.items) items.push(make(isPair(item) ? item.value : item));
  }
  return root;
}
