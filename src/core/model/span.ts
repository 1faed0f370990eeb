/**
 * A leader's span: the teachers each position of a leadership model develops, through the teams
 * it leads, and the limit that applies. Pure; read by the leadership rules, the org chart and the
 * editor's hover and CodeLens. The default limit is Green Dot's "no one leader would have
 * responsibility for more than 10 teachers" (report on distributed school leadership, 2014).
 */
import { items, num, obj, text, type Obj } from './values';
import { ROLE_CATEGORIES } from '../schemas/kinds';

/** The default of the `max_span` option: Green Dot's "no one leader … more than 10 teachers". */
export const DEFAULT_MAX_SPAN = 10;

export interface TeamSpan {
  id: string | undefined;
  index: number;
  /** Teachers in the team: its count, or the number of names listed. */
  teachers: number;
}

export interface PositionSpan {
  /** The position id. */
  id: string;
  /** Index of the position in `positions`. */
  index: number;
  /** The role as written on the position (a role id or a bare category). */
  role: string | undefined;
  /** Index of the role in `roles`, when the position names a role defined there. */
  roleIndex: number | undefined;
  /** The role's category (the role's `category`, or the bare category the position names). */
  category: string | undefined;
  /** Teachers in the teams this position leads (names listed in two of its teams count once). */
  teachers: number;
  teams: TeamSpan[];
  /** The most teachers the position should lead, and where that limit comes from. */
  max: number;
  source: 'role' | 'defaults' | 'config';
}

export const CATEGORY_SET = new Set<string>(ROLE_CATEGORIES);

/** How a teacher's name is compared: case and spacing aside. */
export const nameKey = (name: string) => name.toLowerCase().replace(/\s+/g, ' ');

/** The teachers a team lists: a count (numbers only), or names. */
export function teamTeachers(value: unknown): { count: number; names: string[] } {
  if (Array.isArray(value)) {
    const names = value.map(text).filter((n): n is string => n !== undefined);
    return { count: names.length, names };
  }
  const n = num(value);
  return { count: n !== undefined && n > 0 ? Math.floor(n) : 0, names: [] };
}

/** The roles of a document by id (the first of each id). */
export function roleIndex(data: Obj): Map<string, { item: Obj; index: number }> {
  const out = new Map<string, { item: Obj; index: number }>();
  for (const r of items(data.roles)) {
    const id = text(r.item.id);
    if (id !== undefined && !out.has(id)) out.set(id, r);
  }
  return out;
}

export function roleOf(roles: Map<string, { item: Obj; index: number }>, roleRef: string | undefined): { role: Obj | undefined; index: number | undefined; category: string | undefined } {
  if (roleRef === undefined) return { role: undefined, index: undefined, category: undefined };
  const found = roles.get(roleRef);
  if (found) return { role: found.item, index: found.index, category: categoryOfRole(found.item) };
  return { role: undefined, index: undefined, category: CATEGORY_SET.has(roleRef) ? roleRef : undefined };
}

/** A role's category: its `category`, else its id when that is a category name. */
export function categoryOfRole(role: Obj): string | undefined {
  const id = text(role.id);
  return text(role.category) ?? (id && CATEGORY_SET.has(id) ? id : undefined);
}

/**
 * The span of every position: the teachers in the teams it leads (`led_by`), with the limit that
 * applies — the role's `max_span`, else the document's `defaults.max_span`, else `defaultMax`
 * (the configured `max_span` of `leadership/oversized-span`). Pure; used by the rule, the
 * preview and the editor's CodeLens. Positions sharing an id count once (the first).
 */
export function spans(data: Record<string, unknown>, defaultMax: number = DEFAULT_MAX_SPAN): Map<string, PositionSpan> {
  const out = new Map<string, PositionSpan>();
  const defaults = num(obj(data.defaults)?.max_span);
  const roles = roleIndex(data);
  for (const { item, index } of items(data.positions)) {
    const id = text(item.id);
    if (id === undefined || out.has(id)) continue;
    const roleRef = text(item.role);
    const { role, index: roleAt, category } = roleOf(roles, roleRef);
    const own = num(role?.max_span);
    const [max, source]: [number, PositionSpan['source']] = own !== undefined ? [own, 'role'] : defaults !== undefined ? [defaults, 'defaults'] : [defaultMax, 'config'];
    out.set(id, { id, index, role: roleRef, roleIndex: roleAt, category, teachers: 0, teams: [], max, source });
  }
  const names = new Map<string, Set<string>>();
  for (const { item, index } of items(data.teams)) {
    const lead = text(item.led_by);
    const span = lead === undefined ? undefined : out.get(lead);
    if (!span) continue;
    const t = teamTeachers(item.teachers);
    span.teams.push({ id: text(item.id), index, teachers: t.count });
    if (!t.names.length) {
      span.teachers += t.count;
      continue;
    }
    let seen = names.get(span.id);
    if (!seen) names.set(span.id, (seen = new Set()));
    for (const n of t.names) {
      const key = nameKey(n);
      if (seen.has(key)) continue;
      seen.add(key);
      span.teachers += 1;
    }
  }
  return out;
}

/** Teachers in all teams: counts added, listed names counted once each. */
export function teachersInTeams(data: Obj): number {
  let total = 0;
  const seen = new Set<string>();
  for (const { item } of items(data.teams)) {
    const t = teamTeachers(item.teachers);
    if (!t.names.length) total += t.count;
    for (const n of t.names) {
      const key = nameKey(n);
      if (!seen.has(key)) {
        seen.add(key);
        total++;
      }
    }
  }
  return total;
}
