/** Builders of outline symbols, shared by the kinds' `outline` functions. */
import type { DocumentSymbol, SymbolKind } from '../lang/api';
import { listItems, type Item } from '../model/items';
import { text, titleOf } from '../model/values';
import type { Path } from '../types';
import type { OutlineContext } from './spec';

/** A text cut to one line of at most `max` characters. */
export function short(s: string | undefined, max = 60): string | undefined {
  if (s === undefined) return undefined;
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

export function itemSymbol(ctx: OutlineContext, item: Item, kind: SymbolKind, name?: string, detail?: string, children: DocumentSymbol[] = []): DocumentSymbol {
  const status = text(item.value.status);
  return {
    name: name ?? short(titleOf(item.value)) ?? item.id,
    detail: detail ?? (status ? `${item.id} · ${status}` : item.id),
    kind,
    range: ctx.range(item.path, 'value'),
    selectionRange: ctx.range([...item.path, 'id'], 'value'),
    children,
  };
}

/** A section named after a key of the document, holding the given symbols (none when empty). */
export function section(ctx: OutlineContext, key: string, name: string, children: DocumentSymbol[]): DocumentSymbol[] {
  if (!children.length || !ctx.doc.has([key])) return [];
  const keyRange = ctx.range([key], 'key');
  const value = ctx.range([key], 'value');
  return [{ name, kind: 'section', range: { start: keyRange.start, end: value.end }, selectionRange: keyRange, children }];
}

/** The identified items of a top-level list, as a section. */
export function listSection(ctx: OutlineContext, key: string, name: string, kind: SymbolKind): DocumentSymbol[] {
  return section(ctx, key, name, listItems(ctx.data, [key]).map((i) => itemSymbol(ctx, i, kind)));
}

/** Items of a list without ids (plan questions and messages may have none), named by a field. */
export function looseItems(ctx: OutlineContext, path: Path, kind: SymbolKind, field: string): DocumentSymbol[] {
  let value: unknown = ctx.data;
  for (const seg of path) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[seg as string] : undefined;
  if (!Array.isArray(value)) return [];
  return value.flatMap((v, i) => {
    if (!v || typeof v !== 'object') return [];
    const o = v as Record<string, unknown>;
    const id = text(o.id);
    const at = [...path, i];
    return [{ name: short(text(o[field])) ?? id ?? `${kind} ${i + 1}`, detail: id, kind, range: ctx.range(at, 'value'), selectionRange: ctx.range(at, 'item'), children: [] }];
  });
}
