import type { Workspace } from '../workspace';
import type { ParsedDocument, SpanTable } from '../parse';

type SpanRow = SpanTable[string];
import { itemIndex } from '../items';
import { RAPID_ROLES, ROLE_CATEGORIES } from '../schemas/kinds';
import { DEFAULT_MAX_SPAN, spans, type PositionSpan } from '../model/span';
import { ids, text } from '../model/values';
import { plural } from '../text';
import type { Path, Position, Span } from '../types';
import type { Hover } from './api';
import { KIND_LABELS, LIST_WORDS, docAt, hitAt, resolveDocument, resolveItem, titleOf, usesOf, whereOf, type Definition, type Hit, RAPID_ROLE_KEYS } from './model';
import { keyDescription } from './schema';

/** The source of the RAPID role definitions (see /work/shared/seeds). */
const RAPID_SOURCE = '000_3eae981fbdc23c4e.txt';

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
export function configuredMaxSpan(ws: Workspace): number {
  const v = ws.getConfig().rules['leadership/oversized-span']?.options?.max_span;
  return typeof v === 'number' ? v : DEFAULT_MAX_SPAN;
}

/** "span 7 of 8" or "span 12 of 10 — over". */
export function spanTitle(span: PositionSpan): string {
  return `span ${span.teachers} of ${span.max}${span.teachers > span.max ? ' — over' : ''}`;
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
    const all = spans(data, configuredMaxSpan(ws));
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
    return [`**${KIND_LABELS[def.doc.kind]}** \`${def.id}\`${title ? ` — ${title}` : ''}`, `In ${whereOf(ws, def)}.${uses ? ` Referenced ${plural(uses, 'time')}.` : ''}`].join('\n\n');
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

export function hover(ws: Workspace, uri: string, position: Position): Hover | undefined {
  const file = ws.file(uri);
  if (!file) return undefined;
  const offset = file.lines.offsetAt(position);
  const hit = hitAt(file, offset);
  if (hit) return { contents: hoverOfHit(ws, hit), range: file.lines.rangeOf(hit.type === 'definition' ? hit.span : hit.whole) };
  const doc = docAt(file, offset);
  if (!doc) return undefined;
  const key = keyAt(doc, offset);
  if (!key) return undefined;
  const last = key.path[key.path.length - 1];
  if (doc.kind === 'rapid-charter' && key.path[0] === 'decisions' && key.path.length === 3 && isRapidRole(last)) {
    return { contents: rapidRoleText(last), range: file.lines.rangeOf(key.span) };
  }
  const description = keyDescription(doc.kind, key.path);
  if (!description) return undefined;
  return { contents: `\`${String(last)}\` — ${description}`, range: file.lines.rangeOf(key.span) };
}
