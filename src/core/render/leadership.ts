import type { Path } from '../types';
import { EVALUATION, RESPONSIBILITIES, ROLE_CATEGORIES } from '../schemas/kinds';
import { DEFAULT_MAX_SPAN, spans, type PositionSpan } from '../model/span';
import { items, list, num, obj, share, text, type Obj } from '../model/values';
import { html, token, type Html } from './html';
import type { Scope } from './context';
import { FINDING_WORDS, article, empty, header, titleOf } from './parts';
import { tidyTree } from './layout';
import { figure, n, svgRoot, textBlock, wrap } from './svg';

const BOX = { width: 216, height: 112 };
const SPACING = { x: 24, y: 44, stackGap: 12, stackIndent: 28, stackAbove: 3 };
const MARGIN = 16;
const PAD = 12;

/** How full a span is: within its limit, close to it (over 80%), over it, or no teachers. */
export type SpanState = 'ok' | 'near' | 'over' | 'none';

export function spanState(teachers: number, max: number): SpanState {
  if (teachers <= 0) return 'none';
  if (teachers > max) return 'over';
  // Within one fifth of the limit: a team that grows by one or two is over it.
  return teachers > 0.8 * max ? 'near' : 'ok';
}

const SPAN_WORDS: Record<SpanState, string> = { ok: 'within its limit', near: 'close to its limit', over: 'over its limit', none: 'leads no team' };

interface PositionView {
  key: string;
  index: number;
  item: Obj;
  id?: string;
  role?: Obj;
  roleIndex?: number;
  span?: PositionSpan;
  reportsTo?: string;
}

function percent(value: number | undefined): string | undefined {
  return value === undefined ? undefined : `${Math.round(value * 100)}%`;
}

/** Teachers in all teams: counts added, listed names counted once (as `leadership/uncovered-teachers` counts). */
function teachersInTeams(data: Obj): number {
  let total = 0;
  const names = new Set<string>();
  for (const { item } of items(data.teams)) {
    if (Array.isArray(item.teachers)) {
      for (const name of item.teachers.map(text)) if (name) names.add(name.toLowerCase());
    } else {
      const count = num(item.teachers);
      if (count !== undefined && count > 0) total += Math.floor(count);
    }
  }
  return total + names.size;
}

function positionsOf(scope: Scope, data: Obj): PositionView[] {
  const spanMap = spans(data, scope.option('leadership/oversized-span', 'max_span', DEFAULT_MAX_SPAN));
  const roles = items(data.roles);
  return items(data.positions).map(({ item, index }) => {
    const id = text(item.id);
    const span = id !== undefined && spanMap.get(id)?.index === index ? spanMap.get(id) : undefined;
    const roleRef = text(item.role);
    const found = roles.find(({ item: r }) => text(r.id) === roleRef);
    return { key: `positions.${index}`, index, item, id, role: found?.item, roleIndex: found?.index, span, reportsTo: text(item.reports_to) };
  });
}

const ROLE_LINES = 3;
const ROLE_LINE = 15;

/**
 * How a box is labelled, the same way for every position: the person who holds it (their roster
 * name when the roster knows them), the position's title below in full — "No one named" heads a
 * position that names no holder (its id is in the tooltip, never the label).
 */
function labelOf(scope: Scope, p: PositionView): { heading: string; roleLines: string[]; holder?: string } {
  const written = text(p.item.name);
  const holder = written ? scope.partyLabel(written) : undefined;
  const roleTitle = text(p.role?.title) ?? text(p.item.role) ?? 'no role';
  const width = BOX.width - 2 * PAD;
  return { heading: holder ?? 'No one named', roleLines: wrap(roleTitle, width, 12, ROLE_LINES), holder };
}

/** Extra height of the boxes: the longest role title's lines beyond the first (all boxes alike, for the tree). */
function extraHeight(scope: Scope, positions: readonly PositionView[]): number {
  const lines = positions.reduce((most, p) => Math.max(most, labelOf(scope, p).roleLines.length), 1);
  return (lines - 1) * ROLE_LINE;
}

function drawPosition(scope: Scope, p: PositionView, x: number, y: number, extra: number): Html {
  const path: Path = ['positions', p.index];
  const flag = scope.flag(path);
  const roleTitle = text(p.role?.title) ?? text(p.item.role) ?? 'no role';
  const { heading, roleLines } = labelOf(scope, p);
  const width = BOX.width - 2 * PAD;
  const headLines = wrap(heading, width - 8, 14, 1, true);
  const height = BOX.height + extra;
  const teachers = p.span?.teachers ?? 0;
  const max = p.span?.max ?? DEFAULT_MAX_SPAN;
  const state = spanState(teachers, max);
  const release = percent(share(p.role?.release_time));
  const evaluation = text(p.role?.evaluation);
  const meterY = y + 54 + extra;
  const meterW = width;
  const fill = Math.min(1, teachers / Math.max(1, max));
  const facts = [release ? `${release} release` : undefined, evaluation ? `evaluation: ${evaluation}` : undefined].filter(Boolean).join(' · ');
  const tip = [
    `${heading}${p.id ? ` (${p.id})` : ''}`,
    roleTitle,
    state === 'none' ? 'Leads no team' : `Span: ${teachers} of at most ${max} teachers (${SPAN_WORDS[state]}${p.span ? `; limit from ${p.span.source === 'role' ? 'the role' : p.span.source === 'defaults' ? 'the document defaults' : 'the configuration'}` : ''})`,
    release && `Release time: ${release}`,
    evaluation && `Evaluation authority: ${evaluation}`,
    flag.title,
  ].filter(Boolean).join('\n');
  const meter =
    state === 'none'
      ? html`<text class="ik-org-detail" x="${n(x + PAD)}" y="${n(meterY + 14)}">leads no team</text>`
      : html`<g class="ik-span ik-span-${state}"><rect class="ik-span-track" x="${n(x + PAD)}" y="${n(meterY)}" width="${n(meterW)}" height="8" rx="4"/><rect class="ik-span-fill" x="${n(x + PAD)}" y="${n(meterY)}" width="${n(Math.max(8, meterW * fill))}" height="8" rx="4"/><text class="ik-span-label" x="${n(x + PAD)}" y="${n(meterY + 24)}">${teachers} / ${max} teachers</text></g>`;
  const badge = flag.severity && flag.severity !== 'hint'
    ? html`<g class="ik-flag-badge"><circle cx="${n(x + BOX.width - 2)}" cy="${n(y + 2)}" r="9"/><text x="${n(x + BOX.width - 2)}" y="${n(y + 6.5)}" text-anchor="middle">!</text></g>`
    : '';
  const category = token(text(p.role?.category) ?? text(p.item.role), ROLE_CATEGORIES, 'other');
  return html`<g class="ik-node ik-org-node ik-category-${category} ik-span-${state} ${flag.cls}" data-path="${path.join('.')}" tabindex="0"><title>${tip}</title><rect class="ik-node-box" x="${n(x)}" y="${n(y)}" width="${BOX.width}" height="${height}" rx="8"/><rect class="ik-node-band" x="${n(x)}" y="${n(y + 6)}" width="4" height="${height - 12}" rx="2"/>${textBlock(headLines, x + PAD, y + PAD + 13, 18, 'ik-node-title ik-org-name')}${textBlock(roleLines, x + PAD, y + PAD + 31, ROLE_LINE, 'ik-org-detail')}${meter}${facts ? html`<text class="ik-org-detail ik-org-facts" x="${n(x + PAD)}" y="${n(meterY + 42)}">${wrap(facts, meterW, 11, 1)[0]}</text>` : ''}${badge}</g>`;
}

/** The org chart from `reports_to`, top-down. */
export function orgChartSvg(scope: Scope, positions: PositionView[]): Html {
  const byId = new Map<string, PositionView>();
  for (const p of positions) if (p.id && !byId.has(p.id)) byId.set(p.id, p);
  const children = new Map<string, string[]>();
  const roots: string[] = [];
  for (const p of positions) {
    const parent = p.reportsTo !== undefined && p.reportsTo !== p.id ? byId.get(p.reportsTo) : undefined;
    if (parent) (children.get(parent.key) ?? children.set(parent.key, []).get(parent.key)!).push(p.key);
    else roots.push(p.key);
  }
  const extra = extraHeight(scope, positions);
  const box = { width: BOX.width, height: BOX.height + extra };
  // Positions in a reporting cycle reach no root: they are drawn as trees of their own.
  const layout = tidyTree([...roots, ...positions.map((p) => p.key)], (k) => children.get(k) ?? [], box, SPACING);
  const byKey = new Map(positions.map((p) => [p.key, p]));
  const at = (k: string) => layout.boxes.get(k)!;
  const links: Html[] = [];
  for (const [parentKey, kids] of children) {
    const parent = layout.boxes.get(parentKey);
    if (!parent) continue;
    for (const k of kids) {
      const child = layout.boxes.get(k);
      if (!child) continue;
      const px = MARGIN + parent.x;
      const py = MARGIN + parent.y + box.height;
      const cx = MARGIN + child.x;
      const cy = MARGIN + child.y;
      const d = child.stacked
        ? `M${n(px + SPACING.stackIndent / 2)} ${n(py)} V${n(cy + box.height / 2)} H${n(cx)}`
        : `M${n(px + BOX.width / 2)} ${n(py)} V${n(py + SPACING.y / 2)} H${n(cx + BOX.width / 2)} V${n(cy)}`;
      links.push(html`<path class="ik-org-link" d="${d}"/>`);
    }
  }
  const nodes = positions.filter((p) => layout.boxes.has(p.key)).map((p) => drawPosition(scope, byKey.get(p.key)!, MARGIN + at(p.key).x, MARGIN + at(p.key).y, extra));
  return svgRoot(layout.width + 2 * MARGIN, layout.height + 2 * MARGIN, 'ik-org-svg', `Org chart: ${titleOf(scope)}`, html`<g class="ik-org-links">${links}</g>${nodes}`);
}

function coverage(scope: Scope, data: Obj, positions: readonly PositionView[]): Html {
  const school = obj(data.school);
  const total = num(school?.teachers);
  if (total === undefined) return html``;
  const inTeams = teachersInTeams(data);
  const flag = scope.flag(['school', 'teachers']);
  if (total > inTeams) {
    const missing = total - inTeams;
    return html`<aside class="ik-callout ik-callout-warning ${flag.cls}" data-path="school.teachers"><strong>${missing} of ${total} teachers have no development lead.</strong> The teams hold ${inTeams}: the others have no one on point for their growth.</aside>`;
  }
  if (total < inTeams) {
    return html`<aside class="ik-callout ik-callout-warning ${flag.cls}" data-path="school.teachers"><strong>The teams hold ${inTeams} teachers, more than the school's ${total}.</strong> A teacher may be counted twice, or <code>school.teachers</code> is out of date.</aside>`;
  }
  // Covered is not enough: a lead over their limit cannot develop them all (the chart shows the span red).
  const over = positions.filter((p) => p.span && spanState(p.span.teachers, p.span.max) === 'over');
  if (over.length) {
    const named = over.map((p) => `${labelOf(scope, p).heading} leads ${p.span!.teachers} (at most ${p.span!.max})`).join('; ');
    return html`<aside class="ik-callout ik-callout-warning" data-path="positions.${over[0].index}"><strong>Every one of the ${total} teachers has a development lead, but ${over.length === 1 ? 'one span is' : `${over.length} spans are`} over the limit.</strong> ${named}.</aside>`;
  }
  return html`<aside class="ik-callout ik-callout-ok" data-path="school.teachers">Every one of the ${total} teachers has a development lead, each span within its limit.</aside>`;
}

function summary(data: Obj, positions: PositionView[]): Html {
  const school = obj(data.school);
  const leading = positions.filter((p) => (p.span?.teachers ?? 0) > 0);
  const largest = leading.reduce<PositionView | undefined>((best, p) => (!best || p.span!.teachers > best.span!.teachers ? p : best), undefined);
  const facts: Html[] = [];
  const schoolName = text(school?.name);
  if (schoolName) facts.push(html`<div class="ik-stat" data-path="school.name"><dt>School</dt><dd>${schoolName}</dd></div>`);
  if (num(school?.teachers) !== undefined) facts.push(html`<div class="ik-stat" data-path="school.teachers"><dt>Teachers</dt><dd>${num(school?.teachers)}</dd></div>`);
  if (num(school?.students) !== undefined) facts.push(html`<div class="ik-stat" data-path="school.students"><dt>Students</dt><dd>${num(school?.students)}</dd></div>`);
  facts.push(html`<div class="ik-stat"><dt>Leaders of teachers</dt><dd>${leading.length}</dd></div>`);
  if (largest) {
    facts.push(html`<div class="ik-stat ik-span-${spanState(largest.span!.teachers, largest.span!.max)}" data-path="positions.${largest.index}"><dt>Largest span</dt><dd>${largest.span!.teachers} <span class="ik-muted">${text(largest.item.name) ?? largest.id ?? ''}</span></dd></div>`);
  }
  return html`<dl class="ik-stats">${facts}</dl>`;
}

function teamsTable(scope: Scope, data: Obj, positions: PositionView[]): Html {
  const teams = items(data.teams);
  if (!teams.length) return html`<section><h2>Teams</h2>${empty('No teams yet: a position leads the teachers of the teams it is `led_by`.')}</section>`;
  const byId = new Map(positions.filter((p) => p.id).map((p) => [p.id!, p]));
  const rows = teams.map(({ item, index }) => {
    const path: Path = ['teams', index];
    const flag = scope.flag(path);
    const lead = text(item.led_by);
    const leader = lead ? byId.get(lead) : undefined;
    const teachers = Array.isArray(item.teachers) ? list(item.teachers).map(text).filter((t): t is string => !!t) : undefined;
    const count = teachers ? teachers.length : num(item.teachers);
    return html`<tr class="${flag.cls}" data-path="${path.join('.')}"${flag.title ? html` title="${flag.title}"` : ''}><td>${text(item.name) ?? text(item.id) ?? ''}${text(item.name) && text(item.id) ? html` <code class="ik-id">${text(item.id)}</code>` : ''}</td><td data-path="${path.join('.')}.led_by">${leader ? text(leader.item.name) ?? lead : lead ?? ''}${leader && text(leader.item.name) ? html` <code class="ik-id">${lead}</code>` : ''}</td><td class="ik-num">${count ?? ''}</td><td class="ik-names">${teachers ? teachers.join(', ') : ''}</td></tr>`;
  });
  return html`<section><h2>Teams</h2><table class="ik-table ik-teams"><thead><tr><th>Team</th><th>Led by</th><th class="ik-num">Teachers</th><th>Names</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function rolesTable(scope: Scope, data: Obj): Html {
  const roles = items(data.roles);
  if (!roles.length) return html``;
  const defaults = num(obj(data.defaults)?.max_span);
  const rows = roles.map(({ item, index }) => {
    const path: Path = ['roles', index];
    const flag = scope.flag(path);
    const held = new Set(list(item.responsibilities).map(text));
    const evaluation = text(item.evaluation);
    const max = num(item.max_span);
    return html`<tr class="${flag.cls}" data-path="${path.join('.')}"${flag.title ? html` title="${flag.title}"` : ''}><td>${text(item.title) ?? text(item.id) ?? ''}${text(item.title) && text(item.id) ? html` <code class="ik-id">${text(item.id)}</code>` : ''}</td><td>${text(item.category) ?? ''}</td><td class="ik-num">${percent(share(item.release_time)) ?? text(item.release_time) ?? ''}</td><td class="ik-num">${max ?? html`<span class="ik-muted">${defaults ?? ''}</span>`}</td><td class="ik-eval ik-eval-${token(evaluation, EVALUATION)}">${evaluation ?? ''}</td>${RESPONSIBILITIES.map((r) => html`<td class="ik-resp${held.has(r) ? ' ik-resp-held' : ''}" title="${r}">${held.has(r) ? '●' : '○'}</td>`)}</tr>`;
  });
  const heads = RESPONSIBILITIES.map((r) => html`<th class="ik-resp-head" title="${r}">${r.replace('observation-feedback', 'observe & feedback').replace('-', ' ')}</th>`);
  return html`<section><h2>Roles</h2><div class="ik-table-wrap"><table class="ik-table ik-roles"><thead><tr><th>Role</th><th>Category</th><th class="ik-num">Release</th><th class="ik-num">Max span</th><th>Evaluation</th>${heads}</tr></thead><tbody>${rows}</tbody></table></div></section>`;
}

function legend(scope: Scope): Html {
  const findings = scope.diagnostics.length ? html`<span class="ik-legend-item"><span class="ik-swatch ik-swatch-flag"></span>${FINDING_WORDS}</span>` : '';
  return html`<p class="ik-legend">${(['ok', 'near', 'over'] as const).map((s) => html`<span class="ik-legend-item ik-span-${s}"><span class="ik-swatch ik-span-swatch"></span>span ${SPAN_WORDS[s]}</span>`)}${findings}</p>`;
}

export function renderLeadership(scope: Scope): { title: string; body: string } {
  const data = scope.doc.data ?? {};
  const title = titleOf(scope, text(obj(data.school)?.name));
  const positions = positionsOf(scope, data);
  const paths: Path[] = [['school'], ['school', 'teachers'], ['defaults']];
  for (const listName of ['roles', 'positions', 'teams']) for (const { index } of items(data[listName])) paths.push([listName, index]);
  const chart = positions.length
    ? figure(orgChartSvg(scope, positions), 'ik-figure-org', legend(scope))
    : empty('No positions yet: add positions with the role they hold and whom they report to.');
  const body = article(scope, html`${header(scope, title)}${summary(data, positions)}${coverage(scope, data, positions)}${chart}${teamsTable(scope, data, positions)}${rolesTable(scope, data)}${scope.checks(paths)}`);
  return { title, body: body.value };
}
