/**
 * Message-map rules. From the report on the SCALE Initiative (2014): in times
 * of change people have limited capacity to take information in, so change messages are crafted
 * "in 27 words or fewer, nine seconds or less, and three main ideas"; and "jargon and verbosity
 * can make these descriptions confusing to parents, other stakeholders, and members of the
 * general public".
 */
import { secondsToSay, wordCount } from '../model/words';
import type { Report, Rule } from './api';
import { isObj, list } from '../model/values';
import { plural } from '../text';
import type { Path, Span } from '../types';

const KINDS = ['message-map'] as const;

/** The key messages and their text (a message written as a bare string counts too). */
function messagesOf(data: Record<string, unknown>): Array<{ index: number; text: string | undefined; path: Path }> {
  return list(data.messages).flatMap((m, index) => {
    if (isObj(m)) return [{ index, text: typeof m.text === 'string' ? m.text : typeof m.text === 'number' ? String(m.text) : undefined, path: ['messages', index, 'text'] as Path }];
    if (typeof m === 'string') return [{ index, text: m, path: ['messages', index] as Path }];
    return [];
  });
}

function escape(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

interface Matcher {
  re: RegExp;
  /** List entries by their normalised form (lower case, white space as one space). */
  entries: Map<string, string>;
}

const matchers = new Map<string, Matcher>();

const normalise = (w: string) => w.toLowerCase().replace(/\s+/g, ' ');

function matcher(jargon: readonly string[]): Matcher | undefined {
  const words = [...new Set(jargon.map((w) => w.trim()).filter(Boolean))];
  if (!words.length) return undefined;
  const key = words.join('\u0000');
  let m = matchers.get(key);
  if (!m) {
    // Longest first, so that "rubrics" wins over "rubric"; a phrase matches across any white space.
    const sorted = words.sort((a, b) => b.length - a.length);
    const re = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${sorted.map((w) => escape(w).replace(/\s+/g, '\\s+')).join('|')})(?![\\p{L}\\p{N}_])`, 'giu');
    const entries = new Map<string, string>();
    for (const w of sorted) if (!entries.has(normalise(w))) entries.set(normalise(w), w);
    m = { re, entries };
    if (matchers.size > 16) matchers.clear();
    matchers.set(key, m);
  }
  return m;
}

/** Whole-word, case-insensitive matches of the jargon list in a text, with the list entry each matched. */
export function jargonIn(value: string, jargon: readonly string[]): Array<{ start: number; end: number; word: string; entry: string }> {
  const m = matcher(jargon);
  if (!m) return [];
  const out: Array<{ start: number; end: number; word: string; entry: string }> = [];
  for (const hit of value.matchAll(m.re)) {
    const start = hit.index ?? 0;
    out.push({ start, end: start + hit[0].length, word: hit[0], entry: m.entries.get(normalise(hit[0])) ?? hit[0] });
  }
  return out;
}

/** Everyday words for some of the default jargon, offered in the message. */
const PLAIN: Record<string, string> = {
  pedagogy: 'teaching',
  pedagogical: 'teaching',
  summative: 'end-of-year',
  formative: 'check-in',
  differentiation: 'teaching each child at their level',
  differentiated: 'matched to each child',
  scaffolding: 'step-by-step help',
  scaffolded: 'step-by-step',
  rubric: 'scoring guide',
  rubrics: 'scoring guides',
  benchmark: 'check-up test',
  benchmarks: 'check-up tests',
  interim: 'mid-year',
  metacognition: 'thinking about their own thinking',
  metacognitive: 'thinking-about-thinking',
  stakeholders: 'families, staff and neighbours',
  leverage: 'use',
  rigor: 'challenge',
  rigorous: 'challenging',
  paradigm: 'approach',
  synergy: 'working together',
};

const tooManyMessages: Rule = {
  id: 'message/too-many-messages',
  kinds: KINDS,
  severity: 'warning',
  description: 'More than 3 key messages (threshold): people under stress take in about three main ideas.',
  options: { max_messages: 3 },
  check(ctx) {
    const max = ctx.option<number>('max_messages');
    const present = list(ctx.data.messages).flatMap((m, i) => (m === null || m === undefined ? [] : [i]));
    if (present.length <= max) return;
    const firstExtra = present[max];
    ctx.report({
      at: ['messages', firstExtra],
      target: 'item',
      message: `${present.length} key messages, more than ${max}: merge some, or move points into the \`support\` of one`,
    });
  },
};

const tooManyWords: Rule = {
  id: 'message/too-many-words',
  kinds: KINDS,
  severity: 'warning',
  description: 'The key messages total more than 27 words (about 9 seconds spoken; threshold).',
  options: { max_words: 27 },
  check(ctx) {
    const max = ctx.option<number>('max_words');
    const counts = messagesOf(ctx.data).map((m) => ({ ...m, words: m.text === undefined ? 0 : wordCount(m.text) }));
    const total = counts.reduce((n, m) => n + m.words, 0);
    if (total <= max) return;
    ctx.report({
      at: ['messages'],
      target: 'key',
      message: `The key messages total ${plural(total, 'word')} (about ${secondsToSay(total)} seconds): keep them to ${max} words, move details into \`support\``,
    });
  },
};

const jargonRule: Rule = {
  id: 'message/jargon',
  kinds: KINDS,
  severity: 'hint',
  description: 'A key message uses a word from the configurable jargon list.',
  check(ctx) {
    for (const m of messagesOf(ctx.data)) {
      if (m.text === undefined) continue;
      const hits = jargonIn(m.text, ctx.jargon);
      if (!hits.length) continue;
      const node = ctx.doc.locate(m.path, 'value');
      // The word's own span when the source is the value itself, plain or simply quoted on one line.
      const length = node.end - node.start;
      const offset = length === m.text.length ? 0 : length === m.text.length + 2 && !/["'\\\n\r\t]/.test(m.text) ? 1 : undefined;
      for (const hit of hits) {
        const span: Span | undefined = offset === undefined ? undefined : { start: node.start + offset + hit.start, end: node.start + offset + hit.end };
        const plain = PLAIN[hit.entry.toLowerCase()];
        const report: Report & { span?: Span } = {
          at: m.path,
          target: 'value',
          span,
          message: `"${hit.word}" is jargon ${audienceOf(ctx.data)} may not know: say it in everyday words${plain ? ` ("${plain}")` : ''}`,
          fixes: plain && span ? [{ title: `Replace "${hit.word}" with "${plain}"`, kind: 'suggestion', edits: [{ span, text: plain }] }] : undefined,
        };
        // `span` narrows the range to the word (the engine honours it as it does for edits).
        ctx.report(report);
      }
    }
  },
};

function audienceOf(data: Record<string, unknown>): string {
  const a = typeof data.audience === 'string' ? data.audience.trim() : '';
  return a ? a.replace(/\s+/g, ' ') : 'your audience';
}

export const MESSAGE_RULES: readonly Rule[] = [tooManyMessages, tooManyWords, jargonRule];
