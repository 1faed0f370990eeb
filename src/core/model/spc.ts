/**
 * Statistical process control: the arithmetic of the charts a `measure` document draws (run, XmR,
 * p, u, c; DESIGN §1.7) and the signals the `measure/*` rules report (DESIGN §2), per phase.
 *
 * Sources of the rules:
 * - run charts: Perla, Provost & Murray (2011), reused from `runchart.ts` (shift 6, trend 5, runs);
 * - control charts, `ihi` (the default): Provost & Murray, "The Health Care Data Guide" (2011),
 *   chapter 5 — a point outside the 3-sigma limits, 8 in a row on one side of the centre line,
 *   6 in a row going one way, 2 of 3 consecutive points beyond 2 sigma on the same side;
 * - control charts, `mdc`: NHS England "Making Data Count" (2019) — the same tests with 7 in a
 *   row for a shift and for a trend ("two out of three near the limit" is kept as well).
 *
 * Pure and linear in the number of points: one call per chart (a caller drawing one chart per
 * school calls it once per group, see `groupBy`). Indexes in the results are indexes into the
 * `points` array passed in, so a renderer can mark points and a rule can find their rows.
 */
import { analyzeRunChart, median, runsLimits, type Shift, type Trend } from './runchart';

export type ChartType = 'run' | 'xmr' | 'p' | 'u' | 'c';

/** The direction of improvement of a measure. */
export type Better = 'up' | 'down';

export interface SpcPoint {
  /** `YYYY-MM-DD`; the caller has validated the dates and put the points in date order. */
  date: string;
  /** The value; for p and u charts the numerator (the count of events). */
  value: number;
  /** p and u charts: the denominator, > 0 (the caller leaves out points without one). */
  n?: number;
}

export interface PhaseSpec {
  /** `YYYY-MM-DD`: the phase holds the points from this date to the next phase's start. */
  start: string;
  label?: string;
  /** Compute the centre and limits from the phase's first `freeze` points only (the baseline). */
  freeze?: number;
}

/** Thresholds of one family of charts. */
export interface SignalThresholds {
  /** Consecutive points on one side of the centre line that make a shift. */
  shift: number;
  /** Consecutive points all going up (or down) that make a trend, equal neighbours counted once. */
  trend: number;
  /** Fewer points than this in a phase: no signal is read in it (`tooFewPoints`). */
  minPoints: number;
}

export interface SpcRules {
  name: 'ihi' | 'mdc';
  /** Run charts (about the median); also tells too few / too many runs. */
  run: SignalThresholds;
  /** Control charts (xmr, p, u, c), about the centre line, with the limits. */
  control: SignalThresholds & {
    /** Read "2 of 3 consecutive points beyond 2 sigma on the same side". */
    twoOfThree: boolean;
  };
}

/** Provost & Murray, as IHI teaches them: the default (`spc: ihi`). */
export const IHI: Readonly<SpcRules> = Object.freeze({
  name: 'ihi',
  run: Object.freeze({ shift: 6, trend: 5, minPoints: 10 }),
  control: Object.freeze({ shift: 8, trend: 6, minPoints: 12, twoOfThree: true }),
});

/** NHS Making Data Count (`spc: mdc`): 7 in a row for shifts and trends on control charts. */
export const MDC: Readonly<SpcRules> = Object.freeze({
  name: 'mdc',
  run: IHI.run,
  control: Object.freeze({ shift: 7, trend: 7, minPoints: 12, twoOfThree: true }),
});

/** The preset for a configuration value; anything but `mdc` is the default, IHI. */
export function spcRules(name: string | undefined): Readonly<SpcRules> {
  return name === 'mdc' ? MDC : IHI;
}

// 2.66 = 3/d2 and 1.773 = 2/d2, d2 = 1.128 being the bias-correction constant for moving ranges
// of 2 points (Wheeler; The Health Care Data Guide, table 7.1); DESIGN §1.7 fixes these values.
export const XMR_LIMIT_FACTOR = 2.66;
export const XMR_TWO_SIGMA_FACTOR = 1.773;
// D4 for subgroups of 2: the upper limit of the moving-range chart is 3.267 × MR̄ (its lower is 0).
export const MR_UCL_FACTOR = 3.267;

export type SignalKind = 'outside-limits' | 'shift' | 'trend' | 'two-of-three' | 'runs';
export type Verdict = 'improvement' | 'concern' | 'neutral';

export interface Signal {
  kind: SignalKind;
  /** Index of the phase (into `ChartAnalysis.phases`) the signal was read in. */
  phase: number;
  /** Indexes into `points` of the points that make the signal, in order. A shift leaves out the
   * points on the centre line inside it (they do not count); a trend lists every point of it,
   * repeated values included; runs list the phase's points not on the centre line. */
  indexes: number[];
  /** The dates of those points. */
  dates: string[];
  /** First and last index of the signal (inclusive). */
  start: number;
  end: number;
  /** Points that count: the length of a shift or trend (repeated trend values once). */
  length: number;
  /** outside-limits, shift, two-of-three: which side of the centre line. */
  side?: 'above' | 'below';
  /** trend: which way. */
  direction?: 'up' | 'down';
  /** runs: what is wrong, the runs counted and the published limits for the useful points. */
  runs?: { too: 'few' | 'many'; count: number; lower: number; upper: number; useful: number };
  /** By `better`: improvement or concern; neutral without `better`, and always for runs. */
  verdict: Verdict;
}

/** Limits at one point; NaN where a limit cannot be computed (a baseline of one XmR point). */
export interface Limits {
  /** Lower and upper 3-sigma control limits. */
  lcl: number;
  ucl: number;
  /** Lower and upper 2-sigma lines (for two-of-three). */
  lower2: number;
  upper2: number;
}

export interface PhaseAnalysis {
  /** Index of the phase spec this is (phases are returned in the order given); 0 when none given. */
  index: number;
  label?: string;
  /** The phase's start date as specified (the first point's date when no phases were given). */
  startDate?: string;
  /** Index into `points` of the phase's first and last point (inclusive); `end < start` when the
   * phase holds no point. */
  start: number;
  end: number;
  /** Points in the phase. */
  count: number;
  /** Points the centre line and limits were computed from: the first `freeze`, else all. */
  baseline: number;
  /** Whether `freeze` held the limits to fewer points than the phase has. */
  frozen: boolean;
  /** Centre line: the median (run), mean (xmr, c), p̄ (p) or ū (u) of the baseline; NaN if empty. */
  centre: number;
  /** Per point of the phase (position i is point `start + i`); empty arrays for run charts.
   * p limits are clipped to 0..1; u and c lower limits are floored at 0; XmR limits are not. */
  lcl: number[];
  ucl: number[];
  lower2: number[];
  upper2: number[];
  /** The limits at the phase's mean n (p and u: limits vary with n), else the constant limits;
   * NaN for run charts. This is what `targetOutOfReach` reads. */
  limits: Limits;
  /** p and u: the mean n of the phase's points (NaN otherwise). */
  meanN: number;
  /** xmr: the mean moving range of the baseline, the upper limit of the moving-range chart
   * (3.267 × MR̄) and the moving ranges of the phase's points (NaN for its first point). */
  meanMovingRange?: number;
  mrUcl?: number;
  movingRanges?: number[];
  /** Fewer points than the chart needs (`rules.run|control.minPoints`): `signals` is empty. */
  tooFewPoints: boolean;
  /** The threshold `tooFewPoints` was judged against. */
  minPoints: number;
  signals: Signal[];
}

export interface ChartOptions {
  chart: ChartType;
  /** In increasing order of start; none ⇒ one phase holding every point. */
  phases?: readonly PhaseSpec[];
  /** Default `IHI`. */
  rules?: Readonly<SpcRules>;
  better?: Better;
}

export interface ChartAnalysis {
  chart: ChartType;
  /** The plotted value of each point: value, or value ÷ n on p and u charts (NaN if n ≤ 0). */
  values: number[];
  phases: PhaseAnalysis[];
  /** Every phase's signals, in phase order. */
  signals: Signal[];
}

/** The items grouped by a key, groups in the order their first item appears, items in order. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/**
 * The points of each phase, as inclusive index ranges aligned with `phases` (or one range for all
 * points when there are none). Points before the first phase's start belong to the first phase;
 * a phase whose start is not after the previous phase's gets no points.
 */
export function phaseRanges(points: readonly SpcPoint[], phases: readonly PhaseSpec[] = []): Array<{ start: number; end: number }> {
  if (!phases.length) return [{ start: 0, end: points.length - 1 }];
  const ranges = phases.map(() => ({ start: -1, end: -2 }));
  let k = 0;
  for (let i = 0; i < points.length; i++) {
    // ISO dates compare as strings.
    while (k + 1 < phases.length && points[i].date >= phases[k + 1].start) k++;
    if (ranges[k].start < 0) ranges[k].start = i;
    ranges[k].end = i;
  }
  // A phase without points sits, empty, just before the next phase that has some.
  let next = points.length;
  for (let j = ranges.length - 1; j >= 0; j--) {
    if (ranges[j].start < 0) ranges[j] = { start: next, end: next - 1 };
    else next = ranges[j].start;
  }
  return ranges;
}

function verdictOf(up: boolean, better: Better | undefined): Verdict {
  if (!better) return 'neutral';
  return up === (better === 'up') ? 'improvement' : 'concern';
}

/**
 * Shifts and runs about a given centre (the median of a frozen run chart baseline, or a control
 * chart's centre line): the rule of `runchart.ts` about any centre. Points on the centre and
 * values that are no number neither count nor break a run. `counted` holds the counted indexes.
 */
function sidesAbout(values: readonly number[], from: number, to: number, centre: number, minShift: number) {
  const shifts: Array<Shift & { counted: number[] }> = [];
  let runs = 0;
  let useful = 0;
  let side = 0;
  let counted: number[] = [];
  const close = () => {
    if (counted.length >= minShift) {
      shifts.push({ start: counted[0], end: counted[counted.length - 1], side: side > 0 ? 'above' : 'below', length: counted.length, counted });
    }
  };
  for (let i = from; i <= to; i++) {
    const v = values[i];
    if (v === centre || !Number.isFinite(v)) continue;
    useful++;
    const s = v > centre ? 1 : -1;
    if (s !== side) {
      close();
      runs++;
      side = s;
      counted = [];
    }
    counted.push(i);
  }
  close();
  return { shifts, runs, useful };
}

/**
 * Trends: the run chart rule of `runchart.ts` (equal neighbours count once; a trend starts at the
 * last of the equal values it leaves from) with a chart's threshold. Not read through
 * `analyzeRunChart`, which also sorts every phase for a median a control chart does not use: that
 * sort was over half the time of analysing 26,000 points. The tests hold the two to the same results.
 */
export function trendsOf(values: readonly number[], minTrend: number): Trend[] {
  const trends: Trend[] = [];
  let direction = 0;
  let start = 0;
  let end = 0;
  let length = 1;
  for (let i = 1; i < values.length; i++) {
    const d = Math.sign(values[i] - values[i - 1]);
    if (d === 0 || Number.isNaN(d)) continue;
    if (d === direction) {
      length++;
    } else {
      if (direction !== 0 && length >= minTrend) trends.push({ start, end, direction: direction > 0 ? 'up' : 'down', length });
      direction = d;
      start = i - 1;
      length = 2;
    }
    end = i;
  }
  if (direction !== 0 && length >= minTrend) trends.push({ start, end, direction: direction > 0 ? 'up' : 'down', length });
  return trends;
}

function range(start: number, end: number): number[] {
  const out: number[] = [];
  for (let i = start; i <= end; i++) out.push(i);
  return out;
}

/**
 * Two of three consecutive points beyond a 2-sigma line on the same side. Windows that fire and
 * overlap (or touch) on the same side make one signal listing the points beyond the line, so a
 * run of points beyond 2 sigma is one signal, not one per window.
 */
function twoOfThree(values: readonly number[], from: number, phase: PhaseAnalysis, side: 'above' | 'below'): number[][] {
  const groups: number[][] = [];
  let last = -Infinity;
  let current: number[] = [];
  for (let j = 0; j < phase.count; j++) {
    const v = values[from + j];
    const beyond = side === 'above' ? v > phase.upper2[j] : v < phase.lower2[j];
    if (!beyond) continue;
    const i = from + j;
    // Two points beyond the line no more than 2 apart lie in one window of three.
    if (i - last <= 2) {
      if (!current.length) current.push(last);
      current.push(i);
    } else if (current.length) {
      groups.push(current);
      current = [];
    }
    last = i;
  }
  if (current.length) groups.push(current);
  return groups;
}

const NO_LIMITS: Limits = Object.freeze({ lcl: NaN, ucl: NaN, lower2: NaN, upper2: NaN });

/** Centre and limits of a phase, from its baseline `[from, from + baseline)`. */
function computeLimits(chart: ChartType, points: readonly SpcPoint[], values: readonly number[], phase: PhaseAnalysis): void {
  const from = phase.start;
  const baseEnd = from + phase.baseline; // exclusive
  const count = phase.count;
  if (chart === 'run') {
    phase.centre = median(values.slice(from, baseEnd));
    return;
  }
  if (chart === 'xmr' || chart === 'c') {
    let sum = 0;
    let finite = 0;
    for (let i = from; i < baseEnd; i++) {
      if (Number.isFinite(values[i])) {
        sum += values[i];
        finite++;
      }
    }
    const mean = finite ? sum / finite : NaN;
    phase.centre = mean;
    let limits: Limits;
    if (chart === 'xmr') {
      let mrSum = 0;
      let mrCount = 0;
      for (let i = from + 1; i < baseEnd; i++) {
        const mr = Math.abs(values[i] - values[i - 1]);
        if (Number.isFinite(mr)) {
          mrSum += mr;
          mrCount++;
        }
      }
      const mrBar = mrCount ? mrSum / mrCount : NaN;
      phase.meanMovingRange = mrBar;
      phase.mrUcl = MR_UCL_FACTOR * mrBar;
      phase.movingRanges = [];
      for (let i = from; i < from + count; i++) phase.movingRanges.push(i === from ? NaN : Math.abs(values[i] - values[i - 1]));
      limits = {
        lcl: mean - XMR_LIMIT_FACTOR * mrBar,
        ucl: mean + XMR_LIMIT_FACTOR * mrBar,
        lower2: mean - XMR_TWO_SIGMA_FACTOR * mrBar,
        upper2: mean + XMR_TWO_SIGMA_FACTOR * mrBar,
      };
    } else {
      // Counts are Poisson: sigma = √c̄; a count cannot be below 0.
      const sigma = Math.sqrt(mean);
      limits = {
        lcl: Math.max(0, mean - 3 * sigma),
        ucl: mean + 3 * sigma,
        lower2: Math.max(0, mean - 2 * sigma),
        upper2: mean + 2 * sigma,
      };
    }
    phase.limits = limits;
    phase.lcl = new Array<number>(count).fill(limits.lcl);
    phase.ucl = new Array<number>(count).fill(limits.ucl);
    phase.lower2 = new Array<number>(count).fill(limits.lower2);
    phase.upper2 = new Array<number>(count).fill(limits.upper2);
    return;
  }
  // p and u: the centre is the pooled rate Σ value ÷ Σ n of the baseline, not the mean of rates.
  let sumValue = 0;
  let sumN = 0;
  for (let i = from; i < baseEnd; i++) {
    const n = points[i].n;
    if (n !== undefined && n > 0 && Number.isFinite(points[i].value)) {
      sumValue += points[i].value;
      sumN += n;
    }
  }
  const bar = sumN > 0 ? sumValue / sumN : NaN;
  phase.centre = bar;
  // Binomial (p) or Poisson (u) sigma for a subgroup of size n.
  const variance = chart === 'p' ? bar * (1 - bar) : bar;
  const at = (n: number): Limits => {
    if (!(n > 0)) return NO_LIMITS;
    const sigma = Math.sqrt(variance / n);
    const top = chart === 'p' ? 1 : Infinity;
    return {
      lcl: Math.max(0, bar - 3 * sigma),
      ucl: Math.min(top, bar + 3 * sigma),
      lower2: Math.max(0, bar - 2 * sigma),
      upper2: Math.min(top, bar + 2 * sigma),
    };
  };
  let nSum = 0;
  let nCount = 0;
  for (let i = from; i < from + count; i++) {
    const n = points[i].n ?? NaN;
    const l = at(n);
    phase.lcl.push(l.lcl);
    phase.ucl.push(l.ucl);
    phase.lower2.push(l.lower2);
    phase.upper2.push(l.upper2);
    if (n > 0) {
      nSum += n;
      nCount++;
    }
  }
  phase.meanN = nCount ? nSum / nCount : NaN;
  phase.limits = at(phase.meanN);
}

function signal(points: readonly SpcPoint[], phase: number, kind: SignalKind, indexes: number[], verdict: Verdict, length = indexes.length): Signal {
  const dates: string[] = new Array(indexes.length);
  for (let i = 0; i < indexes.length; i++) dates[i] = points[indexes[i]].date;
  return { kind, phase, indexes, dates, start: indexes[0], end: indexes[indexes.length - 1], length, verdict };
}

function readSignals(chart: ChartType, points: readonly SpcPoint[], values: readonly number[], phase: PhaseAnalysis, rules: Readonly<SpcRules>, better: Better | undefined): Signal[] {
  const out: Signal[] = [];
  const { start, end, centre } = phase;
  const p = phase.index;
  if (!Number.isFinite(centre)) return out;
  const thresholds = chart === 'run' ? rules.run : rules.control;

  if (chart !== 'run') {
    for (let j = 0; j < phase.count; j++) {
      const v = values[start + j];
      const side = v > phase.ucl[j] ? 'above' : v < phase.lcl[j] ? 'below' : undefined;
      if (side) {
        const sig = signal(points, p, 'outside-limits', [start + j], verdictOf(side === 'above', better));
        sig.side = side;
        out.push(sig);
      }
    }
  }

  let shifts: Array<{ side: 'above' | 'below'; counted: number[] }>;
  let runs: { runs: number; useful: number } | undefined;
  let trends: Trend[];
  const slice = values.slice(start, end + 1);
  if (chart === 'run' && !phase.frozen) {
    // The whole phase is its baseline: the run chart rules apply as they are.
    const a = analyzeRunChart(slice, { minShift: thresholds.shift, minTrend: thresholds.trend });
    shifts = a.shifts.map((s) => ({ side: s.side, counted: range(s.start, s.end).filter((i) => slice[i] !== a.median && Number.isFinite(slice[i])).map((i) => i + start) }));
    runs = { runs: a.runs, useful: a.usefulObservations };
    trends = a.trends;
  } else {
    const sides = sidesAbout(values, start, end, centre, thresholds.shift);
    shifts = sides.shifts;
    if (chart === 'run') runs = sides;
    trends = trendsOf(slice, thresholds.trend);
  }
  for (const s of shifts) {
    const sig = signal(points, p, 'shift', s.counted, verdictOf(s.side === 'above', better));
    sig.side = s.side;
    out.push(sig);
  }
  for (const t of trends) {
    const sig = signal(points, p, 'trend', range(t.start + start, t.end + start), verdictOf(t.direction === 'up', better), t.length);
    sig.direction = t.direction;
    out.push(sig);
  }

  if (chart !== 'run' && rules.control.twoOfThree) {
    for (const side of ['above', 'below'] as const) {
      for (const g of twoOfThree(values, start, phase, side)) {
        const sig = signal(points, p, 'two-of-three', g, verdictOf(side === 'above', better));
        sig.side = side;
        out.push(sig);
      }
    }
  }

  if (runs) {
    const limits = runsLimits(runs.useful);
    if (limits && (runs.runs < limits.lower || runs.runs > limits.upper)) {
      const all = range(start, end).filter((i) => Number.isFinite(values[i]) && values[i] !== centre);
      const sig = signal(points, p, 'runs', all, 'neutral');
      sig.runs = { too: runs.runs < limits.lower ? 'few' : 'many', count: runs.runs, lower: limits.lower, upper: limits.upper, useful: runs.useful };
      out.push(sig);
    }
  }
  out.sort((a, b) => a.start - b.start);
  return out;
}

/**
 * Centre line, limits and signals of a chart, per phase. Points must be in date order; on p and u
 * charts each must have n > 0 (a point without a denominator cannot be plotted: leave it out —
 * if one is passed anyway, it is plotted as NaN, has NaN limits and takes part in no signal).
 *
 * Outside-limit points are reported one signal per point (each is its own row in a data file).
 * Two-of-three signals that overlap on the same side are merged into one.
 */
export function analyzeChart(points: readonly SpcPoint[], options: ChartOptions): ChartAnalysis {
  const { chart, better } = options;
  const rules = options.rules ?? IHI;
  const specs = options.phases ?? [];
  const values = points.map((pt) => {
    if (chart !== 'p' && chart !== 'u') return pt.value;
    return pt.n !== undefined && pt.n > 0 ? pt.value / pt.n : NaN;
  });
  const minPoints = chart === 'run' ? rules.run.minPoints : rules.control.minPoints;
  const ranges = phaseRanges(points, specs);
  const phases = ranges.map((r, index): PhaseAnalysis => {
    const spec: PhaseSpec | undefined = specs[index];
    const count = Math.max(0, r.end - r.start + 1);
    const freeze = spec?.freeze !== undefined && spec.freeze > 0 ? Math.floor(spec.freeze) : undefined;
    const baseline = freeze !== undefined ? Math.min(freeze, count) : count;
    const phase: PhaseAnalysis = {
      index,
      label: spec?.label,
      startDate: spec?.start ?? points[0]?.date,
      start: r.start,
      end: r.end,
      count,
      baseline,
      frozen: baseline < count,
      centre: NaN,
      lcl: [],
      ucl: [],
      lower2: [],
      upper2: [],
      limits: NO_LIMITS,
      meanN: NaN,
      tooFewPoints: count < minPoints,
      minPoints,
      signals: [],
    };
    if (count > 0) computeLimits(chart, points, values, phase);
    if (!phase.tooFewPoints) phase.signals = readSignals(chart, points, values, phase, rules, better);
    return phase;
  });
  return { chart, values, phases, signals: phases.flatMap((p) => p.signals) };
}

/** The last phase that holds points (the process as it runs now), if any. */
export function latestPhase(analysis: ChartAnalysis): PhaseAnalysis | undefined {
  for (let i = analysis.phases.length - 1; i >= 0; i--) if (analysis.phases[i].count > 0) return analysis.phases[i];
  return undefined;
}

/**
 * Whether the target lies beyond the limits on the side of improvement, so the process as it runs
 * will not meet it without a change: better up and target > UCL, or better down and target < LCL.
 * Pass a control chart phase's `limits` (p and u: the limits at the phase's mean n). False when
 * `better` is missing or the limits are not numbers (run charts, a baseline too small); whether
 * the phase has enough points is the caller's call (`tooFewPoints`).
 */
export function targetOutOfReach(limits: Pick<Limits, 'lcl' | 'ucl'>, target: number, better: Better | undefined): boolean {
  if (!Number.isFinite(target)) return false;
  if (better === 'up') return Number.isFinite(limits.ucl) && target > limits.ucl;
  if (better === 'down') return Number.isFinite(limits.lcl) && target < limits.lcl;
  return false;
}
