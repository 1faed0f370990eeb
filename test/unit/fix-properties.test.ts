import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { Workspace } from '../../src/core/workspace';
import { fixAllEdits } from '../../src/core/fixes';
import type { Diagnostic, TextEdit } from '../../src/core/types';
import { TEST_TODAY } from '../helpers';

/*
 * Properties of Fix All (the fixes, never the suggestions) over generated documents with
 * comments, CRLF line endings, flow and block lists and miscased values: after applying every fix
 * of every finding the YAML still parses, the fixed findings are gone, no new finding appears,
 * every comment and line ending is kept, and outside the edited ranges the text is byte-identical.
 */

const RUNS = Number(process.env.PROPERTY_RUNS) || 100;
const SEED = process.env.PROPERTY_SEED === 'random' ? undefined : process.env.PROPERTY_SEED ? Number(process.env.PROPERTY_SEED) : 20261124;

/** A word in random letter case: `open` → `oPeN`. */
const miscased = (word: string) => fc.array(fc.boolean(), { minLength: word.length, maxLength: word.length }).map((up) => [...word].map((c, i) => (up[i] ? c.toUpperCase() : c)).join(''));
const comment = fc.option(fc.constantFrom('# note', '#: kept', '# a "quoted" # remark', '# ünïcode — dash'), { nil: undefined });
const party = fc.constantFrom('supt', 'cao', 'cfo', 'board', 'principals', 'hr-chief');

const decision = fc.record({
  flowList: fc.boolean(),
  agree: fc.uniqueArray(party, { minLength: 1, maxLength: 2 }),
  status: fc.constantFrom('open', 'decided').chain((s) => miscased(s)),
  comments: fc.array(comment, { minLength: 6, maxLength: 6 }),
  spaceBeforeColon: fc.boolean(),
});

const charter = fc.record({ eol: fc.constantFrom('\n', '\r\n'), decisions: fc.array(decision, { minLength: 1, maxLength: 3 }), head: comment }).map(({ eol, decisions, head }) => {
  const lines = ['kind: rapid-charter', `id: c${head ? `  ${head}` : ''}`, 'decisions:'];
  const c = (s: string | undefined) => (s ? `  ${s}` : '');
  decisions.forEach((d, i) => {
    lines.push(`  - id: d${i}${c(d.comments[0])}`, `    decision: decide ${i}${c(d.comments[1])}`, `    recommend: cao${c(d.comments[2])}`);
    if (d.flowList) lines.push(`    agree: [${d.agree.join(', ')}]${c(d.comments[3])}`);
    else lines.push(`    agree:${c(d.comments[3])}`, ...d.agree.map((p) => `      - ${p}`));
    lines.push(`    perform: principals`, `    decide${d.spaceBeforeColon ? ' ' : ''}: supt${c(d.comments[4])}`, `    status: ${d.status}${c(d.comments[5])}`);
    if (d.status.toLowerCase() === 'decided') lines.push('    outcome: done');
  });
  return lines.join(eol) + eol;
});

function offsetsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

/** Applies edits (non-overlapping) and returns the new text and the edited spans of the old one. */
function apply(text: string, edits: TextEdit[]): { text: string; spans: Array<[number, number]> } {
  const starts = offsetsOf(text);
  const spans = edits.map((e) => [starts[e.range.start.line] + e.range.start.character, starts[e.range.end.line] + e.range.end.character, e.newText] as const).sort((a, b) => b[0] - a[0]);
  let out = text;
  for (const [s, e, t] of spans) out = out.slice(0, s) + t + out.slice(e);
  return { text: out, spans: spans.map(([s, e]) => [s, e]) };
}

const key = (d: Diagnostic) => `${d.rule}@${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`;
const comments = (text: string) => text.match(/(?<=\s)#[^\r\n]*/g) ?? [];

describe('fix properties', () => {
  it('Fix All keeps every byte it does not mean to change, and leaves no finding of its own', () => {
    fc.assert(
      fc.property(charter, (text) => {
        const uri = 'file:///ws/c.rapid.yaml';
        const ws = new Workspace({ today: () => TEST_TODAY });
        ws.setFile(uri, text);
        const before = ws.diagnostics(uri);
        const { edits, fixes } = fixAllEdits(before);
        assert.ok(fixes.every((f) => f.kind === 'fix'), 'Fix All applies fixes only');
        // Every miscased status is a fix (case only); nothing else here has one.
        const miscasedCount = (text.match(/status: (?!open\b|decided\b)\S+/g) ?? []).length;
        assert.equal(fixes.length, miscasedCount, text);
        const { text: after, spans } = apply(text, edits);

        assert.equal(parseAllDocuments(after).flatMap((d) => d.errors).length, 0, after);
        assert.deepEqual(comments(after), comments(text), 'every comment is kept');
        assert.equal(after.split('\r\n').length, text.split('\r\n').length, 'CRLF line endings are kept');
        assert.equal(after.split('\n').length, text.split('\n').length, 'no line is added or removed');
        // Case-only fixes keep the length: every differing byte lies inside an edited span.
        assert.equal(after.length, text.length);
        for (let i = 0; i < text.length; i++) {
          if (text[i] !== after[i]) assert.ok(spans.some(([s, e]) => i >= s && i < e), `byte ${i} changed outside the edits`);
        }

        ws.setFile(uri, after);
        const fixed = new Set(before.filter((d) => d.fixes?.some((f) => f.kind === 'fix')).map(key));
        assert.deepEqual(ws.diagnostics(uri).map(key).sort(), before.map(key).filter((k) => !fixed.has(k)).sort(), 'the fixed findings are gone and no new one appears');
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
