/**
 * A fast reader for the plain YAML that Improvekit documents are written in: block mappings and
 * sequences, plain and quoted one-line scalars, one-line flow sequences and mappings of scalars,
 * comments, LF and CRLF line breaks.
 *
 * It builds the same plain value and the same source spans as the `yaml` library (see
 * parse.ts), several times faster. Anything outside that subset — anchors, aliases, tags,
 * block scalars, multi-line scalars, document markers, tabs, complex keys, duplicate keys,
 * anything doubtful and every error — makes it refuse (return undefined), and the caller reads
 * the text with `yaml`, which also gives every syntax diagnostic its message.
 *
 * Its tree is the neutral tree of yamltree.ts, with the spans `yaml`'s node ranges give (trimmed),
 * so the one locator there serves both readers.
 */
import type { Span } from './types';
import { collection, leaf, type YKey, type YNode } from './yamltree';

export interface FastDocument {
  root: YNode;
  value: Record<string, unknown>;
  /** The document's span, as the `yaml` library's document range gives it (offsets in the source). */
  span: Span;
}

/** Nesting beyond this is left to `yaml` (and its limits). */
const MAX_DEPTH = 64;
/** Keys longer than this are left to `yaml` (implicit keys are limited to 1024 characters). */
const MAX_KEY = 1000;

/**
 * The one signal that the text is outside the subset (or not valid YAML): `fastParse` turns it
 * into undefined. Anything else thrown inside the reader is a bug, and propagates.
 */
class Refusal {}
const REFUSAL = new Refusal();
function refuse(): never {
  throw REFUSAL;
}

/** A scalar node: `null` when its value is null, as `yaml` resolves it. */
function scalarNode(value: unknown, start: number, end: number): YNode {
  return leaf(value === null ? 'null' : 'scalar', start, end);
}

const NULL_RE = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL_RE = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_RE = /^[-+]?[0-9]+$/;
const OCT_RE = /^0o[0-7]+$/;
const HEX_RE = /^0x[0-9a-fA-F]+$/;
const NAN_RE = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const EXP_RE = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT_RE = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** The value of a plain scalar under YAML 1.2's core schema, as `yaml` resolves it. */
export function resolvePlain(s: string): unknown {
  const c = s.charCodeAt(0);
  // Only these can start a non-string: digits, + - . ~ and the letters of null/true/false.
  if (!(c <= 57 || c === 126 || c === 110 || c === 78 || c === 116 || c === 84 || c === 102 || c === 70)) return s;
  if (NULL_RE.test(s)) return null;
  if (BOOL_RE.test(s)) return s[0] === 't' || s[0] === 'T';
  if (OCT_RE.test(s)) return parseInt(s.substring(2), 8);
  if (INT_RE.test(s)) return parseInt(s, 10);
  if (HEX_RE.test(s)) return parseInt(s.substring(2), 16);
  if (NAN_RE.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (EXP_RE.test(s) || FLOAT_RE.test(s)) return parseFloat(s);
  return s;
}

/** Characters the reader leaves to `yaml`: controls, NEL, BOM, line/paragraph separators, non-characters. */
function doubtfulChar(c: number): boolean {
  return c < 32 || (c >= 0x7f && c <= 0x9f) || c === 0xfeff || c === 0x2028 || c === 0x2029 || c === 0xfffe || c === 0xffff;
}

interface Line {
  /** Offset of the line's first character. */
  start: number;
  /** Offset of the first non-space character. */
  content: number;
  /** Offset of the line break (or the end of the text). */
  end: number;
  /** Offset just past the line break. */
  next: number;
  /** Whether comment lines follow it before the next content line. */
  commentAfter?: boolean;
}

class Reader {
  private readonly lines: Line[] = [];
  /** Index of the next line to read. */
  private li = 0;
  /** The last content line consumed: its trimmed end (comment included) and the offset past its break. */
  private lastTail = 0;
  private lastNext = 0;

  constructor(private readonly src: string) {
    const n = src.length;
    let i = 0;
    while (i < n) {
      const start = i;
      let content = -1;
      let end = n;
      for (; i < n; i++) {
        const c = src.charCodeAt(i);
        if (c === 10) {
          end = i;
          break;
        }
        if (c === 13) {
          if (src.charCodeAt(i + 1) !== 10) refuse();
          end = i;
          i++;
          break;
        }
        if (c < 32 || (c >= 0x7f && doubtfulChar(c))) refuse();
        if (content < 0 && c !== 32) content = i;
      }
      i = Math.min(n, i + 1);
      if (content < 0) continue; // blank line
      const first = src.charCodeAt(content);
      if (first === 35 /* # */) {
        // A comment line: kept only when it cannot be part of a node's range (see below).
        this.lines.push({ start, content: -(content - start) - 1, end, next: i });
        continue;
      }
      if (content === start) {
        // Document markers and directives are left to `yaml`.
        if (first === 37 /* % */) refuse();
        const three = src.slice(start, start + 3);
        if ((three === '---' || three === '...') && (end === start + 3 || src.charCodeAt(start + 3) === 32)) refuse();
      }
      this.lines.push({ start, content, end, next: i });
    }
    // A comment line indented deeper than the next content line may belong to the node before it.
    let nextIndent = 0;
    let comment = false;
    const kept: Line[] = [];
    for (let k = this.lines.length - 1; k >= 0; k--) {
      const line = this.lines[k];
      if (line.content < 0) {
        if (-line.content - 1 > nextIndent) refuse();
        comment = true;
        continue;
      }
      nextIndent = line.content - line.start;
      line.commentAfter = comment;
      comment = false;
      kept.push(line);
    }
    this.lines = kept.reverse();
  }

  private peek(): Line | undefined {
    return this.lines[this.li];
  }

  private indentOf(line: Line): number {
    return line.content - line.start;
  }

  /** Marks a line as read, with the offset of the end of what was read on it. */
  private consume(line: Line, from: number): void {
    const src = this.src;
    let p = from;
    while (p < line.end && src.charCodeAt(p) === 32) p++;
    if (p < line.end) {
      // Only a comment may follow, after a space.
      if (src.charCodeAt(p) !== 35 || p === from) refuse();
      let tail = line.end;
      while (src.charCodeAt(tail - 1) === 32) tail--;
      this.lastTail = tail;
    } else {
      this.lastTail = from;
    }
    this.lastNext = line.next;
    this.li++;
  }

  read(): FastDocument {
    const first = this.peek();
    if (!first || first.content !== first.start) refuse();
    const holder: { value: unknown } = { value: undefined };
    const root = this.blockMap(0, first.content, holder, 0);
    if (this.li < this.lines.length) refuse();
    return { root, value: holder.value as Record<string, unknown>, span: { start: first.content, end: this.lastNext } };
  }

  /** A block mapping whose keys are at column `indent`; its first key starts at `at` on the current line. */
  private blockMap(indent: number, at: number, out: { value: unknown }, depth: number): YNode {
    if (depth > MAX_DEPTH) refuse();
    const src = this.src;
    const value: Record<string, unknown> = {};
    out.value = value;
    const items: YNode[] = [];
    const node = collection('map', at, at, items, false);
    let pos = at;
    for (;;) {
      const line = this.peek()!;
      // The key.
      const { keyNode, after } = this.blockKey(line, pos);
      const key = keyNode.text;
      if (Object.prototype.hasOwnProperty.call(value, key)) refuse();
      // After `:` and its spaces.
      let p = after;
      while (p < line.end && src.charCodeAt(p) === 32) p++;
      const holder: { value: unknown } = { value: undefined };
      let valueNode: YNode;
      if (p >= line.end || src.charCodeAt(p) === 35) {
        if (p < line.end && p === after) refuse();
        this.consume(line, p);
        if (p >= line.end) {
          // An empty value's range ends where it stands, and takes in the comment lines after it.
          if (line.commentAfter) refuse();
          this.lastNext = p;
        }
        const next = this.peek();
        const nextIndent = next ? this.indentOf(next) : -1;
        if (next && nextIndent > indent) {
          valueNode = this.isSeqItem(next) ? this.blockSeq(nextIndent, holder, depth + 1) : this.blockMap(nextIndent, next.content, holder, depth + 1);
        } else if (next && nextIndent === indent && this.isSeqItem(next)) {
          valueNode = this.blockSeq(nextIndent, holder, depth + 1);
        } else {
          holder.value = null;
          valueNode = leaf('null', p, p);
        }
      } else {
        valueNode = this.inlineValue(line, p, holder, depth + 1);
        this.consume(line, valueNode.end);
        const next = this.peek();
        if (next && this.indentOf(next) > indent) refuse(); // a multi-line scalar, or an error
      }
      value[key] = holder.value;
      valueNode.key = keyNode;
      items.push(valueNode);
      const next = this.peek();
      if (!next) break;
      const ni = this.indentOf(next);
      if (ni < indent) break;
      if (ni > indent || this.isSeqItem(next)) refuse();
      pos = next.content;
    }
    node.end = this.lastTail;
    return node;
  }

  private isSeqItem(line: Line): boolean {
    const src = this.src;
    if (src.charCodeAt(line.content) !== 45 /* - */) return false;
    const c = line.content + 1;
    return c >= line.end || src.charCodeAt(c) === 32;
  }

  /** A block sequence whose `-` are at column `indent`, starting on the current line. */
  private blockSeq(indent: number, out: { value: unknown }, depth: number): YNode {
    if (depth > MAX_DEPTH) refuse();
    const src = this.src;
    const value: unknown[] = [];
    out.value = value;
    const items: YNode[] = [];
    const node = collection('seq', this.peek()!.content, 0, items, false);
    for (;;) {
      const line = this.peek()!;
      let p = line.content + 1;
      while (p < line.end && src.charCodeAt(p) === 32) p++;
      if (p >= line.end || src.charCodeAt(p) === 35) refuse(); // an empty item, or one on the lines below
      const holder: { value: unknown } = { value: undefined };
      let item: YNode;
      if (this.startsPair(line, p)) {
        item = this.blockMap(p - line.start, p, holder, depth + 1);
      } else {
        item = this.inlineValue(line, p, holder, depth + 1);
        this.consume(line, item.end);
        const next = this.peek();
        if (next && this.indentOf(next) > indent) refuse();
      }
      value.push(holder.value);
      items.push(item);
      const next = this.peek();
      if (!next) break;
      const ni = this.indentOf(next);
      if (ni < indent) break;
      if (ni > indent) refuse();
      if (!this.isSeqItem(next)) break; // the mapping holding a same-indent sequence continues
    }
    node.end = this.lastTail;
    return node;
  }

  /** Whether the text at `p` on a line is `key: …` (so a sequence item is a mapping). */
  private startsPair(line: Line, p: number): boolean {
    const src = this.src;
    const c = src.charCodeAt(p);
    if (c === 34 || c === 39) {
      const q = this.quotedEnd(line, p);
      let r = q;
      while (r < line.end && src.charCodeAt(r) === 32) r++;
      return r < line.end && src.charCodeAt(r) === 58;
    }
    if (c === 91 || c === 123) return false; // a flow collection (as a key it is refused later)
    for (let i = p; i < line.end; i++) {
      const d = src.charCodeAt(i);
      if (d === 58 && (i + 1 >= line.end || src.charCodeAt(i + 1) === 32)) return true;
      if (d === 35 && src.charCodeAt(i - 1) === 32) return false;
    }
    return false;
  }

  /** A key at `pos`: a plain or quoted one-line string followed by `:` and a space or the line's end. */
  private blockKey(line: Line, pos: number): { keyNode: YKey; after: number } {
    const src = this.src;
    const c = src.charCodeAt(pos);
    let key: string;
    let end: number;
    let colon: number;
    if (c === 34 || c === 39) {
      end = this.quotedEnd(line, pos);
      key = this.quotedValue(pos, end);
      colon = end;
      if (src.charCodeAt(colon) !== 58) refuse();
    } else {
      if (isIndicator(c) || isItemMark(src, pos, line.end)) refuse();
      let i = pos;
      for (; i < line.end; i++) {
        const d = src.charCodeAt(i);
        if (d === 58 && (i + 1 >= line.end || src.charCodeAt(i + 1) === 32)) break;
        if (d === 35 && src.charCodeAt(i - 1) === 32) refuse();
        if (d === 91 || d === 93 || d === 123 || d === 125 || d === 44) refuse();
      }
      if (i >= line.end) refuse();
      end = i;
      if (src.charCodeAt(end - 1) === 32) refuse();
      key = src.slice(pos, end);
      if (typeof resolvePlain(key) !== 'string') refuse();
      colon = end;
    }
    if (end - pos > MAX_KEY || key === '__proto__' || key === '<<') refuse();
    const after = colon + 1;
    if (after < line.end && src.charCodeAt(after) !== 32) refuse();
    return { keyNode: { text: key, id: key === 'id', start: pos, end }, after };
  }

  /** A value that fits on the rest of the line: a scalar or a flow collection. */
  private inlineValue(line: Line, p: number, out: { value: unknown }, depth: number): YNode {
    const src = this.src;
    const c = src.charCodeAt(p);
    if (c === 34 || c === 39) {
      const end = this.quotedEnd(line, p);
      out.value = this.quotedValue(p, end);
      return leaf('scalar', p, end);
    }
    if (c === 91 || c === 123) return this.flow(line, p, out, depth);
    if (isIndicator(c) || isItemMark(src, p, line.end)) refuse();
    // A plain scalar runs to the end of the line or to ` #`.
    let end = line.end;
    for (let i = p; i < line.end; i++) {
      const d = src.charCodeAt(i);
      if (d === 35 && src.charCodeAt(i - 1) === 32) {
        end = i;
        break;
      }
      if (d === 58 && (i + 1 >= line.end || src.charCodeAt(i + 1) === 32)) refuse(); // a nested mapping: an error
    }
    while (src.charCodeAt(end - 1) === 32) end--;
    out.value = resolvePlain(src.slice(p, end));
    return scalarNode(out.value, p, end);
  }

  /** A one-line flow sequence or mapping of scalars and flow collections. */
  private flow(line: Line, open: number, out: { value: unknown }, depth: number): YNode {
    const src = this.src;
    const end = line.end;
    let p = open;
    const skip = () => {
      while (p < end && src.charCodeAt(p) === 32) p++;
    };
    const scalar = (holder: { value: unknown }, asKey: boolean): YNode => {
      const c = src.charCodeAt(p);
      if (c === 34 || c === 39) {
        const q = this.quotedEnd(line, p);
        holder.value = this.quotedValue(p, q);
        const n = leaf('scalar', p, q);
        p = q;
        return n;
      }
      if (c === 91 || c === 123) {
        if (asKey) refuse();
        return flowCollection(holder, depth + 1);
      }
      if (isIndicator(c) || isItemMark(src, p, end)) refuse();
      const start = p;
      for (; p < end; p++) {
        const d = src.charCodeAt(p);
        if (d === 44 || d === 93 || d === 125) break;
        if (d === 58) {
          // `: ` ends a key; `a:b` is one scalar.
          const e = p + 1 < end ? src.charCodeAt(p + 1) : 32;
          if (e === 32 || e === 44 || e === 93 || e === 125 || e === 91 || e === 123) break;
        }
        if (d === 91 || d === 123) refuse();
        if (d === 35 && src.charCodeAt(p - 1) === 32) refuse();
      }
      let stop = p;
      while (src.charCodeAt(stop - 1) === 32) stop--;
      holder.value = resolvePlain(src.slice(start, stop));
      if (asKey && typeof holder.value !== 'string') refuse();
      return scalarNode(holder.value, start, stop);
    };
    /** After an entry: `,` then another entry, or the closing bracket. Returns true at the close. */
    const separator = (close: number): boolean => {
      skip();
      const d = src.charCodeAt(p);
      if (d === close) return true;
      if (d !== 44) refuse();
      p++;
      skip();
      if (p >= end || src.charCodeAt(p) === close || src.charCodeAt(p) === 44) refuse();
      return false;
    };
    const flowCollection = (holder: { value: unknown }, level: number): YNode => {
      if (level > MAX_DEPTH) refuse();
      const start = p;
      const isMap = src.charCodeAt(p) === 123;
      const close = isMap ? 125 : 93;
      p++;
      skip();
      const items: YNode[] = [];
      const node = collection(isMap ? 'map' : 'seq', start, 0, items, true);
      if (isMap) {
        const value: Record<string, unknown> = {};
        holder.value = value;
        if (src.charCodeAt(p) !== close) {
          for (;;) {
            const kh: { value: unknown } = { value: undefined };
            const keySpan = scalar(kh, true);
            const key = kh.value as string;
            if (Object.prototype.hasOwnProperty.call(value, key) || key === '__proto__' || key === '<<') refuse();
            skip();
            if (src.charCodeAt(p) !== 58) refuse();
            p++;
            if (p < end && src.charCodeAt(p) !== 32) refuse();
            skip();
            const vh: { value: unknown } = { value: undefined };
            let valueNode: YNode;
            const c = src.charCodeAt(p);
            if (c === 44 || c === close) {
              vh.value = null;
              valueNode = leaf('null', p, p);
            } else valueNode = scalar(vh, false);
            value[key] = vh.value;
            valueNode.key = { text: key, id: key === 'id', start: keySpan.start, end: keySpan.end };
            items.push(valueNode);
            if (separator(close)) break;
          }
        }
      } else {
        const value: unknown[] = [];
        holder.value = value;
        if (src.charCodeAt(p) !== close) {
          for (;;) {
            const h: { value: unknown } = { value: undefined };
            items.push(scalar(h, false));
            value.push(h.value);
            if (separator(close)) break;
          }
        }
      }
      if (p >= end || src.charCodeAt(p) !== close) refuse();
      p++;
      node.end = p;
      return node;
    };
    return flowCollection(out, depth);
  }

  /** The offset just past a one-line quoted scalar starting at `p`. */
  private quotedEnd(line: Line, p: number): number {
    const src = this.src;
    const q = src.charCodeAt(p);
    for (let i = p + 1; i < line.end; i++) {
      const c = src.charCodeAt(i);
      if (q === 39) {
        if (c === 39) {
          if (src.charCodeAt(i + 1) === 39 && i + 1 < line.end) i++;
          else return i + 1;
        }
      } else if (c === 92) i++;
      else if (c === 34) return i + 1;
    }
    return refuse();
  }

  private quotedValue(start: number, end: number): string {
    const src = this.src;
    const body = src.slice(start + 1, end - 1);
    if (src.charCodeAt(start) === 39) return body.includes("''") ? body.replace(/''/g, "'") : body;
    if (!body.includes('\\')) return body;
    let out = '';
    for (let i = 0; i < body.length; i++) {
      const c = body[i];
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = body[++i];
      switch (e) {
        case '\\':
        case '"':
        case '/':
          out += e;
          break;
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case 'r':
          out += '\r';
          break;
        case '0':
          out += '\0';
          break;
        case 'u': {
          const hex = body.slice(i + 1, i + 5);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) refuse();
          const code = parseInt(hex, 16);
          if (code >= 0xd800 && code <= 0xdfff) refuse();
          out += String.fromCharCode(code);
          i += 4;
          break;
        }
        default:
          refuse();
      }
    }
    return out;
  }
}

/** `-` followed by a space or the line's end: a sequence item, not a scalar. */
function isItemMark(src: string, p: number, end: number): boolean {
  return src.charCodeAt(p) === 45 && (p + 1 >= end || src.charCodeAt(p + 1) === 32);
}

/** Characters that cannot start a plain scalar here (or that start something the reader leaves to `yaml`). */
function isIndicator(c: number): boolean {
  switch (c) {
    case 45: // - (a plain scalar may start with `-x`; `- ` is a sequence item and is caught elsewhere)
      return false;
    case 63: // ?
    case 58: // :
    case 44: // ,
    case 91: // [
    case 93: // ]
    case 123: // {
    case 125: // }
    case 35: // #
    case 38: // &
    case 42: // *
    case 33: // !
    case 124: // |
    case 62: // >
    case 39: // '
    case 34: // "
    case 37: // %
    case 64: // @
    case 96: // `
      return true;
    default:
      return doubtfulChar(c) || c === 32 || Number.isNaN(c);
  }
}

/** Stack exhaustion is a limit of the moment, not a bug: `yaml` reads the text, and reports it as today. */
function isStackExhaustion(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

/**
 * Reads a YAML text that holds one block mapping in the subset described above. Returns undefined
 * when the text is outside the subset or not valid YAML: the caller then reads it with `yaml`.
 * Any other error (a bug of the reader) is thrown.
 */
export function fastParse(source: string): FastDocument | undefined {
  try {
    return new Reader(source).read();
  } catch (error) {
    if (error === REFUSAL || isStackExhaustion(error)) return undefined;
    throw error;
  }
}
