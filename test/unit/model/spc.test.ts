import * as assert from 'node:assert/strict';
import { analyzeRunChart } from '../../../src/core/model/runchart';
import { analyzeChart, groupBy, IHI, latestPhase, MDC, phaseRanges, spcRules, targetOutOfReach, trendsOf, type ChartOptions, type SpcPoint } from '../../../src/core/model/spc';

// Every expected number below is worked out by hand in the comment above it, never taken from
// the code's own output.

/** Weekly dates from 2026-01-05 (a Monday). */
function week(i: number): string {
  const d = new Date(Date.UTC(2026, 0, 5 + 7 * i));
  return d.toISOString().slice(0, 10);
}

function series(values: number[], ns?: number[]): SpcPoint[] {
  return values.map((value, i) => (ns ? { date: week(i), value, n: ns[i] } : { date: week(i), value }));
}

/** Equal to 2 decimals. */
function close(actual: number, expected: number, what = ''): void {
  assert.ok(Math.abs(actual - expected) < 0.005, `${what} ${actual} is not ${expected} to 2 decimals`);
}

function analyze(values: number[], options: ChartOptions, ns?: number[]) {
  return analyzeChart(series(values, ns), options);
}

function kinds(a: ReturnType<typeof analyzeChart>, kind: string) {
  return a.signals.filter((s) => s.kind === kind);
}

// Series A, 12 points: 10 12 11 13 12 14 11 12 13 10 12 14
//   sum = 144, mean = 144 / 12 = 12
//   moving ranges: 2 1 2 1 2 3 1 1 3 2 2 → sum 20 over 11 → MR̄ = 1.8182
//   UCL = 12 + 2.66 × 1.8182 = 12 + 4.8364 = 16.84;  LCL = 12 − 4.8364 = 7.16
//   2 sigma: 1.773 × 1.8182 = 3.2236 → 15.22 and 8.78;  MR chart UCL = 3.267 × 1.8182 = 5.94
const A = [10, 12, 11, 13, 12, 14, 11, 12, 13, 10, 12, 14];

describe('control charts (spc)', () => {
  describe('XmR arithmetic', () => {
    it('computes mean, mean moving range, 3-sigma and 2-sigma limits (series A)', () => {
      const a = analyze(A, { chart: 'xmr' });
      assert.equal(a.phases.length, 1);
      const p = a.phases[0];
      assert.equal(p.centre, 12);
      close(p.meanMovingRange ?? NaN, 1.82, 'MR̄');
      close(p.ucl[0], 16.84, 'UCL');
      close(p.lcl[0], 7.16, 'LCL');
      close(p.upper2[0], 15.22, 'upper 2 sigma');
      close(p.lower2[0], 8.78, 'lower 2 sigma');
      close(p.mrUcl ?? NaN, 5.94, 'MR UCL');
      assert.equal(p.ucl.length, 12);
      assert.equal(p.baseline, 12);
      assert.equal(p.frozen, false);
      assert.equal(p.tooFewPoints, false);
      // every point lies within 8.78..15.22 and no run is long: nothing to report
      assert.deepEqual(a.signals, []);
      assert.ok(Number.isNaN(p.movingRanges?.[0] ?? 0));
      assert.equal(p.movingRanges?.[6], 3);
    });

    it('reports each point beyond the limits, classified by `better`', () => {
      // Series A then 18 and 6, limits frozen on A: 18 > 16.84 (above), 6 < 7.16 (below).
      const a = analyze([...A, 18, 6], { chart: 'xmr', phases: [{ start: week(0), freeze: 12 }], better: 'down' });
      const out = kinds(a, 'outside-limits');
      assert.deepEqual(
        out.map((s) => [s.indexes, s.side, s.verdict]),
        [
          [[12], 'above', 'concern'],
          [[13], 'below', 'improvement'],
        ],
      );
      assert.deepEqual(out[0].dates, [week(12)]);
      // 18 is beyond 2 sigma above, 6 beyond 2 sigma below: opposite sides, no two-of-three
      assert.deepEqual(kinds(a, 'two-of-three'), []);
    });

    it('freezes the limits on the first N points and reads signals over all of them', () => {
      // Series A then eight 14s; freeze: 12 ⇒ centre 12 and UCL 16.84 from A alone, for all 20.
      // Unfrozen the mean would be (144 + 8 × 14) / 20 = 256 / 20 = 12.8.
      const values = [...A, 14, 14, 14, 14, 14, 14, 14, 14];
      const frozen = analyze(values, { chart: 'xmr', phases: [{ start: week(0), label: 'Baseline', freeze: 12 }] });
      const p = frozen.phases[0];
      assert.equal(p.label, 'Baseline');
      assert.equal(p.baseline, 12);
      assert.equal(p.frozen, true);
      assert.equal(p.count, 20);
      assert.equal(p.centre, 12);
      assert.equal(p.ucl.length, 20);
      close(p.ucl[19], 16.84);
      close(p.lcl[19], 7.16);
      // Above 12: index 11 (14) and the eight 14s = 9 points; index 10 (12) is on the centre.
      const shifts = kinds(frozen, 'shift');
      assert.equal(shifts.length, 1);
      assert.deepEqual(shifts[0].indexes, [11, 12, 13, 14, 15, 16, 17, 18, 19]);
      assert.equal(shifts[0].side, 'above');
      assert.equal(shifts[0].length, 9);
      assert.equal(shifts[0].verdict, 'neutral');

      const loose = analyze(values, { chart: 'xmr' });
      close(loose.phases[0].centre, 12.8);
    });

    it('gives each phase its own limits; no moving range across the boundary', () => {
      // Phase 1 = series A (mean 12, MR̄ 20/11); phase 2 = A + 10 (mean 22, same MR̄: the jump
      // 14 → 20 between the phases is no moving range of either). Phase 2: UCL 22 + 4.8364 = 26.84,
      // LCL 17.16. Phase 1 starts at the third date: the first two points still belong to it.
      const values = [...A, ...A.map((v) => v + 10)];
      const a = analyze(values, {
        chart: 'xmr',
        phases: [
          { start: week(2), label: 'Baseline' },
          { start: week(12), label: 'With template' },
        ],
      });
      const [p1, p2] = a.phases;
      assert.deepEqual([p1.start, p1.end, p1.count], [0, 11, 12]);
      assert.deepEqual([p2.start, p2.end, p2.count], [12, 23, 12]);
      assert.equal(p1.centre, 12);
      assert.equal(p2.centre, 22);
      close(p1.ucl[0], 16.84);
      close(p2.ucl[0], 26.84);
      close(p2.lcl[11], 17.16);
      close(p2.meanMovingRange ?? NaN, 1.82);
      assert.equal(p2.label, 'With template');
      assert.deepEqual(a.signals, []);
      assert.equal(latestPhase(a), p2);
    });
  });

  describe('shift', () => {
    // Series S, 16 points: 9 11 7 | 11 13 11 13 11 13 11 | 7 9 7 9 7 11
    //   sum = 27 + 83 + 39 + 11 = 160, mean = 10
    //   moving ranges: 2 4 4 2 2 2 2 2 2 4 2 2 2 2 4 → 38 over 15 → MR̄ = 2.5333
    //   2 sigma = 10 ± 1.773 × 2.5333 = 10 ± 4.49 → 5.51..14.49: every point is inside
    //   above 10: indexes 3..9 — 7 in a row
    const S = [9, 11, 7, 11, 13, 11, 13, 11, 13, 11, 7, 9, 7, 9, 7, 11];

    it('fires with 7 on one side under mdc, not under IHI (which needs 8)', () => {
      const ihi = analyze(S, { chart: 'xmr' });
      close(ihi.phases[0].centre, 10);
      close(ihi.phases[0].meanMovingRange ?? NaN, 2.53);
      close(ihi.phases[0].upper2[0], 14.49);
      assert.deepEqual(ihi.signals, []);
      const mdc = analyze(S, { chart: 'xmr', rules: MDC, better: 'up' });
      assert.deepEqual(
        mdc.signals.map((s) => [s.kind, s.indexes, s.side, s.verdict]),
        [['shift', [3, 4, 5, 6, 7, 8, 9], 'above', 'improvement']],
      );
    });

    it('skips a point exactly on the centre line: it neither counts nor breaks the run', () => {
      // c chart, 14 counts: 7 8 | 11 12 11 12 | 10 | 12 11 12 11 | 8 7 8
      //   sum = 15 + 46 + 10 + 46 + 23 = 140, c̄ = 10; √10 = 3.162 → 2 sigma 16.32, UCL 19.49
      //   above 10: 8 points (indexes 2..5 and 7..10); index 6 is on the centre.
      //   Counted it would make 9; breaking the run would leave two runs of 4.
      const a = analyze([7, 8, 11, 12, 11, 12, 10, 12, 11, 12, 11, 8, 7, 8], { chart: 'c' });
      assert.equal(a.phases[0].centre, 10);
      close(a.phases[0].ucl[0], 19.49);
      const shifts = kinds(a, 'shift');
      assert.equal(shifts.length, 1);
      assert.deepEqual(shifts[0].indexes, [2, 3, 4, 5, 7, 8, 9, 10]);
      assert.deepEqual([shifts[0].start, shifts[0].end, shifts[0].length], [2, 10, 8]);
    });
  });

  describe('trend', () => {
    // 9 7 5 | 6 7 7 8 9 10 | 8 9 7 8 9 — from index 2: 5 6 7 7 8 9 10 goes up; the repeated 7
    // counts once ⇒ 6 points. IHI needs 6 (fires), mdc 7 (does not; it would if 7 counted twice).
    const T = [9, 7, 5, 6, 7, 7, 8, 9, 10, 8, 9, 7, 8, 9];

    it('counts a repeated value once: 6 fires under IHI, not under mdc', () => {
      const ihi = kinds(analyze(T, { chart: 'xmr' }), 'trend');
      assert.equal(ihi.length, 1);
      assert.deepEqual(ihi[0].indexes, [2, 3, 4, 5, 6, 7, 8]);
      assert.equal(ihi[0].length, 6);
      assert.equal(ihi[0].direction, 'up');
      assert.deepEqual(kinds(analyze(T, { chart: 'xmr', rules: MDC }), 'trend'), []);
    });

    it('fires under mdc with 7 distinct values going one way', () => {
      // the repeated 7 made 6.5: 5 6 6.5 7 8 9 10 = 7 points up
      const T7 = [9, 7, 5, 6, 6.5, 7, 8, 9, 10, 8, 9, 7, 8, 9];
      const mdc = kinds(analyze(T7, { chart: 'xmr', rules: MDC }), 'trend');
      assert.deepEqual(mdc.map((s) => [s.start, s.end, s.length]), [[2, 8, 7]]);
    });

    it('reads trends exactly as the run chart rule does', () => {
      // spc reads control-chart trends without the run chart's median; both must agree
      let seed = 7;
      const next = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) % 5);
      for (let k = 0; k < 200; k++) {
        const values = Array.from({ length: 30 }, (_, i) => (k % 2 ? i % 7 : 0) + next());
        for (const minTrend of [3, 5, 6, 7]) assert.deepEqual(trendsOf(values, minTrend), analyzeRunChart(values, { minTrend }).trends);
      }
    });

    it('is an improvement or a concern by `better`', () => {
      assert.equal(kinds(analyze(T, { chart: 'xmr', better: 'up' }), 'trend')[0].verdict, 'improvement');
      assert.equal(kinds(analyze(T, { chart: 'xmr', better: 'down' }), 'trend')[0].verdict, 'concern');
      assert.equal(kinds(analyze(T, { chart: 'xmr' }), 'trend')[0].verdict, 'neutral');
      // the same series reversed goes down: with better up that is a concern
      const down = kinds(analyze([...T].reverse(), { chart: 'xmr', better: 'up' }), 'trend');
      assert.deepEqual(down.map((s) => [s.direction, s.verdict]), [['down', 'concern']]);
    });
  });

  describe('two of three beyond 2 sigma', () => {
    // c chart: 16 14 18 25 15 26 12 14 16 18 10 8 — sum 192, c̄ = 16, σ = √16 = 4
    //   UCL 28, LCL 4, 2 sigma 24 and 8. 25 (index 3) and 26 (index 5) are beyond 24 within
    //   three points; 8 (index 11) sits on the lower 2-sigma line, not beyond it.
    it('fires for 2 of 3 on the same side, inside the limits', () => {
      const a = analyze([16, 14, 18, 25, 15, 26, 12, 14, 16, 18, 10, 8], { chart: 'c', better: 'down' });
      const p = a.phases[0];
      assert.equal(p.centre, 16);
      assert.deepEqual([p.lcl[0], p.ucl[0], p.lower2[0], p.upper2[0]], [4, 28, 8, 24]);
      assert.deepEqual(
        a.signals.map((s) => [s.kind, s.indexes, s.side, s.verdict]),
        [['two-of-three', [3, 5], 'above', 'concern']],
      );
    });

    it('does not fire for one point beyond each side', () => {
      // 16 14 18 25 15 7 12 14 16 18 17 20 — sum 155 + 37 = 192, c̄ = 16 again;
      // 25 is above 24 and 7 below 8 in the same three points: opposite sides.
      // (7 12 14 16 18 is a rise of 5 only, below the trend threshold of 6.)
      const a = analyze([16, 14, 18, 25, 15, 7, 12, 14, 16, 18, 17, 20], { chart: 'c' });
      assert.equal(a.phases[0].centre, 16);
      assert.deepEqual(kinds(a, 'two-of-three'), []);
      assert.deepEqual(a.signals, []);
    });

    it('merges overlapping windows into one signal and counts points beyond the limits too', () => {
      // c̄ = 16 again: 25 30 25 (indexes 3..5) are all beyond 24; 30 is beyond UCL 28 too.
      // 16 14 18 25 30 25 12 14 16 10 6 6 — sum 48 + 80 + 42 + 22 = 192
      const a = analyze([16, 14, 18, 25, 30, 25, 12, 14, 16, 10, 6, 6], { chart: 'c' });
      assert.equal(a.phases[0].centre, 16);
      const two = kinds(a, 'two-of-three');
      // and 6 6 at the end (indexes 10, 11) are both below the lower 2-sigma line 8
      assert.deepEqual(
        two.map((s) => [s.indexes, s.side]),
        [
          [[3, 4, 5], 'above'],
          [[10, 11], 'below'],
        ],
      );
      assert.deepEqual(kinds(a, 'outside-limits').map((s) => s.indexes), [[4]]);
    });
  });

  describe('p, u and c charts', () => {
    // p chart, 12 points, n = 100 50 25 repeated: Σn = 4 × 175 = 700
    //   values: n=100: 20 22 18 20; n=50: 10 9 11 10; n=25: 5 4 6 5 → Σ = 80 + 40 + 20 = 140
    //   p̄ = 140 / 700 = 0.2; p̄(1 − p̄) = 0.16
    //   n=100: σ = √(0.16/100) = 0.04    → UCL 0.32, LCL 0.08, 2σ 0.28 / 0.12
    //   n=50:  σ = √(0.0032) = 0.05657   → UCL 0.3697, LCL 0.0303, 2σ 0.3131 / 0.0869
    //   n=25:  σ = √(0.16/25) = 0.08     → UCL 0.44, LCL 0.2 − 0.24 < 0 → 0, 2σ 0.36 / 0.04
    //   mean n = 700 / 12 = 58.33: σ = √(0.16/58.33) = 0.05237 → UCL 0.3571, LCL 0.0429
    const pValues = [20, 10, 5, 22, 9, 4, 18, 11, 6, 20, 10, 5];
    const pN = [100, 50, 25, 100, 50, 25, 100, 50, 25, 100, 50, 25];

    it('p: pooled p̄, limits per point by n, clipped at 0', () => {
      const a = analyze(pValues, { chart: 'p' }, pN);
      const p = a.phases[0];
      close(p.centre, 0.2);
      close(a.values[0], 0.2); // 20 / 100
      close(a.values[5], 0.16); // 4 / 25
      close(p.ucl[0], 0.32);
      close(p.lcl[0], 0.08);
      close(p.upper2[0], 0.28);
      close(p.lower2[0], 0.12);
      close(p.ucl[1], 0.37);
      close(p.lcl[1], 0.03);
      close(p.upper2[1], 0.31);
      close(p.lower2[1], 0.09);
      close(p.ucl[2], 0.44);
      assert.equal(p.lcl[2], 0);
      close(p.upper2[2], 0.36);
      close(p.lower2[2], 0.04);
      close(p.meanN, 58.33);
      close(p.limits.ucl, 0.36);
      close(p.limits.lcl, 0.04);
      assert.deepEqual(a.signals, []);
    });

    it('p: limits clipped at 1', () => {
      // n = 10 each, values 9 10 8 9 9 10 8 9 9 10 8 9: Σ = 108, Σn = 120, p̄ = 0.9
      //   σ = √(0.9 × 0.1 / 10) = √0.009 = 0.09487 → UCL 1.185 → 1, LCL 0.6154
      //   2σ: 1.0897 → 1 and 0.7103
      const a = analyze([9, 10, 8, 9, 9, 10, 8, 9, 9, 10, 8, 9], { chart: 'p' }, new Array(12).fill(10));
      const p = a.phases[0];
      close(p.centre, 0.9);
      assert.equal(p.ucl[0], 1);
      assert.equal(p.upper2[0], 1);
      close(p.lcl[0], 0.62);
      close(p.lower2[0], 0.71);
    });

    it('u: pooled ū, limits ū ± 3√(ū/n), lower floored at 0', () => {
      // n = 2 4 8 repeated: Σn = 4 × 14 = 56; values 4 8 16 5 7 16 3 9 16 4 8 16: Σ = 4 × 28 = 112
      //   ū = 112 / 56 = 2
      //   n=2: σ = √(2/2) = 1        → UCL 5, LCL −1 → 0, 2σ 4 / 0
      //   n=4: σ = √(0.5) = 0.7071   → UCL 4.12, LCL −0.12 → 0, 2σ 3.41 / 0.59
      //   n=8: σ = √(0.25) = 0.5     → UCL 3.5, LCL 0.5, 2σ 3 / 1
      const a = analyze([4, 8, 16, 5, 7, 16, 3, 9, 16, 4, 8, 16], { chart: 'u' }, [2, 4, 8, 2, 4, 8, 2, 4, 8, 2, 4, 8]);
      const p = a.phases[0];
      assert.equal(p.centre, 2);
      assert.equal(a.values[3], 2.5); // 5 / 2
      assert.deepEqual([p.lcl[0], p.ucl[0], p.lower2[0], p.upper2[0]], [0, 5, 0, 4]);
      assert.equal(p.lcl[1], 0);
      close(p.ucl[1], 4.12);
      close(p.lower2[1], 0.59);
      close(p.upper2[1], 3.41);
      assert.deepEqual([p.lcl[2], p.ucl[2], p.lower2[2], p.upper2[2]], [0.5, 3.5, 1, 3]);
      assert.deepEqual(a.signals, []);
    });

    it('c: c̄ ± 3√c̄ with the lower limit floored at 0', () => {
      // 3 5 4 2 6 4 3 5 4 6 2 4: Σ = 48, c̄ = 4, σ = 2 → UCL 10, LCL 4 − 6 = −2 → 0; 2σ 8 and 0
      const a = analyze([3, 5, 4, 2, 6, 4, 3, 5, 4, 6, 2, 4], { chart: 'c' });
      const p = a.phases[0];
      assert.equal(p.centre, 4);
      assert.deepEqual([p.lcl[0], p.ucl[0], p.lower2[0], p.upper2[0]], [0, 10, 0, 8]);
      assert.deepEqual(p.limits, { lcl: 0, ucl: 10, lower2: 0, upper2: 8 });
    });
  });

  describe('run chart', () => {
    // 5 6 7 8 9 10 4 3 2 3 2 1 — sorted 1 2 2 3 3 4 5 6 7 8 9 10, median (4 + 5) / 2 = 4.5
    //   above: indexes 0..5 (6 points), below: 6..11 (6 points) → two shifts of 6
    //   5 6 7 8 9 10 goes up: a trend of 6 (≥ 5)
    //   2 runs over 12 useful points; the table gives 3..11 for 12 → too few runs
    const R = [5, 6, 7, 8, 9, 10, 4, 3, 2, 3, 2, 1];

    it('uses the median, the run chart shift, trend and runs rules', () => {
      const a = analyze(R, { chart: 'run', better: 'up' });
      const p = a.phases[0];
      assert.equal(p.centre, 4.5);
      assert.deepEqual(p.ucl, []);
      assert.deepEqual(
        a.signals.map((s) => [s.kind, s.start, s.end, s.side ?? s.direction ?? '', s.verdict]),
        [
          ['shift', 0, 5, 'above', 'improvement'],
          ['trend', 0, 5, 'up', 'improvement'],
          ['runs', 0, 11, '', 'neutral'],
          ['shift', 6, 11, 'below', 'concern'],
        ],
      );
      assert.deepEqual(kinds(a, 'runs')[0].runs, { too: 'few', count: 2, lower: 3, upper: 11, useful: 12 });
    });

    it('keeps its thresholds under mdc', () => {
      const a = analyze(R, { chart: 'run', rules: MDC });
      assert.equal(kinds(a, 'shift').length, 2);
      assert.equal(kinds(a, 'trend').length, 1);
    });

    it('reads a frozen median', () => {
      // freeze 6: median of 5 6 7 8 9 10 = 7.5; below 7.5: indexes 0..2 (3 points), then
      // 8 9 10 above (3), then 4 3 2 3 2 1 below (6) → one shift of 6 below; 3 runs, which the
      // table allows for 12 useful points (3..11)
      const a = analyze(R, { chart: 'run', phases: [{ start: week(0), freeze: 6 }] });
      assert.equal(a.phases[0].centre, 7.5);
      assert.equal(a.phases[0].frozen, true);
      assert.deepEqual(kinds(a, 'shift').map((s) => [s.start, s.end, s.side]), [[6, 11, 'below']]);
      assert.deepEqual(kinds(a, 'runs'), []);
      assert.deepEqual(kinds(a, 'trend').map((s) => [s.start, s.end]), [[0, 5]]);
    });
  });

  describe('too few points', () => {
    it('a run chart needs 10', () => {
      // the first 9 points of R: sorted 2 3 4 5 6 7 8 9 10, median 6; the trend 5..10 is not read
      const nine = analyze(R9(), { chart: 'run' });
      assert.equal(nine.phases[0].tooFewPoints, true);
      assert.equal(nine.phases[0].minPoints, 10);
      assert.equal(nine.phases[0].centre, 6);
      assert.deepEqual(nine.signals, []);
      // 10 points (… 2 3): median (5 + 6) / 2 = 5.5; 5 6 7 8 9 10 still a trend of 6
      const ten = analyze([...R9(), 3], { chart: 'run' });
      assert.equal(ten.phases[0].tooFewPoints, false);
      assert.equal(ten.phases[0].centre, 5.5);
      assert.deepEqual(kinds(ten, 'trend').map((s) => [s.start, s.end]), [[0, 5]]);
    });

    it('a control chart needs 12 in a phase', () => {
      // 11 points: 10 12 11 13 12 14 11 12 13 10 40 — sum 118 + 40 = 158; 40 would be far outside
      const eleven = analyze([10, 12, 11, 13, 12, 14, 11, 12, 13, 10, 40], { chart: 'xmr' });
      assert.equal(eleven.phases[0].tooFewPoints, true);
      assert.equal(eleven.phases[0].minPoints, 12);
      close(eleven.phases[0].centre, 14.36); // 158 / 11
      assert.deepEqual(eleven.signals, []);
      // series A (12 points) then a second phase of 11: only the second is too short
      const a = analyze([...A, ...A.slice(0, 11)], { chart: 'xmr', phases: [{ start: week(0) }, { start: week(12) }] });
      assert.deepEqual(a.phases.map((p) => p.tooFewPoints), [false, true]);
    });

    it('the threshold can be configured', () => {
      const rules = { ...IHI, control: { ...IHI.control, minPoints: 5 } };
      const a = analyze([10, 12, 11, 13, 12, 14, 11, 12, 13, 10, 40], { chart: 'xmr', rules });
      assert.equal(a.phases[0].tooFewPoints, false);
    });
  });

  describe('target out of reach', () => {
    it('xmr: beyond the latest phase limits on the side of improvement', () => {
      // series A: UCL 16.84, LCL 7.16
      const p = analyze(A, { chart: 'xmr' }).phases[0];
      assert.equal(targetOutOfReach(p.limits, 17, 'up'), true);
      assert.equal(targetOutOfReach(p.limits, 16, 'up'), false);
      assert.equal(targetOutOfReach(p.limits, 7, 'down'), true);
      assert.equal(targetOutOfReach(p.limits, 8, 'down'), false);
      // a target below the LCL with better up is easily met, not out of reach
      assert.equal(targetOutOfReach(p.limits, 5, 'up'), false);
      assert.equal(targetOutOfReach(p.limits, 17, undefined), false);
    });

    it('p: reads the limits at the phase mean n', () => {
      // from the p chart above: at mean n 58.33, UCL = 0.2 + 3 × 0.05237 = 0.3571
      const p = analyze([20, 10, 5, 22, 9, 4, 18, 11, 6, 20, 10, 5], { chart: 'p' }, [100, 50, 25, 100, 50, 25, 100, 50, 25, 100, 50, 25]).phases[0];
      assert.equal(targetOutOfReach(p.limits, 0.36, 'up'), true);
      assert.equal(targetOutOfReach(p.limits, 0.35, 'up'), false);
    });

    it('run charts have no limits: never out of reach', () => {
      const p = analyze(A, { chart: 'run' }).phases[0];
      assert.equal(targetOutOfReach(p.limits, 1000, 'up'), false);
    });
  });

  describe('phases and helpers', () => {
    it('puts points in phases by date; a phase without points is empty', () => {
      const points = series([1, 2, 3, 4, 5]);
      assert.deepEqual(phaseRanges(points), [{ start: 0, end: 4 }]);
      assert.deepEqual(phaseRanges(points, [{ start: week(1) }, { start: week(3) }]), [
        { start: 0, end: 2 },
        { start: 3, end: 4 },
      ]);
      // the second and third phases start on the same date: the second holds nothing
      assert.deepEqual(phaseRanges(points, [{ start: week(0) }, { start: week(3) }, { start: week(3) }]), [
        { start: 0, end: 2 },
        { start: 3, end: 2 },
        { start: 3, end: 4 },
      ]);
      assert.deepEqual(phaseRanges(points, [{ start: week(0) }, { start: week(9) }]), [
        { start: 0, end: 4 },
        { start: 5, end: 4 },
      ]);
    });

    it('groups items by key in first-seen order', () => {
      const g = groupBy(['b1', 'a1', 'b2'], (s) => s[0]);
      assert.deepEqual([...g.entries()], [
        ['b', ['b1', 'b2']],
        ['a', ['a1']],
      ]);
    });

    it('names the presets', () => {
      assert.equal(spcRules('mdc'), MDC);
      assert.equal(spcRules('ihi'), IHI);
      assert.equal(spcRules(undefined), IHI);
      assert.deepEqual([IHI.control.shift, IHI.control.trend, MDC.control.shift, MDC.control.trend], [8, 6, 7, 7]);
    });

    it('stays linear: 26,000 points in 100 groups, and in one chart', () => {
      const points: Array<SpcPoint & { g: number }> = [];
      let seed = 1;
      // a small linear congruential generator (Numerical Recipes constants): noise around 50
      const noise = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) % 21) - 10;
      for (let g = 0; g < 100; g++) for (let i = 0; i < 260; i++) points.push({ g, date: week(i), value: 50 + noise(), n: 100 });
      const t = performance.now();
      for (const group of groupBy(points, (p) => String(p.g)).values()) analyzeChart(group, { chart: 'p', phases: [{ start: week(0), freeze: 20 }, { start: week(100) }] });
      // one chart of all 26,000 (dates repeat, which phases tolerate): a quadratic loop would
      // take minutes here
      analyzeChart(points, { chart: 'xmr', better: 'up' });
      // generous for a loaded CI machine; a few tens of milliseconds on a laptop
      assert.ok(performance.now() - t < 1500);
    });
  });
});

function R9(): number[] {
  return [5, 6, 7, 8, 9, 10, 4, 3, 2];
}
