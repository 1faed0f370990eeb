import * as assert from 'node:assert/strict';
import { analyzeRunChart, median, runsLimits, RUNS_TABLE } from '../../../src/core/model/runchart';

describe('run chart analysis', () => {
  describe('median', () => {
    it('is the middle value, or the mean of the two middle values', () => {
      assert.equal(median([3, 1, 2]), 2);
      assert.equal(median([4, 1, 3, 2]), 2.5);
      assert.equal(median([5]), 5);
      assert.ok(Number.isNaN(median([])));
    });

    it('does not reorder its input', () => {
      const values = [3, 1, 2];
      median(values);
      assert.deepEqual(values, [3, 1, 2]);
    });
  });

  describe('shifts', () => {
    it('fires for exactly 6 points on one side, not for 5', () => {
      // median 4.5: six points above, then six below
      const six = analyzeRunChart([8, 7, 9, 6, 8, 9, 1, 2, 3, 2, 1, 2]);
      assert.equal(six.median, 4.5);
      assert.deepEqual(six.shifts, [
        { start: 0, end: 5, side: 'above', length: 6 },
        { start: 6, end: 11, side: 'below', length: 6 },
      ]);
      const five = analyzeRunChart([8, 1, 7, 9, 6, 8, 2, 3, 2, 1, 2, 9]);
      assert.deepEqual(five.shifts, []);
    });

    it('skips points on the median: they neither count nor break the run', () => {
      // median 5; the 5s sit on it. Below: 1 2 (5) 3 4 (5) 2 1 = 6 useful points in a row.
      const values = [9, 8, 1, 2, 5, 3, 4, 5, 2, 1, 7, 9, 8, 6, 7];
      const a = analyzeRunChart(values);
      assert.equal(a.median, 5);
      assert.deepEqual(a.shifts, [{ start: 2, end: 9, side: 'below', length: 6 }]);
      assert.equal(a.usefulObservations, 13);
      // Without the median points the same run is 6 long; with them counted it would be 8.
      assert.equal(a.shifts[0].length, 6);
    });

    it('reads the threshold from the options', () => {
      const values = [8, 7, 9, 6, 8, 1, 2, 3, 2, 1, 9, 2];
      assert.deepEqual(analyzeRunChart(values).shifts, []);
      assert.deepEqual(
        analyzeRunChart(values, { minShift: 5 }).shifts.map((s) => [s.start, s.end]),
        [
          [0, 4],
          [5, 9],
        ],
      );
    });
  });

  describe('trends', () => {
    it('fires for 5 points going up (4 increases), not for 4 points', () => {
      assert.deepEqual(analyzeRunChart([5, 1, 2, 3, 4, 5, 2, 6, 3, 7]).trends, [{ start: 1, end: 5, direction: 'up', length: 5 }]);
      assert.deepEqual(analyzeRunChart([5, 1, 2, 3, 4, 2, 6, 3, 7, 4]).trends, []);
    });

    it('finds falling trends too', () => {
      assert.deepEqual(analyzeRunChart([1, 9, 7, 6, 4, 2, 8, 3, 5, 4]).trends, [{ start: 1, end: 5, direction: 'down', length: 5 }]);
    });

    it('counts repeated equal values once: they neither add to nor break a trend', () => {
      // 1 2 2 3 4 5: five distinct rising values.
      assert.deepEqual(analyzeRunChart([6, 1, 2, 2, 3, 4, 5, 2, 6, 3]).trends, [{ start: 1, end: 6, direction: 'up', length: 5 }]);
      // 1 2 2 3 4: only four.
      assert.deepEqual(analyzeRunChart([6, 1, 2, 2, 3, 4, 1, 5, 2, 6]).trends, []);
      // A trend that starts after a repeat starts at the last of the equal values.
      assert.deepEqual(analyzeRunChart([3, 3, 4, 5, 6, 7, 1, 5, 2, 6]).trends, [{ start: 1, end: 5, direction: 'up', length: 5 }]);
    });

    it('ends a trend where the direction turns, and a flat series has none', () => {
      assert.deepEqual(
        analyzeRunChart([1, 2, 3, 4, 5, 4, 3, 2, 1, 2]).trends,
        [
          { start: 0, end: 4, direction: 'up', length: 5 },
          { start: 4, end: 8, direction: 'down', length: 5 },
        ],
      );
      assert.deepEqual(analyzeRunChart([4, 4, 4, 4, 4, 4, 4, 4, 4, 4]).trends, []);
    });

    it('reads the threshold from the options', () => {
      assert.equal(analyzeRunChart([5, 1, 2, 3, 4, 2, 6, 3, 7, 4], { minTrend: 4 }).trends.length, 1);
      assert.equal(analyzeRunChart([5, 1, 2, 3, 4, 5, 2, 6, 3, 7], { minTrend: 6 }).trends.length, 0);
    });
  });

  describe('runs', () => {
    it('counts runs over the points not on the median', () => {
      // median 3; sides: B B (=) A A B A
      const a = analyzeRunChart([1, 2, 3, 4, 5, 1, 4]);
      assert.equal(a.median, 3);
      assert.equal(a.usefulObservations, 6);
      assert.equal(a.runs, 4);
      assert.equal(a.runsLimits, undefined, 'fewer than 10 useful observations: no published limits');
      assert.equal(a.tooFewRuns, false);
    });

    it('with exactly 10 points, 2 runs are too few and 10 too many (limits 3 to 9)', () => {
      const few = analyzeRunChart([2, 1, 2, 1, 2, 5, 4, 5, 4, 5]);
      assert.deepEqual([few.usefulObservations, few.runs, few.runsLimits], [10, 2, { lower: 3, upper: 9 }]);
      assert.equal(few.tooFewRuns, true);
      assert.deepEqual(few.shifts, [], 'five points on each side is not a shift');
      const many = analyzeRunChart([1, 3, 1, 3, 1, 3, 1, 3, 1, 3]);
      assert.deepEqual([many.runs, many.tooManyRuns, many.tooFewRuns], [10, true, false]);
      const fine = analyzeRunChart([1, 2, 4, 5, 1, 5, 2, 4, 1, 5]);
      assert.deepEqual([fine.runs, fine.tooFewRuns, fine.tooManyRuns], [8, false, false]);
    });

    it('looks the limits up by useful observations, not by points', () => {
      // 11 points, one on the median (3): 10 useful, 2 runs, too few.
      const a = analyzeRunChart([1, 2, 1, 2, 1, 3, 5, 4, 5, 4, 5]);
      assert.equal(a.median, 3);
      assert.equal(a.usefulObservations, 10);
      assert.deepEqual(a.runsLimits, { lower: 3, upper: 9 });
      assert.equal(a.tooFewRuns, true);
    });
  });

  describe('the published table of runs (Perla, Provost & Murray 2011, Table 1)', () => {
    it('pins the published limits', () => {
      const published: Array<[number, number, number]> = [
        [10, 3, 9],
        [11, 3, 10],
        [12, 3, 11],
        [13, 4, 11],
        [14, 4, 12],
        [15, 5, 12],
        [16, 5, 13],
        [17, 5, 13],
        [18, 6, 14],
        [19, 6, 15],
        [20, 6, 16],
        [21, 7, 16],
        [22, 7, 17],
        [23, 7, 17],
        [24, 8, 18],
        [25, 8, 18],
        [26, 9, 19],
        [30, 11, 21],
        [40, 15, 26],
        [50, 19, 32],
        [60, 24, 37],
      ];
      for (const [n, lower, upper] of published) assert.deepEqual(runsLimits(n), { lower, upper }, `${n} useful observations`);
    });

    it('covers 10 to 60 useful observations and nothing else', () => {
      assert.equal(runsLimits(9), undefined);
      assert.equal(runsLimits(61), undefined);
      assert.deepEqual(
        Object.keys(RUNS_TABLE).map(Number),
        Array.from({ length: 51 }, (_, i) => i + 10),
      );
    });

    it('brackets the expected number of runs, and grows with the series', () => {
      let last: [number, number] = [0, 0];
      for (let n = 10; n <= 60; n++) {
        const { lower, upper } = runsLimits(n)!;
        const half = Math.floor(n / 2);
        const expected = 1 + (2 * half * (n - half)) / n;
        assert.ok(lower < expected && expected < upper, `${n}: ${lower}..${upper} around ${expected}`);
        assert.ok(lower >= last[0] && upper >= last[1], `${n} does not shrink`);
        last = [lower, upper];
      }
    });
  });

  it('leaves values that are no number out of the median, shifts and runs', () => {
    const a = analyzeRunChart([1, NaN, 3, Infinity, 2]);
    assert.equal(a.median, 2);
    assert.deepEqual([a.usefulObservations, a.runs], [2, 2]);
  });

  it('handles an empty series', () => {
    const a = analyzeRunChart([]);
    assert.deepEqual([a.usefulObservations, a.runs, a.shifts, a.trends, a.tooFewRuns], [0, 0, [], [], false]);
  });
});
