/**
 * Run-chart analysis: the median and the three probability-based run chart rules of
 * Perla, Provost & Murray, "The run chart: a simple analytical tool for learning from variation
 * in healthcare processes", BMJ Quality & Safety 2011;20:46–51 (the rules IHI teaches):
 *
 * - shift: 6 or more consecutive points on one side of the median; points exactly on the median
 *   neither count nor break the run;
 * - trend: 5 or more consecutive points all going up, or all going down; when two or more
 *   consecutive values are equal, only one of them counts (they neither add to nor break it);
 * - runs: too few or too many runs about the median for the number of useful observations
 *   (points not on the median), read from the paper's Table 1 (`RUNS_TABLE` below).
 *
 * Pure and small: used by the `pdsa/run-chart-*` rules and by the run chart renderer, which
 * marks the points of each signal by the indexes returned here (indexes into `values`).
 */

export interface PointSpan {
  /** Index of the first point of the signal. */
  start: number;
  /** Index of the last point of the signal. */
  end: number;
}

export interface Shift extends PointSpan {
  side: 'above' | 'below';
  /** Points in the shift (points on the median inside it are not counted). */
  length: number;
}

export interface Trend extends PointSpan {
  direction: 'up' | 'down';
  /** Points in the trend, repeated equal values counted once. */
  length: number;
}

export interface RunsLimits {
  /** Fewer runs than this is "too few". */
  lower: number;
  /** More runs than this is "too many". */
  upper: number;
}

export interface RunChartAnalysis {
  /** The median of the values (NaN when there are none). */
  median: number;
  /** Points not on the median. */
  usefulObservations: number;
  /** Runs about the median, counted over the useful observations. */
  runs: number;
  /** The published limits for this many useful observations (10 to 60), if the table has them. */
  runsLimits?: RunsLimits;
  tooFewRuns: boolean;
  tooManyRuns: boolean;
  shifts: Shift[];
  trends: Trend[];
}

export interface RunChartOptions {
  /** Consecutive points on one side of the median that make a shift (default 6). */
  minShift?: number;
  /** Consecutive points going one way that make a trend (default 5). */
  minTrend?: number;
}

export const DEFAULT_MIN_SHIFT = 6;
export const DEFAULT_MIN_TREND = 5;

/**
 * Table 1 of Perla, Provost & Murray (2011), "Tests for number of runs above and below the
 * median", adapted by the authors from Swed & Eisenhart (1943), "Tables for testing randomness
 * of grouping in a sequence of alternatives", Ann. Math. Statist. 14(1):66–87; about a 5% risk of
 * a false signal. Key: useful observations (points not on the median); value: [lower, upper] —
 * fewer runs than `lower` is too few, more than `upper` is too many.
 *
 * The published table is reproduced, not computed: the exact Swed–Eisenhart distribution at the
 * 2.5% level in each tail (n/2 points on each side) gives the same limits for most n but not for
 * all (for 11, 12, 17, 20, 22, 23 and 25 useful observations the published limits are one run
 * wider on one side), so a computation would disagree with the table teams read on paper.
 */
export const RUNS_TABLE: Readonly<Record<number, readonly [number, number]>> = {
  10: [3, 9],
  11: [3, 10],
  12: [3, 11],
  13: [4, 11],
  14: [4, 12],
  15: [5, 12],
  16: [5, 13],
  17: [5, 13],
  18: [6, 14],
  19: [6, 15],
  20: [6, 16],
  21: [7, 16],
  22: [7, 17],
  23: [7, 17],
  24: [8, 18],
  25: [8, 18],
  26: [9, 19],
  27: [10, 19],
  28: [10, 20],
  29: [10, 20],
  30: [11, 21],
  31: [11, 22],
  32: [11, 22],
  33: [11, 23],
  34: [12, 23],
  35: [13, 24],
  36: [13, 24],
  37: [13, 25],
  38: [14, 25],
  39: [14, 26],
  40: [15, 26],
  41: [16, 26],
  42: [16, 27],
  43: [17, 27],
  44: [17, 28],
  45: [17, 29],
  46: [17, 30],
  47: [18, 30],
  48: [18, 31],
  49: [19, 31],
  50: [19, 32],
  51: [20, 32],
  52: [20, 33],
  53: [21, 33],
  54: [21, 34],
  55: [22, 34],
  56: [22, 35],
  57: [23, 35],
  58: [23, 36],
  59: [24, 36],
  60: [24, 37],
};

/** The published limits for a number of useful observations; undefined outside 10..60. */
export function runsLimits(usefulObservations: number): RunsLimits | undefined {
  const row = RUNS_TABLE[usefulObservations];
  return row ? { lower: row[0], upper: row[1] } : undefined;
}

/** The median: the middle value, or the mean of the two middle values. NaN for no values. */
export function median(values: readonly number[]): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const mid = sorted.length >> 1;
  // The mean of two adjacent order statistics: no value can lie strictly between them, so a
  // point equals the median only when both middle values are equal (and then exactly).
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Shifts and the runs count: one pass over the points not on the median. */
function sidesAnalysis(values: readonly number[], med: number, minShift: number) {
  const shifts: Shift[] = [];
  let runs = 0;
  let useful = 0;
  let side = 0;
  let runStart = -1;
  let runEnd = -1;
  let runLength = 0;
  const close = () => {
    if (runLength >= minShift) shifts.push({ start: runStart, end: runEnd, side: side > 0 ? 'above' : 'below', length: runLength });
  };
  values.forEach((v, i) => {
    // On the median: neither counts nor breaks the run (nor does a value that is no number).
    if (v === med || !Number.isFinite(v)) return;
    useful++;
    const s = v > med ? 1 : -1;
    if (s !== side) {
      close();
      runs++;
      side = s;
      runStart = i;
      runLength = 0;
    }
    runEnd = i;
    runLength++;
  });
  close();
  return { shifts, runs, useful };
}

/** Trends: runs of strict increases (or decreases), equal neighbours counted once. */
function trendAnalysis(values: readonly number[], minTrend: number): Trend[] {
  const trends: Trend[] = [];
  let direction = 0;
  /** Index of the point the current trend starts from. */
  let start = 0;
  /** Index of the last point that moved in the current direction. */
  let end = 0;
  /** Points in the current trend (distinct values). */
  let length = 1;
  const close = () => {
    if (direction !== 0 && length >= minTrend) trends.push({ start, end, direction: direction > 0 ? 'up' : 'down', length });
  };
  for (let i = 1; i < values.length; i++) {
    const d = Math.sign(values[i] - values[i - 1]);
    if (d === 0 || Number.isNaN(d)) continue; // a repeated value counts once
    if (d === direction) {
      length++;
    } else {
      close();
      direction = d;
      // The trend starts at the last of the equal values it leaves from.
      start = i - 1;
      length = 2;
    }
    end = i;
  }
  close();
  return trends;
}

/**
 * Applies the run chart rules to a series in time order. Indexes in the result are indexes into
 * `values`, so a chart can mark the points of each signal. Pass finite numbers: anything else is
 * left out of the median, the shifts and the runs, and no trend is read across it.
 */
export function analyzeRunChart(values: readonly number[], options: RunChartOptions = {}): RunChartAnalysis {
  const minShift = Math.max(1, options.minShift ?? DEFAULT_MIN_SHIFT);
  const minTrend = Math.max(2, options.minTrend ?? DEFAULT_MIN_TREND);
  const med = median(values);
  const { shifts, runs, useful } = sidesAnalysis(values, med, minShift);
  const limits = runsLimits(useful);
  return {
    median: med,
    usefulObservations: useful,
    runs,
    runsLimits: limits,
    tooFewRuns: limits !== undefined && runs < limits.lower,
    tooManyRuns: limits !== undefined && runs > limits.upper,
    shifts,
    trends: trendAnalysis(values, minTrend),
  };
}
