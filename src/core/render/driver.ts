import type { ParsedDocument } from '../parse';
import type { Path } from '../types';
import { CHANGE_STATUS, MEASURE_TYPES, PDSA_STATUS } from '../schemas/kinds';
import { ids, items, obj, text, type Obj } from '../model/values';
import { html, token, type Html } from './html';
import type { Scope } from './context';
import { FINDING_WORDS, article, empty, header, titleOf } from './parts';
import { layered, isDummy, type LayerEdge, type LayerNode } from './layout';
import { figure, n, svgRoot, textBlock, textWidth, wrap } from './svg';
import { measureGlance } from './measure';

// Sizes in SVG user units (px at 100%): readable when projected, four columns fit a slide.
const FONT = 14;
const LINE = 18;
const SMALL = 12;
const PAD = 12;
const COLUMN = 244;
const COLUMN_GAP = 80;
const MARGIN = 16;
const HEAD = 40;
const NODE_GAP = 14;
const MAX_LINES = 6;

const COLUMNS = ['Aim', 'Primary drivers', 'Secondary drivers', 'Change ideas'] as const;

/** Column widths per layer: the portrait's four equal columns. */
const PORTRAIT: readonly number[] = [COLUMN, COLUMN, COLUMN, COLUMN];
/** A slide's proportions, which a landscape layout aims for (title and legend included). */
const SLIDE = 16 / 9;
/** Room a landscape export gives its title and legend, around the diagram. */
const FRAME = 120;
/** The right part of a landscape change idea that holds its status and PDSA dots, beside the title. */
const STATUS_ROOM = 122;
/** Widest column a landscape layout tries: wider than this and the text gets too small on a slide. */
const WIDEST: readonly number[] = [420, 520, 640, 720];
const LANDSCAPE_STEPS = 8;

export interface DriverNode {
  key: string;
  path: Path;
  layer: number;
  role: 'aim' | 'primary' | 'secondary' | 'change' | 'placeholder';
  id?: string;
  /** The full text (title, or the aim statement). */
  label: string;
  lines: string[];
  /** Extra muted lines under the title (the aim's numbers). */
  details: string[];
  status?: string;
  cycles: CycleMark[];
  height: number;
  tooltip: string;
}

interface CycleMark {
  doc: ParsedDocument;
  label: string;
  status: string;
}

/** The parts of a driver diagram, read leniently: what has an id can be linked. */
export interface DriverModel {
  nodes: DriverNode[];
  edges: LayerEdge[];
}

/** How nodes are sized: the width of each column, and whether a change idea's status sits beside its title. */
interface Sizing {
  widths: readonly number[];
  compact: boolean;
}

function changeKey(doc: ParsedDocument, ideaId: string): string {
  return `${doc.id ?? ''}#${ideaId}`;
}

function cyclesOf(scope: Scope, ideaId: string | undefined): CycleMark[] {
  if (!ideaId || !scope.workspace || !scope.doc.id) return [];
  const seen = new Set<ParsedDocument>();
  const marks: Array<CycleMark & { n: number }> = [];
  for (const cycle of scope.workspace.cyclesTesting(changeKey(scope.doc, ideaId))) {
    if (seen.has(cycle) || cycle.kind !== 'pdsa-cycle') continue;
    seen.add(cycle);
    // A bare `c-huddles` may name an idea of another diagram; keep only cycles that resolve here.
    const ref = text(cycle.data?.change_idea);
    if (ref && ref.includes('#') && ref !== changeKey(scope.doc, ideaId)) continue;
    const number = typeof cycle.data?.cycle === 'number' ? cycle.data.cycle : undefined;
    const status = token(cycle.data?.status, PDSA_STATUS, 'none');
    const decision = text(obj(cycle.data?.act)?.decision);
    const label = [number !== undefined ? `Cycle ${number}` : 'Cycle', cycle.id, text(cycle.data?.status), decision && `act: ${decision}`].filter(Boolean).join(' · ');
    marks.push({ doc: cycle, label, status, n: number ?? Infinity });
  }
  return marks.sort((a, b) => a.n - b.n || String(a.doc.id).localeCompare(String(b.doc.id)));
}

export function driverModel(scope: Scope, withCycles = true, sizing: Sizing = { widths: PORTRAIT, compact: false }): DriverModel {
  const data = scope.doc.data ?? {};
  const nodes: DriverNode[] = [];
  const byId = new Map<string, DriverNode>();
  const width = sizing.widths[0] - 2 * PAD;
  const measureNames = new Map<string, string>();
  for (const { item } of items(data.measures)) {
    const id = text(item.id);
    const name = text(item.name);
    if (id && name && !measureNames.has(id)) measureNames.set(id, name);
  }

  const aim = obj(data.aim);
  if (aim || data.aim !== undefined) {
    const statement = text(aim?.statement);
    const lines = statement ? wrap(statement, width, FONT + 1, 8, true) : ['No aim statement yet'];
    const numbers = [text(aim?.baseline), text(aim?.target)];
    const by = text(aim?.by);
    const population = text(aim?.population);
    const measureRef = text(aim?.measure);
    const facts = [
      numbers[0] || numbers[1] || by ? [numbers[0] && `from ${numbers[0]}`, numbers[1] && `to ${numbers[1]}`, by && `by ${by}`].filter(Boolean).join(' ') : undefined,
      population && `for ${population}`,
      measureRef && `measure: ${measureNames.get(measureRef) ?? measureRef}`,
    ];
    const details = facts.flatMap((f, i) => (f ? wrap(f, width, SMALL + 1, [2, 3, 2][i]) : []));
    const height = PAD * 2 + lines.length * (LINE + 1) + (details.length ? 8 + details.length * 16 : 0);
    const tooltip = [statement ?? 'Aim', ...facts].filter(Boolean).join('\n');
    nodes.push({ key: 'aim', path: ['aim'], layer: 0, role: 'aim', label: statement ?? 'Aim', lines, details, cycles: [], height, tooltip });
  }

  const lists: Array<[string, 1 | 2 | 3, DriverNode['role']]> = [
    ['primary_drivers', 1, 'primary'],
    ['secondary_drivers', 2, 'secondary'],
    ['change_ideas', 3, 'change'],
  ];
  for (const [listName, layer, role] of lists) {
    for (const { item, index } of items(data[listName])) {
      const id = text(item.id);
      const title = text(item.title) ?? id ?? `(untitled ${role === 'change' ? 'change idea' : 'driver'})`;
      let status: string | undefined;
      let cycles: CycleMark[] = [];
      if (role === 'change') {
        status = item.status === undefined || item.status === null ? undefined : token(item.status, CHANGE_STATUS);
        cycles = withCycles ? cyclesOf(scope, id) : [];
      }
      const marked = role === 'change' && (status !== undefined || cycles.length > 0);
      const besideTitle = marked && sizing.compact;
      const lines = wrap(title, sizing.widths[layer] - 2 * PAD - (besideTitle ? STATUS_ROOM : 0), FONT, MAX_LINES);
      let height = PAD * 2 + lines.length * LINE;
      if (marked && !besideTitle) height += 26;
      // Beside the title, the dots take a second row under the status pill.
      if (besideTitle && status !== undefined && cycles.length) height = Math.max(height, PAD * 2 + 36);
      const tip = [title, id && `id: ${id}`];
      if (role === 'change') {
        const measures = ids(item.measures).map((m) => measureNames.get(m) ?? m);
        if (measures.length) tip.push(`measures: ${measures.join('; ')}`);
      }
      const description = text(item.description);
      if (description) tip.push(description);
      const node: DriverNode = { key: `${listName}.${index}`, path: [listName, index], layer, role, id, label: title, lines, details: [], status, cycles, height, tooltip: tip.filter(Boolean).join('\n') };
      nodes.push(node);
      if (id && !byId.has(id)) byId.set(id, node);
    }
  }

  const edges: LayerEdge[] = [];
  const seenEdge = new Set<string>();
  const addEdge = (left: DriverNode, right: DriverNode) => {
    const key = `${left.key}\u0000${right.key}`;
    if (left.layer >= right.layer || seenEdge.has(key)) return;
    seenEdge.add(key);
    edges.push({ left: left.key, right: right.key });
  };
  const aimNode = nodes.find((nd) => nd.role === 'aim');
  for (const node of nodes) {
    if (node.role === 'primary' && aimNode) addEdge(aimNode, node);
    if (node.role === 'secondary' || node.role === 'change') {
      const item = itemAt(data, node.path);
      for (const target of ids(item?.supports)) {
        const parent = byId.get(target);
        if (parent && (parent.role === 'primary' || (parent.role === 'secondary' && node.role === 'change'))) addEdge(parent, node);
      }
    }
  }
  return { nodes, edges };
}

function itemAt(data: Obj, path: Path): Obj | undefined {
  const listValue = data[path[0] as string];
  return Array.isArray(listValue) ? obj(listValue[path[1] as number]) : undefined;
}

/** Left edge of each column, and the total width, for given column widths. */
function columnsAt(widths: readonly number[]): { x: number[]; width: number } {
  const x: number[] = [];
  let at = MARGIN;
  for (const w of widths) {
    x.push(at);
    at += w + COLUMN_GAP;
  }
  return { x, width: at - COLUMN_GAP + MARGIN };
}

function edgePath(points: Array<[number, number]>): string {
  // Horizontal tangents at both ends of each hop: smooth S-curves between columns.
  let d = `M${n(points[0][0])} ${n(points[0][1])}`;
  for (let i = 1; i < points.length; i++) {
    const [x0, y0] = points[i - 1];
    const [x1, y1] = points[i];
    if (i % 2 === 0 && i < points.length - 1) {
      d += ` L${n(x1)} ${n(y1)}`; // through a skipped column, straight
      continue;
    }
    const dx = (x1 - x0) / 2;
    d += ` C${n(x0 + dx)} ${n(y0)} ${n(x1 - dx)} ${n(y1)} ${n(x1)} ${n(y1)}`;
  }
  return d;
}

function drawNode(scope: Scope, node: DriverNode, x: number, y: number, width: number, compact: boolean): Html {
  const COLUMN = width;
  const flag = scope.flag(node.path);
  const tooltip = [node.tooltip, flag.title].filter(Boolean).join('\n\n');
  const cls = ['ik-node', `ik-node-${node.role}`, node.status && `ik-status-${node.status}`, flag.cls].filter(Boolean).join(' ');
  const titleClass = node.role === 'aim' ? 'ik-node-title ik-node-title-aim' : 'ik-node-title';
  let body = textBlock(node.lines, x + PAD, y + PAD + (node.role === 'aim' ? FONT + 1 : FONT) - 1, node.role === 'aim' ? LINE + 1 : LINE, titleClass);
  if (node.details.length) {
    const top = y + PAD + node.lines.length * (LINE + 1) + 8;
    body = html`${body}<line class="ik-node-rule" x1="${n(x + PAD)}" x2="${n(x + COLUMN - PAD)}" y1="${n(top - 4)}" y2="${n(top - 4)}"/>${textBlock(node.details, x + PAD, top + SMALL, 16, 'ik-node-detail')}`;
  }
  if (node.role === 'change' && (node.status || node.cycles.length)) {
    // Landscape: the status and dots at the right of the first line; portrait: a row under the title.
    const rowY = compact ? y + PAD - 3 : y + node.height - PAD - 16;
    let cx = compact ? x + width - PAD - STATUS_ROOM + 10 : x + PAD;
    let row = html``;
    if (node.status) {
      const label = node.status === 'unknown' ? String(text(itemAt(scope.doc.data ?? {}, node.path)?.status) ?? '?') : node.status;
      const shown = wrap(label, 90, SMALL - 1, 1)[0] ?? '';
      const w = textWidth(shown, SMALL - 1) + 16;
      row = html`<g class="ik-pill ik-status-${node.status}" data-path="${[...node.path, 'status'].join('.')}"><rect x="${n(cx)}" y="${n(rowY)}" width="${n(w)}" height="18" rx="9"/><text x="${n(cx + w / 2)}" y="${n(rowY + 13)}" text-anchor="middle">${shown}</text></g>`;
      cx += w + 10;
    }
    if (node.cycles.length) {
      let dotsY = rowY;
      let count = Math.min(6, node.cycles.length);
      const labelOf = (shown: number) => `${node.cycles.length > shown ? `+${node.cycles.length - shown} ` : ''}${node.cycles.length === 1 ? 'PDSA' : 'PDSAs'}`;
      if (compact) {
        // Within the status room, on a row of their own under the pill: as many dots as fit with their label.
        const left = x + width - PAD - STATUS_ROOM + 10;
        if (node.status) {
          cx = left;
          dotsY = rowY + 24;
        }
        const room = x + width - PAD - cx;
        while (count > 1 && count * 16 + 4 + textWidth(labelOf(count), SMALL) > room) count--;
      }
      const shown = node.cycles.slice(0, count);
      const dots = shown.map((c, i) => {
        const dx = cx + 7 + i * 16;
        return html`<g class="ik-cycle ik-pdsa-${c.status}"${c.doc.uri ? html` data-open-uri="${c.doc.uri}"` : ''}><title>${c.label}</title><circle cx="${n(dx)}" cy="${n(dotsY + 9)}" r="6"/></g>`;
      });
      row = html`${row}${dots}<text class="ik-node-detail" x="${n(cx + shown.length * 16 + 4)}" y="${n(dotsY + 13)}">${labelOf(shown.length)}</text>`;
    }
    body = html`${body}${row}`;
  }
  const badge = flag.severity && flag.severity !== 'hint'
    ? html`<g class="ik-flag-badge"><circle cx="${n(x + COLUMN - 2)}" cy="${n(y + 2)}" r="9"/><text x="${n(x + COLUMN - 2)}" y="${n(y + 6.5)}" text-anchor="middle">!</text></g>`
    : '';
  const interactive = node.role !== 'placeholder';
  return html`<g class="${cls}"${interactive ? html` data-path="${node.path.join('.')}" tabindex="0"` : ''}><title>${tooltip}</title><rect class="ik-node-box" x="${n(x)}" y="${n(y)}" width="${COLUMN}" height="${n(node.height)}" rx="${node.role === 'aim' ? 12 : 8}"/>${node.role === 'change' ? '' : html`<rect class="ik-node-band" x="${n(x)}" y="${n(y + 6)}" width="4" height="${n(node.height - 12)}" rx="2"/>`}${body}${badge}</g>`;
}

interface Placed {
  model: DriverModel;
  nodes: DriverNode[];
  byKey: Map<string, DriverNode>;
  layout: ReturnType<typeof layered>;
  sizing: Sizing;
  width: number;
  height: number;
}

/** The nodes (with placeholders for empty columns) laid out in their columns for one sizing. */
function place(scope: Scope, sizing: Sizing, gap: number): Placed {
  const model = driverModel(scope, true, sizing);
  const nodes = [...model.nodes];
  // An empty column still shows where things go.
  for (let layer = 0; layer < 4; layer++) {
    if (!nodes.some((nd) => nd.layer === layer)) {
      const message = layer === 0 ? 'No aim yet' : `No ${COLUMNS[layer].toLowerCase()} yet`;
      nodes.push({ key: `placeholder.${layer}`, path: [], layer, role: 'placeholder', label: message, lines: [message], details: [], cycles: [], height: PAD * 2 + LINE, tooltip: message });
    }
  }
  const layers: LayerNode[][] = [[], [], [], []];
  const byKey = new Map<string, DriverNode>();
  for (const node of nodes) {
    layers[node.layer].push({ key: node.key, height: node.height });
    byKey.set(node.key, node);
  }
  const layout = layered(layers, model.edges, gap, 4);
  return { model, nodes, byKey, layout, sizing, width: columnsAt(sizing.widths).width, height: HEAD + layout.height + MARGIN * 2 };
}

/**
 * The landscape layout: columns widen step by step (text takes fewer lines, so columns get
 * shorter) until the picture, with its title and legend, is as wide as a slide for its height.
 */
function landscape(scope: Scope): Placed {
  let best: Placed | undefined;
  for (let step = 0; step <= LANDSCAPE_STEPS; step++) {
    const widths = PORTRAIT.map((w, layer) => Math.round(w + ((WIDEST[layer] - w) * step) / LANDSCAPE_STEPS));
    const placed = place(scope, { widths, compact: true }, NODE_GAP - 4);
    const ratio = placed.width / (placed.height + FRAME);
    if (!best || Math.abs(Math.log(ratio / SLIDE)) < Math.abs(Math.log(best.width / (best.height + FRAME) / SLIDE))) best = placed;
    if (ratio >= SLIDE) break;
  }
  return best!;
}

/**
 * Where the edges of one side of a node meet it: spread over the side, in the order of their
 * other ends, so that a fan of edges can be traced to each source instead of one shared point.
 */
function ports(ends: Array<{ index: number; other: number }>, top: number, height: number): Map<number, number> {
  const sorted = [...ends].sort((a, b) => a.other - b.other || a.index - b.index);
  const span = Math.max(0, height - 2 * PAD);
  const step = sorted.length > 1 ? Math.min(14, span / (sorted.length - 1)) : 0;
  const first = top + height / 2 - (step * (sorted.length - 1)) / 2;
  return new Map(sorted.map((e, i) => [e.index, first + i * step]));
}

/** The driver diagram as an SVG: aim, primary and secondary drivers, change ideas, left to right. */
export function driverSvg(scope: Scope): Html {
  const placed = scope.layout === 'landscape' ? landscape(scope) : place(scope, { widths: PORTRAIT, compact: false }, NODE_GAP);
  const { nodes, byKey, layout, sizing, width, height } = placed;
  const columns = columnsAt(sizing.widths);
  const columnX = (layer: number) => columns.x[layer];
  const columnW = (layer: number) => sizing.widths[layer];
  const top = (key: string) => HEAD + MARGIN + layout.top.get(key)!;
  const centre = (key: string) => top(key) + byKey.get(key)!.height / 2;

  const heads = COLUMNS.map((label, layer) => {
    const count = nodes.filter((nd) => nd.layer === layer && nd.role !== 'placeholder').length;
    // The space before the count stays outside the `<tspan>`: resvg (PNG export) drops a tspan's leading space.
    return html`<text class="ik-column-head" x="${n(columnX(layer))}" y="${n(MARGIN + 12)}">${label.toUpperCase()}${layer > 0 && count ? html` <tspan class="ik-column-count">${count}</tspan>` : ''}</text>`;
  });

  // The first and last hop of each edge: the y it leaves its source at and enters its target at.
  const firstHop = (r: (typeof layout.routes)[number]) => (r.via.length ? HEAD + MARGIN + r.via[0].y : centre(r.edge.right));
  const lastHop = (r: (typeof layout.routes)[number]) => (r.via.length ? HEAD + MARGIN + r.via[r.via.length - 1].y : centre(r.edge.left));
  const outOf = new Map<string, Array<{ index: number; other: number }>>();
  const into = new Map<string, Array<{ index: number; other: number }>>();
  layout.routes.forEach((r, index) => {
    (outOf.get(r.edge.left) ?? outOf.set(r.edge.left, []).get(r.edge.left)!).push({ index, other: firstHop(r) });
    (into.get(r.edge.right) ?? into.set(r.edge.right, []).get(r.edge.right)!).push({ index, other: lastHop(r) });
  });
  const leave = new Map<number, number>();
  const enter = new Map<number, number>();
  for (const [key, ends] of outOf) for (const [i, y] of ports(ends, top(key), byKey.get(key)!.height)) leave.set(i, y);
  for (const [key, ends] of into) for (const [i, y] of ports(ends, top(key), byKey.get(key)!.height)) enter.set(i, y);

  const edges = layout.routes.map(({ edge, via }, index) => {
    const left = byKey.get(edge.left)!;
    const right = byKey.get(edge.right)!;
    const points: Array<[number, number]> = [[columnX(left.layer) + columnW(left.layer), leave.get(index)!]];
    for (const v of via) {
      const y = HEAD + MARGIN + v.y;
      points.push([columnX(v.layer), y], [columnX(v.layer) + columnW(v.layer), y]);
    }
    points.push([columnX(right.layer), enter.get(index)!]);
    const skip = via.length ? ' ik-edge-skip' : '';
    return html`<path class="ik-edge${skip}" data-from="${left.path.join('.')}" data-to="${right.path.join('.')}" d="${edgePath(points)}"/>`;
  });

  const drawn = layout.order.flatMap((layer) =>
    layer.filter((k) => !isDummy(k)).map((k) => {
      const node = byKey.get(k)!;
      return drawNode(scope, node, columnX(node.layer), top(k), columnW(node.layer), sizing.compact);
    }),
  );
  const label = `Driver diagram: ${titleOf(scope)}`;
  return svgRoot(width, height, 'ik-driver-svg', label, html`<g class="ik-edges">${edges}</g>${heads}<g class="ik-nodes">${drawn}</g>`);
}

/** A measure's data at a glance: a sparkline of its latest series and its latest signal in words. */
function glanceAt(scope: Scope, key: string, name: string): Html {
  const glance = measureGlance(scope, key, name);
  return html`<span class="ik-measure-data ik-verdict-${glance.tone}"${glance.uri ? html` data-open-uri="${glance.uri}"` : ''}>${glance.spark ?? ''}<span class="ik-measure-signal">${glance.words}</span></span>`;
}

function measuresSection(scope: Scope): Html {
  const data = scope.doc.data ?? {};
  const all = items(data.measures);
  if (!all.length) return html`<section class="ik-measures"><h2>Measures</h2>${empty('No measures yet: add outcome, process and balancing measures to know whether a change is an improvement.')}</section>`;
  const aimMeasure = text(obj(data.aim)?.measure);
  const usedBy = new Map<string, string[]>();
  for (const { item } of items(data.change_ideas)) {
    const title = text(item.title) ?? text(item.id);
    if (!title) continue;
    for (const m of ids(item.measures)) (usedBy.get(m) ?? usedBy.set(m, []).get(m)!).push(title);
  }
  const groups: Array<{ type: string; label: string; hint: string }> = [
    { type: 'outcome', label: 'Outcome', hint: 'Is the aim being met?' },
    { type: 'process', label: 'Process', hint: 'Are the changes happening?' },
    { type: 'balancing', label: 'Balancing', hint: 'Is anything else getting worse?' },
    { type: 'unknown', label: 'Other', hint: 'No type given' },
  ];
  const columns = groups.map((g) => {
    const members = all.filter(({ item }) => token(item.type, MEASURE_TYPES) === g.type);
    if (!members.length && g.type === 'unknown') return html``;
    const entries = members.map(({ item, index }) => {
      const path = ['measures', index];
      const flag = scope.flag(path);
      const id = text(item.id);
      const facts = [text(item.unit), text(item.frequency)].filter(Boolean).join(' · ');
      const users = id ? usedBy.get(id) ?? [] : [];
      const name = text(item.name) ?? id ?? '(unnamed measure)';
      return html`<li class="ik-measure ${flag.cls}" data-path="${path.join('.')}"${flag.title ? html` title="${flag.title}"` : ''}><span class="ik-measure-name">${name}</span>${id && id === aimMeasure ? html` <span class="ik-badge ik-badge-aim">aim</span>` : ''}${text(item.definition) ? html`<span class="ik-measure-def">${text(item.definition)}</span>` : ''}${facts ? html`<span class="ik-measure-facts">${facts}</span>` : ''}${users.length ? html`<span class="ik-measure-facts">for: ${users.join('; ')}</span>` : ''}${id && scope.doc.id && scope.workspace ? glanceAt(scope, `${scope.doc.id}#${id}`, name) : ''}</li>`;
    });
    return html`<div class="ik-measure-group ik-measure-${g.type}"><h3>${g.label} <span class="ik-muted">${g.hint}</span></h3>${entries.length ? html`<ul>${entries}</ul>` : empty(g.type === 'balancing' ? 'None yet: what could get worse?' : 'None yet')}</div>`;
  });
  return html`<section class="ik-measures"><h2>Measures</h2><div class="ik-measure-grid">${columns}</div></section>`;
}

function legend(scope: Scope): Html {
  const statuses = CHANGE_STATUS.map((s) => html`<span class="ik-legend-item"><span class="ik-swatch ik-status-${s}"></span>${s}</span>`);
  const cycles = html`<span class="ik-legend-item"><span class="ik-dot ik-pdsa-doing"></span>PDSA cycle (colour: planning, doing, studying, done)</span>`;
  const findings = scope.diagnostics.length ? html`<span class="ik-legend-item"><span class="ik-swatch ik-swatch-flag"></span>${FINDING_WORDS}</span>` : '';
  return html`<p class="ik-legend">${statuses}${cycles}${findings}</p>`;
}

export function renderDriver(scope: Scope): { title: string; body: string } {
  const title = titleOf(scope, text(obj(scope.doc.data?.aim)?.statement));
  const data = scope.doc.data ?? {};
  const paths: Path[] = [['aim']];
  for (const listName of ['primary_drivers', 'secondary_drivers', 'change_ideas', 'measures']) for (const { index } of items(data[listName])) paths.push([listName, index]);
  const body = article(
    scope,
    html`${header(scope, title)}${figure(driverSvg(scope), 'ik-figure-driver', legend(scope))}${measuresSection(scope)}${scope.checks(paths)}`,
  );
  return { title, body: body.value };
}
