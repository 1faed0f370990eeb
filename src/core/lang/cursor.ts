/**
 * Where the cursor is in YAML that is being typed (and so may not parse): read from the text by
 * indentation, dashes and flow brackets. Indexes of lists are not counted (they read as 0): the
 * path serves to find the schema and the reference key, not a value.
 */
import type { Path, PathSegment, Span } from '../types';

export interface CursorContext {
  /** `key`: a key of the mapping at `path` is being typed; `value`: the value at `path`. */
  mode: 'key' | 'value';
  path: PathSegment[];
  /** The word at the cursor, which a completion replaces. */
  word: Span;
  /** Keys already written in the mapping being completed (key mode). */
  present: string[];
}

const WORD = /[A-Za-z0-9_.#@-]/;
const KEY = /^([A-Za-z0-9_][A-Za-z0-9_.-]*)[ \t]*:(?=[ \t]|$)/;

interface LineShape {
  blank: boolean;
  /** Columns of the `-` of sequence items that start on this line. */
  dashes: number[];
  key?: string;
  keyCol?: number;
  /** Whether the key has no value on its line. */
  open?: boolean;
  /** Column of the first token. */
  first: number;
}

function shapeOf(line: string): LineShape {
  if (/^\s*(#.*)?$/.test(line)) return { blank: true, dashes: [], first: 0 };
  const dashes: number[] = [];
  let i = 0;
  while (line[i] === ' ') i++;
  const first = i;
  while (line[i] === '-' && (line[i + 1] === ' ' || line[i + 1] === '\t' || i + 1 === line.length)) {
    dashes.push(i);
    i++;
    while (line[i] === ' ' || line[i] === '\t') i++;
  }
  const m = KEY.exec(line.slice(i));
  if (!m) return { blank: false, dashes, first };
  const after = line.slice(i + m[0].length);
  return { blank: false, dashes, key: m[1], keyCol: i, open: /^\s*(#.*)?$/.test(after), first };
}

/** The path of the collection that holds content starting at `column` below line `from`. */
function pathAbove(lines: readonly string[], from: number, stop: number, column: number, seqItem: boolean): PathSegment[] {
  for (let l = from; l >= stop; l--) {
    const s = shapeOf(lines[l]);
    if (s.blank) continue;
    if (s.key !== undefined && s.keyCol! < column) return [...pathOfLine(lines, l, stop, s, s.dashes.length), s.key];
    // `key:` with its list written at the key's own indentation.
    if (seqItem && s.key !== undefined && s.keyCol === column && s.open) return [...pathOfLine(lines, l, stop, s, s.dashes.length), s.key];
    const inside = s.dashes.filter((d) => d < column).length;
    if (inside) return pathOfLine(lines, l, stop, s, inside);
    if (s.first < column) continue;
  }
  return [];
}

/** The path of a line's entries up to its `dashCount`-th dash (a list index each). */
function pathOfLine(lines: readonly string[], l: number, stop: number, s: LineShape, dashCount: number): PathSegment[] {
  const parent = pathAbove(lines, l - 1, stop, s.first, s.dashes.length > 0);
  return [...parent, ...new Array<number>(dashCount).fill(0)];
}

interface Frame {
  open: '{' | '[';
  /** Key of the current entry of a flow mapping, once its `:` is written. */
  key?: string;
  /** Where the current entry started (after `{`, `[` or `,`). */
  entry: number;
  /** Offset of the bracket. */
  at: number;
}

/** Reads flow brackets up to the end of `s`, giving the open frames. */
function flowFrames(s: string): Frame[] | undefined {
  const frames: Frame[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    const top = frames[frames.length - 1];
    if (c === '"' || c === "'") {
      const close = s.indexOf(c, i + 1);
      if (close < 0) return undefined;
      i = close;
    } else if (c === '#' && (i === 0 || /\s/.test(s[i - 1]))) return undefined;
    else if (c === '{' || c === '[') frames.push({ open: c, entry: i + 1, at: i });
    else if (c === '}' || c === ']') frames.pop();
    else if (c === ',' && top) {
      top.entry = i + 1;
      top.key = undefined;
    } else if (c === ':' && top?.open === '{' && (i + 1 === s.length || /[\s,}]/.test(s[i + 1]))) {
      top.key = s.slice(top.entry, i).trim();
    }
  }
  return frames;
}

/** Keys written in the flow mapping that opens at `at` on this line. */
function flowKeys(line: string, at: number): string[] {
  let depth = 0;
  let end = line.length;
  for (let i = at; i < line.length; i++) {
    if (line[i] === '{' || line[i] === '[') depth++;
    else if (line[i] === '}' || line[i] === ']') {
      depth--;
      if (depth === 0) {
        end = i;
        break;
      }
    }
  }
  const inner = line.slice(at + 1, end);
  return [...inner.matchAll(/(?:^|[{,])\s*([A-Za-z0-9_][A-Za-z0-9_.-]*)\s*:/g)].map((m) => m[1]);
}

/** Keys at `column` in the block mapping around line `l`. */
function blockKeys(lines: readonly string[], l: number, stop: number, end: number, column: number): string[] {
  const keys: string[] = [];
  for (let k = l - 1; k >= stop; k--) {
    const s = shapeOf(lines[k]);
    if (s.blank) continue;
    if (s.keyCol === column && s.key) keys.push(s.key);
    if (s.first < column) break;
  }
  for (let k = l + 1; k <= end && k < lines.length; k++) {
    const s = shapeOf(lines[k]);
    if (s.blank) continue;
    if (s.first < column) break;
    if (s.keyCol === column && s.key && !s.dashes.length) keys.push(s.key);
  }
  return keys;
}

/**
 * The context of an offset in a document's text. `lines` are the file's lines, `line`/`character`
 * the cursor, `stop`/`end` the first and last lines of the document.
 */
export function cursorContext(lines: readonly string[], line: number, character: number, stop: number, end: number, lineOffset: number, isObjectAt: (path: Path) => boolean): CursorContext | undefined {
  const text = lines[line] ?? '';
  const before = text.slice(0, character);
  let ws = character;
  while (ws > 0 && WORD.test(text[ws - 1])) ws--;
  let we = character;
  while (we < text.length && WORD.test(text[we])) we++;
  const word = { start: lineOffset + ws, end: lineOffset + we };

  const shape = shapeOf(before);
  if (/^\s*#/.test(before)) return undefined;
  let i = 0;
  while (before[i] === ' ') i++;
  for (const d of shape.dashes) i = Math.max(i, d + 1);
  while (before[i] === ' ' || before[i] === '\t') i++;
  const column = i;
  const parent = pathAbove(lines, line - 1, stop, shape.dashes[0] ?? column, shape.dashes.length > 0);
  const base: PathSegment[] = [...parent, ...shape.dashes.map(() => 0)];
  const rest = before.slice(column);
  const keyMatch = KEY.exec(rest);

  if (!keyMatch) {
    // No `key:` before the cursor on this line: a flow collection, a key or a list item being typed.
    if (/^[{[]/.test(rest)) return inFlow(rest, text, column, [...base], word, isObjectAt);
    if (rest.slice(0, ws - column).trim() !== '') return undefined;
    if (shape.dashes.length && !isObjectAt(base)) return { mode: 'value', path: base, word, present: [] };
    const present = shape.dashes.length ? [] : blockKeys(lines, line, stop, end, column);
    return { mode: 'key', path: base, word, present: present.filter((k) => lineKey(text) !== k) };
  }
  const key = keyMatch[1];
  const valueStart = column + keyMatch[0].length;
  const value = before.slice(valueStart);
  const path = [...base, key];
  if (/^\s*[{[]/.test(value)) {
    const offset = valueStart + value.search(/[{[]/);
    return inFlow(before.slice(offset), text, offset, path, word, isObjectAt);
  }
  if (/(^|\s)#/.test(value)) return undefined;
  if (ws < valueStart) return undefined;
  return { mode: 'value', path, word, present: [] };
}

function lineKey(text: string): string | undefined {
  return shapeOf(text).key;
}

function inFlow(s: string, line: string, offset: number, path: PathSegment[], word: Span, isObjectAt: (path: Path) => boolean): CursorContext | undefined {
  const frames = flowFrames(s);
  if (!frames || !frames.length) return undefined;
  const out = [...path];
  for (let f = 0; f < frames.length; f++) {
    const fr = frames[f];
    const last = f === frames.length - 1;
    if (fr.open === '[') out.push(0);
    else if (fr.key !== undefined) out.push(fr.key);
    else if (!last) return undefined;
  }
  const top = frames[frames.length - 1];
  if (top.open === '{' && top.key === undefined) {
    return { mode: 'key', path: out, word, present: flowKeys(line, offset + top.at) };
  }
  if (top.open === '[' && isObjectAt(out)) return { mode: 'key', path: out, word, present: [] };
  return { mode: 'value', path: out, word, present: [] };
}
