/**
 * The measure page (DESIGN §1.7): the definition, what the chart says in the words of the method,
 * and the chart itself — a run or control chart drawn per phase (each phase its own line, centre
 * line and limits over its own dates), with the target, annotations and the PDSA cycles testing
 * the measure's change ideas on the time axis, signal points marked by kind, and one small chart
 * per group. The numbers are `model/measure.ts`'s, so the picture agrees with the `measure/*` rules.
 *
 * Linear in the points: each point's position is computed once and every line is one path.
 */
import type { ParsedDocument } from '../parse';
import type { Path } from '../types';
import { resolveDataPath } from '../data';
import { measureData, thresholdOverrides, type MeasureData, type MeasureSeries } from '../model/measure';
import { latestPhase, targetOutOfReach, type Better, type ChartAnalysis, type ChartType, type PhaseAnalysis, type Signal, type SignalKind, type SpcRules, type Verdict } from '../model/spc';
import { date, ids, items, obj, text } from '../model/values';
import { MEASURE_TYPES, PDSA_STATUS } from '../schemas/kinds';
import { html, token, type Html } from './html';
import type { Scope } from './context';
import type { RenderedDocument } from './page';
import { article, badge, empty, field, header, titleOf } from './parts';
import { niceTicks } from './runchart';
import { figure, n, svgRoot, textWidth, wrap } from './svg';

export interface PlotPoint {
  date: string;
  value: number;
  n?: number;
  /** `data-path` of the source: `data.points.3`, or `data.file` for a CSV row. */
  path: string;
  /** Where it comes from, for the tooltip (`data/huddles.csv line 14`). */
  where?: string;
  note?: string;
}

export interface PlotSeries {
  group?: string;
  points: readonly PlotPoint[];
  analysis: ChartAnalysis;
}

/** Phase specs, by the index `PhaseAnalysis.index` gives. */
export interface PlotPhase {
  label?: string;
  /** `phases.1`; undefined when the document gives no phases. */
  path?: string;
  reason?: string;
}

export interface PlotEvent {
  kind: 'annotation' | 'cycle';
  date: string;
  /** What the axis says: the annotation's text, the cycle's id. */
  text: string;
  tip: string;
  path?: string;
  uri?: string;
  /** A validated `ik-pdsa-*` status token for cycles. */
  status?: string;
}

export interface ChartDrawing {
  chart: ChartType;
  better?: Better;
  target?: number;
  unit?: string;
  phases: readonly PlotPhase[];
  events: readonly PlotEvent[];
  rules: Readonly<SpcRules>;
  /** Diagnostics of a source path, as `Scope.flag` gives them. */
  flag(path: string): { cls: string; title: string };
}

const DAY = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Days since 1970 of `YYYY-MM-DD` (NaN for anything else). */
export function dayOf(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY : NaN;
}

function dateOf(day: number): { year: number; month: number; date: number } {
  const d = new Date(day * DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth(), date: d.getUTCDate() };
}

// ---- numbers ----

/** Decimals of a limit's label: at least one, and one more than the axis step needs (step 5 → 24.3, step 0.5 → 1.25). */
export function decimalsFor(step: number): number {
  if (!(step > 0) || !Number.isFinite(step)) return 1;
  return Math.min(4, Math.max(1, 1 - Math.floor(Math.log10(step))));
}

function trim(value: string): string {
  return String(Number(value));
}

/** A centre line's or limit's value as the chart prints it, all to the same decimals; p charts as percentages. */
export function formatValue(value: number, chart: ChartType, decimals: number): string {
  const shown = (chart === 'p' ? value * 100 : value).toFixed(decimals);
  return `${shown === `-${(0).toFixed(decimals)}` ? shown.slice(1) : shown}${chart === 'p' ? '%' : ''}`;
}

function tickLabel(value: number, chart: ChartType): string {
  return chart === 'p' ? `${trim((value * 100).toFixed(4))}%` : trim(value.toFixed(6));
}

// ---- signals in words ----

// A point in several signals shows the rarest kind (a shift's other points still show squares).
const PRIORITY: Record<SignalKind, number> = { 'outside-limits': 4, 'two-of-three': 3, trend: 2, shift: 1, runs: 0 };
const KIND_ORDER: readonly SignalKind[] = ['outside-limits', 'shift', 'trend', 'two-of-three', 'runs'];

function centreName(chart: ChartType): string {
  return chart === 'run' ? 'the median' : 'the centre line';
}

/** One signal in the words of the method: `shift, 8 points above the centre line`. */
export function signalWords(signal: Signal, chart: ChartType): string {
  switch (signal.kind) {
    case 'outside-limits':
      return signal.side === 'below' ? 'a point below the lower limit' : 'a point above the upper limit';
    case 'shift':
      return `shift, ${signal.length} points ${signal.side ?? 'on one side of'} ${centreName(chart)}`;
    case 'trend':
      return `trend, ${signal.length} points going ${signal.direction ?? 'one way'}`;
    case 'two-of-three':
      return `2 of 3 points beyond 2 sigma ${signal.side ?? ''} ${centreName(chart)}`.replace(/\s+/g, ' ');
    case 'runs': {
      const r = signal.runs;
      return r ? `too ${r.too} runs: ${r.count} where ${r.lower} to ${r.upper} are expected` : 'an unusual number of runs';
    }
  }
}

/** The legend's line for a kind of signal, with the thresholds in use. */
function kindLegend(kind: SignalKind, chart: ChartType, rules: Readonly<SpcRules>): string {
  const t = chart === 'run' ? rules.run : rules.control;
  switch (kind) {
    case 'outside-limits':
      return 'Outside the limits';
    case 'shift':
      return `Shift: ${t.shift}+ on one side`;
    case 'trend':
      return `Trend: ${t.trend}+ going one way`;
    case 'two-of-three':
      return '2 of 3 beyond 2 sigma';
    case 'runs':
      return 'Too few or too many runs';
  }
}

const VERDICT_LEGEND: Record<Verdict, string> = { improvement: 'improvement', concern: 'concern', neutral: 'special cause (no better: up|down)' };

// ---- layout ----

interface Frame {
  left: number;
  top: number;
  width: number;
  height: number;
  d0: number;
  d1: number;
  lo: number;
  hi: number;
  small: boolean;
}

function xOf(f: Frame, day: number): number {
  return f.left + ((day - f.d0) / (f.d1 - f.d0 || 1)) * f.width;
}

function yOf(f: Frame, value: number): number {
  return f.top + f.height - ((value - f.lo) / (f.hi - f.lo || 1)) * f.height;
}

interface TimeTick {
  day: number;
  label: string;
  year?: string;
}

/** Month ticks (every 1, 2, 3, 6 or 12 months, as room allows), or days for a short series. */
export function timeTicks(d0: number, d1: number, width: number, minGap: number): TimeTick[] {
  const perDay = width / Math.max(1, d1 - d0);
  const ticks: TimeTick[] = [];
  if (d1 - d0 < 62) {
    const step = [1, 2, 7, 14, 28].find((s) => s * perDay >= minGap) ?? 28;
    let first = true;
    for (let day = Math.ceil(d0); day <= d1 && ticks.length < 60; day += step) {
      const d = dateOf(day);
      ticks.push({ day, label: `${MONTHS[d.month]} ${d.date}`, year: first ? String(d.year) : undefined });
      first = false;
    }
    return ticks;
  }
  const step = [1, 2, 3, 6, 12, 24, 60, 120].find((s) => s * 30.44 * perDay >= minGap) ?? 120;
  const start = dateOf(Math.floor(d0));
  let first = true;
  for (let k = start.year * 12 + start.month; ticks.length < 200; k++) {
    const year = Math.floor(k / 12);
    const month = k % 12;
    const day = Date.UTC(year, month, 1) / DAY;
    if (day > d1) break;
    if (day < d0 || k % step !== 0) continue;
    if (step >= 12) ticks.push({ day, label: String(year) });
    else ticks.push({ day, label: MONTHS[month], year: first || month === 0 ? String(year) : undefined });
    first = false;
  }
  return ticks;
}

/** Label positions pushed apart to at least `gap`, kept inside [min, max] where they can be. */
function spread<T extends { y: number }>(labels: T[], gap: number, min: number, max: number): T[] {
  const sorted = [...labels].sort((a, b) => a.y - b.y);
  for (let i = 1; i < sorted.length; i++) if (sorted[i].y - sorted[i - 1].y < gap) sorted[i].y = sorted[i - 1].y + gap;
  const over = sorted.length ? sorted[sorted.length - 1].y - max : 0;
  if (over > 0) for (const l of sorted) l.y -= over;
  for (let i = 0; i < sorted.length && sorted[i].y < min; i++) {
    sorted[i].y = min;
    if (i + 1 < sorted.length && sorted[i + 1].y - sorted[i].y < gap) sorted[i + 1].y = sorted[i].y + gap;
  }
  return sorted;
}

/** The dates and values every chart of the drawing shares (small multiples compare at a glance). */
export function domains(series: readonly PlotSeries[], drawing: ChartDrawing): { d0: number; d1: number; values: number[] } | undefined {
  let first = Infinity;
  let last = -Infinity;
  let lo = Infinity;
  let hi = -Infinity;
  const see = (v: number) => {
    if (Number.isFinite(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  };
  for (const s of series) {
    const pts = s.points;
    for (let i = 0; i < pts.length; i++) {
      const day = dayOf(pts[i].date);
      if (day < first) first = day;
      if (day > last) last = day;
      see(s.analysis.values[i]);
    }
    for (const p of s.analysis.phases) {
      see(p.centre);
      for (let j = 0; j < p.ucl.length; j++) {
        see(p.ucl[j]);
        see(p.lcl[j]);
      }
    }
  }
  if (!Number.isFinite(first)) return undefined;
  if (drawing.target !== undefined) see(drawing.target);
  // Annotations and cycles a little before or after the data widen the axis to show them.
  const reach = Math.max(14, (last - first) * 0.2);
  for (const e of drawing.events) {
    const day = dayOf(e.date);
    if (day >= first - reach && day < first) first = day;
    if (day <= last + reach && day > last) last = day;
  }
  const pad = last > first ? Math.max(1, (last - first) * 0.02) : 15;
  if (drawing.chart === 'p') {
    lo = Math.max(0, lo);
    hi = Math.min(1, hi);
  }
  const ticks = niceTicks(lo, hi, 5);
  return { d0: first - pad, d1: last + pad, values: ticks };
}

// ---- drawing ----

/** A glyph centred on (x, y): its shape tells the kind of signal. */
function glyph(kind: SignalKind | 'point', x: number, y: number, size: number, direction?: 'up' | 'down'): Html {
  const s = size;
  switch (kind) {
    case 'outside-limits':
      return html`<path d="M${n(x)} ${n(y - s * 1.3)}L${n(x + s * 1.3)} ${n(y)}L${n(x)} ${n(y + s * 1.3)}L${n(x - s * 1.3)} ${n(y)}Z"/>`;
    case 'shift':
      return html`<rect x="${n(x - s)}" y="${n(y - s)}" width="${n(2 * s)}" height="${n(2 * s)}"/>`;
    case 'trend': {
      const k = direction === 'down' ? -1 : 1;
      return html`<path d="M${n(x)} ${n(y - k * s * 1.25)}L${n(x + s * 1.2)} ${n(y + k * s * 0.9)}L${n(x - s * 1.2)} ${n(y + k * s * 0.9)}Z"/>`;
    }
    case 'two-of-three':
      return html`<circle class="ik-ch-ring" cx="${n(x)}" cy="${n(y)}" r="${n(s * 1.05)}"/>`;
    case 'runs':
      return html`<line x1="${n(x - s * 1.6)}" x2="${n(x + s * 1.6)}" y1="${n(y)}" y2="${n(y)}"/>`;
    default:
      return html`<circle cx="${n(x)}" cy="${n(y)}" r="${n(s)}"/>`;
  }
}

/** The x-positions where each phase's region begins and ends (boundaries between phases). */
function phaseRegions(f: Frame, phases: readonly PhaseAnalysis[], px: readonly number[], startDays: readonly number[]): Array<[number, number]> {
  const shown = phases.filter((p) => p.count > 0);
  return shown.map((p, k) => {
    const next = shown[k + 1];
    const left = k === 0 ? f.left : boundary(shown[k - 1], p);
    const right = next ? boundary(p, next) : f.left + f.width;
    return [left, right];
  });
  function boundary(a: PhaseAnalysis, b: PhaseAnalysis): number {
    const lastX = px[a.end];
    const firstX = px[b.start];
    const startX = xOf(f, startDays[b.index]);
    // The phase's start date when it falls between the two phases' points, else halfway.
    return startX > lastX && startX <= firstX ? startX : (lastX + firstX) / 2;
  }
}

/** A limit as a stepped line over positions [j0, j1] of a phase (p and u limits change with n). */
function steppedPath(f: Frame, px: readonly number[], start: number, values: readonly number[], j0: number, j1: number, xa: number, xb: number): string {
  let d = '';
  let open = false;
  let y = NaN;
  let end = 0;
  const close = () => {
    if (open) d += `H${n(end)}`;
    open = false;
  };
  for (let j = j0; j <= j1; j++) {
    const v = values[j];
    if (!Number.isFinite(v)) {
      close();
      continue;
    }
    const left = j === j0 ? xa : (px[start + j - 1] + px[start + j]) / 2;
    const yy = yOf(f, v);
    if (!open) d += `M${n(left)} ${n(yy)}`;
    else if (Math.abs(yy - y) >= 0.01) d += `H${n(left)}V${n(yy)}`;
    open = true;
    y = yy;
    end = j === j1 ? xb : (px[start + j] + px[start + j + 1]) / 2;
  }
  close();
  return d;
}

function lastFinite(values: readonly number[]): number {
  for (let i = values.length - 1; i >= 0; i--) if (Number.isFinite(values[i])) return values[i];
  return NaN;
}

interface PointMark {
  kind: SignalKind;
  verdict: Verdict;
  direction?: 'up' | 'down';
  words: string[];
}

/** Each signal point's strongest kind (its glyph) and every signal it belongs to (its tooltip). */
function pointMarks(analysis: ChartAnalysis, chart: ChartType): Map<number, PointMark> {
  const marks = new Map<number, PointMark>();
  for (const s of analysis.signals) {
    if (s.kind === 'runs') continue;
    const words = signalWords(s, chart);
    for (const i of s.indexes) {
      const m = marks.get(i);
      if (!m) marks.set(i, { kind: s.kind, verdict: s.verdict, direction: s.direction, words: [words] });
      else {
        if (!m.words.includes(words)) m.words.push(words);
        if (PRIORITY[s.kind] > PRIORITY[m.kind]) Object.assign(m, { kind: s.kind, verdict: s.verdict, direction: s.direction });
      }
    }
  }
  return marks;
}

/** One chart's plot area: grid, phases with their lines and labels, events, points and signals. */
function plot(series: PlotSeries, f: Frame, drawing: ChartDrawing, ticks: readonly number[], decimals: number): Html {
  const { chart } = drawing;
  const { points, analysis } = series;
  const values = analysis.values;
  const px = new Array<number>(points.length);
  for (let i = 0; i < points.length; i++) px[i] = xOf(f, dayOf(points[i].date));
  const bottom = f.top + f.height;
  const right = f.left + f.width;
  const fs = f.small ? 10 : 11;
  const fmt = (v: number) => formatValue(v, chart, decimals);

  const grid = ticks.map((t) => {
    const y = n(yOf(f, t));
    return html`<line class="ik-ch-grid" x1="${n(f.left)}" x2="${n(right)}" y1="${y}" y2="${y}"/><text class="ik-ch-tick" x="${n(f.left - 6)}" y="${n(yOf(f, t) + 4)}" text-anchor="end">${tickLabel(t, chart)}</text>`;
  });
  const xticks = timeTicks(f.d0, f.d1, f.width, f.small ? 34 : 48).map((t) => {
    const x = n(xOf(f, t.day));
    return html`<line class="ik-ch-xtick" x1="${x}" x2="${x}" y1="${n(bottom)}" y2="${n(bottom + 4)}"/><text class="ik-ch-tick" x="${x}" y="${n(bottom + 16)}" text-anchor="middle">${t.label}${t.year ? html`<tspan class="ik-ch-year" x="${x}" dy="13">${t.year}</tspan>` : ''}</text>`;
  });
  const unit = !f.small && drawing.unit && chart !== 'p' ? wrap(drawing.unit, f.height, 11, 1)[0] : undefined;
  const unitLabel = unit ? html`<text class="ik-ch-unit" x="${n(f.left - 44)}" y="${n(f.top + f.height / 2)}" text-anchor="middle" transform="rotate(-90 ${n(f.left - 44)} ${n(f.top + f.height / 2)})">${unit}</text>` : '';
  const frame = html`${unitLabel}<line class="ik-ch-axis" x1="${n(f.left)}" x2="${n(f.left)}" y1="${n(f.top)}" y2="${n(bottom)}"/><line class="ik-ch-axis" x1="${n(f.left)}" x2="${n(right)}" y1="${n(bottom)}" y2="${n(bottom)}"/>`;

  // Events: a dotted guide at the date and a marker on the axis; the text goes in the lanes below.
  const events = drawing.events.flatMap((e) => {
    const day = dayOf(e.date);
    if (!(day >= f.d0 && day <= f.d1)) return [];
    const x = xOf(f, day);
    const attrs = e.path ? html` data-path="${e.path}"` : e.uri ? html` data-open-uri="${e.uri}"` : '';
    const mark = e.kind === 'cycle' ? html`<circle cx="${n(x)}" cy="${n(bottom)}" r="${f.small ? 3.5 : 4.5}"/>` : glyph('outside-limits', x, bottom, f.small ? 3 : 3.6);
    return [html`<g class="ik-ch-event ik-ch-event-${e.kind}${e.status ? ` ik-pdsa-${e.status}` : ''}"${attrs}><title>${e.tip}</title><line class="ik-ch-guide" x1="${n(x)}" x2="${n(x)}" y1="${n(f.top)}" y2="${n(bottom)}"/>${mark}</g>`];
  });

  const startDays = drawing.phases.map(() => NaN);
  analysis.phases.forEach((p) => (startDays[p.index] = p.startDate ? dayOf(p.startDate) : NaN));
  const shown = analysis.phases.filter((p) => p.count > 0);
  const regions = phaseRegions(f, analysis.phases, px, startDays);
  const lastShown = shown[shown.length - 1];
  const marginLabels: Array<{ y: number; text: string; cls: string }> = [];
  const phaseParts = shown.map((p, k) => {
    const spec = drawing.phases[p.index];
    const [regionLeft, regionRight] = regions[k];
    let x0 = px[p.start];
    let x1 = px[p.end];
    if (x1 - x0 < 8) {
      x0 -= 4;
      x1 += 4;
    }
    // The data line: one path per phase, broken where a value is no number.
    let line = '';
    let pen = false;
    for (let i = p.start; i <= p.end; i++) {
      const v = values[i];
      if (!Number.isFinite(v)) {
        pen = false;
        continue;
      }
      line += `${pen ? 'L' : 'M'}${n(px[i])} ${n(yOf(f, v))}`;
      pen = true;
    }
    // Centre and limits: solid over the baseline, dashed where a frozen baseline is carried on.
    const split = p.frozen ? (px[p.start + p.baseline - 1] + px[p.start + p.baseline]) / 2 : x1;
    const pieces: Array<[number, number, number, number, string]> = [[0, p.frozen ? p.baseline - 1 : p.count - 1, x0, split, '']];
    if (p.frozen) pieces.push([p.baseline, p.count - 1, split, x1, ' ik-ch-carried']);
    const lines: Html[] = [];
    if (Number.isFinite(p.centre)) {
      for (const [, , xa, xb, cls] of pieces) {
        lines.push(html`<path class="ik-ch-cl${chart === 'run' ? ' ik-ch-median' : ''}${cls}" d="M${n(xa)} ${n(yOf(f, p.centre))}H${n(xb)}"/>`);
      }
    }
    if (chart !== 'run') {
      for (const [j0, j1, xa, xb, cls] of pieces) {
        for (const limit of [p.ucl, p.lcl]) {
          const d = steppedPath(f, px, p.start, limit, j0, j1, xa, xb);
          if (d) lines.push(html`<path class="ik-ch-limit${cls}" d="${d}"/>`);
        }
      }
    }
    // Labels of the centre and limits at the phase's right end: in the margin for the latest
    // phase, above their lines, ending at the phase's last point, for the earlier ones.
    const labels: Array<{ y: number; text: string; cls: string }> = [];
    if (Number.isFinite(p.centre)) labels.push({ y: yOf(f, p.centre), text: `${chart === 'run' ? 'Median' : 'CL'} ${fmt(p.centre)}`, cls: 'ik-ch-cl-label' });
    if (chart !== 'run') {
      const ucl = lastFinite(p.ucl);
      const lcl = lastFinite(p.lcl);
      if (Number.isFinite(ucl)) labels.push({ y: yOf(f, ucl), text: `UCL ${fmt(ucl)}`, cls: 'ik-ch-limit-label' });
      if (Number.isFinite(lcl)) labels.push({ y: yOf(f, lcl), text: `LCL ${fmt(lcl)}`, cls: 'ik-ch-limit-label' });
    }
    let labelMarkup: Html = html``;
    if (p === lastShown) {
      for (const l of labels) marginLabels.push({ ...l, y: l.y + 4 });
    } else {
      const placed = spread(labels.map((l) => ({ ...l, y: l.y - 4 })), fs + 2, f.top + fs, bottom - 2);
      labelMarkup = html`${placed.map((l) => html`<text class="ik-ch-label ${l.cls}" x="${n(x1)}" y="${n(l.y)}" text-anchor="end">${l.text}</text>`)}`;
    }
    // The phase's name over its region.
    const name = spec?.label ?? (spec?.path ? `Phase ${p.index + 1}` : undefined);
    const frozenNote = p.frozen ? `limits from the first ${p.baseline} points` : '';
    // The label is bold 12px (styles.ts): measured so, and cut to its phase's width — a narrow
    // phase shows no label rather than one running into the next (its tooltip still names it).
    const room = regionRight - regionLeft - 8;
    const headText = f.small ? name ?? '' : [name, frozenNote].filter(Boolean).join(' · ');
    const head = headText && room >= 36 ? wrap(headText, room, 12, 1, true)[0] ?? '' : '';
    const tip = [name ?? 'Phase', p.startDate && `from ${p.startDate}`, `${p.count} ${p.count === 1 ? 'point' : 'points'}`, frozenNote, spec?.reason].filter(Boolean).join('\n');
    const flag = spec?.path ? drawing.flag(spec.path) : { cls: '', title: '' };
    const divider = k > 0 ? html`<line class="ik-ch-divider" x1="${n(regionLeft)}" x2="${n(regionLeft)}" y1="${n(f.top - (f.small ? 12 : 16))}" y2="${n(bottom)}"/>` : '';
    const runs = p.signals.filter((s) => s.kind === 'runs').map((s) => html`<g class="ik-ch-runs ik-verdict-neutral"><title>${signalWords(s, chart)}</title><line x1="${n(x0)}" x2="${n(x1)}" y1="${n(bottom - 5)}" y2="${n(bottom - 5)}"/><text x="${n(x0 + 2)}" y="${n(bottom - 9)}">${`too ${s.runs?.too ?? 'few'} runs`}</text></g>`);
    const trends = p.signals
      .filter((s) => s.kind === 'trend')
      .map((s) => {
        let d = '';
        let penDown = false;
        for (const i of s.indexes) {
          if (!Number.isFinite(values[i])) continue;
          d += `${penDown ? 'L' : 'M'}${n(px[i])} ${n(yOf(f, values[i]))}`;
          penDown = true;
        }
        return html`<path class="ik-ch-trend-line ik-verdict-${s.verdict}" d="${d}"/>`;
      });
    return html`<g class="ik-ch-phase ${flag.cls}"${spec?.path ? html` data-path="${spec.path}"` : ''}><title>${[tip, flag.title].filter(Boolean).join('\n\n')}</title>${divider}${head ? html`<text class="ik-ch-phase-label" x="${n(regionLeft + 4)}" y="${n(f.top - (f.small ? 4 : 8))}">${head}</text>` : ''}${lines}${runs}${trends}<path class="ik-ch-line" d="${line}"/>${labelMarkup}</g>`;
  });

  // The target across the whole chart, labelled in the margin with the latest phase's labels.
  let target: Html = html``;
  if (drawing.target !== undefined && Number.isFinite(drawing.target)) {
    const y = yOf(f, drawing.target);
    marginLabels.push({ y: y + 4, text: `Target ${sayNumber(drawing.target, chart)}`, cls: 'ik-ch-target-label' });
    target = html`<g class="ik-ch-target" data-path="target"><title>Target: ${sayNumber(drawing.target, chart)}${drawing.unit && chart !== 'p' ? ` ${drawing.unit}` : ''}</title><path d="M${n(f.left)} ${n(y)}H${n(right)}"/></g>`;
  }
  const marginX = (lastShown ? Math.max(px[lastShown.end], px[lastShown.start] + 8) : right) + 6;
  const margin = spread(marginLabels, fs + 2, f.top + 4, bottom + 4).map(
    (l) => html`<text class="ik-ch-label ${l.cls}" x="${n(l.cls === 'ik-ch-target-label' ? Math.max(marginX, right + 6) : marginX)}" y="${n(l.y)}">${l.text}</text>`,
  );

  const marks = pointMarks(analysis, chart);
  const size = f.small || points.length > 150 ? 2.4 : 3.6;
  const dots: Html[] = [];
  const signals: Html[] = [];
  for (let i = 0; i < points.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    const pt = points[i];
    const x = px[i];
    const y = yOf(f, v);
    const mark = marks.get(i);
    const flag = drawing.flag(pt.path);
    const shown = chart === 'p' || chart === 'u' ? `${fmt(v)} (${pt.value} of ${pt.n ?? '?'})` : fmt(v);
    const tip = [`${pt.date}: ${shown}${drawing.unit && chart !== 'p' ? ` ${drawing.unit}` : ''}`, pt.note, ...(mark?.words ?? []), pt.where, flag.title].filter(Boolean).join('\n');
    if (mark) {
      signals.push(html`<g class="ik-ch-signal ik-ch-${mark.kind} ik-verdict-${mark.verdict} ${flag.cls}" data-path="${pt.path}"><title>${tip}</title>${glyph(mark.kind, x, y, f.small ? 3.6 : 5, mark.direction)}</g>`);
    } else {
      dots.push(html`<circle class="ik-ch-point ${flag.cls}" data-path="${pt.path}" cx="${n(x)}" cy="${n(y)}" r="${size}"><title>${tip}</title></circle>`);
    }
  }
  return html`<g class="ik-ch-grid-lines">${grid}</g>${frame}${xticks}${events}${target}${phaseParts}<g class="ik-ch-points">${dots}</g><g class="ik-ch-signals">${signals}</g>${margin}`;
}

/** The events' text under the time axis, in lanes so that no two overlap. */
function eventLanes(f: Frame, events: readonly PlotEvent[], top: number, maxX: number): { markup: Html; height: number } {
  const placed = events
    .map((e) => ({ e, x: xOf(f, dayOf(e.date)) }))
    .filter(({ e, x }) => {
      const day = dayOf(e.date);
      return day >= f.d0 && day <= f.d1 && Number.isFinite(x);
    })
    .sort((a, b) => a.x - b.x);
  const ends: number[] = [];
  const LANE = 18;
  const parts = placed.map(({ e, x }) => {
    const shown = wrap(e.text, 220, 11, 1)[0] ?? '';
    const w = textWidth(shown, 11) + 12;
    const leftward = x + w > maxX;
    const from = leftward ? x - w : x - 6;
    const to = leftward ? x + 6 : x + w;
    let lane = ends.findIndex((end) => end + 8 <= from);
    if (lane < 0) {
      lane = ends.length;
      ends.push(to);
    } else ends[lane] = to;
    const y = top + lane * LANE + 9;
    const attrs = e.path ? html` data-path="${e.path}"` : e.uri ? html` data-open-uri="${e.uri}"` : '';
    const mark = e.kind === 'cycle' ? html`<circle cx="${n(x)}" cy="${n(y)}" r="4.5"/>` : glyph('outside-limits', x, y, 3.6);
    return html`<g class="ik-ch-event ik-ch-event-${e.kind}${e.status ? ` ik-pdsa-${e.status}` : ''}"${attrs}><title>${e.tip}</title><line class="ik-ch-guide" x1="${n(x)}" x2="${n(x)}" y1="${n(f.top + f.height + 33)}" y2="${n(y)}"/>${mark}<text class="ik-ch-event-text" x="${n(leftward ? x - 8 : x + 8)}" y="${n(y + 4)}"${leftward ? html` text-anchor="end"` : ''}>${shown}</text></g>`;
  });
  return { markup: html`${parts}`, height: ends.length * LANE };
}

interface LegendItem {
  glyph: Html;
  text: string;
  cls: string;
}

/** The legend: only the kinds of signal present, their verdicts in words, and what dashes mean. */
function legend(series: readonly PlotSeries[], drawing: ChartDrawing, width: number, top: number): { markup: Html; height: number } {
  const kinds = new Set<SignalKind>();
  const verdicts = new Set<Verdict>();
  let frozen = false;
  for (const s of series) {
    for (const sig of s.analysis.signals) {
      kinds.add(sig.kind);
      if (sig.kind !== 'runs') verdicts.add(sig.verdict);
    }
    if (s.analysis.phases.some((p) => p.frozen)) frozen = true;
  }
  const items: LegendItem[] = [];
  for (const kind of KIND_ORDER) {
    const band = kind === 'trend' ? html`<path class="ik-ch-trend-line" d="M1 0H15"/>` : '';
    if (kinds.has(kind)) items.push({ glyph: html`${band}${glyph(kind, 8, 0, 5)}`, text: kindLegend(kind, drawing.chart, drawing.rules), cls: `ik-ch-signal ik-ch-${kind} ik-verdict-key` });
  }
  for (const v of ['improvement', 'concern', 'neutral'] as const) {
    if (verdicts.has(v)) items.push({ glyph: html`<circle cx="8" cy="0" r="5"/>`, text: VERDICT_LEGEND[v], cls: `ik-ch-signal ik-verdict-${v}` });
  }
  if (!kinds.size) items.push({ glyph: html`<circle cx="8" cy="0" r="3.6"/>`, text: 'No signal of special cause', cls: 'ik-ch-point' });
  if (frozen) items.push({ glyph: html`<path d="M0 0H16"/>`, text: 'Dashed: baseline limits carried forward', cls: 'ik-ch-carried ik-ch-key-line' });
  const ROW = 20;
  let x = 0;
  let row = 0;
  const parts = items.map((item) => {
    const w = 22 + textWidth(item.text, 12) + 18;
    if (x > 0 && x + w > width) {
      x = 0;
      row++;
    }
    const at = html`<g class="ik-ch-key" transform="translate(${n(x)} ${n(top + row * ROW + 8)})"><g class="${item.cls}">${item.glyph}</g><text x="22" y="4">${item.text}</text></g>`;
    x += w;
    return at;
  });
  return { markup: html`<g class="ik-ch-legend">${parts}</g>`, height: (row + 1) * ROW };
}

const FULL = { width: 940, left: 60, right: 112, top: 40, height: 300 };
const CELL = { width: 400, left: 48, right: 84, top: 46, height: 150, gap: 20 };

/**
 * The chart SVG: one chart, or small multiples (one chart per group, each with its own limits and
 * signals, on shared axes), with the legend inside the picture so that an exported file keeps it.
 */
export function chartSvg(series: readonly PlotSeries[], drawing: ChartDrawing, label: string, headline: (s: PlotSeries) => { text: string; tone: string } | undefined): Html | undefined {
  const dom = domains(series, drawing);
  if (!dom) return undefined;
  const ticks = dom.values;
  const lo = ticks[0];
  const hi = ticks[ticks.length - 1];
  // p charts print percentages: the step in points of percent, and at least one decimal (54.3%).
  const step = ticks.length > 1 ? (ticks[1] - ticks[0]) * (drawing.chart === 'p' ? 100 : 1) : 1;
  const decimals = decimalsFor(step);
  if (series.length <= 1 && !series[0]?.group) {
    const f: Frame = { left: FULL.left, top: FULL.top, width: FULL.width - FULL.left - FULL.right, height: FULL.height, d0: dom.d0, d1: dom.d1, lo, hi, small: false };
    const body = plot(series[0], f, drawing, ticks, decimals);
    const lanesTop = f.top + f.height + 40;
    const lanes = eventLanes(f, drawing.events, lanesTop, FULL.width - 8);
    const legendTop = lanesTop + lanes.height + (lanes.height ? 12 : 0);
    const key = legend(series, drawing, FULL.width - FULL.left, legendTop);
    const height = legendTop + key.height + 8;
    return svgRoot(FULL.width, height, 'ik-chart', label, html`${body}${lanes.markup}<g transform="translate(${FULL.left} 0)">${key.markup}</g>`);
  }
  const columns = Math.min(3, series.length);
  const cellH = CELL.top + CELL.height + 40;
  const width = columns * CELL.width + (columns - 1) * CELL.gap;
  const cells = series.map((s, k) => {
    const ox = (k % columns) * (CELL.width + CELL.gap);
    const oy = Math.floor(k / columns) * (cellH + CELL.gap);
    const f: Frame = { left: ox + CELL.left, top: oy + CELL.top, width: CELL.width - CELL.left - CELL.right, height: CELL.height, d0: dom.d0, d1: dom.d1, lo, hi, small: true };
    const head = headline(s);
    const title = wrap(s.group ?? '(no group)', CELL.width - 8, 13, 1, true)[0] ?? '';
    const sub = head ? wrap(head.text, CELL.width - 8, 11, 1)[0] ?? '' : '';
    return html`<g class="ik-ch-cell" data-group="${s.group ?? ''}"><text class="ik-ch-cell-title" x="${n(ox)}" y="${n(oy + 13)}">${title}</text>${sub ? html`<text class="ik-ch-cell-sub ik-verdict-${head!.tone}" x="${n(ox)}" y="${n(oy + 28)}">${sub}</text>` : ''}${plot(s, f, drawing, ticks, decimals)}</g>`;
  });
  const rows = Math.ceil(series.length / columns);
  const gridH = rows * cellH + (rows - 1) * CELL.gap;
  // The events of every chart, in words, once under the grid.
  const events = drawing.events.filter((e) => Number.isFinite(dayOf(e.date)));
  let y = gridH + 10;
  const eventRows = events.map((e) => {
    y += 18;
    const attrs = e.path ? html` data-path="${e.path}"` : e.uri ? html` data-open-uri="${e.uri}"` : '';
    const mark = e.kind === 'cycle' ? html`<circle cx="6" cy="${n(y - 4)}" r="4.5"/>` : glyph('outside-limits', 6, y - 4, 3.6);
    return html`<g class="ik-ch-event ik-ch-event-${e.kind}${e.status ? ` ik-pdsa-${e.status}` : ''}"${attrs}>${mark}<text class="ik-ch-event-text" x="16" y="${n(y)}">${e.date} ${wrap(e.text, width - 100, 11, 1)[0] ?? ''}</text></g>`;
  });
  const key = legend(series, drawing, width, y + 14);
  return svgRoot(width, y + 14 + key.height + 8, 'ik-chart ik-chart-groups', label, html`${cells}${eventRows}${key.markup}`);
}


// ---- what the chart says ----

/** A number as sentences say it: p charts as percentages. */
function sayNumber(value: number, chart: ChartType): string {
  return chart === 'p' ? `${trim((value * 100).toFixed(1))}%` : trim(value.toFixed(2));
}

export type Tone = Verdict | 'stable' | 'few' | 'none';

export interface Said {
  tone: Tone;
  /** Whole sentences, for the page (without their full stops). */
  sentences: string[];
  /** A few words, for a small chart's title and the driver diagram's measures. */
  short: string;
  /** Index into the series' points of the signal the words are about, if any. */
  at?: number;
  /** The latest phase the words are about, when the measure has phases: its label and start. */
  phase?: string;
}

const VERDICTS: readonly Verdict[] = ['improvement', 'concern', 'neutral'];

/** The latest phase of a series in the words of the method. */
export function describeSeries(s: MeasureSeries | undefined, chart: ChartType, better: Better | undefined, target: number | undefined, phases?: readonly PlotPhase[]): Said {
  const said = describeLatest(s, chart, better, target);
  const latest = s ? latestPhase(s.analysis) : undefined;
  if (latest && phases?.length) said.phase = [phases[latest.index]?.label ?? `Phase ${latest.index + 1}`, latest.startDate && `from ${latest.startDate}`].filter(Boolean).join(', ');
  return said;
}

function describeLatest(s: MeasureSeries | undefined, chart: ChartType, better: Better | undefined, target: number | undefined): Said {
  const latest = s ? latestPhase(s.analysis) : undefined;
  if (!s || !latest) return { tone: 'none', sentences: ['No data yet'], short: 'no data yet' };
  if (!s.inOrder) return { tone: 'few', sentences: ['The dates do not increase: no signal is read until the points are in date order'], short: 'dates out of order' };
  if (latest.tooFewPoints) {
    return { tone: 'few', sentences: [`Too few points for signals yet: ${latest.count} of ${latest.minPoints}`], short: `too few points yet (${latest.count} of ${latest.minPoints})` };
  }
  const sentences: string[] = [];
  const signals = latest.signals;
  let at: number | undefined;
  for (const verdict of VERDICTS) {
    const mine = signals.filter((sig) => sig.verdict === verdict && sig.kind !== 'runs');
    if (!mine.length) continue;
    const since = mine.reduce((a, sig) => (sig.dates[0] < a ? sig.dates[0] : a), mine[0].dates[0]);
    const details: string[] = [];
    for (const side of ['above', 'below'] as const) {
      const outside = mine.filter((sig) => sig.kind === 'outside-limits' && sig.side === side).length;
      if (outside) details.push(`${outside === 1 ? 'a point' : `${outside} points`} ${side === 'above' ? 'above the upper limit' : 'below the lower limit'}`);
    }
    for (const sig of mine) if (sig.kind !== 'outside-limits' && !details.includes(signalWords(sig, chart))) details.push(signalWords(sig, chart));
    sentences.push(verdict === 'neutral' ? `Special cause since ${since} (${details.join('; ')})` : `Special cause — ${verdict} since ${since} (${details.join('; ')})`);
    at ??= mine[0].start;
  }
  for (const sig of signals) {
    if (sig.kind === 'runs' && sig.runs) {
      const r = sig.runs;
      sentences.push(`Too ${r.too} runs: ${r.count} where ${r.lower} to ${r.upper} are expected, a pattern chance rarely makes${r.too === 'many' ? ' (often two processes mixed in one series)' : ''}`);
    }
  }
  if (!signals.length) {
    sentences.push(
      chart === 'run'
        ? 'No signal: the variation looks random so far — to improve it, change the process'
        : 'Common cause only: the process is stable — to improve it, change the process',
    );
  }
  if (chart !== 'run' && target !== undefined && targetOutOfReach(latest.limits, target, better)) {
    sentences.push(`The target (${sayNumber(target, chart)}) lies outside the limits: the process will not meet it without a change`);
  }
  if (signals.some((sig) => sig.verdict === 'neutral' && sig.kind !== 'runs') && !better) sentences.push('Say which way is better (better: up or down) to tell improvement from concern');
  // The few words follow the latest signal (runs say nothing of a direction).
  const last = [...signals].filter((sig) => sig.kind !== 'runs').sort((a, b) => a.end - b.end).pop() ?? signals[signals.length - 1];
  if (!last) return { tone: 'stable', sentences, short: 'no signal' };
  if (last.kind === 'runs') return { tone: last.verdict, sentences, short: `too ${last.runs?.too ?? 'few'} runs`, at };
  const same = signals.filter((sig) => sig.verdict === last.verdict && sig.kind !== 'runs');
  const since = same.reduce((a, sig) => (sig.dates[0] < a ? sig.dates[0] : a), same[0].dates[0]);
  return { tone: last.verdict, sentences, short: `${last.verdict === 'neutral' ? 'special cause' : last.verdict} since ${since}`, at };
}

// ---- reading the workspace ----

const CHART_NAMES: Record<ChartType, string> = {
  run: 'Run chart (median)',
  xmr: 'XmR chart (individuals)',
  p: 'p chart (proportions)',
  u: 'u chart (rates)',
  c: 'c chart (counts)',
};

/** The control-chart preset configured (`spc:` of `.improvekit.yaml`), as the rules read it. */
function spcOf(scope: Scope): 'ihi' | 'mdc' {
  const ws = scope.workspace as { getConfig?(uri?: string): { spc?: unknown } | undefined } | undefined;
  try {
    return typeof ws?.getConfig === 'function' && ws.getConfig(scope.doc.uri)?.spc === 'mdc' ? 'mdc' : 'ihi';
  } catch {
    return 'ihi';
  }
}

/** The data of a measure document or of a PDSA cycle's series, with the thresholds the rules use. */
export function dataOf(scope: Scope, doc: ParsedDocument): MeasureData {
  const data = doc.data ?? {};
  const file = text(obj(data.data)?.file);
  const uri = file !== undefined ? resolveDataPath(doc.uri, file) : undefined;
  const held = uri !== undefined ? scope.workspace?.dataFile(uri) : undefined;
  if (doc.kind === 'pdsa-cycle') {
    const run = {
      minPoints: scope.option('pdsa/run-chart-shift', 'min_points', NaN),
      shift: scope.option('pdsa/run-chart-shift', 'min_shift', NaN),
      trend: scope.option('pdsa/run-chart-trend', 'min_trend', NaN),
    };
    const given = Object.fromEntries(Object.entries(run).filter(([, v]) => Number.isFinite(v)));
    return measureData(data, held, { spc: spcOf(scope), thresholds: { run: given } });
  }
  return measureData(data, held, { spc: spcOf(scope), thresholds: thresholdOverrides((rule, option) => scope.option(rule, option, NaN)) });
}

interface LinkedMeasure {
  doc: ParsedDocument;
  name?: string;
  type?: string;
  unit?: string;
}

/** The driver-diagram measure a `measure:` names (`k3-reading#m-huddles`, or a bare id). */
function linkedMeasure(scope: Scope, ref: string): LinkedMeasure | undefined {
  const ws = scope.workspace;
  if (!ws) return undefined;
  const hash = ref.indexOf('#');
  const measureId = ref.slice(hash + 1);
  const docs = hash >= 0 ? ws.byId(ref.slice(0, hash)) : [...ws.documents('driver-diagram')];
  for (const doc of docs) {
    if (doc.kind !== 'driver-diagram') continue;
    const found = items(doc.data?.measures).find(({ item }) => text(item.id) === measureId);
    if (found) return { doc, name: text(found.item.name), type: text(found.item.type), unit: text(found.item.unit) };
  }
  return undefined;
}

/**
 * The PDSA cycles that test this measure: cycles of the change ideas that list it (in the driver
 * diagram it names) and cycles whose `data.measure` names it.
 */
function cyclesFor(scope: Scope, ref: string | undefined): ParsedDocument[] {
  const ws = scope.workspace;
  if (!ws || !ref) return [];
  const hash = ref.indexOf('#');
  const measureId = ref.slice(hash + 1);
  const out = new Set<ParsedDocument>();
  const diagrams = hash >= 0 ? ws.byId(ref.slice(0, hash)) : [...ws.documents('driver-diagram')];
  for (const diagram of diagrams) {
    if (diagram.kind !== 'driver-diagram' || !diagram.id) continue;
    for (const { item } of items(diagram.data?.change_ideas)) {
      const idea = text(item.id);
      if (!idea || !ids(item.measures).includes(measureId)) continue;
      const key = `${diagram.id}#${idea}`;
      for (const cycle of ws.cyclesTesting(key)) {
        // A bare `c-huddles` may name an idea of another diagram; a qualified one must be this one.
        const named = text(cycle.data?.change_idea);
        if (cycle.kind === 'pdsa-cycle' && !(named?.includes('#') && named !== key)) out.add(cycle);
      }
    }
  }
  for (const doc of ws.dataFor(hash >= 0 ? ref : `#${ref}`)) if (doc.kind === 'pdsa-cycle') out.add(doc);
  return [...out];
}

function cycleNumber(doc: ParsedDocument): number | undefined {
  return typeof doc.data?.cycle === 'number' ? doc.data.cycle : undefined;
}

/** The path of a point's source, for `data-path`: the inline item, or the data file's key. */
function pointPath(source: MeasureSeries['points'][number]['source']): string {
  return source.kind === 'inline' ? `data.points.${source.index}` : 'data.file';
}

/** What the chart draws, from the measure's data and the workspace. */
function drawingOf(scope: Scope, measured: MeasureData, cycles: readonly ParsedDocument[]): { series: PlotSeries[]; drawing: ChartDrawing } {
  const def = measured.definition;
  const file = def.file;
  const notes = new Map<number, string>();
  for (const { item, index } of items(obj(scope.doc.data?.data)?.points)) {
    const note = text(item.note);
    if (note) notes.set(index, note);
  }
  const series = measured.series.map((s) => ({
    group: s.group,
    analysis: s.analysis,
    points: s.points.map((p) => ({
      date: p.date,
      value: p.value,
      n: p.n,
      path: pointPath(p.source),
      where: p.source.kind === 'row' ? `${file ?? 'data file'}, line ${p.source.line}` : undefined,
      note: p.source.kind === 'inline' ? notes.get(p.source.index) : undefined,
    })),
  }));
  const events: PlotEvent[] = def.annotations.map((a) => ({ kind: 'annotation', date: a.date, text: a.text, tip: `${a.date}: ${a.text}`, path: `annotations.${a.index}` }));
  for (const cycle of cycles) {
    const start = date(obj(cycle.data?.plan)?.start);
    if (!start) continue;
    const number = cycleNumber(cycle);
    const objective = text(obj(cycle.data?.plan)?.objective) ?? text(cycle.data?.title);
    events.push({
      kind: 'cycle',
      date: start,
      text: cycle.id ?? 'PDSA cycle',
      tip: [`PDSA ${number !== undefined ? `cycle ${number}` : 'cycle'} ${cycle.id ?? ''}, from ${start}`, objective, text(cycle.data?.status)].filter(Boolean).join('\n'),
      uri: cycle.uri,
      status: token(cycle.data?.status, PDSA_STATUS, 'none'),
    });
  }
  events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  // Only inline points are flagged one by one: a data file's findings are on its rows.
  const flags = new Map<string, { cls: string; title: string }>();
  const flag = (path: string) => {
    if (path === 'data.file') return { cls: '', title: '' };
    let found = flags.get(path);
    if (!found) {
      const f = scope.flag(path.split('.').map((seg) => (/^\d+$/.test(seg) ? Number(seg) : seg)));
      found = { cls: f.cls, title: f.title };
      flags.set(path, found);
    }
    return found;
  };
  const drawing: ChartDrawing = {
    chart: def.chart,
    better: def.better,
    target: def.target,
    unit: def.unit,
    phases: def.phases.map((p) => ({ label: p.label, path: `phases.${p.index}`, reason: p.reason })),
    events,
    rules: measured.rules,
    flag,
  };
  return { series, drawing };
}

// ---- the page ----

function dataLine(measured: MeasureData): string {
  const count = measured.series.reduce((sum, s) => sum + s.points.length, 0);
  const groups = measured.series.length > 1 || measured.series[0]?.group !== undefined ? `, ${measured.series.length} ${measured.series.length === 1 ? 'group' : 'groups'}` : '';
  const file = measured.definition.file;
  if (file !== undefined) return `${file} (${count} ${count === 1 ? 'point' : 'points'}${groups})`;
  return measured.from === 'points' ? `${count} inline ${count === 1 ? 'point' : 'points'}${groups}` : 'none yet';
}

function problems(scope: Scope, measured: MeasureData): Html {
  const def = measured.definition;
  const lines: Html[] = [];
  if (def.file !== undefined && measured.from === 'none') {
    const uri = resolveDataPath(scope.doc.uri, def.file);
    lines.push(
      html`<p class="ik-missing" data-path="data.file">The data file ${def.file} ${uri === undefined ? 'cannot be read from here (it must be a CSV file named relative to this document)' : 'is not in the workspace'}: nothing to draw yet.</p>`,
    );
  }
  if (measured.missingColumns.length) {
    lines.push(html`<p class="ik-missing" data-path="data">${def.file ?? 'The data file'} has no ${measured.missingColumns.length === 1 ? 'column' : 'columns'} ${measured.missingColumns.join(', ')}: no row is read.</p>`);
  }
  if (measured.badRows.length) {
    const k = measured.badRows.length;
    lines.push(html`<p class="ik-missing" data-path="data.file">${k} ${k === 1 ? 'row' : 'rows'} of ${def.file ?? 'the data file'} ${k === 1 ? 'is' : 'are'} left out: a date or a number could not be read (line ${measured.badRows[0].line} first).</p>`);
  }
  for (const bad of measured.badPoints.slice(0, 3)) lines.push(html`<p class="ik-missing" data-path="data.points.${bad.index}">Point ${bad.index + 1}: ${bad.message}.</p>`);
  if (measured.outOfOrder.length) {
    const k = measured.outOfOrder.length;
    lines.push(html`<p class="ik-missing">The dates go back at ${k} ${k === 1 ? 'point' : 'points'} (${measured.outOfOrder[0].date} after ${measured.outOfOrder[0].previous}): no signal is read until they are in date order.</p>`);
  }
  return html`${lines}`;
}

/** What each series says now: one line per series; many groups are counted first, then listed. */
function saidSection(measured: MeasureData, saids: readonly Said[], paths: ReadonlyArray<string | undefined>): Html {
  const grouped = measured.series.length > 1 || measured.series[0]?.group !== undefined;
  const lines = measured.series.map((s, k) => {
    const said = saids[k];
    const path = paths[k];
    return html`<li class="ik-said ik-verdict-${said.tone}"${path ? html` data-path="${path}"` : ''}>${grouped ? html`<strong>${s.group ?? ''}</strong>: ` : ''}${said.phase ? html`<span class="ik-said-phase">${said.phase}</span> ` : ''}${said.tone === 'improvement' || said.tone === 'concern' || said.tone === 'neutral' ? html`<strong class="ik-said-lead">${said.sentences[0]}</strong>` : said.sentences[0]}.${said.sentences.slice(1).map((x) => ` ${x}.`)}</li>`;
  });
  if (!grouped || measured.series.length <= 12) return html`<section class="ik-said-list" aria-label="What the chart says"><ul>${lines}</ul></section>`;
  const counts = new Map<Tone, number>();
  for (const said of saids) counts.set(said.tone, (counts.get(said.tone) ?? 0) + 1);
  const words: Record<Tone, string> = { improvement: 'improvement', concern: 'concern', neutral: 'special cause', stable: 'common cause only', few: 'too few points', none: 'no data' };
  const total = (['improvement', 'concern', 'neutral', 'stable', 'few', 'none'] as const)
    .filter((t) => counts.get(t))
    .map((t) => `${words[t]} in ${counts.get(t)}`);
  return html`<section class="ik-said-list" aria-label="What the chart says"><p>${measured.series.length} groups: ${total.join(', ')}.</p><details><summary>Each group</summary><ul>${lines}</ul></details></section>`;
}

function cyclesSection(cycles: readonly ParsedDocument[]): Html {
  if (!cycles.length) return html``;
  const rows = [...cycles]
    .sort((a, b) => String(date(obj(a.data?.plan)?.start) ?? '9999').localeCompare(String(date(obj(b.data?.plan)?.start) ?? '9999')))
    .map((c) => {
      const status = token(c.data?.status, PDSA_STATUS, 'none');
      const start = date(obj(c.data?.plan)?.start);
      const number = cycleNumber(c);
      const objective = text(obj(c.data?.plan)?.objective) ?? text(c.data?.title);
      return html`<li class="ik-ch-cycle ik-pdsa-${status}"${c.uri ? html` data-open-uri="${c.uri}"` : ''}><span class="ik-dot"></span> <strong>${number !== undefined ? `Cycle ${number}` : 'Cycle'}</strong> <code>${c.id ?? ''}</code> <span class="ik-muted">${[text(c.data?.status), start ? `from ${start}` : 'no start date: not on the chart'].filter(Boolean).join(' · ')}</span>${objective ? html` — ${objective}` : ''}</li>`;
    });
  return html`<section class="ik-ch-cycles"><h2>PDSA cycles testing this measure</h2><ul>${rows}</ul></section>`;
}

function caption(measured: MeasureData): string {
  const chart = measured.definition.chart;
  const rules = measured.rules.name === 'mdc' ? 'NHS Making Data Count' : 'IHI (Provost & Murray)';
  return chart === 'run'
    ? `${CHART_NAMES.run}: the median of each phase; shifts, trends and runs by the run chart rules.`
    : `${CHART_NAMES[chart]}: centre line and 3-sigma limits of each phase from its own points; signals by the ${rules} rules.`;
}

export function renderMeasure(scope: Scope): RenderedDocument {
  const data = scope.doc.data ?? {};
  const measured = dataOf(scope, scope.doc);
  const def = measured.definition;
  const ref = def.measure;
  const linked = ref ? linkedMeasure(scope, ref) : undefined;
  const title = titleOf(scope, linked?.name);
  const cycles = cyclesFor(scope, ref);

  const typeText = text(data.type) ?? linked?.type;
  const type = token(typeText, MEASURE_TYPES);
  const badges = html`<p class="ik-badges">${typeText ? badge(`${typeText} measure`, `ik-measure-${type}`, text(data.type) ? 'type' : undefined) : ''}${badge(CHART_NAMES[def.chart], 'ik-badge-chart', text(data.chart) ? 'chart' : undefined)}</p>`;
  const diagram = linked ? text(linked.doc.data?.title) ?? linked.doc.id : undefined;
  const subtitle = ref
    ? html`<p class="ik-subtitle" data-path="measure">Gives data for <strong>${linked?.name ?? ref}</strong>${linked?.name ? html` <code class="ik-id">${ref}</code>` : ''}${diagram ? html` <span class="ik-muted">in</span> <span${linked!.doc.uri ? html` data-open-uri="${linked!.doc.uri}"` : ''}>${diagram}</span>` : ''}</p>`
    : '';
  const unit = def.unit ?? linked?.unit;
  const better = def.better === 'up' ? 'up: higher is better' : def.better === 'down' ? 'down: lower is better' : undefined;
  const target = def.target !== undefined ? `${sayNumber(def.target, def.chart)}${unit && def.chart !== 'p' ? ` ${unit}` : ''}` : undefined;
  const facts = html`<dl class="ik-fields">${field('Definition', data.definition, 'definition', 'ik-field-wide')}${field('Unit', unit, 'unit')}${field('Better', better, 'better')}${field('Target', target, 'target')}${field('Data', dataLine(measured), def.file !== undefined ? 'data.file' : 'data')}</dl>`;

  const { series, drawing } = drawingOf(scope, measured, cycles);
  const saids = measured.series.map((s) => describeSeries(s, def.chart, def.better, def.target, drawing.phases));
  const saidPaths = measured.series.map((s, k) => {
    const at = saids[k].at;
    return at !== undefined ? pointPath(s.points[at].source) : undefined;
  });
  const label = `${def.chart === 'run' ? 'Run chart' : 'Control chart'}: ${title}`;
  const svg = chartSvg(series, drawing, label, (s) => {
    const said = saids[series.indexOf(s as PlotSeries)];
    return said ? { text: said.short, tone: said.tone } : undefined;
  });
  const chart = svg ? figure(svg, 'ik-figure-chart', caption(measured)) : empty('No points to draw yet: add data.points, or name a CSV file with data.file.');

  const paths: Path[] = [['title'], ['measure'], ['type'], ['definition'], ['unit'], ['better'], ['target'], ['chart'], ['data'], ['data', 'file']];
  // Only points with findings can own one: listing all 500 would cost the checks 500 × findings.
  for (const { index } of items(obj(data.data)?.points)) if (drawing.flag(`data.points.${index}`).cls) paths.push(['data', 'points', index]);
  for (const { index } of items(data.phases)) paths.push(['phases', index]);
  for (const { index } of items(data.annotations)) paths.push(['annotations', index]);
  const body = article(
    scope,
    html`${header(scope, title, html`${subtitle}${badges}`)}${facts}${problems(scope, measured)}${series.length ? saidSection(measured, saids, saidPaths) : ''}${chart}${cyclesSection(cycles)}${scope.checks(paths)}`,
  );
  return { title, body: body.value };
}

// ---- the driver diagram's glance at a measure ----

export interface MeasureGlance {
  /** A sparkline of the latest series (class `ik-spark`, not a diagram of the page). */
  spark?: Html;
  /** The latest signal in words: `improvement since 2026-03-02`, `no signal`, `no data yet`. */
  words: string;
  tone: Tone;
  /** The document the data comes from. */
  uri?: string;
}

const SPARK_W = 96;
const SPARK_H = 24;
const SPARK_MAX = 240;
// A line through fewer points shows no shape: below this, the words alone say where the data stands.
const SPARK_MIN = 5;

function sparkSvg(s: MeasureSeries, label: string, tone: Tone): Html | undefined {
  const values = s.analysis.values;
  const all: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]) && Number.isFinite(dayOf(s.points[i].date))) all.push(i);
  if (all.length < SPARK_MIN) return undefined;
  // A long series is thinned for 96 pixels; the latest point always stays.
  const stride = Math.ceil(all.length / SPARK_MAX);
  const shown = all.filter((_, k) => k % stride === 0 || k === all.length - 1);
  let lo = Infinity;
  let hi = -Infinity;
  for (const i of all) {
    lo = Math.min(lo, values[i]);
    hi = Math.max(hi, values[i]);
  }
  const latest = latestPhase(s.analysis);
  if (latest && Number.isFinite(latest.centre)) {
    lo = Math.min(lo, latest.centre);
    hi = Math.max(hi, latest.centre);
  }
  const d0 = dayOf(s.points[all[0]].date);
  const d1 = dayOf(s.points[all[all.length - 1]].date);
  const x = (i: number) => 3 + ((dayOf(s.points[i].date) - d0) / (d1 - d0 || 1)) * (SPARK_W - 8);
  const y = (v: number) => 3 + (SPARK_H - 6) * (1 - (v - lo) / (hi - lo || 1));
  let d = '';
  let phase = -1;
  for (const i of shown) {
    const p = s.analysis.phases.findIndex((ph) => i >= ph.start && i <= ph.end);
    d += `${p === phase ? 'L' : 'M'}${n(x(i))} ${n(y(values[i]))}`;
    phase = p;
  }
  const last = all[all.length - 1];
  const cl = latest && Number.isFinite(latest.centre) ? html`<path class="ik-spark-cl" d="M${n(x(latest.start))} ${n(y(latest.centre))}H${n(x(latest.end))}"/>` : '';
  return html`<svg class="ik-spark" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${SPARK_W} ${SPARK_H}" width="${SPARK_W}" height="${SPARK_H}" role="img" aria-label="${label}"><title>${label}</title>${cl}<path class="ik-spark-line" d="${d}"/><circle class="ik-spark-last ik-verdict-${tone}" cx="${n(x(last))}" cy="${n(y(values[last]))}" r="2.6"/></svg>`;
}

/**
 * A driver-diagram measure at a glance: its data (a measure document first, else a PDSA series
 * naming it), as a sparkline with its latest signal in words.
 */
export function measureGlance(scope: Scope, key: string, name: string): MeasureGlance {
  const docs = scope.workspace?.dataFor(key) ?? [];
  // Measure documents first: a PDSA series is one cycle's data.
  const ordered = docs.filter((d) => d.kind === 'measure');
  for (const doc of docs) if (!ordered.includes(doc)) ordered.push(doc);
  for (const doc of ordered) {
    const measured = dataOf(scope, doc);
    const series = measured.series.filter((s) => s.points.length);
    if (!series.length) continue;
    const def = measured.definition;
    const saids = series.map((s) => describeSeries(s, def.chart, def.better, def.target));
    let words = saids[0].short;
    let tone = saids[0].tone;
    if (series.length > 1 || series[0].group !== undefined) {
      const counts = new Map<string, number>();
      for (const said of saids) {
        const w = said.tone === 'improvement' || said.tone === 'concern' ? said.tone : said.tone === 'neutral' ? 'special cause' : said.tone === 'stable' ? 'no signal' : 'too few points';
        counts.set(w, (counts.get(w) ?? 0) + 1);
      }
      words = [...counts].map(([w, k]) => `${w} in ${k} of ${series.length} groups`).join(', ');
      tone = saids.some((s) => s.tone === 'concern') ? 'concern' : saids.some((s) => s.tone === 'improvement') ? 'improvement' : saids[0].tone;
    }
    const spark = sparkSvg(series[0], `${name}${series[0].group !== undefined ? ` (${series[0].group})` : ''}: ${saids[0].short}`, saids[0].tone);
    return { spark, words, tone, uri: doc.uri };
  }
  return { words: 'no data yet', tone: 'none', uri: ordered[0]?.uri };
}
