/**
 * A `measure` document read for charting (DESIGN §1.7): its definition, its points (inline
 * `data.points`, or the rows of the CSV file `data.file` names) and the analysis of each chart.
 * Shared by the `measure/*` rules, the PDSA run-chart rules (a cycle's `data` may name a file too)
 * and the measure renderer, so that what the preview draws is what the rules report.
 *
 * Decisions, so that callers need not guess:
 * - A row (or inline point) whose date is not a `YYYY-MM-DD` day, or whose value (or, on p and u
 *   charts, `n`) is not a number, is left out and listed in `badRows` (file rows) or `badPoints`
 *   (inline points). So is a p/u row with `n` ≤ 0, a p row with more events than `n`, and a row
 *   whose group cell is empty. Rows the CSV reader could not split are listed in `badRows` too.
 * - Points keep the order they are written in. A point whose date is not after the previous
 *   point's of its group is listed in `outOfOrder`; such a series is still analysed (centre and
 *   limits, for drawing) but its `inOrder` is false and its analysis holds **no signal**: shifts
 *   and trends read in the wrong order would be wrong.
 * - Groups: one series per value of the group column (inline: of each point's `group` key), in the
 *   order each value first appears; without a group, one series whose `group` is undefined.
 * - When a named column is missing from the header (or the file has no header), no row is read:
 *   `missingColumns` lists the column names, `series` is empty.
 * - `target`: a number; "N%" is N ÷ 100 on p charts (a share, as p values are) and N on other
 *   charts (their values are read as written). On p charts a plain number above 1 is a percentage.
 *
 * Pure and linear in the number of rows.
 */
import type { DataFile } from '../data';
import { readDate, readNumber } from './csv';
import { analyzeChart, IHI, MDC, type Better, type ChartAnalysis, type ChartType, type PhaseSpec, type SignalThresholds, type SpcPoint, type SpcRules } from './spc';
import { date, isObj, items, list, num, obj, text } from './values';

export const CHART_TYPES: readonly ChartType[] = ['run', 'xmr', 'p', 'u', 'c'];

export interface MeasureDefinition {
  chart: ChartType;
  better?: Better;
  /** The goal, on the chart's scale (p: a share 0..1). */
  target?: number;
  unit?: string;
  /** The driver-diagram measure this gives data for (`measure:`, or a PDSA cycle's `data.measure`). */
  measure?: string;
  /** The phases with a valid `start`, as written; `index` is the item's index under `phases`. */
  phases: Array<PhaseSpec & { reason?: string; index: number }>;
  /** The annotations with a valid date; `index` is the item's index under `annotations`. */
  annotations: Array<{ date: string; text: string; index: number }>;
  /** Column names of the data file (defaults `date`, `value`, `n`; `group` only when given). */
  columns: { date: string; value: string; n: string; group?: string };
  /** `data.file` as written (relative to the document). */
  file?: string;
}

export type PointSource = { kind: 'inline'; index: number } | { kind: 'row'; line: number; start: number; end: number };

export interface MeasurePoint extends SpcPoint {
  group?: string;
  /** Where the point is written: the item of `data.points`, or the data file's row (1-based line, offsets). */
  source: PointSource;
}

export interface MeasureSeries {
  /** The group's value; undefined without a group column. */
  group: string | undefined;
  /** The points of the group, in the order written. */
  points: MeasurePoint[];
  /** Whether the dates increase; when not, `analysis` has no signals. */
  inOrder: boolean;
  /** Indexes into `analysis` and its signals are indexes into `points`. */
  analysis: ChartAnalysis;
}

export interface BadRow {
  /** 1-based line of the row in the data file, and its span (offsets into the file's text). */
  line: number;
  start: number;
  end: number;
  message: string;
}

export interface MeasureData {
  definition: MeasureDefinition;
  /** Where the points came from: the data file, inline points, or nowhere. */
  from: 'file' | 'points' | 'none';
  series: MeasureSeries[];
  /** File rows left out, in file order. */
  badRows: BadRow[];
  /** Inline points left out for what the schema cannot see (no `n` on a p chart…): index into `data.points`. */
  badPoints: Array<{ index: number; message: string }>;
  /** Named columns the header does not have (all of them when the file has no header). */
  missingColumns: string[];
  /** Points whose date is not after the previous point's of the same group. */
  outOfOrder: Array<{ group?: string; index: number; date: string; previous: string; source: PointSource }>;
  /** The header of the data file, when one was read. */
  header?: string[];
  /** The thresholds the analysis used. */
  rules: Readonly<SpcRules>;
}

/** Thresholds that replace the preset's (what is not given follows `spc`). */
export interface ThresholdOverrides {
  run?: Partial<SignalThresholds>;
  control?: Partial<SpcRules['control']>;
}

export interface MeasureOptions {
  /** The preset: `ihi` (the default) or `mdc`. */
  spc?: 'ihi' | 'mdc';
  thresholds?: ThresholdOverrides;
}

function defined<T extends object>(o: T | undefined): Partial<T> {
  const out: Partial<T> = {};
  if (!o) return out;
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

/** The preset of `spc`, with the given thresholds in place of its own. */
export function measureRules(spc: 'ihi' | 'mdc' | undefined, overrides?: ThresholdOverrides): Readonly<SpcRules> {
  const preset = spc === 'mdc' ? MDC : IHI;
  if (!overrides || (!overrides.run && !overrides.control)) return preset;
  return { name: preset.name, run: { ...preset.run, ...defined(overrides.run) }, control: { ...preset.control, ...defined(overrides.control) } };
}

/**
 * The threshold options of the `measure/*` rules (`measure/shift: { min_shift: 9 }`), with their
 * IHI defaults: an option the configuration sets replaces the preset's value; one it leaves unset
 * follows `spc`. The rules, the chart and the editor's hover read them through `thresholdOverrides`,
 * so all three show the same signals.
 */
export const THRESHOLD_OPTIONS = [
  { rule: 'measure/shift', name: 'min_shift', value: 8, chart: 'control', key: 'shift' },
  { rule: 'measure/shift', name: 'run_min_shift', value: 6, chart: 'run', key: 'shift' },
  { rule: 'measure/trend', name: 'min_trend', value: 6, chart: 'control', key: 'trend' },
  { rule: 'measure/trend', name: 'run_min_trend', value: 5, chart: 'run', key: 'trend' },
  { rule: 'measure/too-few-points', name: 'min_points', value: 12, chart: 'control', key: 'minPoints' },
  { rule: 'measure/too-few-points', name: 'run_min_points', value: 10, chart: 'run', key: 'minPoints' },
] as const;

/** The thresholds a configuration sets, from a lookup of its rule options (undefined, or not a number: unset). */
export function thresholdOverrides(configured: (rule: string, option: string) => unknown): ThresholdOverrides {
  const out: { run: Record<string, number>; control: Record<string, number> } = { run: {}, control: {} };
  for (const t of THRESHOLD_OPTIONS) {
    const v = configured(t.rule, t.name);
    // A shift or trend needs 2 points at least; a phase needs 1 point to be read.
    if (typeof v === 'number' && Number.isFinite(v)) out[t.chart][t.key] = Math.max(t.key === 'minPoints' ? 1 : 2, Math.floor(v));
  }
  return out;
}

function column(value: unknown, fallback: string): string {
  return text(value) ?? fallback;
}

/** A target as a number on the chart's scale (see the module comment). */
export function readTarget(value: unknown, chart: ChartType): number | undefined {
  if (typeof value === 'string') {
    const m = /^\s*(-?\d+(?:\.\d+)?)\s*%\s*$/.exec(value);
    if (m) return chart === 'p' ? Number(m[1]) / 100 : Number(m[1]);
  }
  const n = num(value);
  if (n === undefined) return undefined;
  return chart === 'p' && n > 1 ? n / 100 : n;
}

/** The definition of a measure document (or of a PDSA cycle's data series: a run chart). */
export function readMeasureDefinition(data: Record<string, unknown>): MeasureDefinition {
  const chartText = text(data.chart)?.toLowerCase();
  const chart: ChartType = (CHART_TYPES as readonly string[]).includes(chartText ?? '') ? (chartText as ChartType) : 'run';
  const betterText = text(data.better)?.toLowerCase();
  const better: Better | undefined = betterText === 'up' || betterText === 'down' ? betterText : undefined;
  const d = obj(data.data);
  const phases: MeasureDefinition['phases'] = [];
  for (const { item, index } of items(data.phases)) {
    const start = date(item.start);
    if (!start) continue;
    const freeze = num(item.freeze);
    phases.push({
      start,
      label: text(item.label),
      freeze: freeze !== undefined && freeze >= 1 ? Math.floor(freeze) : undefined,
      reason: text(item.reason),
      index,
    });
  }
  const annotations: MeasureDefinition['annotations'] = [];
  for (const { item, index } of items(data.annotations)) {
    const when = date(item.date);
    const words = text(item.text);
    if (when && words) annotations.push({ date: when, text: words, index });
  }
  const group = text(d?.group);
  return {
    chart,
    better,
    target: readTarget(data.target, chart),
    unit: text(data.unit),
    measure: text(data.measure) ?? text(d?.measure),
    phases,
    annotations,
    columns: { date: column(d?.date, 'date'), value: column(d?.value, 'value'), n: column(d?.n, 'n'), ...(group ? { group } : {}) },
    file: text(d?.file),
  };
}

const needsN = (chart: ChartType) => chart === 'p' || chart === 'u';

/** What is wrong with a point's numbers, or undefined. */
function checkNumbers(chart: ChartType, value: number, n: number | undefined, nName: string): string | undefined {
  if (needsN(chart)) {
    if (n === undefined) return `\`${nName}\` is not a number: a ${chart} chart needs the count of cases`;
    if (n <= 0) return `\`${nName}\` is ${n}: a ${chart} chart needs more than 0 cases`;
    if (chart === 'p' && (value < 0 || value > n)) return `${value} events of ${n} cases: a p chart's value must be 0 to \`${nName}\``;
  }
  return undefined;
}

function clip(cell: string): string {
  const t = cell.trim();
  return t.length > 24 ? `${t.slice(0, 23)}…` : t;
}

/**
 * The points, series and analyses of a measure. `dataFile` is the file `data.file` names, when the
 * workspace holds it (undefined: nothing is read from a file). Inline points are read when the
 * definition names no file.
 */
export function measureData(data: Record<string, unknown>, dataFile: DataFile | undefined, options: MeasureOptions = {}): MeasureData {
  const definition = readMeasureDefinition(data);
  const rules = measureRules(options.spc, options.thresholds);
  const { chart, columns } = definition;
  const badRows: BadRow[] = [];
  const badPoints: MeasureData['badPoints'] = [];
  const missingColumns: string[] = [];
  const points: MeasurePoint[] = [];
  let from: MeasureData['from'] = 'none';
  let header: string[] | undefined;

  if (definition.file !== undefined) {
    if (dataFile) {
      from = 'file';
      const table = dataFile.table;
      header = table.header;
      const named = [columns.date, columns.value, ...(needsN(chart) ? [columns.n] : []), ...(columns.group ? [columns.group] : [])];
      for (const name of named) if (!table.header.includes(name) && !missingColumns.includes(name)) missingColumns.push(name);
      if (!missingColumns.length) {
        // Rows the reader could not split, and rows with unreadable cells, in file order.
        const problems = table.problems;
        let p = 0;
        const flush = (line: number) => {
          while (p < problems.length && problems[p].line < line) badRows.push(problems[p++]);
        };
        for (const row of table.rows) {
          flush(row.line);
          const cells = row.cells;
          const rawDate = cells[columns.date];
          const day = readDate(rawDate);
          const value = readNumber(cells[columns.value]);
          const n = needsN(chart) ? readNumber(cells[columns.n]) : undefined;
          const group = columns.group ? cells[columns.group]?.trim() : undefined;
          let problem: string | undefined;
          if (!day) problem = `Date "${clip(rawDate ?? '')}" in \`${columns.date}\` is not a date: write it YYYY-MM-DD`;
          else if (value === undefined) problem = `Value "${clip(cells[columns.value] ?? '')}" in \`${columns.value}\` is not a number: write digits, such as 12.5`;
          else problem = checkNumbers(chart, value, n, columns.n);
          if (!problem && columns.group && !group) problem = `\`${columns.group}\` is empty: say which ${columns.group} the row is for`;
          if (problem) {
            badRows.push({ line: row.line, start: row.start, end: row.end, message: `${problem}; the row is left out` });
            continue;
          }
          const point: MeasurePoint = { date: day!, value: value!, source: { kind: 'row', line: row.line, start: row.start, end: row.end } };
          if (n !== undefined) point.n = n;
          if (group !== undefined) point.group = group;
          points.push(point);
        }
        flush(Infinity);
      }
    }
  } else {
    const raw = list(obj(data.data)?.points);
    if (raw.length) from = 'points';
    raw.forEach((item, index) => {
      if (!isObj(item)) return;
      const day = date(item.date);
      const value = typeof item.value === 'number' && Number.isFinite(item.value) ? item.value : undefined;
      // A bad date or value is schema/invalid's to report; the point is left out silently here.
      if (!day || value === undefined) return;
      const n = needsN(chart) ? (typeof item.n === 'number' && Number.isFinite(item.n) ? item.n : undefined) : undefined;
      const problem = checkNumbers(chart, value, n, 'n');
      if (problem) {
        badPoints.push({ index, message: `${problem}; the point is left out` });
        return;
      }
      const point: MeasurePoint = { date: day, value, source: { kind: 'inline', index } };
      if (n !== undefined) point.n = n;
      const group = text(item.group);
      if (group !== undefined) point.group = group;
      points.push(point);
    });
  }

  // One series per group, in first-seen order.
  const groups = new Map<string | undefined, MeasurePoint[]>();
  for (const point of points) {
    const key = point.group;
    const g = groups.get(key);
    if (g) g.push(point);
    else groups.set(key, [point]);
  }
  const outOfOrder: MeasureData['outOfOrder'] = [];
  const series: MeasureSeries[] = [];
  const specs: PhaseSpec[] = definition.phases.map((p) => ({ start: p.start, label: p.label, freeze: p.freeze }));
  for (const [group, pts] of groups) {
    let inOrder = true;
    for (let i = 1; i < pts.length; i++) {
      // ISO dates compare as strings.
      if (pts[i].date <= pts[i - 1].date) {
        inOrder = false;
        outOfOrder.push({ ...(group !== undefined ? { group } : {}), index: i, date: pts[i].date, previous: pts[i - 1].date, source: pts[i].source });
      }
    }
    const analysis = analyzeChart(pts, { chart, phases: specs, rules, better: definition.better });
    if (!inOrder) {
      for (const phase of analysis.phases) phase.signals = [];
      analysis.signals = [];
    }
    series.push({ group, points: pts, inOrder, analysis });
  }
  return { definition, from, series, badRows, badPoints, missingColumns, outOfOrder, header, rules };
}
