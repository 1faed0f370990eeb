/**
 * Items by namespace: within a namespace (KindSpec.namespaces) ids must be unique and references
 * resolve; `supports` in a driver diagram may name a driver or a change idea, so its lists share
 * one namespace, while a leadership model's roles and positions do not.
 */
import { KIND_SPECS, type Kind } from './kinds';
import { listItems, type Item } from './model/items';

export { listItems, valueAt, type Item } from './model/items';

/** Every identified item of a document, namespace by namespace. */
export function namespaces(kind: Kind, data: Record<string, unknown>): Item[][] {
  return KIND_SPECS[kind].namespaces.map((group) => group.flatMap((p) => listItems(data, p)));
}

/** Indexes already built, per document value and namespace: rules ask once per reference. */
const INDEXES = new WeakMap<object, Map<string, Map<string, Item>>>();

/** Items of a document by id, in the namespace that holds the given list. Treat it as read-only. */
export function itemIndex(kind: Kind, data: Record<string, unknown>, list: string): Map<string, Item> {
  const group = KIND_SPECS[kind].namespaces.find((g) => g.some((p) => p[p.length - 1] === list)) ?? [];
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
