import type { EditSpec, FixSpec, Report, Rule, RuleContext } from './api';
import { checkBadRows, checkOrder, checkUnreadable, measured } from './measure';
import { date, filled, isObj, items, list, num, obj, text, type Obj } from '../model/values';
import { analyzeRunChart, DEFAULT_MIN_SHIFT, DEFAULT_MIN_TREND } from '../model/runchart';
import { closest, plural } from '../text';
import type { ParsedDocument } from '../parse';
import type { Path } from '../types';

/**
 * PDSA cycle rules. A PDSA cycle is one small, rapid, low-risk test of one change idea: plan
 * (questions with predictions), do, study (each prediction beside what happened) and act (adopt,
 * adapt or abandon). Leaders "examine and learn from the gap between one's predictions and what
 * actually happened" (the reflection guide on leading system-wide continuous improvement); most rules here guard that loop.
 * References (`change_idea`, `data.measure`, `study.results[].question`) are ref/unknown's.
 */

function status(ctx: RuleContext): string | undefined {
  return text(ctx.data.status)?.toLowerCase();
}

/** A plan question in a short message: `` `q3` ``, else its first words. */
function shortQuestion(item: Obj, index: number): string {
  const id = text(item.id);
  if (id) return `\`${id}\``;
  const q = text(item.question);
  if (q) return `"${q.length > 40 ? `${q.slice(0, 39)}…` : q}"`;
  return `number ${index + 1}`;
}

/**
 * An edit that gives `key` a value in the mapping at `mapPath`: a new entry when the key is
 * absent, else a replacement of its empty value (`key: ""`, `key: ~`, or `key:` with nothing after
 * the colon, which is written right after the key and its colon).
 */
function fill(ctx: RuleContext, mapPath: Path, map: Obj, key: string, valueText: string): EditSpec | undefined {
  if (!(key in map)) return ctx.insertEntry(mapPath, key, valueText);
  const value = map[key];
  if (value !== null && value !== undefined && !(typeof value === 'string' && value.trim() === '')) return undefined;
  const path = [...mapPath, key];
  const k = ctx.doc.locate(path, 'key');
  const v = ctx.doc.locate(path, 'value');
  if (v.start > k.start) return { span: { start: k.end, end: v.end }, text: `: ${valueText}` };
  // After the colon: `key :` has spaces before it.
  const colon = k.end + (ctx.source({ start: k.end, end: k.end + 64 }).match(/^[ \t]*:/)?.[0].length ?? 1);
  return { span: { start: colon, end: colon }, text: ` ${valueText}` };
}

/**
 * Text that stands in for a prediction not yet written: an ellipsis, empty quotes, the skeleton's
 * and the snippets' sample text. The rule keeps flagging it, so a suggestion that inserts one
 * never silences the finding.
 */
const PLACEHOLDERS = new Set(['…', '...', '', 'what we expect', 'what we expect to happen', 'tbd', 'todo']);

export function isPlaceholder(value: string | undefined): boolean {
  if (value === undefined) return true;
  const v = value.trim().toLowerCase();
  return /^[.…\s]*$/.test(v) || PLACEHOLDERS.has(v) || PLACEHOLDERS.has(v.replace(/\s*(?:…|\.\.\.)$/, ''));
}

const questionWithoutPrediction: Rule = {
  id: 'pdsa/question-without-prediction',
  kinds: ['pdsa-cycle'],
  severity: 'warning',
  description: 'A plan question has no prediction.',
  check(ctx) {
    const plan = obj(ctx.data.plan);
    for (const { item, index } of items(plan?.questions)) {
      const written = text(item.prediction);
      if (!isPlaceholder(written)) continue;
      const at: Path = ['plan', 'questions', index];
      const fixes: FixSpec[] = [];
      // A placeholder to fill in: a suggestion (it writes no prediction), and the finding stays.
      const edit = written === undefined ? fill(ctx, at, item, 'prediction', '"…"') : undefined;
      if (edit) fixes.push({ title: 'Add a prediction to fill in', kind: 'suggestion', edits: [edit] });
      ctx.report({
        at,
        target: 'item',
        message:
          written === undefined
            ? `Question ${shortQuestion(item, index)} has no prediction: add \`prediction:\` with what you expect to happen`
            : `Question ${shortQuestion(item, index)} has a placeholder prediction (${JSON.stringify(written)}): write what you expect`,
        fixes,
      });
    }
  },
};

/** Whether a study result says something. */
function hasResult(result: unknown): boolean {
  return isObj(result) && (filled(result.result) || filled(result.prediction_met));
}

const missingResult: Rule = {
  id: 'pdsa/missing-result',
  kinds: ['pdsa-cycle'],
  severity: 'warning',
  description: 'The cycle is studying or done and a plan question has no study result.',
  check(ctx) {
    const s = status(ctx);
    if (s !== 'studying' && s !== 'done') return;
    const questions = items(obj(ctx.data.plan)?.questions);
    if (!questions.length) return;
    const results = list(obj(ctx.data.study)?.results);
    const byQuestion = new Map<string, unknown>();
    for (const r of results) {
      const q = isObj(r) ? text(r.question) : undefined;
      if (q !== undefined && !(byQuestion.has(q) && hasResult(byQuestion.get(q)))) byQuestion.set(q, r);
    }
    for (const { item, index } of questions) {
      const id = text(item.id);
      // A question without an id is matched with the result at the same place in the list.
      const result = id !== undefined ? byQuestion.get(id) : results[index];
      if (hasResult(result)) continue;
      ctx.report({
        at: ['plan', 'questions', index],
        target: 'item',
        message:
          `Question ${shortQuestion(item, index)} has no result in \`study.results\` (the cycle is ${s}): ` +
          (id !== undefined ? `add \`- { question: ${id}, result: … }\`` : `give it an \`id\` and add its result`),
      });
    }
  },
};

const DECISIONS = ['adopt', 'adapt', 'abandon'] as const;

const missingDecision: Rule = {
  id: 'pdsa/missing-decision',
  kinds: ['pdsa-cycle'],
  severity: 'error',
  description: 'The cycle is done but `act.decision` is missing.',
  check(ctx) {
    if (status(ctx) !== 'done') return;
    const actValue = ctx.data.act;
    const act = obj(actValue);
    if (text(act?.decision) !== undefined) return;

    let at: Path;
    let target: 'key' | 'value' | 'item';
    let edit: (d: string) => EditSpec | undefined;
    if (act && 'decision' in act) {
      at = ['act', 'decision'];
      target = 'key';
      edit = (d) => fill(ctx, ['act'], act, 'decision', d);
    } else if (act) {
      at = ['act'];
      target = Object.keys(act).length ? 'item' : 'key';
      edit = (d) => ctx.insertEntry(['act'], 'decision', d);
    } else if (ctx.doc.has(['act']) && (actValue === null || actValue === undefined)) {
      at = ['act'];
      target = 'key';
      edit = (d) => ctx.insertEntry(['act'], 'decision', d);
    } else if (actValue === undefined) {
      at = ['status'];
      target = 'value';
      edit = (d) => ctx.insertEntry([], 'act', `{ decision: ${d} }`);
    } else {
      // `act` has the wrong shape: schema/invalid says so; point at it without a fix.
      at = ['act'];
      target = 'key';
      edit = () => undefined;
    }
    const fixes: FixSpec[] = [];
    for (const d of DECISIONS) {
      const e = edit(d);
      if (e) fixes.push({ title: `Decide to ${d} the change idea`, kind: 'suggestion', edits: [e] });
    }
    ctx.report({
      at,
      target,
      message: `The cycle is done but has no \`act.decision\`: write \`adopt\`, \`adapt\` or \`abandon\``,
      fixes,
    });
  },
};

const actBeforeStudy: Rule = {
  id: 'pdsa/act-before-study',
  kinds: ['pdsa-cycle'],
  severity: 'warning',
  description: '`act` is filled in while `study` is missing or empty.',
  check(ctx) {
    if (!filled(ctx.data.act) || filled(ctx.data.study)) return;
    ctx.report({
      at: ['act'],
      target: 'key',
      message: `\`act\` is filled in but \`study\` is empty: fill in \`study.results\` and \`study.learning\` first`,
    });
  },
};

const datesOutOfOrder: Rule = {
  id: 'pdsa/dates-out-of-order',
  kinds: ['pdsa-cycle'],
  severity: 'error',
  description: 'The plan ends before it starts, or a task is due after the plan ends.',
  check(ctx) {
    const plan = obj(ctx.data.plan);
    const start = date(plan?.start);
    const end = date(plan?.end);
    if (start && end && end < start) {
      ctx.report({
        at: ['plan', 'end'],
        target: 'value',
        message: `The plan ends (${end}) before it starts (${start}): correct one of the dates`,
        fixes: [{ title: 'Swap the start and end dates', kind: 'suggestion', edits: [{ at: ['plan', 'start'], target: 'value', text: end }, { at: ['plan', 'end'], target: 'value', text: start }] }],
      });
    }
    // When the end is before the start, the end date is the one to fix first; tasks are
    // checked against it once it is right.
    if (end && !(start && end < start)) {
      for (const { item, index } of items(plan?.tasks)) {
        const when = date(item.when);
        if (!when || when <= end) continue;
        const task = text(item.task);
        ctx.report({
          at: ['plan', 'tasks', index, 'when'],
          target: 'value',
          message: `Task ${task ? `"${task.length > 30 ? `${task.slice(0, 29)}…` : task}"` : `number ${index + 1}`} is due ${when}, after the plan ends (${end}): move it or \`plan.end\``,
        });
      }
    }
    const done = obj(ctx.data.do);
    const started = date(done?.started);
    const ended = date(done?.ended);
    if (started && ended && ended < started) {
      ctx.report({
        at: ['do', 'ended'],
        target: 'value',
        message: `\`do.ended\` (${ended}) is before \`do.started\` (${started}): correct one of the dates`,
      });
    }
  },
};

const overdue: Rule = {
  id: 'pdsa/overdue',
  kinds: ['pdsa-cycle'],
  severity: 'info',
  description: 'The cycle is planning and its start date has passed, or doing and its end date has passed.',
  check(ctx) {
    const s = status(ctx);
    const plan = obj(ctx.data.plan);
    if (s === 'planning') {
      const start = date(plan?.start);
      if (!start || start >= ctx.today) return;
      ctx.report({
        at: ['plan', 'start'],
        target: 'value',
        message: `Still \`planning\` after its start date (${start}): set \`status: doing\`, or move \`plan.start\``,
        fixes: ctx.doc.has(['status']) ? [{ title: 'Set the status to `doing`', kind: 'suggestion', edits: [{ at: ['status'], target: 'value', text: 'doing' }] }] : undefined,
      });
    } else if (s === 'doing') {
      const end = date(plan?.end);
      if (!end || end >= ctx.today) return;
      ctx.report({
        at: ['plan', 'end'],
        target: 'value',
        message: `Still \`doing\` after its end date (${end}): set \`status: studying\`, or move \`plan.end\``,
        fixes: ctx.doc.has(['status']) ? [{ title: 'Set the status to `studying`', kind: 'suggestion', edits: [{ at: ['status'], target: 'value', text: 'studying' }] }] : undefined,
      });
    }
  },
};

function fileName(doc: ParsedDocument): string {
  return doc.uri.split('/').pop() ?? doc.uri;
}

const brokenChain: Rule = {
  id: 'pdsa/broken-chain',
  kinds: ['pdsa-cycle'],
  severity: 'warning',
  scope: 'workspace',
  description: '`previous` names no PDSA cycle, or two cycles claim the same `previous` and the same `cycle` number.',
  check(ctx) {
    const previous = text(ctx.data.previous);
    if (previous === undefined) return;
    const ws = ctx.workspace;
    if (previous === ctx.doc.id) {
      ctx.report({
        at: ['previous'],
        target: 'value',
        message: `\`previous\` names this cycle itself: name the cycle it follows, or \`previous: null\``,
      });
      return;
    }
    const cycles = ws.byId(previous).filter((d) => d.kind === 'pdsa-cycle');
    if (!cycles.length) {
      const others = ws.byId(previous);
      const ids = [...ws.documents('pdsa-cycle')].map((d) => d.id).filter((id): id is string => id !== undefined && id !== ctx.doc.id);
      const guess = closest(previous, ids);
      ctx.report({
        at: ['previous'],
        target: 'value',
        message:
          `\`previous: ${previous}\` names no PDSA cycle` +
          (others.length ? ` (it is a ${others[0].kind})` : '') +
          (guess ? `: did you mean \`${guess}\`?` : ': use the id of the cycle it follows, or `previous: null`'),
        fixes: guess ? [{ title: `Change to \`${guess}\``, kind: 'suggestion', edits: [{ at: ['previous'], target: 'value', text: guess }] }] : undefined,
      });
    }
    const cycle = num(ctx.data.cycle);
    if (cycle === undefined) return;
    const twins = ws.cyclesAfter(previous).filter((d) => d !== ctx.doc && d.kind === 'pdsa-cycle' && num(d.data?.cycle) === cycle);
    if (!twins.length) return;
    const names = [...new Set(twins.map((d) => `\`${d.id ?? fileName(d)}\``))];
    const named = names.length === 1 ? ` and ${names[0]}` : names.length === 2 ? `, ${names[0]} and ${names[1]}` : `, ${names[0]} and ${names.length - 1} more`;
    ctx.report({
      at: ['cycle'],
      target: 'value',
      message: `This cycle${named} are ${names.length === 1 ? 'both' : 'all'} cycle ${cycle} after \`${previous}\`: renumber ${names.length === 1 ? 'one, or fix its' : 'them, or fix their'} \`previous\``,
      related: twins.map((d) => ({
        doc: d,
        at: d.has(['cycle']) ? ['cycle'] : ['previous'],
        target: 'value' as const,
        message: `also cycle ${cycle} after \`${previous}\``,
      })),
    });
  },
};

// ---- run charts ----

interface SeriesPoint {
  /** Index in `data.points`, or of the row among the file's points. */
  index: number;
  value: number;
  date?: string;
  /** 1-based line of the data file's row, for points read from `data.file`. */
  line?: number;
}

/** Whether the series is read from a CSV file (`data.file`) rather than `data.points`. */
function fromFile(ctx: RuleContext): boolean {
  return text(obj(ctx.data.data)?.file) !== undefined;
}

/**
 * The points of the series, in order: `data.points` with a numeric value, or the readable rows of
 * `data.file` (its `date` and `value` columns), read once for all the rules by `measured`.
 */
function series(ctx: RuleContext): SeriesPoint[] {
  if (fromFile(ctx)) {
    const points = measured(ctx).data.series[0]?.points ?? [];
    return points.map((p, index) => ({ index, value: p.value, date: p.date, line: p.source.kind === 'row' ? p.source.line : undefined }));
  }
  const out: SeriesPoint[] = [];
  for (const { item, index } of items(obj(ctx.data.data)?.points)) {
    const value = num(item.value);
    if (value !== undefined) out.push({ index, value, date: date(item.date) });
  }
  return out;
}

/** Points whose date is not after the previous dated point's. */
function outOfOrder(points: readonly SeriesPoint[]): Array<{ point: SeriesPoint; previous: string }> {
  const out: Array<{ point: SeriesPoint; previous: string }> = [];
  let previous: string | undefined;
  for (const p of points) {
    if (p.date === undefined) continue;
    if (previous !== undefined && p.date <= previous) out.push({ point: p, previous });
    previous = p.date;
  }
  return out;
}

function when(p: SeriesPoint): string {
  return p.date ?? `point ${p.index + 1}`;
}

function round(n: number): string {
  return String(Number(n.toFixed(2)));
}

/** The series when it has enough points for the run chart rules and its dates increase, else undefined. */
function chartSeries(ctx: RuleContext): SeriesPoint[] | undefined {
  const points = series(ctx);
  const min = Number(ctx.option<number>('min_points'));
  if (points.length < (Number.isFinite(min) ? min : 10)) return undefined;
  // Signals read in the wrong order would be wrong: pdsa/points-out-of-order says so first.
  return outOfOrder(points).length ? undefined : points;
}

/** Where a run-chart finding starts: the first point's item, or `data.file` for rows of a file. */
function placeAt(first: SeriesPoint): Pick<Report, 'at' | 'target'> {
  return first.line !== undefined ? { at: ['data', 'file'], target: 'value' } : { at: ['data', 'points', first.index], target: 'item' };
}

/** ` (CSV lines 4–11)` for points of a file. */
function csvLines(first: SeriesPoint, last: SeriesPoint): string {
  if (first.line === undefined || last.line === undefined) return '';
  return first.line === last.line ? ` (CSV line ${first.line})` : ` (CSV lines ${first.line}–${last.line})`;
}

const runChartShift: Rule = {
  id: 'pdsa/run-chart-shift',
  kinds: ['pdsa-cycle'],
  severity: 'info',
  description: 'With 10 or more points, 6 or more consecutive points fall on one side of the median (a shift).',
  options: { min_points: 10, min_shift: DEFAULT_MIN_SHIFT },
  check(ctx) {
    const points = chartSeries(ctx);
    if (!points) return;
    const minShift = Number(ctx.option<number>('min_shift'));
    const analysis = analyzeRunChart(points.map((p) => p.value), { minShift });
    for (const shift of analysis.shifts) {
      const first = points[shift.start];
      const last = points[shift.end];
      ctx.report({
        ...placeAt(first),
        // A run from the first point started before the chart did: nothing to look for at its start.
        message:
          shift.start === 0
            ? `Shift: the first ${shift.length} points (${when(first)} to ${when(last)})${csvLines(first, last)} are ${shift.side} the median (${round(analysis.median)}): the level moved after ${when(last)}`
            : `Shift: ${shift.length} points ${shift.side} the median (${round(analysis.median)}), ${when(first)} to ${when(last)}${csvLines(first, last)}: note what changed`,
      });
    }
  },
};

const runChartTrend: Rule = {
  id: 'pdsa/run-chart-trend',
  kinds: ['pdsa-cycle'],
  severity: 'info',
  description: 'With 10 or more points, 5 or more consecutive points all go up or all go down (a trend).',
  options: { min_points: 10, min_trend: DEFAULT_MIN_TREND },
  check(ctx) {
    const points = chartSeries(ctx);
    if (!points) return;
    const minTrend = Number(ctx.option<number>('min_trend'));
    const analysis = analyzeRunChart(points.map((p) => p.value), { minTrend });
    for (const trend of analysis.trends) {
      const first = points[trend.start];
      const last = points[trend.end];
      ctx.report({
        ...placeAt(first),
        message:
          trend.start === 0
            ? `Trend: the first ${trend.length} points go ${trend.direction}, ${when(first)} to ${when(last)}${csvLines(first, last)}`
            : `Trend: ${trend.length} points going ${trend.direction}, ${when(first)} to ${when(last)}${csvLines(first, last)}: note what started`,
      });
    }
  },
};

const runChartRuns: Rule = {
  id: 'pdsa/run-chart-runs',
  kinds: ['pdsa-cycle'],
  severity: 'info',
  description: 'With 10 or more points, too few or too many runs about the median for the series length (Perla, Provost & Murray 2011, Table 1).',
  options: { min_points: 10 },
  check(ctx) {
    const points = chartSeries(ctx);
    if (!points) return;
    const a = analyzeRunChart(points.map((p) => p.value));
    if (!a.runsLimits || !(a.tooFewRuns || a.tooManyRuns)) return;
    const first = points[0];
    const last = points[points.length - 1];
    ctx.report({
      ...placeAt(first),
      message: a.tooFewRuns
        ? `Too few runs: ${a.runs} (${a.runsLimits.lower}–${a.runsLimits.upper} expected for ${a.usefulObservations} points off the median), ${when(first)} to ${when(last)}${csvLines(first, last)}: the process shifted`
        : `Too many runs: ${a.runs} (${a.runsLimits.lower}–${a.runsLimits.upper} expected for ${a.usefulObservations} points off the median), ${when(first)} to ${when(last)}${csvLines(first, last)}: two processes may be mixed`,
    });
  },
};

// ---- data series read from a file, and their order ----

const pointsOutOfOrder: Rule = {
  id: 'pdsa/points-out-of-order',
  kinds: ['pdsa-cycle'],
  severity: 'warning',
  description: "The dates of the cycle's data series do not increase.",
  check(ctx) {
    if (fromFile(ctx)) {
      checkOrder(ctx, measured(ctx), 'rows');
      return;
    }
    const wrong = outOfOrder(series(ctx));
    if (!wrong.length) return;
    const { point, previous } = wrong[0];
    const more = wrong.length - 1;
    ctx.report({
      at: ['data', 'points', point.index],
      target: 'value',
      message: `${point.date} comes after ${previous}: dates must increase — sort the points by date${more ? ` (${plural(more, 'more point')} out of order)` : ''}; no run-chart signal is read until then`,
    });
  },
};

const dataUnreadable: Rule = {
  id: 'pdsa/data-unreadable',
  kinds: ['pdsa-cycle'],
  severity: 'error',
  description: '`data.file` names no readable file, or its `date` or `value` column is not in the header row.',
  check(ctx) {
    if (fromFile(ctx)) checkUnreadable(ctx, measured(ctx));
  },
};

const badRow: Rule = {
  id: 'pdsa/bad-row',
  kinds: ['pdsa-cycle'],
  severity: 'warning',
  description: 'A row of `data.file` whose date is not a date or whose value is not a number: the row is left out.',
  check(ctx) {
    if (fromFile(ctx)) checkBadRows(ctx, measured(ctx));
  },
};

/** The rules of PDSA data series read from files and of their order (after the measure rules, in DESIGN §2). */
export const PDSA_DATA_RULES: readonly Rule[] = [pointsOutOfOrder, dataUnreadable, badRow];

export const PDSA_RULES: readonly Rule[] = [
  questionWithoutPrediction,
  missingResult,
  missingDecision,
  actBeforeStudy,
  datesOutOfOrder,
  overdue,
  brokenChain,
  runChartShift,
  runChartTrend,
  runChartRuns,
];
