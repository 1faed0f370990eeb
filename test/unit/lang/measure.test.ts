/**
 * Language features of measures (and PDSA cycles' series): CSV column names, `measure:`
 * references, phases' `reason` and `start`, and hover on points and on the data file.
 */
import * as assert from 'node:assert/strict';
import { completions, hover } from '../../../src/core/lang';
import { DRIVER, textOf, withCursor } from './util';

const CSV = [
  'school,week,minutes,huddles',
  'lincoln,2026-01-05,30,2',
  'lincoln,2026-01-12,28,2',
  'lincoln,2026-01-19,31,2',
  'lincoln,2026-01-26,29,2',
  'lincoln,2026-02-02,30,2',
  'lincoln,2026-02-09,27,2',
  'lincoln,2026-03-02,22,2',
  'lincoln,2026-03-09,21,2',
  'lincoln,2026-03-16,20,2',
  '',
].join('\n');

const MEASURE = `kind: measure
id: huddle-minutes
title: Minutes each data huddle ran
measure: k3-reading#m-huddles
unit: minutes
better: down
chart: xmr
data:
  file: data/huddles.csv
  date: week
  value: minutes
phases:
  - { start: 2026-01-05, label: Baseline }
  - { start: 2026-03-02, label: With template, reason: huddles-c2 put the template in use }
`;

const cycle = (id: string, n: number, start: string) => `kind: pdsa-cycle
id: ${id}
title: Huddles, cycle ${n}
change_idea: k3-reading#c-template
cycle: ${n}
status: done
plan:
  start: ${start}
act:
  decision: adapt
`;

const OTHERS = {
  'k.driver.yaml': DRIVER,
  'data/huddles.csv': CSV,
  'c1.pdsa.yaml': cycle('huddles-c1', 1, '2026-01-12'),
  'c2.pdsa.yaml': cycle('huddles-c2', 2, '2026-03-02'),
  'c3.pdsa.yaml': cycle('huddles-c3', 3, '2026-03-09'),
  // Tests another change idea: not this measure's.
  'x.pdsa.yaml': cycle('other-c1', 1, '2026-02-01').replace('k3-reading#c-template', 'k3-reading#c-elsewhere'),
};

const at = (marked: string, others: Record<string, string> = OTHERS, name = 'm.measure.yaml') => {
  const { ws, uri, pos, text } = withCursor(name, marked, others);
  return { items: completions(ws, uri, pos), ws, uri, pos, text };
};

const sortedLabels = (items: ReturnType<typeof completions>) => [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label)).map((c) => c.label);

describe('lang: measures', () => {
  describe('completion', () => {
    it("offers the CSV header's columns at data.date, the dates column first", () => {
      const { items } = at(MEASURE.replace('date: week', 'date: |'));
      assert.deepEqual(sortedLabels(items), ['week', 'school', 'huddles', 'minutes']);
      const week = items.find((c) => c.label === 'week')!;
      assert.equal(week.kind, 'value');
      assert.equal(week.detail, 'column of data/huddles.csv');
      assert.match(week.documentation!, /e\.g\. `2026-01-05`, `2026-01-12`, `2026-01-19`/);
    });

    it('offers number columns first at data.value and data.n, a column another key names last', () => {
      assert.deepEqual(sortedLabels(at(MEASURE.replace('value: minutes', 'value: |')).items), ['minutes', 'huddles', 'school', 'week']);
      const n = at(MEASURE.replace('chart: xmr', 'chart: u').replace('value: minutes', 'value: minutes\n  n: |')).items;
      assert.deepEqual(sortedLabels(n), ['huddles', 'school', 'week', 'minutes']);
      const group = at(MEASURE.replace('value: minutes', 'value: minutes\n  group: sch|')).items;
      assert.equal(sortedLabels(group)[0], 'school');
    });

    it('quotes a column name YAML would not read as written, and offers nothing before the CSV is read', () => {
      const odd = 'Week start,# of minutes,2026\n2026-01-05,30,1\n';
      const items = at(MEASURE.replace('value: minutes', 'value: |'), { ...OTHERS, 'data/huddles.csv': odd }).items;
      assert.deepEqual(
        items.map((c) => c.insertText),
        ['Week start', '"# of minutes"', '"2026"'],
      );
      assert.deepEqual(at(MEASURE.replace('value: minutes', 'value: |'), { 'k.driver.yaml': DRIVER }).items, []);
    });

    it("offers columns to a PDSA cycle's data when it names a file", () => {
      const pdsa = `kind: pdsa-cycle\nid: c9\nchange_idea: k3-reading#c-template\ndata:\n  file: data/huddles.csv\n  date: week\n  value: |\n`;
      assert.deepEqual(sortedLabels(at(pdsa, OTHERS, 'c9.pdsa.yaml').items), ['minutes', 'huddles', 'school', 'week']);
    });

    it("offers the driver diagrams' measures at `measure:` (the spec's reference site)", () => {
      const { items } = at(MEASURE.replace('measure: k3-reading#m-huddles', 'measure: |'));
      assert.deepEqual(items.map((c) => c.label), ['k3-reading#m-proficiency', 'k3-reading#m-huddles']);
      assert.equal(items[1].detail, 'Huddles held per week');
    });

    it("offers, as a phase's reason, the PDSA cycles testing the measure's change ideas, the closest start first", () => {
      const { items } = at(MEASURE.replace('reason: huddles-c2 put the template in use', 'reason: |'));
      assert.deepEqual(sortedLabels(items), ['huddles-c2', 'huddles-c3', 'huddles-c1']);
      const c2 = items.find((c) => c.label === 'huddles-c2')!;
      assert.equal(c2.insertText, 'huddles-c2 — One-page huddle template');
      assert.equal(c2.detail, 'Huddles, cycle 2 · from 2026-03-02');
      assert.match(c2.documentation!, /tests change idea `k3-reading#c-template` — One-page huddle template; it started 2026-03-02; decision: adapt/);
      // Without `measure:`, no cycle is known to test it.
      assert.deepEqual(at(MEASURE.replace('measure: k3-reading#m-huddles\n', '').replace('reason: huddles-c2 put the template in use', 'reason: |')).items, []);
    });

    it("offers as a phase's start the PDSA cycles' starts and the dates of the points after the previous phase", () => {
      const marked = MEASURE.replace('  - { start: 2026-03-02, label: With template, reason: huddles-c2 put the template in use }\n', '  - { start: 2026-03-02, label: With template }\n  - { start: | }\n');
      const { items } = at(marked);
      assert.deepEqual(sortedLabels(items), ['2026-03-09', '2026-03-16']);
      assert.equal(items.find((c) => c.label === '2026-03-09')!.detail, 'start of PDSA cycle huddles-c3');
      assert.equal(items.find((c) => c.label === '2026-03-16')!.detail, 'point: 20 minutes');
      // The second phase: points from the first phase's start on, up to the third's.
      const second = at(MEASURE.replace('{ start: 2026-03-02, label: With template', '{ start: |, label: With template').replace('reason: huddles-c2 put the template in use }', 'reason: x }\n  - { start: 2026-03-09 }')).items;
      assert.deepEqual(sortedLabels(second), ['2026-03-02', '2026-01-12', '2026-02-09', '2026-02-02', '2026-01-26', '2026-01-19']);
    });
  });

  describe('hover', () => {
    const INLINE = `kind: measure
id: minutes
unit: minutes
better: down
chart: xmr
data:
  points:
${[20, 21, 19, 20, 22, 21, 20, 19, 21, 20, 21, 20, 35].map((v, i) => `    - { date: 2026-01-${String(i + 1).padStart(2, '0')}, value: ${v} }`).join('\n')}
`;

    it('tells a point its date, value, the centre line and limits of its phase, and its signals', () => {
      const marked = INLINE.replace('2026-01-13, value: 35', '2026-01-13, value: 3|5');
      const { ws, uri, pos, text } = withCursor('m.measure.yaml', marked);
      const h = hover(ws, uri, pos)!;
      assert.ok(h);
      assert.match(h.contents, /\*\*Point\*\* 2026-01-13: \*\*35\*\* minutes/);
      assert.match(h.contents, /All points: mean 21\.46; limits 15\.03 to 27\.89\./);
      assert.match(h.contents, /\*\*outside the limits\*\*: above the upper limit — concern/);
      assert.equal(textOf(text, h.range), '{ date: 2026-01-13, value: 35 }');
      const quiet = hover(ws, uri, { line: pos.line - 5, character: 12 })!;
      assert.match(quiet.contents, /\*\*Point\*\* 2026-01-08: \*\*19\*\* minutes/);
      assert.match(quiet.contents, /In no signal\./);
    });

    it("tells a PDSA cycle's run-chart point too", () => {
      const pdsa = `kind: pdsa-cycle\nid: c1\nchange_idea: k3-reading#c-template\ndata:\n  points:\n    - { date: 2026-03-02, value: 1 }\n    - { date: 2026-03-03, value: 3|, note: second }\n`;
      const { ws, uri, pos } = withCursor('c1.pdsa.yaml', pdsa, { 'k.driver.yaml': DRIVER });
      assert.match(hover(ws, uri, pos)!.contents, /\*\*Point\*\* 2026-03-03: \*\*3\*\*\n\nAll points: median 2\./);
    });

    it('says when a phase has too few points for signals, and when a point is left out', () => {
      const few = `kind: measure\nid: few\nchart: run\ndata:\n  points:\n    - { date: 2026-01-01, value: 3 }\n    - { date: 2026-01-02, value: 4| }\n`;
      const { ws, uri, pos } = withCursor('f.measure.yaml', few);
      const h = hover(ws, uri, pos)!;
      assert.match(h.contents, /All points: median 3\.5\. No signal is read yet: 2 points of the 10 the chart needs\./);
      const p = `kind: measure\nid: shares\nchart: p\ndata:\n  points:\n    - { date: 2026-01-01, value: 3| }\n`;
      const left = withCursor('p.measure.yaml', p);
      assert.match(hover(left.ws, left.uri, left.pos)!.contents, /left out of the chart — `n` is not a number/);
    });

    it('tells on data.file what was read and lists the latest points with their phase', () => {
      const { ws, uri, pos, text } = withCursor('m.measure.yaml', MEASURE.replace('file: data/huddles.csv', 'file: data/hud|dles.csv'), OTHERS);
      const h = hover(ws, uri, pos)!;
      assert.equal(textOf(text, h.range), 'data/huddles.csv');
      assert.match(h.contents, /\*\*Data file\*\* `data\/huddles\.csv`: 9 points read\./);
      assert.match(h.contents, /Columns: `week` \(date\), `minutes` \(value\)\./);
      assert.match(h.contents, /latest 5 points:\n\n- 2026-02-02: 30 minutes\n- 2026-02-09: 27 minutes\n- 2026-03-02: 22 minutes\n- 2026-03-09: 21 minutes\n- 2026-03-16: 20 minutes/);
      assert.match(h.contents, /\*\*With template\*\* \(from 2026-03-02\): mean 21; limits/);
      const key = withCursor('m.measure.yaml', MEASURE.replace('data:\n  file', 'da|ta:\n  file'), OTHERS);
      const onKey = hover(key.ws, key.uri, key.pos)!;
      assert.match(onKey.contents, /^`data` — The data: a CSV `file`/);
      assert.match(onKey.contents, /\*\*Data file\*\* `data\/huddles\.csv`: 9 points read\.\n\nColumns/);
      const missing = withCursor('m.measure.yaml', MEASURE.replace('file: data/huddles.csv', 'file: data/no|ne.csv'), OTHERS);
      assert.match(hover(missing.ws, missing.uri, missing.pos)!.contents, /`data\/none\.csv`: no readable file/);
      const refused = withCursor('m.measure.yaml', MEASURE.replace('file: data/huddles.csv', 'file: /etc/x|.csv'), OTHERS);
      assert.match(hover(refused.ws, refused.uri, refused.pos)!.contents, /may not be read/);
    });
  });
});
