import type { OptionValue, Report, Rule, RuleContext } from './api';
import type { DataFile } from '../data';
import { measureData, THRESHOLD_OPTIONS, thresholdOverrides, type MeasureData, type MeasurePoint, type MeasureSeries, type ThresholdOverrides } from '../model/measure';
import { latestPhase, targetOutOfReach, type ChartType, type PhaseAnalysis, type Signal } from '../model/spc';
import { obj, text } from '../model/values';
import { plural } from '../text';
import type { Path } from '../types';

/**
 * Measure rules (DESIGN §2, `measure/*`): whether the data can be read, and what the chart says —
 * the signals that a change is an improvement ("how will we know that a change is an
 * improvement?", the reflection guide on leading system-wide continuous improvement). The arithmetic is `model/spc.ts`'s; the points are
 * read by `model/measure.ts`, once per document for all the rules (see `measured`).
 *
 * Thresholds. `spc:` of `.improvekit.yaml` picks a preset: `ihi` (Provost & Murray, "The Health
 * Care Data Guide", 2011; the default) or `mdc` (NHS England, "Making Data Count"). Each threshold
 * is also an option of its rule (`measure/shift: { min_shift: 9 }`), declared with the IHI value;
 * an option the configuration sets replaces the preset's value, an option it leaves unset follows
 * `spc` (`ctx.configured` tells set from unset). All the rules read one analysis, so a threshold set on one rule
 * (`min_points` of `measure/too-few-points`) holds for the signals of the others too.
 *
 * The same readers serve PDSA cycles whose `data` names a CSV file (`pdsa/data-unreadable`,
 * `pdsa/bad-row`, exported for rules/pdsa.ts).
 */

// ---- thresholds ----

function optionsOf(rule: string): Record<string, OptionValue> {
  return Object.fromEntries(THRESHOLD_OPTIONS.filter((t) => t.rule === rule).map((t) => [t.name, t.value]));
}

function overridesOf(ctx: RuleContext): ThresholdOverrides {
  return thresholdOverrides((rule, option) => ctx.configured(rule, option));
}

// ---- reading the data, once per document ----

export interface Measured {
  data: MeasureData;
  /** `data.file` as written, its URI (undefined when the path may not be read), and the file when held. */
  relative?: string;
  uri?: string;
  file?: DataFile;
}

const cache = new WeakMap<object, { file: DataFile | undefined; key: string; value: Measured }>();

/**
 * The document's data and analyses, computed once for all the rules that read them (keyed by the
 * document's value, the data file's version and the thresholds), so that 26,000 rows are read once.
 */
export function measured(ctx: RuleContext): Measured {
  const relative = text(obj(ctx.data.data)?.file);
  const resolved = relative !== undefined ? ctx.dataFile(relative) : undefined;
  const file = resolved?.file;
  const overrides = overridesOf(ctx);
  const key = `${ctx.spc}|${resolved?.uri ?? ''}|${JSON.stringify(overrides)}`;
  const hit = cache.get(ctx.data);
  if (hit && hit.file === file && hit.key === key) return hit.value;
  const value: Measured = { data: measureData(ctx.data, file, { spc: ctx.spc, thresholds: overrides }), relative, uri: resolved?.uri, file };
  cache.set(ctx.data, { file, key, value });
  return value;
}

// ---- wording ----

function round(n: number, digits = 2): string {
  return String(Number(n.toFixed(digits)));
}

/** A value as the chart shows it: p charts as a percentage. */
function shown(chart: ChartType, v: number): string {
  return chart === 'p' ? `${round(v * 100, 1)}%` : round(v);
}

function centreName(chart: ChartType): string {
  return chart === 'run' ? 'median' : 'centre line';
}

/** `school Lincoln: ` before a grouped series' findings. */
function prefix(m: MeasureData, series: MeasureSeries): string {
  return series.group !== undefined && m.definition.columns.group ? `${m.definition.columns.group} ${series.group}: ` : '';
}

/** What a signal means by `better`, and the prompt to look for its cause. */
function meaning(verdict: Signal['verdict'], prompt: boolean, what = 'changed'): string {
  const head = verdict === 'improvement' ? 'an improvement' : verdict === 'concern' ? 'a concern' : 'unlikely to be chance';
  if (!prompt) return head;
  return verdict === 'improvement' ? `${head}: note what ${what} then` : `${head}: look for what ${what} then`;
}

/** ` (CSV lines 4–11)` for points read from a file; nothing for inline points. */
function lines(points: readonly MeasurePoint[]): string {
  const rows = points.flatMap((p) => (p.source.kind === 'row' ? [p.source.line] : []));
  if (!rows.length) return '';
  const first = Math.min(...rows);
  const last = Math.max(...rows);
  return first === last ? ` (CSV line ${first})` : ` (CSV lines ${first}–${last})`;
}

/**
 * Where a finding about some points is reported: inline points, from the first point's item to the
 * last's; points of a file, the document's `data.file` (the message names the CSV lines).
 */
export function placeOf(ctx: RuleContext, points: readonly MeasurePoint[], fileKey: Path = ['data', 'file']): Pick<Report, 'at' | 'target' | 'span'> {
  const inline = points.filter((p) => p.source.kind === 'inline').map((p) => (p.source as { index: number }).index);
  if (!inline.length) return { at: fileKey, target: 'value' };
  const first: Path = ['data', 'points', Math.min(...inline)];
  const last: Path = ['data', 'points', Math.max(...inline)];
  if (first[2] === last[2]) return { at: first, target: 'value' };
  return { at: first, target: 'value', span: { start: ctx.doc.locate(first, 'value').start, end: ctx.doc.locate(last, 'value').end } };
}

function pointsOf(series: MeasureSeries, indexes: readonly number[]): MeasurePoint[] {
  return indexes.map((i) => series.points[i]);
}

/** The series that can be read for signals: in date order. */
function readable(m: MeasureData): MeasureSeries[] {
  return m.series.filter((s) => s.inOrder);
}

// ---- data: files, columns, rows, order ----

/** `measure/data-unreadable` (and `pdsa/data-unreadable`): the file, or a column of it, cannot be read. */
export function checkUnreadable(ctx: RuleContext, got: Measured): void {
  const { data: m, relative } = got;
  if (relative === undefined) return;
  const at: Path = ['data', 'file'];
  if (got.uri === undefined) {
    ctx.report({ at, target: 'value', message: `\`${relative}\` may not be read: name a .csv file by a path relative to this file, such as data/huddles.csv` });
    return;
  }
  if (!got.file) {
    ctx.report({ at, target: 'value', message: `No file \`${relative}\` in the workspace: check the path, relative to this file (a CSV with a header row)` });
    return;
  }
  const header = m.header ?? [];
  if (!header.length) {
    ctx.report({ at, target: 'value', message: `\`${relative}\` has no header row: its first line must name the columns, such as date,value` });
    return;
  }
  const { columns } = m.definition;
  const keyOf: Record<string, string> = {};
  for (const k of ['group', 'n', 'value', 'date'] as const) if (columns[k] !== undefined) keyOf[columns[k]!] = k;
  const names = header.map((h) => `\`${h}\``).join(', ');
  for (const name of m.missingColumns) {
    const key = keyOf[name];
    const written = key !== undefined && ctx.doc.has(['data', key]);
    ctx.report({
      at: written ? ['data', key] : at,
      target: 'value',
      message: written
        ? `Column \`${name}\` is not in the header of ${relative} (${names}): name one of those in \`data.${key}\``
        : `${relative} has no \`${name}\` column (it has ${names}): add \`${key ?? name}: <column>\` under \`data\``,
    });
  }
}

/** `measure/bad-row` (and `pdsa/bad-row`): rows left out, reported in the data file on the row; inline points on their item. */
export function checkBadRows(ctx: RuleContext, got: Measured): void {
  for (const row of got.data.badRows) {
    ctx.report({ at: ['data', 'file'], target: 'value', file: got.uri, span: { start: row.start, end: row.end }, message: row.message });
  }
  for (const p of got.data.badPoints) ctx.report({ at: ['data', 'points', p.index], target: 'value', message: `Point ${p.index + 1}: ${p.message}` });
}

/** The out-of-order findings: one per series, on its first point out of order (in the CSV, on its row). */
export function checkOrder(ctx: RuleContext, got: Measured, what: string): void {
  const m = got.data;
  const seen = new Set<string | undefined>();
  for (const o of m.outOfOrder) {
    if (seen.has(o.group)) continue;
    seen.add(o.group);
    const more = m.outOfOrder.filter((x) => x.group === o.group).length - 1;
    const group = o.group !== undefined && m.definition.columns.group ? `${m.definition.columns.group} ${o.group}: ` : '';
    const tail = more ? ` (${plural(more, 'more point')} out of order)` : '';
    const message = `${group}${o.date} comes after ${o.previous}: dates must increase — sort the ${what} by date${tail}; no signal is read until then`;
    if (o.source.kind === 'row') ctx.report({ at: ['data', 'file'], target: 'value', file: got.uri, span: { start: o.source.start, end: o.source.end }, message });
    else ctx.report({ at: ['data', 'points', o.source.index], target: 'value', message });
  }
}

const dataUnreadable: Rule = {
  id: 'measure/data-unreadable',
  kinds: ['measure'],
  severity: 'error',
  description: '`data.file` names no readable file, or a named column is not in its header row.',
  check(ctx) {
    checkUnreadable(ctx, measured(ctx));
  },
};

const badRow: Rule = {
  id: 'measure/bad-row',
  kinds: ['measure'],
  severity: 'warning',
  description: 'A data row whose date is not a date or whose value (or `n`) is not a number: the row is left out.',
  check(ctx) {
    checkBadRows(ctx, measured(ctx));
  },
};

const pointsOutOfOrder: Rule = {
  id: 'measure/points-out-of-order',
  kinds: ['measure'],
  severity: 'warning',
  description: 'The dates of the data do not increase (within a group).',
  check(ctx) {
    const got = measured(ctx);
    checkOrder(ctx, got, got.data.from === 'file' ? 'rows' : 'points');
  },
};

// ---- too few points ----

const tooFewPoints: Rule = {
  id: 'measure/too-few-points',
  kinds: ['measure'],
  severity: 'hint',
  description: 'Fewer points than the chart needs for signals (run 10, control charts 12 in a phase): no signal is reported yet.',
  options: optionsOf('measure/too-few-points'),
  check(ctx) {
    const got = measured(ctx);
    const m = got.data;
    const { chart } = m.definition;
    const needed = chart === 'run' ? m.rules.run.minPoints : m.rules.control.minPoints;
    const kind = chart === 'run' ? 'a run chart' : chart === 'xmr' ? 'an XmR chart' : `a ${chart} chart`;
    if (m.from === 'none' || (!m.series.length && m.from === 'points')) {
      // Nothing to chart yet (a file that cannot be read is data-unreadable's).
      if (got.relative !== undefined) return;
      ctx.report({
        at: ctx.doc.has(['data']) ? ['data'] : ['id'],
        target: ctx.doc.has(['data']) ? 'key' : 'value',
        message: `No points yet: add them under \`data.points\`, or name a CSV with \`data.file\`; ${kind} needs ${needed} for signals`,
      });
      return;
    }
    const phased = m.definition.phases.length > 0;
    for (const series of m.series) {
      if (!series.inOrder) continue;
      for (const phase of series.analysis.phases) {
        if (!phase.tooFewPoints || (phased && phase.count === 0)) continue;
        const spec = m.definition.phases[phase.index];
        const where = phased && spec ? ` in phase ${spec.label ?? `from ${spec.start}`}` : '';
        const place = phased && spec ? { at: ['phases', spec.index] as Path, target: 'item' as const } : placeOf(ctx, series.points);
        ctx.report({
          ...place,
          message: `${prefix(m, series)}Only ${plural(phase.count, 'point')}${where}: ${kind} needs ${needed} before signals are read — none is reported yet`,
        });
      }
    }
  },
};

// ---- signals ----

function phaseOf(series: MeasureSeries, s: Signal): PhaseAnalysis {
  return series.analysis.phases[s.phase];
}

/** Calls `report` for each signal of a kind in the readable series. */
function eachSignal(m: MeasureData, kind: Signal['kind'], report: (series: MeasureSeries, s: Signal, phase: PhaseAnalysis) => void): void {
  for (const series of readable(m)) for (const s of series.analysis.signals) if (s.kind === kind) report(series, s, phaseOf(series, s));
}

const outsideLimits: Rule = {
  id: 'measure/outside-limits',
  kinds: ['measure'],
  severity: 'info',
  description: 'A control-chart point lies beyond the 3-sigma limits of its phase.',
  check(ctx) {
    const m = measured(ctx).data;
    const { chart } = m.definition;
    eachSignal(m, 'outside-limits', (series, s, phase) => {
      const point = series.points[s.start];
      const j = s.start - phase.start;
      const limit = s.side === 'above' ? phase.ucl[j] : phase.lcl[j];
      const value = series.analysis.values[s.start];
      ctx.report({
        ...placeOf(ctx, [point]),
        message:
          `${prefix(m, series)}${point.date} (${shown(chart, value)}) is ${s.side} the ${s.side === 'above' ? 'upper' : 'lower'} limit (${shown(chart, limit)})${lines([point])} — ` +
          meaning(s.verdict, true, 'happened'),
      });
    });
  },
};

const shift: Rule = {
  id: 'measure/shift',
  kinds: ['measure'],
  severity: 'info',
  description: 'Run chart: 6+ consecutive points on one side of the median; control chart: 8+ on one side of the centre line (7 with `spc: mdc`).',
  options: optionsOf('measure/shift'),
  check(ctx) {
    const m = measured(ctx).data;
    const { chart } = m.definition;
    eachSignal(m, 'shift', (series, s, phase) => {
      const points = pointsOf(series, s.indexes);
      const first = s.dates[0];
      const last = s.dates[s.dates.length - 1];
      const centre = `${centreName(chart)} (${shown(chart, phase.centre)})`;
      // A run from the phase's first point started before the chart did: nothing changed at its
      // start; the level moved after its end.
      const message =
        s.start === phase.start
          ? `Shift: the first ${s.length} points (${first} to ${last}) are ${s.side} the ${centre}${lines(points)}: the level moved after ${last}`
          : `Shift: ${s.length} in a row ${s.side} the ${centre} from ${first} to ${last}${lines(points)} — ${meaning(s.verdict, true)}`;
      ctx.report({ ...placeOf(ctx, points), message: prefix(m, series) + message });
    });
  },
};

const trend: Rule = {
  id: 'measure/trend',
  kinds: ['measure'],
  severity: 'info',
  description: 'Run chart: 5+ points in a row all going up or all going down; control chart: 6+ (7 with `spc: mdc`).',
  options: optionsOf('measure/trend'),
  check(ctx) {
    const m = measured(ctx).data;
    eachSignal(m, 'trend', (series, s, phase) => {
      const points = pointsOf(series, s.indexes);
      const first = s.dates[0];
      const last = s.dates[s.dates.length - 1];
      const fromStart = s.start === phase.start;
      ctx.report({
        ...placeOf(ctx, points),
        message:
          prefix(m, series) +
          (fromStart
            ? `Trend: the first ${s.length} points go ${s.direction}, ${first} to ${last}${lines(points)} — ${meaning(s.verdict, false)}`
            : `Trend: ${s.length} in a row going ${s.direction} from ${first} to ${last}${lines(points)} — ${meaning(s.verdict, true)}`),
      });
    });
  },
};

const runs: Rule = {
  id: 'measure/runs',
  kinds: ['measure'],
  severity: 'info',
  description: 'Run chart: too few or too many runs for the number of points not on the median (the published table).',
  check(ctx) {
    const m = measured(ctx).data;
    eachSignal(m, 'runs', (series, s, phase) => {
      const r = s.runs!;
      const points = series.points.slice(phase.start, phase.end + 1);
      const counted = `${r.count} (${r.lower} to ${r.upper} expected for ${r.useful} points off the median)`;
      ctx.report({
        ...placeOf(ctx, points),
        message:
          prefix(m, series) +
          (r.too === 'few'
            ? `Too few runs: ${counted}${lines(points)} — the process shifted: find when`
            : `Too many runs: ${counted}${lines(points)} — two processes may be mixed`),
      });
    });
  },
};

const twoOfThree: Rule = {
  id: 'measure/two-of-three',
  kinds: ['measure'],
  severity: 'info',
  description: 'Control chart: 2 of 3 consecutive points beyond 2 sigma on the same side, inside the limits or not.',
  check(ctx) {
    const m = measured(ctx).data;
    const { chart } = m.definition;
    eachSignal(m, 'two-of-three', (series, s, phase) => {
      const points = pointsOf(series, s.indexes);
      const constant = chart === 'xmr' || chart === 'c';
      const line = s.side === 'above' ? phase.limits.upper2 : phase.limits.lower2;
      const dates = s.dates.length > 3 ? `${s.dates[0]} to ${s.dates[s.dates.length - 1]}` : s.dates.join(', ');
      ctx.report({
        ...placeOf(ctx, points),
        message:
          `${prefix(m, series)}2 of 3 points beyond 2 sigma, ${s.side}${constant ? ` ${shown(chart, line)}` : ' the centre line'}: ${dates}${lines(points)} — ` +
          meaning(s.verdict, s.start !== phase.start),
      });
    });
  },
};

const phaseWithoutReason: Rule = {
  id: 'measure/phase-without-reason',
  kinds: ['measure'],
  severity: 'warning',
  description: 'A phase after the first has no `reason`: limits are recalculated only for a known change.',
  check(ctx) {
    const m = measured(ctx).data;
    for (const phase of m.definition.phases) {
      if (phase.index === 0 || m.definition.phases[0] === phase || phase.reason !== undefined) continue;
      const name = phase.label ? `Phase "${phase.label}" from ${phase.start}` : `The phase from ${phase.start}`;
      ctx.report({
        at: ['phases', phase.index],
        target: 'item',
        message: `${name} has no reason: add \`reason:\` naming the known change that justifies new limits`,
      });
    }
  },
};

const targetUnreachable: Rule = {
  id: 'measure/target-out-of-reach',
  kinds: ['measure'],
  severity: 'info',
  description: "Control chart with `better` and `target`: the target lies beyond the latest phase's limits on the side of improvement.",
  check(ctx) {
    const m = measured(ctx).data;
    const { chart, better, target } = m.definition;
    if (chart === 'run' || !better || target === undefined) return;
    for (const series of readable(m)) {
      const phase = latestPhase(series.analysis);
      if (!phase || phase.tooFewPoints || !targetOutOfReach(phase.limits, target, better)) continue;
      const up = better === 'up';
      const limit = up ? phase.limits.ucl : phase.limits.lcl;
      ctx.report({
        at: ['target'],
        target: 'value',
        message: `${prefix(m, series)}Target ${shown(chart, target)} is ${up ? 'above the upper' : 'below the lower'} limit (${shown(chart, limit)}): the process as it runs will not reach it — change the process`,
      });
    }
  },
};

export const MEASURE_RULES: readonly Rule[] = [
  dataUnreadable,
  badRow,
  pointsOutOfOrder,
  tooFewPoints,
  outsideLimits,
  shift,
  trend,
  runs,
  twoOfThree,
  phaseWithoutReason,
  targetUnreachable,
];
