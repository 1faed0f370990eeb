import type { Kind, Path } from './types';
import { items, text } from './model/values';

/**
 * The lists of identified items in each kind, grouped by id namespace: within a group ids must
 * be unique and references resolve; `supports` in a driver diagram may name a driver or a change
 * idea, so its lists share one namespace, while a leadership model's roles and positions do not.
 */
export const NAMESPACES: Record<Kind, ReadonlyArray<readonly Path[]>> = {
  roster: [[['people'], ['groups']]],
  'driver-diagram': [[['primary_drivers'], ['secondary_drivers'], ['change_ideas'], ['measures']]],
  'pdsa-cycle': [[['plan', 'questions']]],
  'rapid-charter': [[['decisions']]],
  'leadership-model': [[['roles']], [['positions']], [['teams']]],
  'message-map': [[['messages']]],
};

export interface Item {
  id: string;
  /** Path of the item itself, e.g. ['change_ideas', 2]. */
  path: Path;
  /** The list it belongs to, e.g. 'change_ideas'. */
  list: string;
  value: Record<string, unknown>;
}

function at(data: Record<string, unknown>, path: Path): unknown {
  let v: unknown = data;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

/** The identified items of one list. */
export function listItems(data: Record<string, unknown>, listPath: Path): Item[] {
  const out: Item[] = [];
  for (const { item, index } of items(at(data, listPath))) {
    const id = text(item.id);
    if (id !== undefined) out.push({ id, path: [...listPath, index], list: String(listPath[listPath.length - 1]), value: item });
  }
  return out;
}

/** Every identified item of a document, namespace by namespace. */
export function namespaces(kind: Kind, data: Record<string, unknown>): Item[][] {
  return NAMESPACES[kind].map((group) => group.flatMap((p) => listItems(data, p)));
}

/** Indexes already built, per document value and namespace: rules ask once per reference. */
const INDEXES = new WeakMap<object, Map<string, Map<string, Item>>>();

/** Items of a document by id, in the namespace that holds the given list. Treat it as read-only. */
export function itemIndex(kind: Kind, data: Record<string, unknown>, list: string): Map<string, Item> {
  const group = NAMESPACES[kind].find((g) => g.some((p) => p[p.length - 1] === list)) ?? [];
  const key = `${kind}\u0001${group.map((p) => p.join('.')).join('\u0001')}`;
  let byGroup = INDEXES.get(data);
  if (!byGroup) INDEXES.set(data, (byGroup = new Map()));
  const cached = byGroup.get(key);
  if (cached) return cached;
  const map = new Map<string, Item>();
  for (const p of group) for (const it of listItems(data, p)) if (!map.has(it.id)) map.set(it.id, it);
  byGroup.set(key, map);
  return map;
}

export { at as valueAt };
