import type { Workspace } from '../workspace';
import type { ParsedDocument, SpanTable } from '../parse';

type SpanRow = SpanTable[string];
import { itemIndex } from '../items';
import { RAPID_ROLES, ROLE_CATEGORIES } from '../schemas/kinds';
import { DEFAULT_MAX_SPAN, spans, type PositionSpan } from '../model/span';
import { spanTitle } from '../kinds';
import { ids, text } from '../model/values';
import { plural } from '../text';
import type { Path, Position, Span } from '../types';
import type { Hover } from './api';
import { rationaleOf } from '../rules/rationale';
import { kindLabel, LIST_WORDS, docAt, hitAt, resolveDocument, resolveItem, seriesOf, titleOf, usesOf, whereOf, type Definition, type Hit, type SeriesView, RAPID_ROLE_KEYS } from './model';
import type { ChartType, PhaseAnalysis, Signal } from '../model/spc';
import type { MeasureSeries } from '../model/measure';
import { keyDescription } from './schema';

/** The source of the RAPID role definitions, by title and year. */
const RAPID_SOURCE = 'the SCALE Initiative report, 2014';

type RapidRole = (typeof RAPID_ROLE_KEYS)[number];

function isRapidRole(key: unknown): key is RapidRole {
  return typeof key === 'string' && (RAPID_ROLE_KEYS as readonly string[]).includes(key);
}

/** A RAPID role explained: its letter, its definition and what the charter rules expect of it. */
export function rapidRoleText(role: RapidRole): string {
  const letter = role[0].toUpperCase();
  return `**RAPID ${letter}** — ${RAPID_ROLES[role]}\n\n_Role definitions from the RAPID framework as presented to the SCALE Initiative (${RAPID_SOURCE})._`;
}

/** The `max_span` configured for `leadership/oversized-span`, else its default. */
export function configuredMaxSpan(ws: Workspace, uri?: string): number {
  const v = ws.getConfig(uri).rules['leadership/oversized-span']?.options?.max_span;
  return typeof v === 'number' ? v : DEFAULT_MAX_SPAN;
}

function spanSource(span: PositionSpan): string {
  return span.source === 'role' ? `\`max_span\` of role \`${span.role}\`` : span.source === 'defaults' ? '`defaults.max_span` of this model' : 'the `max_span` of leadership/oversized-span';
}

function spanText(span: PositionSpan): string {
  const teams = span.teams.map((t) => `\`${t.id ?? `team ${t.index + 1}`}\` (${t.teachers})`).join(', ');
  return `Span: **${span.teachers} of ${span.max} teachers**${span.teachers > span.max ? ' — over the limit' : ''}; the limit is the ${spanSource(span)}.${teams ? ` Teams: ${teams}.` : ' It leads no team.'}`;
}

/** The chains from a driver-diagram node up to the aim: change idea → secondary → primary → aim. */
export function pathsToAim(doc: ParsedDocument, id: string): string[] {
  const data = doc.data;
  if (!data) return [];
  const index = itemIndex('driver-diagram', data, 'change_ideas');
  const aim = data.aim && typeof data.aim === 'object' ? text((data.aim as Record<string, unknown>).statement) : undefined;
  const out: string[] = [];
  const walk = (nodeId: string, trail: string[]) => {
    if (out.length >= 6) return;
    const item = index.get(nodeId);
    if (!item || item.list === 'measures' || trail.some((t) => t.startsWith(`\`${nodeId}\``))) return;
    const step = `\`${nodeId}\`${titleOf(item.value) ? ` ${titleOf(item.value)}` : ''}`;
    const next = [...trail, step];
    const parents = item.list === 'primary_drivers' ? [] : ids(item.value.supports).map((p) => p.split('#').pop()!);
    if (!parents.length) {
      out.push(`${next.join(' → ')} → ${item.list === 'primary_drivers' ? `**aim**${aim ? `: ${aim}` : ''}` : '_(supports nothing yet)_'}`);
      return;
    }
    for (const p of parents) walk(p, next);
  };
  walk(id, []);
  return out;
}

/** What is worth knowing about a definition beyond its title. */
function details(ws: Workspace, def: Definition): string[] {
  const out: string[] = [];
  const data = def.doc.data;
  if (!def.item || !data) return out;
  if (def.doc.kind === 'driver-diagram' && def.item.list !== 'measures') {
    const paths = pathsToAim(def.doc, def.id);
    if (paths.length) out.push(`Path to the aim:\n\n${paths.map((p) => `- ${p}`).join('\n')}`);
    if (def.item.list === 'change_ideas' && def.doc.id !== undefined) {
      const cycles = ws.cyclesTesting(`${def.doc.id}#${def.id}`);
      if (cycles.length) out.push(`Tested in ${plural(cycles.length, 'PDSA cycle')}: ${cycles.map((c) => `\`${c.id ?? '?'}\``).join(', ')}.`);
    }
  }
  if (def.doc.kind === 'leadership-model') {
    const all = spans(data, configuredMaxSpan(ws, def.doc.uri));
    if (def.item.list === 'positions') {
      const span = all.get(def.id);
      if (span) out.push(spanText(span));
    } else if (def.item.list === 'roles') {
      const held = [...all.values()].filter((s) => s.role === def.id);
      if (held.length) out.push(`Positions with this role: ${held.map((s) => `\`${s.id}\` (${spanTitle(s)})`).join(', ')}.`);
    }
  }
  if (def.doc.kind === 'roster') {
    const role = text(def.item.value.role);
    if (role) out.push(`Role: ${role}.`);
  }
  return out;
}

function describeDefinition(ws: Workspace, def: Definition): string {
  if (!def.item) {
    const title = text(def.doc.data?.title);
    const uses = usesOf(ws, def).length;
    return [`**${kindLabel(def.doc.kind)}** \`${def.id}\`${title ? ` — ${title}` : ''}`, `In ${whereOf(ws, def)}.${uses ? ` Referenced ${plural(uses, 'time')}.` : ''}`].join('\n\n');
  }
  const word = LIST_WORDS[def.item.list] ?? def.item.list;
  const title = titleOf(def.item.value);
  const home = def.doc.id !== undefined ? ` of ${def.doc.kind} \`${def.doc.id}\`` : '';
  return [`**${word.charAt(0).toUpperCase()}${word.slice(1)}** \`${def.id}\`${title ? ` — ${title}` : ''}`, `In ${whereOf(ws, def)}${home}.`, ...details(ws, def)].join('\n\n');
}

function hoverOfHit(ws: Workspace, hit: Hit): string {
  if (hit.type === 'definition') return describeDefinition(ws, hit.def);
  const { ref } = hit;
  const parts: string[] = [];
  const role = ref.path.find(isRapidRole);
  if (ref.doc.kind === 'rapid-charter' && isRapidRole(role)) parts.push(rapidRoleText(role));
  const targets = hit.part === 'document' ? resolveDocument(ws, ref) : resolveItem(ws, ref);
  if (targets.length) parts.push(...targets.map((t) => describeDefinition(ws, t)));
  else if (ref.site.target.scope === 'person') parts.push(`\`${ref.value}\` is ${ws.hasRoster() ? 'in no roster' : 'free text (the workspace has no roster)'}.`);
  else if (ref.site.at[ref.site.at.length - 1] === 'role' && !ref.value.includes('#')) parts.push(`\`${ref.value}\` is ${(ROLE_CATEGORIES as readonly string[]).includes(ref.value) ? 'a role category' : 'no role of this model'}.`);
  else parts.push(`\`${hit.part === 'document' ? ref.value.split('#')[0] : ref.value}\` names no ${hit.part === 'document' ? 'document' : ref.site.what} in the workspace.`);
  return parts.join('\n\n---\n\n');
}

/** Span tables by document: a parsed document never changes (an edit parses a new one). */
const TABLES = new WeakMap<ParsedDocument, Array<[string, SpanRow]>>();

/** The key under an offset, from the document's span table. */
function keyAt(doc: ParsedDocument, offset: number): { path: Path; span: Span } | undefined {
  let table = TABLES.get(doc);
  if (!table) TABLES.set(doc, (table = Object.entries(doc.spanTable())));
  let best: { path: Path; span: Span } | undefined;
  for (const [key, t] of table) {
    if (!key) continue;
    const [ks, ke, vs, ve] = t;
    if (ks === vs && ke === ve) continue;
    if (offset < ks || offset > ke) continue;
    const path = key.split('\u0001').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    if (typeof path[path.length - 1] !== 'string') continue;
    if (!best || ke - ks < best.span.end - best.span.start) best = { path, span: { start: ks, end: ke } };
  }
  return best;
}

/** Whether a position lies inside a range (its end included, as the editor's hover does). */
function within(p: Position, r: { start: Position; end: Position }): boolean {
  const after = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const before = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return after && before;
}

/** The hover at a position, and below it why each finding there matters (`**rule/id** — rationale`). */
export function hover(ws: Workspace, uri: string, position: Position): Hover | undefined {
  const own = hoverOf(ws, uri, position);
  const seen = new Set<string>();
  const why = ws.file(uri)
    ? ws.diagnostics(uri).filter((d) => rationaleOf(d.rule) && within(position, d.range) && !seen.has(d.rule) && (seen.add(d.rule), true))
    : [];
  if (!why.length) return own;
  const findings = why.map((d) => `**${d.rule}** — ${rationaleOf(d.rule)}`).join('\n\n');
  return { contents: own ? `${own.contents}\n\n---\n\n${findings}` : findings, range: own?.range ?? why[0].range };
}

function hoverOf(ws: Workspace, uri: string, position: Position): Hover | undefined {
  const file = ws.file(uri);
  if (!file) return undefined;
  const offset = file.lines.offsetAt(position);
  const hit = hitAt(file, offset);
  if (hit) return { contents: hoverOfHit(ws, hit), range: file.lines.rangeOf(hit.type === 'definition' ? hit.span : hit.whole) };
  const doc = docAt(file, offset);
  if (!doc) return undefined;
  const point = seriesHover(ws, doc, offset);
  if (point) return { contents: point.contents, range: file.lines.rangeOf(point.span) };
  const key = keyAt(doc, offset);
  if (!key) return undefined;
  const last = key.path[key.path.length - 1];
  if (key.path[0] === 'data' && key.path.length === 1 && doc.data) {
    // The `data:` key of a series: the chart in short.
    const view = seriesOf(ws, doc);
    const description = keyDescription(doc.kind, key.path);
    if (view) return { contents: `${description ? `\`data\` — ${description}\n\n` : ''}${fileHover(view, doc.kind === 'measure')}`, range: file.lines.rangeOf(key.span) };
  }
  if (doc.kind === 'rapid-charter' && key.path[0] === 'decisions' && key.path.length === 3 && isRapidRole(last)) {
    return { contents: rapidRoleText(last), range: file.lines.rangeOf(key.span) };
  }
  const description = keyDescription(doc.kind, key.path);
  if (!description) return undefined;
  return { contents: `\`${String(last)}\` — ${description}`, range: file.lines.rangeOf(key.span) };
}

// ---- data series: points and data files ----

/** What the centre line is, by chart. */
const CENTRE_WORDS: Record<ChartType, string> = { run: 'median', xmr: 'mean', p: 'p̄', u: 'ū', c: 'c̄' };

const CHART_NAMES: Record<ChartType, string> = { run: 'Run chart', xmr: 'XmR chart', p: 'p chart', u: 'u chart', c: 'c chart' };

const SIGNAL_WORDS: Record<Signal['kind'], string> = {
  'outside-limits': 'outside the limits',
  shift: 'shift',
  trend: 'trend',
  'two-of-three': '2 of 3 beyond 2 sigma',
  runs: 'runs',
};

/** A number for people: up to 2 decimals (p charts: a percentage). */
function fmt(value: number, chart: ChartType): string {
  if (!Number.isFinite(value)) return '—';
  if (chart === 'p') return `${Number((value * 100).toFixed(1))}%`;
  return String(Number(value.toFixed(Math.abs(value) >= 100 ? 1 : 2)));
}

function signalText(sig: Signal, chart: ChartType): string {
  const where =
    sig.kind === 'runs' && sig.runs
      ? `${sig.runs.count} runs, too ${sig.runs.too} for ${sig.runs.useful} points off the median (expected ${sig.runs.lower} to ${sig.runs.upper})`
      : sig.kind === 'trend'
        ? `${sig.length} points going ${sig.direction ?? '?'}, ${sig.dates[0]} to ${sig.dates[sig.dates.length - 1]}`
        : sig.kind === 'outside-limits'
          ? `${sig.side ?? ''} the ${sig.side === 'below' ? 'lower' : 'upper'} limit`
          : `${sig.length} points ${sig.side ?? ''} the ${chart === 'run' ? 'median' : 'centre line'}, ${sig.dates[0]} to ${sig.dates[sig.dates.length - 1]}`;
  return `**${SIGNAL_WORDS[sig.kind]}**: ${where}${sig.verdict !== 'neutral' ? ` — ${sig.verdict}` : ''}`;
}

/** The centre line and limits of a phase, at one of its points (p and u limits vary with n) or at its mean n. */
function phaseText(phase: PhaseAnalysis, chart: ChartType, phased: boolean, at?: number): string {
  const name = !phased ? 'All points' : phase.label ? `**${phase.label}**` : `Phase ${phase.index + 1}`;
  const from = phased && phase.startDate ? ` (from ${phase.startDate})` : '';
  const centre = `${CENTRE_WORDS[chart]} ${fmt(phase.centre, chart)}${phase.frozen ? `, from its first ${phase.baseline} points` : ''}`;
  let limits = '';
  if (chart !== 'run') {
    const i = at !== undefined ? at - phase.start : -1;
    const lcl = i >= 0 && i < phase.lcl.length ? phase.lcl[i] : phase.limits.lcl;
    const ucl = i >= 0 && i < phase.ucl.length ? phase.ucl[i] : phase.limits.ucl;
    limits = Number.isFinite(lcl) || Number.isFinite(ucl) ? `; limits ${fmt(lcl, chart)} to ${fmt(ucl, chart)}` : '; no limits yet';
  }
  const few = phase.tooFewPoints ? ` No signal is read yet: ${plural(phase.count, 'point')} of the ${phase.minPoints} the chart needs.` : '';
  return `${name}${from}: ${centre}${limits}.${few}`;
}

function phaseOf(series: MeasureSeries, i: number): PhaseAnalysis | undefined {
  return series.analysis.phases.find((p) => i >= p.start && i <= p.end);
}

/** One point: its date, value, phase (centre line and limits) and the signals it belongs to. */
function pointText(view: SeriesView, series: MeasureSeries, i: number, unit: string | undefined): string {
  const { chart } = view.measure.definition;
  const point = series.points[i];
  const plotted = series.analysis.values[i];
  const value = chart === 'p' || chart === 'u' ? `${point.value} of ${point.n ?? '?'} = **${fmt(plotted, chart)}**${chart === 'u' && unit ? ` ${unit}` : ''}` : `**${fmt(point.value, chart)}**${unit ? ` ${unit}` : ''}`;
  const parts = [`**Point** ${point.date}: ${value}${series.group !== undefined ? ` — ${view.measure.definition.columns.group ?? 'group'} \`${series.group}\`` : ''}`];
  const phase = phaseOf(series, i);
  if (phase) parts.push(phaseText(phase, chart, view.measure.definition.phases.length > 0, i));
  const signals = series.analysis.signals.filter((sig) => sig.indexes.includes(i) || (sig.kind === 'trend' && i >= sig.start && i <= sig.end));
  if (signals.length) parts.push(`Signals:\n\n${signals.map((sig) => `- ${signalText(sig, chart)}`).join('\n')}`);
  else if (!series.inOrder) parts.push('The dates are out of order: no signal is read.');
  else if (phase && !phase.tooFewPoints) parts.push('In no signal.');
  return parts.join('\n\n');
}

/** Where a series' data comes from, and its latest points. */
function fileHover(view: SeriesView, withColumns: boolean): string {
  const m = view.measure;
  const { chart, columns } = m.definition;
  const unit = m.definition.unit;
  const parts: string[] = [];
  const count = m.series.reduce((n, s) => n + s.points.length, 0);
  if (view.file !== undefined) {
    const name = `\`${view.file}\``;
    if (view.uri === undefined) return `${name} may not be read: name a CSV file by a path relative to this document, inside the repository.`;
    if (!view.dataFile) return `${name}: no readable file (it is missing, outside the workspace, or too large).`;
    if (m.missingColumns.length) return `${name}: the header row has no ${m.missingColumns.map((c) => `\`${c}\``).join(', ')}; its columns are ${m.header?.length ? m.header.map((c) => `\`${c}\``).join(', ') : 'none'}.`;
    parts.push(`**Data file** ${name}: ${plural(count, 'point')} read${m.badRows.length ? `, ${plural(m.badRows.length, 'row')} left out (see the Problems panel)` : ''}.`);
    if (withColumns) {
      const used = [`\`${columns.date}\` (date)`, `\`${columns.value}\` (value)`, ...(chart === 'p' || chart === 'u' ? [`\`${columns.n}\` (n)`] : []), ...(columns.group ? [`\`${columns.group}\` (group)`] : [])];
      parts.push(`Columns: ${used.join(', ')}.`);
    }
  } else parts.push(`**Points**: ${plural(count, 'point')}${m.badPoints.length ? `, ${m.badPoints.length} left out` : ''}.`);
  if (!count) return parts.join('\n\n');
  parts.push(`${CHART_NAMES[chart]}${m.series.length > 1 ? `, one per ${columns.group ?? 'group'} (${m.series.length})` : ''}.`);
  const shown = m.series.slice(0, 5);
  for (const series of shown) {
    const latest = series.points.slice(-5);
    const first = series.points.length - latest.length;
    const phase = phaseOf(series, series.points.length - 1);
    const head = series.group !== undefined ? `\`${series.group}\` — ` : '';
    const lines = latest.map((p, k) => {
      const i = first + k;
      const marks = series.analysis.signals.filter((sig) => sig.kind !== 'runs' && sig.indexes.includes(i)).map((sig) => SIGNAL_WORDS[sig.kind]);
      return `- ${p.date}: ${fmt(series.analysis.values[i], chart)}${unit && chart !== 'p' ? ` ${unit}` : ''}${marks.length ? ` (${[...new Set(marks)].join(', ')})` : ''}`;
    });
    parts.push(`${head}latest ${plural(latest.length, 'point')}:\n\n${lines.join('\n')}${phase ? `\n\n${phaseText(phase, chart, m.definition.phases.length > 0)}` : ''}`);
  }
  if (m.series.length > shown.length) parts.push(`…and ${plural(m.series.length - shown.length, 'more group')}.`);
  return parts.join('\n\n');
}

/**
 * Hover over a series: an inline point (`data.points` item) tells its date, value, the centre line
 * and limits of its phase and the signals it belongs to; `data.file` tells what was read and lists
 * the latest points.
 */
function seriesHover(ws: Workspace, doc: ParsedDocument, offset: number): { contents: string; span: Span } | undefined {
  if (!doc.data) return undefined;
  const within = (span: Span) => offset >= span.start && offset <= span.end;
  if (doc.has(['data', 'file'])) {
    const span = doc.locate(['data', 'file'], 'value');
    if (!within(span)) return undefined;
    const view = seriesOf(ws, doc);
    return view && { contents: fileHover(view, doc.kind === 'measure'), span };
  }
  for (let k = 0; doc.has(['data', 'points', k]); k++) {
    const span = doc.locate(['data', 'points', k], 'value');
    if (!within(span)) continue;
    const view = seriesOf(ws, doc);
    if (!view) return undefined;
    const unit = view.measure.definition.unit;
    for (const series of view.measure.series) {
      const i = series.points.findIndex((p) => p.source.kind === 'inline' && p.source.index === k);
      if (i >= 0) return { contents: pointText(view, series, i, unit), span };
    }
    const bad = view.measure.badPoints.find((b) => b.index === k);
    return { contents: `**Point** ${k + 1}: left out of the chart${bad ? ` — ${bad.message}` : ': its date or value cannot be read (see the Problems panel)'}.`, span };
  }
  return undefined;
}
