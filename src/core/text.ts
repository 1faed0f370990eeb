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
export const SUGGEST_LIMITS = { candidates: 300, wordLength: 64 } as const;

/**
 * The candidate closest to `word`, if it is close enough to be a likely typo
 * (at most a third of the word's length in edits, or a shared prefix/suffix).
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  let examined = 0;
  for (const candidate of candidates) {
    if (candidate === word) continue;
    // Bounded work on hostile input: typos are looked for among the first candidates, in short words.
    if (++examined > SUGGEST_LIMITS.candidates) break;
    const c = candidate.toLowerCase();
    const limit = Math.max(1, Math.floor(Math.max(lower.length, c.length) / 3));
    const short = lower.length <= SUGGEST_LIMITS.wordLength && c.length <= SUGGEST_LIMITS.wordLength;
    let d = short ? editDistance(lower, c, limit) : limit + 1;
    if (d > limit) {
      // "huddles" for "c-huddles": one contains the other.
      if (short && lower.length >= 3 && c.length >= 3 && (c.includes(lower) || lower.includes(c))) d = limit + 0.5;
      else continue;
    }
    if (d < bestScore) {
      bestScore = d;
      best = candidate;
    }
  }
  return best;
}

/** Human list: "a, b and c". */
export function listing(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
