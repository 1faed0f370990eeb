/** The identified items of a document's lists: `{ id, path, list, value }`, read leniently. */
import { items, list, obj, text } from './values';
import type { Path } from '../types';

export interface Item {
  id: string;
  /** Path of the item itself, e.g. ['change_ideas', 2]. */
  path: Path;
  /** The list it belongs to, e.g. 'change_ideas'. */
  list: string;
  value: Record<string, unknown>;
}

/** The value at a path of a document's data, undefined where the path leads nowhere. */
export function valueAt(data: Record<string, unknown>, path: Path): unknown {
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
  for (const { item, index } of items(valueAt(data, listPath))) {
    const id = text(item.id);
    if (id !== undefined) out.push({ id, path: [...listPath, index], list: String(listPath[listPath.length - 1]), value: item });
  }
  return out;
}

/** The concrete paths of a pattern whose `'*'` stands for any index of a list, for the values that exist. */
export function pathsOf(data: Record<string, unknown>, pattern: ReadonlyArray<string | '*'>): Path[] {
  let paths: Path[] = [[]];
  for (const seg of pattern) {
    const next: Path[] = [];
    for (const p of paths) {
      const v = valueAt(data, p);
      if (seg === '*') list(v).forEach((_, i) => next.push([...p, i]));
      else if (obj(v) && Object.hasOwn(v as object, seg)) next.push([...p, seg]);
    }
    paths = next;
  }
  return paths;
}
