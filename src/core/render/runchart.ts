import { analyzeRunChart, DEFAULT_MIN_SHIFT, DEFAULT_MIN_TREND, type RunChartAnalysis } from '../model/runchart';
import { date, items, num, text } from '../model/values';
import { html, type Html } from './html';
import type { Scope } from './context';
import { shortDate } from './parts';
import { n, svgRoot, textWidth } from './svg';

/** The run chart rules need this many points (the `min_points` option of the `pdsa/run-chart-*` rules). */
export const DEFAULT_MIN_POINTS = 10;

const WIDTH = 760;
const HEIGHT = 320;
const LEFT = 56;
const RIGHT = 104;
const TOP = 28;
const BOTTOM = 48;

export interface ChartPoint {
  /** Index in `data.points`. */
  index: number;
  value: number;
  date?: string;
  note?: string;
}

/** What the chart shows: the points, and the analysis when there are enough of them. */
export interface RunChartView {
  points: ChartPoint[];
  analysis: RunChartAnalysis;
  /** Whether the series is long enough for the signals (shift, trend, runs). */
  assessed: boolean;
  minPoints: number;
}

/** The series of a PDSA cycle as the `pdsa/run-chart-*` rules read it: points with a numeric value, in order. */
export function runChartView(scope: Scope, points: unknown): RunChartView {
  const series: ChartPoint[] = [];
  for (const { item, index } of items(points)) {
    const value = num(item.value);
    if (value !== undefined) series.push({ index, value, date: date(item.date) ?? text(item.date), note: text(item.note) });
  }
  const minPoints = scope.option('pdsa/run-chart-shift', 'min_points', DEFAULT_MIN_POINTS);
  const analysis = analyzeRunChart(
    series.map((p) => p.value),
    {
      minShift: scope.option('pdsa/run-chart-shift', 'min_shift', DEFAULT_MIN_SHIFT),
      minTrend: scope.option('pdsa/run-chart-trend', 'min_trend', DEFAULT_MIN_TREND),
    },
  );
  return { points: series, analysis, assessed: series.length >= minPoints, minPoints };
}

/** About five round tick values covering [min, max]. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0];
  if (min === max) {
    const pad = Math.abs(min) > 0 ? Math.abs(min) * 0.1 : 1;
    min -= pad;
    max += pad;
  }
  const raw = (max - min) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let v = Math.floor(min / step) * step; v <= max + step * 0.5 && ticks.length < 50; v += step) ticks.push(Number(v.toPrecision(12)));
  if (ticks[ticks.length - 1] < max) ticks.push(Number((ticks[ticks.length - 1] + step).toPrecision(12)));
  return ticks;
}

function format(value: number): string {
  return String(Number(value.toFixed(2)));
}

/** The run chart SVG: points in time order, the median, and the signals marked on their points. */
export function runChartSvg(view: RunChartView, label: string): Html {
  const { points, analysis } = view;
  const values = points.map((p) => p.value);
  const ticks = niceTicks(Math.min(...values), Math.max(...values));
  const lo = ticks[0];
  const hi = ticks[ticks.length - 1];
  const plotW = WIDTH - LEFT - RIGHT;
  const plotH = HEIGHT - TOP - BOTTOM;
  const x = (i: number) => LEFT + (points.length === 1 ? plotW / 2 : 12 + (i * (plotW - 24)) / (points.length - 1));
  const y = (v: number) => TOP + plotH - ((v - lo) / (hi - lo || 1)) * plotH;

  const grid = ticks.map(
    (t) => html`<line class="ik-rc-grid" x1="${LEFT}" x2="${LEFT + plotW}" y1="${n(y(t))}" y2="${n(y(t))}"/><text class="ik-rc-tick" x="${LEFT - 8}" y="${n(y(t) + 4)}" text-anchor="end">${format(t)}</text>`,
  );
  // Date labels, thinned so that they never overlap.
  const widest = Math.max(40, ...points.map((p) => textWidth(p.date ? shortDate(p.date) : String(p.index + 1), 11)));
  const every = Math.max(1, Math.ceil((widest + 10) / ((plotW - 24) / Math.max(1, points.length - 1))));
  const labels = points.map((p, i) =>
    i % every === 0 || (i === points.length - 1 && (points.length - 1) % every >= every / 2)
      ? html`<text class="ik-rc-tick" x="${n(x(i))}" y="${TOP + plotH + 18}" text-anchor="middle">${p.date ? shortDate(p.date) : `#${p.index + 1}`}</text>`
      : '',
  );
  const shiftOf = new Map<number, string>();
  const trendOf = new Map<number, string>();
  const marks: Html[] = [];
  if (view.assessed) {
    analysis.shifts.forEach((s, k) => {
      for (let i = s.start; i <= s.end; i++) shiftOf.set(i, `shift ${k + 1}: ${s.length} points ${s.side} the median`);
      const x0 = x(s.start) - 9;
      const x1 = x(s.end) + 9;
      const ys = values.slice(s.start, s.end + 1).map(y);
      const y0 = Math.min(...ys) - 10;
      const y1 = Math.max(...ys) + 10;
      marks.push(html`<g class="ik-rc-shift-band" data-signal="shift" data-start="${points[s.start].index}" data-end="${points[s.end].index}"><rect x="${n(x0)}" y="${n(y0)}" width="${n(x1 - x0)}" height="${n(y1 - y0)}" rx="10"/><text x="${n(x0 + 4)}" y="${n(y0 - 5)}">Shift ${s.side === 'above' ? '▲' : '▼'} ${s.length}</text></g>`);
    });
    analysis.trends.forEach((t, k) => {
      for (let i = t.start; i <= t.end; i++) trendOf.set(i, `trend ${k + 1}: ${t.length} points going ${t.direction}`);
      const d = values.slice(t.start, t.end + 1).map((v, j) => `${j ? 'L' : 'M'}${n(x(t.start + j))} ${n(y(v))}`).join(' ');
      const labelY = Math.max(...values.slice(t.start, t.end + 1).map(y)) + 20;
      marks.push(html`<g class="ik-rc-trend-line" data-signal="trend" data-start="${points[t.start].index}" data-end="${points[t.end].index}"><path d="${d}"/><text x="${n((x(t.start) + x(t.end)) / 2)}" y="${n(Math.min(labelY, TOP + plotH - 4))}" text-anchor="middle">Trend ${t.direction === 'up' ? '↗' : '↘'} ${t.length}</text></g>`);
    });
    if (analysis.tooFewRuns || analysis.tooManyRuns) {
      const limits = analysis.runsLimits;
      const words = `${analysis.tooFewRuns ? 'Too few runs' : 'Too many runs'}: ${analysis.runs}${limits ? ` (${limits.lower}–${limits.upper} expected)` : ''}`;
      marks.push(html`<g class="ik-rc-runs-flag" data-signal="runs"><text x="${LEFT + 8}" y="${TOP - 10}">${words}</text></g>`);
    }
  }
  const line = values.map((v, i) => `${i ? 'L' : 'M'}${n(x(i))} ${n(y(v))}`).join(' ');
  const median = Number.isFinite(analysis.median)
    ? html`<g class="ik-rc-median"><line x1="${LEFT}" x2="${LEFT + plotW}" y1="${n(y(analysis.median))}" y2="${n(y(analysis.median))}"/><text x="${LEFT + plotW + 8}" y="${n(y(analysis.median) + 4)}">median ${format(analysis.median)}</text></g>`
    : '';
  const dots = points.map((p, i) => {
    const signals = [shiftOf.get(i), trendOf.get(i)].filter(Boolean);
    const cls = ['ik-rc-point', shiftOf.has(i) && 'ik-rc-shift', trendOf.has(i) && 'ik-rc-trend', p.note && 'ik-rc-noted'].filter(Boolean).join(' ');
    const tip = [`${p.date ?? `point ${p.index + 1}`}: ${format(p.value)}`, p.note, ...signals].filter(Boolean).join('\n');
    return html`<g class="${cls}" data-path="data.points.${p.index}"><title>${tip}</title><circle cx="${n(x(i))}" cy="${n(y(p.value))}" r="${signals.length ? 6 : 4.5}"/>${p.note ? html`<circle class="ik-rc-note-ring" cx="${n(x(i))}" cy="${n(y(p.value))}" r="10"/>` : ''}</g>`;
  });
  const frame = html`<line class="ik-rc-axis" x1="${LEFT}" x2="${LEFT}" y1="${TOP}" y2="${TOP + plotH}"/><line class="ik-rc-axis" x1="${LEFT}" x2="${LEFT + plotW}" y1="${TOP + plotH}" y2="${TOP + plotH}"/>`;
  return svgRoot(WIDTH, HEIGHT, 'ik-runchart-svg', label, html`${grid}${frame}${marks}<path class="ik-rc-line" d="${line}"/>${median}<g class="ik-rc-points">${dots}</g>${labels}`);
}

/** The signals in words, under the chart. */
export function runChartSummary(view: RunChartView): Html {
  const { analysis, points } = view;
  if (!view.assessed) {
    return html`<p class="ik-rc-summary ik-muted">Median ${Number.isFinite(analysis.median) ? format(analysis.median) : '—'}. Shifts, trends and runs are read from ${view.minPoints} points on (${points.length} so far).</p>`;
  }
  const when = (i: number) => points[i].date ?? `point ${points[i].index + 1}`;
  const items: Html[] = [];
  for (const s of analysis.shifts) {
    items.push(html`<li class="ik-signal ik-signal-shift" data-path="data.points.${points[s.start].index}"><strong>Shift</strong>: ${s.length} points in a row ${s.side} the median, ${when(s.start)} to ${when(s.end)}.</li>`);
  }
  for (const t of analysis.trends) {
    items.push(html`<li class="ik-signal ik-signal-trend" data-path="data.points.${points[t.start].index}"><strong>Trend</strong>: ${t.length} points in a row going ${t.direction}, ${when(t.start)} to ${when(t.end)}.</li>`);
  }
  const limits = analysis.runsLimits;
  const runsText = limits ? `${analysis.runs} runs about the median; ${limits.lower} to ${limits.upper} expected for ${analysis.usefulObservations} points off the median` : `${analysis.runs} runs about the median`;
  if (analysis.tooFewRuns || analysis.tooManyRuns) {
    items.push(html`<li class="ik-signal ik-signal-runs"><strong>${analysis.tooFewRuns ? 'Too few runs' : 'Too many runs'}</strong>: ${runsText}.</li>`);
  }
  const verdict = items.length
    ? html`<ul class="ik-signals">${items}</ul>`
    : html`<p class="ik-muted">No shift, trend or unusual number of runs: the variation looks like chance so far.</p>`;
  return html`<div class="ik-rc-summary"><p>Median <strong>${format(analysis.median)}</strong> · ${runsText}.</p>${verdict}</div>`;
}
