/**
 * A newcomer's YAML mistake, named where it is and with the fix.
 *
 * When `yaml` refuses a document, its first error is often a consequence on a later line (a key
 * one space short reads as "Sequence item without - indicator"), and every line after it adds
 * another. `explainSyntax` walks the document's lines as YAML's block structure reads them, up to
 * the first error, and names the first mistake it recognises: a tab in the indentation, a key out
 * of line with its siblings, a missing space after a colon, text holding `: ` or ` #` unquoted.
 * A document then has one syntax problem, on the characters at fault; follow-on errors are held
 * back. What it does not recognise is the parser's first error, in plainer words.
 *
 * It also holds the small text helpers the schema rule's advice shares (quoting, the indent unit).
 */
import { LineIndex } from './text';
import { KIND_SPECS, KINDS, isKind, type Kind } from './kinds';
import { def, schemaAt } from './schemas/walk';
import { expectedWords } from './schemas/kinds';
import type { Path, Span } from './types';

/** An edit of the segment's text, by span. */
export interface SyntaxEdit {
  span: Span;
  text: string;
}

/** See `Fix` (types.ts): a `fix` may run unattended, a `suggestion` is only offered. */
export interface SyntaxFix {
  title: string;
  kind: 'fix' | 'suggestion';
  edits: SyntaxEdit[];
}

/** What is wrong with a document's text: where, why, and how to repair it when that is sure. */
export interface Explained {
  span: Span;
  message: string;
  fixes?: SyntaxFix[];
}

/** The parts of a `yaml` error this reads. */
export interface YamlProblem {
  code: string;
  message: string;
  pos: readonly [number, number];
}

const CODE_ADVICE: Record<string, string> = {
  TAB_AS_INDENT: 'YAML indents with spaces only: replace the tab with spaces',
  DUPLICATE_KEY: 'keep one of them',
  BAD_INDENT: 'check the indentation: items of one list or mapping must line up',
  MISSING_CHAR: 'a closing quote or bracket is missing: add it',
  BLOCK_AS_IMPLICIT_KEY: 'put the value on a line of its own, indented, or quote it',
  MULTILINE_IMPLICIT_KEY: 'a key must fit on one line: check the indentation of the line above, or quote the text',
  UNEXPECTED_TOKEN: 'check the indentation and the `-` and `:` of this line',
  BAD_ALIAS: 'an alias must name an anchor (`&name`) set above it',
  BAD_SCALAR_START: 'text starting with this character must be quoted',
  MULTIPLE_DOCS: 'a block holds one document: remove the `---` separator',
  MISSING_ANCHOR: 'an alias must name an anchor (`&name`) set above it',
};

/** Advice by the parser's words, where one code covers several mistakes. */
const MESSAGE_ADVICE: Array<[RegExp, string]> = [
  [/^Sequence item without - indicator/, 'start the item with `- `, or line it up with the keys above'],
  [/^Implicit map keys need to be followed by map values/, 'add `: ` after the key, or quote the text'],
  [/^Implicit keys need to be on a single line/, 'check the indentation of this line and the one above'],
  [/^Nested mappings are not allowed in compact mappings/, 'quote a value holding `: `, or put the mapping on lines of its own'],
];

/** The parser's message in plain words, with what to do. */
export function friendly(code: string, message: string): string {
  if (/call stack/i.test(message)) return `The document is nested too deeply to read. Improvekit documents need only a few levels: flatten it.`;
  const plain = message.replace(/\s+/g, ' ').trim().replace(/ at line \d+, column \d+:?.*$/, '').replace(/[.:]$/, '');
  const advice = MESSAGE_ADVICE.find(([re]) => re.test(plain))?.[1] ?? CODE_ADVICE[code];
  return advice ? `${plain}: ${advice}.` : `${plain}. Fix the YAML at this point.`;
}

// ---- text helpers ----

/** A scalar quoted so that YAML reads it back as the same text. */
export function quoteYaml(text: string): string {
  if (!/["\\]/.test(text)) return `"${text}"`;
  if (!text.includes("'")) return `'${text}'`;
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** A key as words: `next_steps` → `next steps`. */
export function keyWords(key: string): string {
  return key.replace(/_/g, ' ');
}

/** Text for a message, shortened. */
function shown(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function plural(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? '' : 's'}`;
}

/** The keys a mapping at a path of a kind may hold; empty when the path is no mapping of the schema. */
export function knownKeys(kind: Kind | undefined, path: Path): readonly string[] {
  if (!kind) return [];
  const at = schemaAt(KIND_SPECS[kind].schema, path);
  const d = at && def(at);
  return d?.type === 'object' ? Object.keys(d.shape ?? {}) : [];
}

/** Whether the value at a path is free text (unknown places count as text: they may be). */
export function isText(kind: Kind | undefined, path: Path): boolean {
  if (!kind) return true;
  const at = schemaAt(KIND_SPECS[kind].schema, path);
  return !at || expectedWords(at) === 'text';
}

const KIND_LINE = new RegExp(`^kind[ \\t]*:[ \\t]*["']?(${KINDS.join('|')})["']?[ \\t]*(?:#.*)?$`, 'm');

/** The kind a text declares on a `kind:` line of its own, read without parsing (for text `yaml` refuses). */
export function declaredKind(text: string): Kind | undefined {
  const m = KIND_LINE.exec(text);
  return m && isKind(m[1]) ? m[1] : undefined;
}

/**
 * How many spaces a text indents a level by: the most common step from a key that opens a block
 * (`data:`) to its first line; 2 when no key opens one.
 */
export function indentUnit(text: string): number {
  return indentUnitOf(text.split(/\r\n|\r|\n/));
}

function indentUnitOf(lines: readonly string[]): number {
  const counts = new Map<number, number>();
  for (let i = 0; i < lines.length; i++) {
    const opener = /^( *)((?:- +)*)[^\s#'"{[\-][^#]*?:[ \t]*(?:#.*)?$/.exec(lines[i]);
    if (!opener) continue;
    let j = i + 1;
    while (j < lines.length && /^\s*(?:#.*)?$/.test(lines[j])) j++;
    if (j >= lines.length) break;
    const delta = /^ */.exec(lines[j])![0].length - opener[1].length - opener[2].length;
    if (delta > 0 && delta <= 8) counts.set(delta, (counts.get(delta) ?? 0) + 1);
  }
  let best = 2;
  let most = 0;
  for (const [delta, n] of counts) if (n > most || (n === most && delta < best)) [best, most] = [delta, n];
  return best;
}

// ---- reading a line ----

interface KeyToken {
  name: string;
  /** Offsets within the line. */
  start: number;
  end: number;
  /** Where the value starts (after the colon and its spaces). */
  valueStart: number;
}

const PLAIN_START = /^[^\s#\[\]{},&*!|>'"%@`]/;

/** The key a line's content (from `from`) starts with, when it is `key:` followed by a space or the end. */
function keyAt(text: string, from: number): KeyToken | undefined {
  const rest = text.slice(from);
  const quoted = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')[ \t]*:(?=[ \t]|$)[ \t]*/.exec(rest);
  if (quoted) return { name: quoted[1].slice(1, -1), start: from, end: from + quoted[1].length, valueStart: from + quoted[0].length };
  if (!PLAIN_START.test(rest) || /^[-?:](?:\s|$)/.test(rest)) return undefined;
  const m = /^(.*?)[ \t]*:(?=[ \t]|$)[ \t]*/.exec(rest);
  if (!m || /[ \t]#/.test(m[1])) return undefined;
  return { name: m[1], start: from, end: from + m[1].length, valueStart: from + m[0].length };
}

/** The end of a value's text within a line: before a comment (`#` after a space, outside quotes) and trailing spaces. */
function valueEnd(text: string, from: number): number {
  let end = text.length;
  const c = text[from];
  if (c === '"' || c === "'") {
    const close = c === '"' ? /^"(?:[^"\\]|\\.)*"/.exec(text.slice(from)) : /^'(?:[^']|'')*'/.exec(text.slice(from));
    if (close) {
      const after = text.slice(from + close[0].length);
      const comment = /^[ \t]*(?:#.*)?$/.test(after) ? from + close[0].length : -1;
      if (comment >= 0) return comment;
    }
  } else {
    const hash = /(?:^|[ \t])#/.exec(text.slice(from));
    if (hash) end = from + hash.index;
  }
  while (end > from && /[ \t]/.test(text[end - 1])) end--;
  return end;
}

/**
 * The flow collections still open after a line's text (their opening brackets, innermost last),
 * from those open before it; quotes and comments skipped. `comment` is where a comment started
 * while a collection was open, if it did.
 */
function flowScan(text: string, from: number, open: readonly string[]): { open: string[]; comment?: number } {
  const stack = [...open];
  let quote = '';
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) {
        if (quote === "'" && text[i + 1] === "'") i++;
        else quote = '';
      }
      continue;
    }
    if (c === '#' && (i === 0 || /[ \t]/.test(text[i - 1]))) return stack.length ? { open: stack, comment: i } : { open: stack };
    if ((c === '"' || c === "'") && (i === from || /[\s,[{:]/.test(text[i - 1]))) quote = c;
    else if (c === '[' || c === '{') stack.push(c);
    else if (c === ']' || c === '}') stack.pop();
  }
  return { open: stack };
}

/** Flow mappings on longer lines are not taken apart (see `flowProblem`). */
const MAX_FLOW_LINE = 2000;

interface FlowEntry {
  /** The key, when the entry is `key: value`. */
  key?: string;
  /** The plain value's text span within the line (unquoted values only). */
  valueStart: number;
  valueEnd: number;
}

/**
 * The entries of a one-line flow mapping starting at `open` (a `{`), with `#` read as text:
 * where a value runs when its ` #` or `: ` is meant as text. An entry ends at a `,` that a
 * `key:` follows, or at the mapping's closing brace.
 */
function flowEntries(text: string, open: number): FlowEntry[] {
  const out: FlowEntry[] = [];
  let i = open + 1;
  while (i < text.length) {
    while (i < text.length && /[ \t]/.test(text[i])) i++;
    if (i >= text.length || text[i] === '}') break;
    const key = keyAt(text, i);
    let start = key ? key.valueStart : i;
    while (start < text.length && /[ \t]/.test(text[start])) start++;
    // A nested or quoted value: skip it whole; its entry has no plain text to quote.
    let j = start;
    let plain = true;
    if (text[j] === '{' || text[j] === '[' || text[j] === '"' || text[j] === "'") {
      plain = false;
      const closeOf = text[j] === '{' ? '}' : text[j] === '[' ? ']' : text[j];
      if (closeOf === '"' || closeOf === "'") {
        const m = (closeOf === '"' ? /^"(?:[^"\\]|\\.)*"/ : /^'(?:[^']|'')*'/).exec(text.slice(j));
        j += m ? m[0].length : text.length - j;
      } else {
        let depth = 0;
        for (; j < text.length; j++) {
          if (text[j] === '{' || text[j] === '[') depth++;
          else if (text[j] === '}' || text[j] === ']') {
            depth--;
            if (!depth) {
              j++;
              break;
            }
          }
        }
      }
    }
    let end = j;
    for (; end < text.length; end++) {
      const c = text[end];
      if (c === '}') break;
      if (c === ',' && (/^,[ \t]*(?:"[^"]*"|'[^']*'|[^\s,:{}\[\]#][^,:{}\[\]]*?)[ \t]*:(?:[ \t]|$)/.test(text.slice(end)) || !plain)) break;
      if (!plain && c !== ' ' && c !== '\t') break;
    }
    let valueEnd = end;
    while (valueEnd > start && /[ \t]/.test(text[valueEnd - 1])) valueEnd--;
    out.push({ key: key?.name, valueStart: plain ? start : j, valueEnd: plain ? valueEnd : j });
    if (text[end] !== ',') break;
    i = end + 1;
  }
  return out;
}

// ---- the walk ----

interface Block {
  col: number;
  type: 'map' | 'seq';
  path: Path;
  /** The next item's index, for a sequence. */
  next: number;
  /** The line that opened it, and how many lines stand at its column so far. */
  first: number;
  size: number;
}

/** A line that expects an indented block under it: `key:` with no value, or `-` alone. */
interface Pending {
  col: number;
  path: Path;
  by: 'key' | 'item';
}

interface Line {
  start: number;
  text: string;
}

/** Why a document's text is refused, by walking its lines up to the first error. */
class Walk {
  private readonly lines: Line[] = [];
  private blocks: Block[] = [];
  private pending: Pending | undefined = { col: -1, path: [], by: 'key' };
  /** Inside a block scalar: lines indented more than this are its text. */
  private scalarCol: number | undefined;
  /** A flow collection or quoted text that runs over lines: where it opened, what is open, its last line so far. */
  private unclosed: { n: number; col: number; at: number; open: string[]; last: number } | undefined;
  private readonly steps: number[] = [];
  /** Whether the last value was plain text, which may run on over deeper lines. */
  private plainRuns = false;

  constructor(
    source: string,
    range: readonly number[],
    private readonly kind: Kind | undefined,
    index: LineIndex,
  ) {
    // The document's lines, and those after it up to the next document: the parser may end a
    // document it cannot follow early, and leave the rest out of its range.
    const first = index.positionAt(range[0]).line;
    for (let l = first; l < index.lineCount; l++) {
      const start = index.lineStart(l);
      const text = source.slice(start, index.lineEnd(l));
      if (l > first && start >= range[1] && /^(?:---|\.\.\.)(?:\s|$)/.test(text)) break;
      this.lines.push({ start, text });
    }
  }

  /**
   * The first mistake recognised up to the line holding offset `until` and the next line with
   * text (the parser often names the end of the line before the mistake).
   */
  explain(until: number): Explained | undefined {
    for (let n = 0; n < this.lines.length; n++) {
      const past = this.lines[n].start > until;
      const found = this.line(n);
      if (found) return found;
      if (past && this.lines[n].text.trim() && !this.lines[n].text.trimStart().startsWith('#')) return undefined;
    }
    return this.unclosed && this.notClosed(this.unclosed);
  }

  /** A bracket or quote never closed: close it where its text ends. */
  private notClosed(open: { n: number; at: number; open: string[]; last: number }): Explained {
    const { text, start } = this.lines[open.n];
    const first = open.open[0];
    const quote = first === '"' || first === "'";
    const closers = quote ? first : open.open.map((c) => (c === '[' ? ']' : '}')).reverse().join('');
    const last = this.lines[open.last];
    let end = last.text.length;
    if (!quote) {
      const comment = flowScan(last.text, 0, []).comment ?? /(?:^|[ \t])#/.exec(last.text)?.index;
      if (comment !== undefined && open.last !== open.n) end = comment;
      else if (open.last === open.n) end = flowScan(text, open.at, []).comment ?? end;
    }
    while (end > 0 && /[ \t]/.test(last.text[end - 1])) end--;
    const what = quote ? 'The quote opened here' : first === '[' ? 'The list opened with `[`' : 'The mapping opened with `{`';
    return {
      span: { start: start + open.at, end: start + valueEnd(text, open.at) },
      message: `${what} is not closed: end it with \`${closers}\``,
      fixes: [{ title: `Add \`${closers}\` at the end of the line`, kind: 'suggestion', edits: [{ span: { start: last.start + end, end: last.start + end }, text: closers }] }],
    };
  }

  private line(n: number): Explained | undefined {
    const { text } = this.lines[n];
    const indent = /^[ \t]*/.exec(text)![0];
    if (this.scalarCol !== undefined) {
      if (!text.trim() || indent.replace(/\t/g, ' ').length > this.scalarCol) return undefined;
      this.scalarCol = undefined;
    }
    const content = text.slice(indent.length);
    const open = this.unclosed;
    if (open && content && !content.startsWith('#')) {
      // Its lines go deeper than the line that opened it (a closing bracket may stand at its column).
      const quoted = open.open[0] === '"' || open.open[0] === "'";
      if (indent.length <= open.col && !(!quoted && /^[\]}]/.test(content))) return this.notClosed(open);
      open.last = n;
      if (quoted) {
        if (closingQuote(text, 0, open.open[0]) >= 0) this.unclosed = undefined;
      } else {
        const scan = flowScan(text, 0, open.open);
        open.open = scan.open;
        if (!scan.open.length) this.unclosed = undefined;
      }
      return undefined;
    }
    if (open) return undefined;
    if (!content || content.startsWith('#') || /^(?:---|\.\.\.)(?:\s|$)/.test(content) || content.startsWith('%')) return undefined;
    if (indent.includes('\t')) return this.tab(n, indent);
    const col = indent.length;

    // `- ` prefixes: items, possibly nested on one line.
    const dashes: number[] = [];
    let at = col;
    for (let m; (m = /^-(?: +|$)/.exec(text.slice(at))); ) {
      dashes.push(at);
      at += m[0].length;
    }
    const key = keyAt(text, at);

    // Where the line stands: a new block under the line above, or a column already open.
    const pending = this.pending;
    this.pending = undefined;
    const before = this.blocks.slice();
    let opened = false;
    if (pending && (col > pending.col || (col === pending.col && dashes.length > 0 && pending.by === 'key'))) {
      if (pending.col >= 0 && !dashes.length) this.steps.push(col - pending.col);
      this.blocks.push({ col, type: dashes.length ? 'seq' : 'map', path: pending.path, next: 0, first: n, size: 0 });
      opened = true;
    }
    if (!key && !dashes.length) {
      // Where a key belongs (not text running on): a quoted key must close on its line.
      const mapPath = opened ? pending!.path : this.mapAt(col)?.path;
      const q = text[col];
      if (mapPath && (q === '"' || q === "'") && closingQuote(text, col + 1, q) < 0) return this.notClosed({ n, at: col, open: [q], last: n });
      const noSpace = this.noSpace(n, col, mapPath);
      if (noSpace) return noSpace;
      return undefined; // continued text, or what only the parser can name
    }
    if (!opened) {
      while (this.blocks.length && this.top!.col > col) this.blocks.pop();
      if (!dashes.length && this.top?.type === 'seq' && this.top.col === col) this.blocks.pop();
      const top = this.top;
      if (!top || top.col !== col || (dashes.length ? top.type !== 'seq' : top.type !== 'map')) {
        if (key && !dashes.length) return this.misaligned(n, col, key, before);
        // Deeper than plain text above, `- ` is that text running on; else it is out of line.
        if (dashes.length && (!top || top.col !== col) && before.length && (col < before[before.length - 1].col || !this.plainRuns)) return this.misalignedItem(n, col, before);
        return undefined;
      }
    }

    this.plainRuns = false;
    // Items: each dash opens the next item of its sequence.
    let path: Path = this.top!.path;
    for (let d = 0; d < dashes.length; d++) {
      const seq = this.top!;
      if (seq.type !== 'seq' || seq.col !== dashes[d]) return undefined;
      seq.size++;
      path = [...seq.path, seq.next++];
      const inner = d + 1 < dashes.length ? dashes[d + 1] : at;
      if (d + 1 < dashes.length) this.blocks.push({ col: inner, type: 'seq', path, next: 0, first: n, size: 0 });
    }
    if (dashes.length && !key) {
      if (at >= text.length || text.slice(at).startsWith('#')) {
        this.pending = { col: dashes[dashes.length - 1], path, by: 'item' };
        return undefined;
      }
      return this.value(n, at, path, undefined, dashes[dashes.length - 1]);
    }
    if (dashes.length) this.blocks.push({ col: at, type: 'map', path, next: 0, first: n, size: 0 });
    const map = this.top!;
    map.size++;
    return this.value(n, key!.valueStart, [...map.path, key!.name], key!.name, at);
  }

  private indentStep: number | undefined;

  /** The document's usual indentation step. */
  private get unit(): number {
    return (this.indentStep ??= indentUnitOf(this.lines.map((l) => l.text)));
  }

  private get top(): Block | undefined {
    return this.blocks[this.blocks.length - 1];
  }

  private mapAt(col: number): Block | undefined {
    for (let i = this.blocks.length - 1; i >= 0; i--) {
      if (this.blocks[i].col === col && this.blocks[i].type === 'map') return this.blocks[i];
      if (this.blocks[i].col < col) return undefined;
    }
    return undefined;
  }

  /** A value after `key: ` (or `- `): what it opens, or what is wrong with it. */
  private value(n: number, from: number, path: Path, key: string | undefined, col: number): Explained | undefined {
    const { text, start } = this.lines[n];
    let v = from;
    // Anchors and tags before the value.
    for (let m; (m = /^[&!][^\s]*[ \t]*/.exec(text.slice(v))) && m[0]; ) v += m[0].length;
    const c = text[v];
    if (v >= text.length || c === '#') {
      this.pending = { col, path, by: 'key' };
      return undefined;
    }
    if (c === '|' || c === '>') {
      this.scalarCol = col;
      return undefined;
    }
    if (c === '{' || c === '[') {
      const scan = flowScan(text, v, []);
      if (c === '{') {
        const problem = this.flowProblem(n, v, scan.comment, path);
        if (problem) return problem;
      }
      if (scan.open.length) this.unclosed = { n, col, at: v, open: scan.open, last: n };
      return undefined;
    }
    if (c === '"' || c === "'") {
      if (closingQuote(text, v + 1, c) < 0) this.unclosed = { n, col, at: v, open: [c], last: n };
      return undefined;
    }
    if (c === '*') return undefined;
    const end = valueEnd(text, v);
    this.plainRuns = true;
    const colon = /:(?=[ \t]|$)/.exec(text.slice(v, end));
    if (colon) return this.quote(start + v, start + end, text.slice(v, end), key === undefined ? undefined : path, ': ');
    return undefined;
  }

  /** A one-line flow mapping whose plain value holds ` #` (read as a comment) or `: `. */
  private flowProblem(n: number, open: number, comment: number | undefined, path: Path): Explained | undefined {
    const { text, start } = this.lines[n];
    // A line longer than people type is data: reading its entries again and again would cost more than it tells.
    if (text.length > MAX_FLOW_LINE) return undefined;
    for (const entry of flowEntries(text, open)) {
      const value = text.slice(entry.valueStart, entry.valueEnd);
      if (!value) continue;
      const at = entry.key === undefined ? undefined : [...path, entry.key];
      if (comment !== undefined && entry.valueStart < comment && comment < entry.valueEnd) return this.quote(start + entry.valueStart, start + entry.valueEnd, value, at, ' #');
      if (/:(?=[ \t]|$)/.test(value)) return this.quote(start + entry.valueStart, start + entry.valueEnd, value, at, ': ');
    }
    return undefined;
  }

  /**
   * A plain value (at `path`, the key's; undefined for a list item) holding `: ` or ` #`. Text is
   * quoted; an id, a reference, a date or a number holds neither, so the advice is to take it out.
   */
  private quote(from: number, to: number, value: string, path: Path | undefined, holds: ': ' | ' #'): Explained {
    const span = { start: from, end: to };
    const key = path?.[path.length - 1];
    if (typeof key === 'string' && !isText(this.kind, path!)) {
      return {
        span,
        message: holds === ' #' ? `A comment inside \`{ … }\` hides its closing \`}\`: move it after the \`}\`` : `\`${shown(key)}\` holds \`: \`, which YAML reads as a key: take it out`,
      };
    }
    const what = typeof key === 'string' ? `the ${keyWords(key)}` : 'this text';
    const What = what[0].toUpperCase() + what.slice(1);
    return {
      span,
      message: `${What} holds \`${holds}\`, which YAML reads as ${holds === ': ' ? 'a key' : 'a comment'}: quote ${what}`,
      fixes: [{ title: `Quote ${what}`, kind: 'suggestion', edits: [{ span, text: quoteYaml(value) }] }],
    };
  }

  /** `title:Weekly` where `title: Weekly` was meant. */
  private noSpace(n: number, col: number, mapPath: Path | undefined): Explained | undefined {
    const { text, start } = this.lines[n];
    const m = /^([A-Za-z_][A-Za-z0-9_-]*):([^\s:/][^\s]*)/.exec(text.slice(col));
    if (!m || mapPath === undefined) return undefined;
    const known = knownKeys(this.kind, mapPath).includes(m[1]);
    const colon = start + col + m[1].length + 1;
    return {
      span: { start: start + col, end: start + col + m[0].length },
      message: `Add a space after the colon in \`${shown(m[0])}\``,
      // Before a key this mapping knows, the space is what was meant; before any other text, a guess.
      fixes: [{ title: `Add a space after \`${m[1]}:\``, kind: known ? 'fix' : 'suggestion', edits: [{ span: { start: colon, end: colon }, text: ' ' }] }],
    };
  }

  /**
   * A key whose column is none of the open mappings'. When the mapping it misses has only its
   * first key so far, and the lines after this one stand where this one does, that first key is
   * the one out of line.
   */
  private misaligned(n: number, col: number, key: KeyToken, open: readonly Block[]): Explained {
    const target = alignTarget(col, open, (path) => knownKeys(this.kind, path).includes(key.name));
    const block = open.find((b) => b.type === 'map' && b.col === target);
    if (target !== undefined && block && block.size === 1 && block.first < n) {
      const first = this.lines[block.first];
      const before = first.text.slice(0, target);
      if (/^ *$/.test(before)) {
        const firstKey = keyAt(first.text, target);
        if (firstKey && this.firstIsOdd(block, open, col, n)) return this.outOfLine(block.first, target, firstKey, col);
      } else {
        // The first key of a list item: the item's dash is what is out of line, when the item is its list's only one.
        const dash = /^( *)((?:-(?: +|$))+)$/.exec(before);
        const list = open[open.indexOf(block) - 1];
        const itemCol = dash ? col - dash[2].length : -1;
        if (dash && list?.type === 'seq' && list.size === 1 && itemCol >= 0 && this.firstIsOdd(list, open, itemCol, n, col)) {
          return this.moveItem(block.first, dash[1].length, itemCol, `its keys ${col}`);
        }
      }
    }
    return this.outOfLine(n, col, key, target);
  }

  /** The column of the next line with text after line `n` that is not inside the block line `n` opens. */
  private nextSiblingCol(n: number, col: number): number | undefined {
    for (let i = n + 1; i < this.lines.length; i++) {
      const text = this.lines[i].text;
      const c = /^ */.exec(text)![0].length;
      if (!text.trim() || text.slice(c).startsWith('#')) continue;
      if (c > col) continue;
      return c;
    }
    return undefined;
  }

  /** Key `key` on line `n`, at `col`, meant at `target` (undefined when that is not sure). */
  private outOfLine(n: number, col: number, key: KeyToken, target: number | undefined): Explained {
    const { start } = this.lines[n];
    const span = { start: start + key.start, end: start + key.end };
    if (target === undefined) return { span, message: `Key \`${shown(key.name)}\` is indented ${plural(col, 'space')}, in line with no key above: align it with its siblings` };
    const edits: SyntaxEdit[] = [{ span: { start, end: start + col }, text: ' '.repeat(target) }];
    // The block it opens moves with it when its lines would otherwise end up outside it.
    const delta = target - col;
    const opens = /^[ \t]*(?:#.*)?$/.test(this.lines[n].text.slice(key.valueStart));
    const children = opens ? this.childLines(n, col, target) : [];
    if (delta > 0 && children.some((c) => c.col <= target)) for (const c of children) edits.push({ span: { start: c.start, end: c.start }, text: ' '.repeat(delta) });
    return {
      span,
      message: `Key \`${shown(key.name)}\` is indented ${plural(col, 'space')}, its siblings ${target}: align it`,
      fixes: [{ title: `Indent \`${shown(key.name)}\` ${plural(target, 'space')}, as its siblings`, kind: 'suggestion', edits }],
    };
  }

  /**
   * A list item whose dash is at no open list's column: the nearest list's, when one is nearest.
   * When that list has only its first item so far, and the items after this one stand where this
   * one does, that first item is the one out of line.
   */
  private misalignedItem(n: number, col: number, open: readonly Block[]): Explained | undefined {
    const lists = open.filter((b) => b.type === 'seq');
    if (!lists.length) return undefined;
    const distance = Math.min(...lists.map((b) => Math.abs(b.col - col)));
    const nearest = [...new Set(lists.filter((b) => Math.abs(b.col - col) === distance).map((b) => b.col))];
    if (nearest.length !== 1) return undefined;
    const target = nearest[0];
    const list = lists.find((b) => b.col === target)!;
    if (list.size === 1 && list.first < n && this.firstIsOdd(list, open, col, n)) return this.moveItem(list.first, target, col, `the items below ${col}`);
    return this.moveItem(n, col, target, `the items above ${target}`);
  }

  /**
   * Whether the first line of a block (which holds only it so far) is the one out of line, rather
   * than line `n` at `col`: the next line of the block stands at `col` too, or `col` is the usual
   * step from the block's parent and the first line's column is not.
   */
  private firstIsOdd(block: Block, open: readonly Block[], col: number, n: number, lineCol = col): boolean {
    if (this.nextSiblingCol(n, lineCol) === lineCol) return true;
    const parent = open[open.indexOf(block) - 1];
    if (!parent) return false;
    const unit = this.unit;
    const usual = (c: number) => c - parent.col === unit || (block.type === 'seq' && parent.type === 'map' && c === parent.col);
    return usual(col) && !usual(block.col);
  }

  /** The item on line `n`, its dash at `col`, moved to `target`; `because` says where the lines it is to fit stand. */
  private moveItem(n: number, col: number, target: number, because: string): Explained {
    const { start, text } = this.lines[n];
    // Its own lines (its other keys, what they hold) move with it, unless they already stand where it is meant to be.
    const delta = target - col;
    const edits: SyntaxEdit[] = [{ span: { start, end: start + col }, text: ' '.repeat(target) }];
    const textCol = col + /^(?:-(?: +|$))+/.exec(text.slice(col))![0].length;
    for (let i = n + 1; i < this.lines.length; i++) {
      const line = this.lines[i];
      if (!line.text.trim()) continue;
      const c = /^ */.exec(line.text)![0].length;
      if (line.text.slice(c).startsWith('#')) continue;
      if (c <= col || (c === target && /^-(?:\s|$)/.test(line.text.slice(c)))) break;
      if (edits.length === 1 && c !== textCol) break;
      edits.push(delta > 0 ? { span: { start: line.start, end: line.start }, text: ' '.repeat(delta) } : { span: { start: line.start, end: line.start - delta }, text: '' });
    }
    return {
      span: { start: start + col, end: start + col + 1 },
      message: `List item is indented ${plural(col, 'space')}, ${because}: ${because.startsWith('its keys') ? `indent it ${target}` : 'align it'}`,
      fixes: [{ title: `Indent the item ${plural(target, 'space')}`, kind: 'suggestion', edits }],
    };
  }

  /**
   * The lines of the block a key on line `n` opens: those after it indented more than `col`, up
   * to the first that is not, or that is a sibling at the column `target` it moves to.
   */
  private childLines(n: number, col: number, target: number): Array<{ start: number; col: number }> {
    const out: Array<{ start: number; col: number }> = [];
    for (let i = n + 1; i < this.lines.length; i++) {
      const { text, start } = this.lines[i];
      if (!text.trim()) continue;
      const c = /^ */.exec(text)![0].length;
      const content = text.slice(c);
      if (content.startsWith('#')) continue;
      if (c <= col || (c === target && !/^-(?:\s|$)/.test(content))) break;
      out.push({ start, col: c });
    }
    return out;
  }

  /** Tabs in a line's indentation: the spaces its siblings use instead. */
  private tab(n: number, indent: string): Explained {
    const { start } = this.lines[n];
    const first = indent.indexOf('\t');
    const span = { start: start + first, end: start + indent.lastIndexOf('\t') + 1 };
    const message = 'Tabs are not allowed as indentation: replace the tab with spaces';
    const target = this.tabTarget(n);
    if (target === undefined) return { span, message };
    // The lines after it indented the same way are its siblings (and their children): they change alike.
    const edits: SyntaxEdit[] = [];
    for (let i = n; i < this.lines.length; i++) {
      const line = this.lines[i];
      if (!line.text.trim()) continue;
      if (!line.text.startsWith(indent)) {
        if (/^[ \t]*#/.test(line.text)) continue;
        break;
      }
      edits.push({ span: { start: line.start, end: line.start + indent.length }, text: ' '.repeat(target.col) });
    }
    return { span, message, fixes: [{ title: `Replace the tab with ${plural(target.col, 'space')}`, kind: target.sure ? 'fix' : 'suggestion', edits }] };
  }

  /** The column a tab-indented line means: under a key that opens a block, or among siblings whose column is sure. */
  private tabTarget(n: number): { col: number; sure: boolean } | undefined {
    const next = this.nextSpaced(n);
    const unit = this.steps[0] ?? this.unit;
    const content = this.lines[n].text.trimStart();
    // A key lines up with a mapping's keys, an item with a list's dashes.
    const dashes = /^(?:-(?: +|$))*/.exec(content)![0].length;
    const item = dashes > 0;
    // The next line is a sibling when it is the same kind of line and this one opens no block under it.
    const opens = /^(?:-(?: +|$))*(?:[^#]*?:)?[ \t]*(?:#.*)?$/.test(content);
    const sibling = next && !opens && next.item === item ? next.col : undefined;
    if (this.pending && this.pending.col >= 0) {
      let col = this.pending.col + unit;
      if (sibling !== undefined && sibling > this.pending.col) col = sibling;
      // An item's own keys, on the lines after it, stand where its text starts.
      else if (next && item && !next.item && !opens && next.col - dashes > this.pending.col) col = next.col - dashes;
      return { col, sure: true };
    }
    const open = this.blocks.filter((b) => b.col > 0 && b.type === (item ? 'seq' : 'map'));
    const top = open[open.length - 1];
    if (!top) return this.blocks.some((b) => b.col > 0) ? undefined : { col: unit, sure: false };
    const sure = new Set(open.map((b) => b.col)).size === 1 || sibling === top.col;
    return { col: top.col, sure };
  }

  /** The next line indented with spaces only, with text: its column, and whether it is a list item. */
  private nextSpaced(n: number): { col: number; item: boolean } | undefined {
    for (let i = n + 1; i < this.lines.length; i++) {
      const text = this.lines[i].text;
      const indent = /^[ \t]*/.exec(text)![0];
      const content = text.slice(indent.length);
      if (!content || content.startsWith('#')) continue;
      if (indent.includes('\t')) continue;
      return { col: indent.length, item: /^-(?:\s|$)/.test(content) };
    }
    return undefined;
  }
}

/** Where a quoted scalar opened with `quote` closes in a line, from `from`; -1 when it runs on. */
function closingQuote(text: string, from: number, quote: string): number {
  for (let i = from; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') i++;
    else if (text[i] === quote) {
      if (quote === "'" && text[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}

/**
 * The column a key out of line was meant at: the open mapping nearest to it, when one is nearer
 * than every other, or when of the nearest only one knows the key. A key at the column of a
 * list's dashes belongs to the item above.
 */
function alignTarget(col: number, open: readonly Block[], knows: (path: Path) => boolean): number | undefined {
  for (let i = 0; i + 1 < open.length; i++) if (open[i].type === 'seq' && open[i].col === col && open[i + 1].type === 'map') return open[i + 1].col;
  const maps = open.filter((b) => b.type === 'map');
  if (!maps.length) return undefined;
  const distance = Math.min(...maps.map((b) => Math.abs(b.col - col)));
  const nearest = maps.filter((b) => Math.abs(b.col - col) === distance);
  if (nearest.length === 1) return nearest[0].col;
  const knowing = nearest.filter((b) => knows(b.path));
  return knowing.length === 1 ? knowing[0].col : undefined;
}

/**
 * The one syntax problem of a document `yaml` refused: the first mistake recognised before its
 * first error, else that error in plainer words and on its line's characters. Spans are offsets
 * into `source`, the segment's text; `index`, its lines, may be shared by its documents.
 */
export function explainSyntax(source: string, range: readonly number[], errors: readonly YamlProblem[], kind: Kind | undefined, index = new LineIndex(source)): Explained {
  const first = errors.reduce((a, b) => (b.pos[0] < a.pos[0] ? b : a));
  const walk = new Walk(source, range, kind ?? declaredKind(source.slice(range[0], range[1])), index);
  try {
    const found = walk.explain(first.pos[0]);
    if (found) return found;
  } catch {
    // A walk that cannot follow the text leaves the parser's word.
  }
  return { span: onContent(source, first.pos[0], Math.max(first.pos[0], first.pos[1])), message: friendly(first.code, first.message) };
}

/**
 * A parser's error span moved onto its line's characters: from the indentation to the text,
 * and no further than the line's end (a comment left out).
 */
function onContent(source: string, from: number, to: number): Span {
  let lineStart = from;
  while (lineStart > 0 && source[lineStart - 1] !== '\n') lineStart--;
  let lineEnd = from;
  while (lineEnd < source.length && source[lineEnd] !== '\n' && source[lineEnd] !== '\r') lineEnd++;
  const text = source.slice(lineStart, lineEnd);
  const indent = /^[ \t]*/.exec(text)![0].length;
  const content = text.slice(indent);
  if (!content.trim() || content.startsWith('#')) return { start: from, end: to };
  let start = from;
  let end = Math.min(to, lineEnd);
  if (start - lineStart <= indent) {
    start = lineStart + indent;
    if (end <= start + 1) end = lineStart + valueEnd(text, indent);
  }
  if (end <= start) end = Math.min(lineEnd, start + 1);
  return { start, end };
}
