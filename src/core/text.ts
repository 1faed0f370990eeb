import type { Position, Range, Span } from './types';

/** Maps offsets of a text to line/character positions (CRLF, LF and lone CR all end a line). */
export class LineIndex {
  private readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** The offset just past the last character of a line, before its line break. */
  lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    let end = this.starts[line + 1];
    if (end > 0 && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    // An offset inside a CRLF pair belongs to the end of its line.
    const character = Math.min(o - this.starts[lo], this.lineEnd(lo) - this.starts[lo]);
    return { line: lo, character };
  }

  offsetAt(position: Position): number {
    const start = this.lineStart(position.line);
    return Math.min(start + Math.max(0, position.character), this.lineEnd(position.line));
  }

  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }
}

/**
 * Edit distance counting a swap of two neighbours as one edit ("opne" → "open"),
 * bounded for speed: returns max+1 once the distance exceeds max.
 */
export function editDistance(a: string, b: string, max = 64): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before = new Array<number>(b.length + 1).fill(0);
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        cur[j] = Math.min(cur[j], before[j - 2] + 1);
      }
      if (cur[j] < rowMin) rowMin = cur[j];
    }
    if (rowMin > max) return max + 1;
    [before, prev, cur] = [prev, cur, before];
  }
  return prev[b.length];
}

/** Bounds of the typo search: ids and keys are short, and a suggestion for a longer word would not help. */
export const SUGGEST_LIMITS = { wordLength: 64 } as const;

const NUMBER_WORDS: Record<string, string> = {
  zero: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', ten: '10',
  eleven: '11', twelve: '12', first: '1', second: '2', third: '3', fourth: '4', fifth: '5',
};

/** An id with its number words written as digits: `tl-one` and `tl-1` are one id to a reader. */
function numbered(lower: string): string {
  return lower.replace(/[a-z]+/g, (w) => NUMBER_WORDS[w] ?? w);
}

/** Whether the shorter of two words is inside the longer and is at least half of it ("huddles" in "c-huddles", not "ana" in "data-analyst"). */
function contains(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 3 && short.length * 2 >= long.length && long.includes(short);
}

/**
 * The candidate closest to `word`, if it is close enough to be a likely typo: at most a third of
 * the word's length in edits, the same id with its numbers written otherwise (`tl-one` for
 * `tl-1`), or one word inside the other. Every candidate is looked at; the length difference and
 * an edit distance bounded by the best found so far keep that quick for thousands of them.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  if (lower.length > SUGGEST_LIMITS.wordLength) return undefined;
  const lowerNumbered = numbered(lower);
  let best: string | undefined;
  let bestScore = Infinity;
  for (const { candidate, c, n } of prepared(candidates)) {
    if (candidate === word) continue;
    let d: number;
    if (c === lower) d = 0;
    else if (n === lowerNumbered) d = 0.25;
    else {
      const limit = Math.max(1, Math.floor(Math.max(lower.length, c.length) / 3));
      // Nothing within the limit, or better than the best so far, can differ more in length.
      const bound = Math.min(limit, Math.ceil(bestScore) - 1);
      d = bound >= 1 && Math.abs(lower.length - c.length) <= bound ? editDistance(lower, c, bound) : bound + 1;
      if (d > bound) {
        if (limit + 0.5 < bestScore && contains(lower, c)) d = limit + 0.5;
        else continue;
      }
    }
    if (d < bestScore) {
      bestScore = d;
      best = candidate;
      if (d === 0) break;
    }
  }
  return best;
}

interface Prepared {
  candidate: string;
  /** Lower case. */
  c: string;
  /** Lower case, number words as digits. */
  n: string;
}

/** Candidates in the forms compared, kept per list: the same list is often searched for many words. */
const PREPARED = new WeakMap<readonly string[], { length: number; out: Prepared[] }>();
function prepared(candidates: Iterable<string>): Prepared[] {
  const list = Array.isArray(candidates) ? (candidates as readonly string[]) : undefined;
  const kept = list && PREPARED.get(list);
  if (kept && kept.length === list.length) return kept.out;
  const out: Prepared[] = [];
  for (const candidate of candidates) {
    const c = candidate.toLowerCase();
    if (c.length <= SUGGEST_LIMITS.wordLength) out.push({ candidate, c, n: numbered(c) });
  }
  if (list) PREPARED.set(list, { length: list.length, out });
  return out;
}

/** Human list: "a, b and c". */
export function listing(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
