/** Walking zod schemas: the definition of a schema, through optional wrappers, at a path. */
import type { z } from 'zod';
import type { Path } from '../types';

export interface ZodDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string>;
  values?: unknown[];
}

export function def(schema: z.ZodType): ZodDef {
  return (schema as unknown as { _zod: { def: ZodDef } })._zod.def;
}

/** Strips optional/nullable wrappers. */
export function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (let d = def(s); (d.type === 'optional' || d.type === 'nullable' || d.type === 'default') && d.innerType; d = def(s)) s = d.innerType;
  return s;
}

/** The schema that governs a path, following objects, arrays and the branches of unions. */
export function schemaAt(root: z.ZodType, path: Path): z.ZodType | undefined {
  let s: z.ZodType | undefined = unwrap(root);
  for (const seg of path) {
    if (!s) return undefined;
    const d = def(s);
    let next: z.ZodType | undefined;
    if (d.type === 'object' && typeof seg === 'string') next = d.shape?.[seg];
    else if (d.type === 'array' && typeof seg === 'number') next = d.element;
    else if (d.type === 'union') {
      for (const option of d.options ?? []) {
        const o = unwrap(option);
        const od = def(o);
        if (od.type === 'array' && typeof seg === 'number') next = od.element;
        if (od.type === 'object' && typeof seg === 'string') next = od.shape?.[seg];
        if (next) break;
      }
    }
    s = next && unwrap(next);
  }
  return s;
}
