import * as assert from 'node:assert/strict';
import { workspaceOf } from '../../helpers';
import { MEASURE_RULES } from '../../../src/core/rules/measure';
import { ALL_RULES } from '../../../src/core/rules/registry';
import { measureData } from '../../../src/core/model/measure';
import { parseDataFile } from '../../../src/core/data';
import type { Diagnostic } from '../../../src/core/types';

// Every centre line and limit below is worked out by hand in the comment above its case (to 2
// decimals), never taken from the code's output; the findings are then exactly those DESIGN §2
// says these numbers give.

/** Weekly dates from Monday 2026-01-05: week(0) = 2026-01-05, week(12) = 2026-03-30. */
function week(i: number): string {
  return new Date(Date.UTC(2026, 0, 5 + 7 * i)).toISOString().slice(0, 10);
}

/** A measure with inline points; its points start on line 3 + head.length + 2. */
function measure(head: string[], values: number[], ns?: number[]): string {
  return ['kind: measure', 'id: m', ...head, 'data:', '  points:', ...values.map((v, i) => `    - { date: ${week(i)}, value: ${v}${ns ? `, n: ${ns[i]}` : ''} }`), ''].join('\n');
}

/** The diagnostics of each file of a workspace, as `rule@line:column-endLine:endColumn message`. */
function findings(files: Record<string, string>, config?: string): Record<string, string[]> {
  const ws = workspaceOf(config !== undefined ? { ...files, '.improvekit.yaml': config } : files);
  const show = (d: Diagnostic) => `${d.rule}@${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${d.message}`;
  return Object.fromEntries(Object.keys(files).map((f) => [f, ws.diagnostics(`file:///ws/${f}`).map(show)]));
}

function one(text: string, config?: string): string[] {
  return findings({ 'm.measure.yaml': text }, config)['m.measure.yaml'];
}

// Baseline B, 12 points: 21 19 20 22 18 20 21 19 20 22 18 20
//   sum 240 → mean 20.00
//   moving ranges 2 1 2 4 2 1 2 1 2 4 2 → sum 23 over 11 → MR̄ = 2.0909
//   UCL = 20 + 2.66 × 2.0909 = 25.56;  LCL = 20 − 5.5618 = 14.44
//   2 sigma = 1.773 × 2.0909 = 3.7072 → 23.71 and 16.29
//   no signal inside it: no run over 2 off the centre (three points are on it), no 3 going one way.
const B = [21, 19, 20, 22, 18, 20, 21, 19, 20, 22, 18, 20];
/** XmR, better up, one phase whose limits are frozen on B (the baseline). */
const FROZEN = ['chart: xmr', 'better: up', 'phases:', `  - { start: ${week(0)}, label: Baseline, freeze: 12 }`];
// Points start on line 9: point i is on line 9 + i; the item's value runs from column 9 to 25
// (`{ date: …, value: 22 }`), 27 for a one-decimal value.

describe('measure rules', () => {
  it('are the measure rules of DESIGN §2 in its order, with their severities, then the two data rules', () => {
    assert.deepEqual(
      MEASURE_RULES.map((r) => `${r.id}:${r.severity}`),
      [
        'measure/data-unreadable:error',
        'measure/bad-row:warning',
        'measure/points-out-of-order:warning',
        'measure/too-few-points:hint',
        'measure/outside-limits:info',
        'measure/shift:info',
        'measure/trend:info',
        'measure/runs:info',
        'measure/two-of-three:info',
        'measure/phase-without-reason:warning',
        'measure/target-out-of-reach:info',
      ],
    );
    const ids = ALL_RULES.map((r) => r.id);
    const tail = ids.slice(ids.indexOf('measure/data-unreadable'));
    assert.deepEqual(tail.slice(MEASURE_RULES.length), ['driver/measure-without-data', 'pdsa/points-out-of-order', 'pdsa/data-unreadable', 'pdsa/bad-row']);
    assert.equal(ALL_RULES.find((r) => r.id === 'driver/measure-without-data')?.severity, 'hint');
    assert.equal(ALL_RULES.find((r) => r.id === 'pdsa/points-out-of-order')?.severity, 'warning');
    // Options are declared with the IHI values (an unset option follows `spc`).
    const options = Object.fromEntries(MEASURE_RULES.filter((r) => r.options).map((r) => [r.id, r.options]));
    assert.deepEqual(options, {
      'measure/too-few-points': { min_points: 12, run_min_points: 10 },
      'measure/shift': { min_shift: 8, run_min_shift: 6 },
      'measure/trend': { min_trend: 6, run_min_trend: 5 },
    });
  });

  describe('XmR charts', () => {
    it('compute the frozen baseline by hand: centre 20, limits 14.44 to 25.56, 2 sigma 16.29 to 23.71', () => {
      const file = measure(FROZEN, [...B, 22, 21, 23, 22, 21, 22, 23, 21]);
      const ws = workspaceOf({ 'm.measure.yaml': file });
      const doc = ws.file('file:///ws/m.measure.yaml')!.documents[0];
      const phase = measureData(doc.data!, undefined).series[0].analysis.phases[0];
      assert.equal(phase.centre, 20);
      assert.equal(phase.baseline, 12);
      assert.equal(phase.frozen, true);
      assert.deepEqual([phase.limits.lcl, phase.limits.ucl, phase.limits.lower2, phase.limits.upper2].map((v) => v.toFixed(2)), ['14.44', '25.56', '16.29', '23.71']);
    });

    // B, then 22 21 23 22 21 22 23 21 (weeks 12–19): all above 20, none beyond 23.71 → a run of 8
    // above the frozen centre line (week 11 is on the line: it neither counts nor breaks it; week
    // 10, 18, is below). Longest climb 21 22 23 (3 points): no trend. IHI's shift is 8: it fires.
    const SHIFT8 = measure(FROZEN, [...B, 22, 21, 23, 22, 21, 22, 23, 21]);
    it('report a shift of 8 above the centre line (IHI), as an improvement when better is up', () => {
      assert.deepEqual(one(SHIFT8), [
        'measure/shift@21:7-28:38 Shift: 8 in a row above the centre line (20) from 2026-03-30 to 2026-05-18 — an improvement: note what changed then',
      ]);
      assert.deepEqual(one(SHIFT8, 'spc: mdc\n'), one(SHIFT8));
    });

    // B, then 22 21 23 22 21 22 23 19: the run above stops at 7 (19 is below 20). IHI needs 8: no
    // finding at all; NHS Making Data Count needs 7: a shift.
    const SHIFT7 = measure(FROZEN, [...B, 22, 21, 23, 22, 21, 22, 23, 19]);
    it('report a 7-point shift only with spc: mdc', () => {
      assert.deepEqual(one(SHIFT7), []);
      assert.deepEqual(one(SHIFT7, 'spc: mdc\n'), [
        'measure/shift@21:7-27:38 Shift: 7 in a row above the centre line (20) from 2026-03-30 to 2026-05-11 — an improvement: note what changed then',
      ]);
    });

    it('let a rule option replace the preset, and follow spc where it is unset', () => {
      // min_shift: 7 under ihi fires on the run of 7; min_shift: 9 under mdc silences the run of 8.
      assert.equal(one(SHIFT7, 'rules:\n  measure/shift: { min_shift: 7 }\n').length, 1);
      assert.deepEqual(one(SHIFT8, 'spc: mdc\nrules:\n  measure/shift: { min_shift: 9 }\n'), []);
      // Set to the IHI value under mdc, the option still wins: 8 is asked for, the run of 7 is not one.
      assert.deepEqual(one(SHIFT7, 'spc: mdc\nrules:\n  measure/shift: { min_shift: 8 }\n'), []);
      // An option of another rule does not touch this one.
      assert.equal(one(SHIFT7, 'spc: mdc\nrules:\n  measure/trend: { min_trend: 9 }\n').length, 1);
    });

    // B, then 16.5 17 18 19 21 22 (weeks 12–17): 6 points going up (week 11, 20, to 16.5 goes
    // down). 16.5 is above 16.29: not beyond 2 sigma; the 4 below 20 are no shift. IHI's control
    // chart trend is 6: it fires; MDC's is 7: it does not.
    const TREND6 = measure(FROZEN, [...B, 16.5, 17, 18, 19, 21, 22]);
    it('report a trend of 6 (IHI) that MDC (7) does not', () => {
      assert.deepEqual(one(TREND6), ['measure/trend@21:7-26:38 Trend: 6 in a row going up from 2026-03-30 to 2026-05-04 — an improvement: note what changed then']);
      assert.deepEqual(one(TREND6, 'spc: mdc\n'), []);
    });

    // B, then 21 24 19 24.5 20 19 21 27 20 (weeks 12–20), better down, target 14:
    //   beyond 2 sigma above (> 23.71): 24 (week 13), 24.5 (week 15), 27 (week 19);
    //   weeks 13 and 15 lie in one window of 3 → 2 of 3; week 19 has no partner within 3;
    //   27 > UCL 25.56 → outside the limits (week 19, line 28);
    //   target 14 < LCL 14.44 → out of reach (better down: the improvement side is below).
    const SPECIAL = ['chart: xmr', 'better: down', 'target: 14', 'phases:', `  - { start: ${week(0)}, label: Baseline, freeze: 12 }`];
    it('report 2 of 3 beyond 2 sigma, a point outside the limits and an unreachable target, as concerns when better is down', () => {
      assert.deepEqual(one(measure(SPECIAL, [...B, 21, 24, 19, 24.5, 20, 19, 21, 27, 20])), [
        'measure/target-out-of-reach@5:9-5:11 Target 14 is below the lower limit (14.44): the process as it runs will not reach it — change the process',
        'measure/two-of-three@23:7-25:40 2 of 3 points beyond 2 sigma, above 23.71: 2026-04-06, 2026-04-20 — a concern: look for what changed then',
        'measure/outside-limits@29:7-29:38 2026-05-18 (27) is above the upper limit (25.56) — a concern: look for what happened then',
      ]);
      // 15 is above the LCL (14.44): within reach.
      assert.deepEqual(
        one(measure(SPECIAL.map((l) => l.replace('target: 14', 'target: 15')), [...B, 21, 24, 19, 24.5, 20, 19, 21, 27, 20])).map((f) => f.split('@')[0]),
        ['measure/two-of-three', 'measure/outside-limits'],
      );
    });

    // Two phases: B (weeks 0–11), then P2 = 16 15 17 16 14 16 15 17 16 15 16 17 (weeks 12–23):
    //   P2 sum 190 → mean 15.83; moving ranges 1 2 1 2 2 1 2 1 1 1 1 → 15 / 11 = 1.3636;
    //   UCL = 15.83 + 2.66 × 1.3636 = 19.46;  LCL = 15.83 − 3.6273 = 12.21;
    //   2 sigma = 2.4177 → 13.42 and 18.25. No signal in either phase (no run over 3, no climb over 2).
    const P2 = [16, 15, 17, 16, 14, 16, 15, 17, 16, 15, 16, 17];
    const phased = (reason: boolean, target: number) => [
      'chart: xmr',
      'better: down',
      `target: ${target}`,
      'phases:',
      `  - { start: ${week(0)}, label: Baseline }`,
      `  - { start: ${week(12)}, label: With template${reason ? ', reason: huddles-c2 put the template in use' : ''} }`,
    ];
    it('give each phase its own centre and limits, and read the target against the latest phase', () => {
      const text = measure(phased(true, 14), [...B, ...P2]);
      const doc = workspaceOf({ 'm.measure.yaml': text }).file('file:///ws/m.measure.yaml')!.documents[0];
      const [first, second] = measureData(doc.data!, undefined).series[0].analysis.phases;
      assert.equal(first.centre, 20);
      assert.equal(first.limits.ucl.toFixed(2), '25.56');
      assert.deepEqual([second.centre, second.limits.lcl, second.limits.ucl, second.limits.lower2, second.limits.upper2].map((v) => v.toFixed(2)), ['15.83', '12.21', '19.46', '13.42', '18.25']);
      // Target 14 is above the latest LCL (12.21): within reach; nothing to report.
      assert.deepEqual(one(text), []);
    });

    it('warn of a later phase without a reason, and read a target of 12 as out of reach (12 < 12.21)', () => {
      assert.deepEqual(one(measure(phased(false, 12), [...B, ...P2])), [
        'measure/target-out-of-reach@5:9-5:11 Target 12 is below the lower limit (12.21): the process as it runs will not reach it — change the process',
        'measure/phase-without-reason@8:7-8:24 Phase "With template" from 2026-03-30 has no reason: add `reason:` naming the known change that justifies new limits',
      ]);
    });

    it('hint that 8 points are too few for an XmR chart (12), and read signals from min_points when set', () => {
      const eight = measure(['chart: xmr'], [10, 11, 12, 13, 14, 15, 16, 17]);
      assert.deepEqual(one(eight), ['measure/too-few-points@6:7-13:38 Only 8 points: an XmR chart needs 12 before signals are read — none is reported yet']);
      // With min_points 8 the points are read. 10 11 … 17: mean 13.5, every moving range 1 → MR̄ 1;
      // limits 13.5 ± 2.66 = 10.84 and 16.16 (10 and 17 are outside); 2 sigma 13.5 ± 1.773 = 11.73
      // and 15.27 (10, 11 below; 16, 17 above: two 2-of-3); 8 going up: a trend (6 needed).
      assert.deepEqual(
        one(eight, 'rules:\n  measure/too-few-points: { min_points: 8 }\n').map((f) => f.split(' ')[0]),
        ['measure/outside-limits@6:7-6:38', 'measure/trend@6:7-13:38', 'measure/two-of-three@6:7-7:38', 'measure/two-of-three@12:7-13:38', 'measure/outside-limits@13:7-13:38'],
      );
    });
  });

  describe('run charts', () => {
    // 10 12 11 13 12 14 8 7 9 8 7 9: sorted 7 7 8 8 9 9 | 10 11 12 12 13 14 → median (9 + 10) / 2 = 9.5.
    //   The first 6 are above, the last 6 below: 2 runs for 12 points off the median, where the
    //   table gives 3 to 11 → too few runs; two shifts of 6. The first starts at the first point: no
    //   "what changed" prompt (nothing changed there); the second, below, is an improvement (better down).
    it('report shifts about the median, too few runs, and no prompt for a run from the first point', () => {
      assert.deepEqual(one(measure(['better: down'], [10, 12, 11, 13, 12, 14, 8, 7, 9, 8, 7, 9])), [
        'measure/runs@6:7-17:37 Too few runs: 2 (3 to 11 expected for 12 points off the median) — the process shifted: find when',
        'measure/shift@6:7-11:38 Shift: the first 6 points (2026-01-05 to 2026-02-09) are above the median (9.5): the level moved after 2026-02-09',
        'measure/shift@12:7-17:37 Shift: 6 in a row below the median (9.5) from 2026-02-16 to 2026-03-23 — an improvement: note what changed then',
      ]);
    });

    // 12 11 13 12 14 9 10 11 12 13: median of 9 10 11 11 12 | 12 12 13 13 14 = 12; 5 points going up
    // from week 5 (9 10 11 12 13) → a trend (run chart: 5), a concern when better is down; 7 points
    // off the median: too few for the runs table (10 to 60).
    it('report a trend of 5 on a run chart', () => {
      assert.deepEqual(one(measure(['better: down'], [12, 11, 13, 12, 14, 9, 10, 11, 12, 13])), [
        'measure/trend@11:7-15:38 Trend: 5 in a row going up from 2026-02-09 to 2026-03-09 — a concern: look for what changed then',
      ]);
    });

    it('warn of dates that do not increase, and read no signal from the series until they do', () => {
      const text = measure([], [10, 12, 11, 13, 12, 14, 8, 7, 9, 8, 7, 9]).replace('date: 2026-02-23', 'date: 2026-02-09');
      assert.deepEqual(one(text), [
        'measure/points-out-of-order@12:7-12:37 2026-02-09 comes after 2026-02-16: dates must increase — sort the points by date; no signal is read until then',
      ]);
    });

    it('hint that a measure has no points yet', () => {
      assert.deepEqual(one('kind: measure\nid: m\nchart: run\n'), ['measure/too-few-points@2:5-2:6 No points yet: add them under `data.points`, or name a CSV with `data.file`; a run chart needs 10 for signals']);
    });
  });

  describe('p charts from a CSV, one chart per group', () => {
    // Lincoln, 12 weeks, 50 students each: 20 22 18 21 19 20 23 17 20 21 19 20 → Σ 240 / 600 → p̄ = 0.40;
    //   sigma = √(0.4 × 0.6 / 50) = 0.0693 → UCL 0.4 + 0.2078 = 0.6078 (60.8%), LCL 0.1922 (19.2%).
    // Adams, the same 12 and week 12 at 32 of 50 (0.64): Σ 272 / 650 → p̄ = 0.4185;
    //   sigma = √(0.4185 × 0.5815 / 50) = 0.0698 → UCL 0.4185 + 0.2093 = 0.6278 (62.8%);
    //   0.64 > 0.6278: outside the limits; 2 sigma 0.5580 is passed by that point alone.
    // Target 62% (better up): above Lincoln's UCL (60.8%) — out of reach; below Adams' (62.8%) — not.
    // Two rows are left out: 2026-02-30 (no such day) and a value of n/a.
    const L = [20, 22, 18, 21, 19, 20, 23, 17, 20, 21, 19, 20];
    const rows = ['week,school,reading,students'];
    for (let i = 0; i < 13; i++) {
      if (i < 12) rows.push(`${week(i)},Lincoln,${L[i]},50`);
      rows.push(`${week(i)},Adams,${i < 12 ? L[i] : 32},50`);
      if (i === 3) rows.push('2026-02-30,Adams,20,50'); // line 10
      if (i === 6) rows.push(`${week(6)},Lincoln,n/a,50`); // line 17
    }
    const CSV = `${rows.join('\n')}\n`;
    const doc = (target: string, data: string[] = ['  file: data/reading.csv', '  date: week', '  value: reading', '  n: students', '  group: school']) =>
      ['kind: measure', 'id: reading', 'chart: p', 'better: up', `target: ${target}`, 'data:', ...data, ''].join('\n');

    it('read each school against its own limits, report the bad rows in the CSV and the target per school', () => {
      assert.deepEqual(findings({ 'reading.measure.yaml': doc('62%'), 'data/reading.csv': CSV }), {
        'reading.measure.yaml': [
          'measure/target-out-of-reach@5:9-5:12 school Lincoln: Target 62% is above the upper limit (60.8%): the process as it runs will not reach it — change the process',
          'measure/outside-limits@7:9-7:25 school Adams: 2026-03-30 (64%) is above the upper limit (62.8%) (CSV line 28) — an improvement: note what happened then',
        ],
        'data/reading.csv': [
          'measure/bad-row@10:1-10:23 Date "2026-02-30" in `week` is not a date: write it YYYY-MM-DD; the row is left out',
          'measure/bad-row@17:1-17:26 Value "n/a" in `reading` is not a number: write digits, such as 12.5; the row is left out',
        ],
      });
      // 60% is below both upper limits: within reach for both.
      assert.deepEqual(findings({ 'reading.measure.yaml': doc('60%'), 'data/reading.csv': CSV })['reading.measure.yaml'].map((f) => f.split('@')[0]), ['measure/outside-limits']);
      const data = measureData({ chart: 'p', data: { file: 'data/reading.csv', date: 'week', value: 'reading', n: 'students', group: 'school' } }, parseDataFile('file:///ws/data/reading.csv', CSV));
      assert.deepEqual(data.series.map((s) => [s.group, s.points.length, s.analysis.phases[0].centre.toFixed(4), s.analysis.phases[0].limits.ucl.toFixed(4)]), [
        ['Lincoln', 12, '0.4000', '0.6078'],
        ['Adams', 13, '0.4185', '0.6278'],
      ]);
    });

    it('report a file the workspace does not hold, a path that may not be read, and columns the header lacks', () => {
      const check = (text: string) => findings({ 'reading.measure.yaml': text, 'data/reading.csv': CSV })['reading.measure.yaml'];
      assert.deepEqual(check(doc('60%', ['  file: data/missing.csv'])), [
        'measure/data-unreadable@7:9-7:25 No file `data/missing.csv` in the workspace: check the path, relative to this file (a CSV with a header row)',
      ]);
      assert.deepEqual(check(doc('60%', ['  file: /etc/reading.csv'])), [
        'measure/data-unreadable@7:9-7:25 `/etc/reading.csv` may not be read: name a .csv file by a path relative to this file, such as data/huddles.csv',
      ]);
      assert.deepEqual(check(doc('60%', ['  file: data/reading.csv', '  date: day', '  value: reading'])), [
        'measure/data-unreadable@7:9-7:25 data/reading.csv has no `n` column (it has `week`, `school`, `reading`, `students`): add `n: <column>` under `data`',
        'measure/data-unreadable@8:9-8:12 Column `day` is not in the header of data/reading.csv (`week`, `school`, `reading`, `students`): name one of those in `data.date`',
      ]);
    });

    it('re-check the measure when its CSV changes', () => {
      const ws = workspaceOf({ 'reading.measure.yaml': doc('60%'), 'data/reading.csv': CSV });
      assert.equal(ws.diagnostics('file:///ws/data/reading.csv').length, 2);
      ws.setDataFile('file:///ws/data/reading.csv', CSV.replace('2026-02-30', week(20)).replace('n/a', '23'));
      // The repaired rows are read now: no bad row. Adams' row of week 20 (line 10) makes its next
      // row (week 4, line 12) come after a later date, and the Lincoln row of line 17 repeats
      // 2026-02-16: both out of order, each reported in the CSV on its row.
      assert.deepEqual(
        ws.diagnostics('file:///ws/data/reading.csv').map((d) => `${d.rule}@${d.range.start.line + 1}`),
        ['measure/points-out-of-order@12', 'measure/points-out-of-order@17'],
      );
    });
  });

  describe('PDSA data series from a file', () => {
    const driver = [
      'kind: driver-diagram',
      'id: k3',
      'aim: { statement: Raise reading, measure: m-reading, target: 70%, by: 2027-06-30 }',
      'measures:',
      '  - { id: m-reading, name: Reading at grade level, type: outcome }',
      '  - { id: m-minutes, name: Huddle minutes, type: process }',
      '  - { id: m-load, name: Team lead hours, type: balancing }',
      '',
    ].join('\n');
    const pdsa = (data: string[]) =>
      ['kind: pdsa-cycle', 'id: c1', 'change_idea: k3#c-x', 'status: planning', 'plan: { objective: Learn }', 'data:', ...data, ''].join('\n');
    // 28 22 30 25 31 21 29 27 then 20 19 21 18 20 19: median of the 14 (18 19 19 20 20 21 21 | 22 25
    // 27 28 29 30 31) = (21 + 22) / 2 = 21.5; the last 6 (weeks 8–13, CSV lines 10–15) are below.
    const minutes = [28, 22, 30, 25, 31, 21, 29, 27, 20, 19, 21, 18, 20, 19];
    const CSV = `day,minutes\n${minutes.map((v, i) => `${week(i)},${v}`).join('\n')}\n`;

    it('read the run chart from the CSV, and count it as data for its measure', () => {
      const out = findings({ 'k3.driver.yaml': driver, 'c1.pdsa.yaml': pdsa(['  measure: k3#m-minutes', '  file: minutes.csv', '  date: day', '  value: minutes']), 'minutes.csv': CSV });
      // (`change_idea: k3#c-x` names no change idea: ref/unknown's, left out here.)
      assert.deepEqual(out['c1.pdsa.yaml'].filter((f) => !f.startsWith('ref/')).map((f) => f.replace(/\. By the run chart rules.*/, '')), [
        'pdsa/run-chart-shift@8:9-8:20 Shift: 6 points below the median (21.5), 2026-03-02 to 2026-04-06 (CSV lines 10–15): note what changed',
      ]);
      // m-minutes has data; the two other measures have none.
      assert.deepEqual(out['k3.driver.yaml'], [
        'driver/measure-without-data@5:7-5:20 No data for measure `k3#m-reading`: add a measure document or PDSA series for it',
        'driver/measure-without-data@7:7-7:17 No data for measure `k3#m-load`: add a measure document or PDSA series for it',
      ]);
      assert.deepEqual(out['minutes.csv'], []);
    });

    it('report a missing file or column, bad rows in the CSV, and dates that do not increase', () => {
      const files = (data: string[], csv = CSV) => findings({ 'c1.pdsa.yaml': pdsa(data), 'minutes.csv': csv });
      assert.deepEqual(files(['  file: gone.csv'])['c1.pdsa.yaml'].filter((f) => !f.startsWith('ref/')), [
        'pdsa/data-unreadable@7:9-7:17 No file `gone.csv` in the workspace: check the path, relative to this file (a CSV with a header row)',
      ]);
      assert.deepEqual(files(['  file: minutes.csv'])['c1.pdsa.yaml'].filter((f) => !f.startsWith('ref/')), [
        'pdsa/data-unreadable@7:9-7:20 minutes.csv has no `date` column (it has `day`, `minutes`): add `date: <column>` under `data`',
        'pdsa/data-unreadable@7:9-7:20 minutes.csv has no `value` column (it has `day`, `minutes`): add `value: <column>` under `data`',
      ]);
      const broken = CSV.replace(`${week(2)},30`, `${week(2)},thirty`).replace(`${week(5)},21`, `${week(1)},21`);
      const out = files(['  file: minutes.csv', '  date: day', '  value: minutes'], broken);
      assert.deepEqual(out['minutes.csv'], [
        'pdsa/bad-row@4:1-4:18 Value "thirty" in `minutes` is not a number: write digits, such as 12.5; the row is left out',
        'pdsa/points-out-of-order@7:1-7:14 2026-01-12 comes after 2026-02-02: dates must increase — sort the rows by date; no signal is read until then',
      ]);
    });

    it('warn of inline points whose dates do not increase, and read no run-chart signal then', () => {
      const points = minutes.map((v, i) => `    - { date: ${i === 9 ? week(3) : week(i)}, value: ${v} }`);
      const out = findings({ 'c1.pdsa.yaml': pdsa(['  points:', ...points]) })['c1.pdsa.yaml'].filter((f) => !f.startsWith('ref/'));
      assert.deepEqual(out, ['pdsa/points-out-of-order@17:7-17:38 2026-01-26 comes after 2026-03-02: dates must increase — sort the points by date; no run-chart signal is read until then']);
    });
  });

  describe('driver/measure-without-data', () => {
    it('fires on every measure of a diagram while the workspace holds no data for it (DESIGN §2)', () => {
      const driver = 'kind: driver-diagram\nid: k3\naim: { statement: Raise reading, measure: m-a, target: 70%, by: 2027-06-30 }\nmeasures:\n  - { id: m-a, name: A, type: outcome }\n  - { id: m-b, name: B, type: balancing }\n';
      const cycle = 'kind: pdsa-cycle\nid: c1\nchange_idea: k3#c-x\n';
      assert.deepEqual(findings({ 'k3.driver.yaml': driver, 'c1.pdsa.yaml': cycle })['k3.driver.yaml'].map((f) => f.split(' ')[0]), ['driver/measure-without-data@5:7-5:14', 'driver/measure-without-data@6:7-6:14']);
    });

    it('counts a measure document naming the measure, even bare, and a PDSA series only with points or a file', () => {
      const driver = 'kind: driver-diagram\nid: k3\naim: { statement: Raise reading, measure: m-a, target: 70%, by: 2027-06-30 }\nmeasures:\n  - { id: m-a, name: A, type: outcome }\n  - { id: m-b, name: B, type: balancing }\n';
      const noSeries = 'kind: pdsa-cycle\nid: c1\nchange_idea: k3#c-x\ndata: { measure: k3#m-b }\n';
      const out = findings({ 'k3.driver.yaml': driver, 'a.measure.yaml': 'kind: measure\nid: a\nmeasure: m-a\n', 'c1.pdsa.yaml': noSeries });
      assert.deepEqual(out['k3.driver.yaml'].map((f) => f.split(' ')[0]), ['driver/measure-without-data@6:7-6:14']);
    });
  });
});
