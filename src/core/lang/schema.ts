/** What the zod schemas of `schemas/kinds.ts` say at a path: keys, descriptions, allowed values. */
import type { z } from 'zod';
import { KIND_SPECS, type Kind } from '../kinds';
import { def, schemaAt, unwrap } from '../schemas/walk';
import type { Path } from '../types';

/** The schema at a path; keys such as `constructor` name nothing (they would reach `Object.prototype`). */
function schemaOf(kind: Kind, path: Path): z.ZodType | undefined {
  if (path.some((seg) => typeof seg === 'string' && seg in Object.prototype)) return undefined;
  return schemaAt(KIND_SPECS[kind].schema, path);
}

/** The options of a schema, unions flattened and wrappers removed. */
function options(schema: z.ZodType | undefined): z.ZodType[] {
  if (!schema) return [];
  const s = unwrap(schema);
  const d = def(s);
  return d.type === 'union' ? (d.options ?? []).flatMap(options) : [s];
}

/** The mapping schema at a path (the object branch of a union), if any. */
function objectAt(kind: Kind, path: Path): z.ZodType | undefined {
  return options(schemaOf(kind, path)).find((o) => def(o).type === 'object');
}

export function isObjectAt(kind: Kind, path: Path): boolean {
  return objectAt(kind, path) !== undefined;
}

/** The keys a mapping at a path allows, with their descriptions. */
export function keysAt(kind: Kind, path: Path): Array<{ key: string; description?: string }> {
  const o = objectAt(kind, path);
  const shape = o ? def(o).shape ?? {} : {};
  // `$schema` is accepted for the YAML extension's sake, not something to offer people writing a plan.
  return Object.entries(shape)
    .filter(([key]) => !key.startsWith('$'))
    .map(([key, schema]) => ({ key, description: descriptionOf(schema) }));
}

/** A schema's description, looking through optional/nullable wrappers. */
function descriptionOf(schema: z.ZodType): string | undefined {
  let s: z.ZodType | undefined = schema;
  for (let depth = 0; s && depth < 5; depth++) {
    if (s.description) return s.description;
    s = def(s).innerType;
  }
  return undefined;
}

/** The description of the key at the end of a path. */
export function keyDescription(kind: Kind, path: Path): string | undefined {
  const key = path[path.length - 1];
  if (typeof key !== 'string') return undefined;
  const o = path.length === 1 ? unwrap(KIND_SPECS[kind].schema) : objectAt(kind, path.slice(0, -1));
  const shape = o ? def(o).shape : undefined;
  const field = shape && Object.hasOwn(shape, key) ? shape[key] : undefined;
  return field && descriptionOf(field);
}

/** The description of a whole kind. */
export function kindDescription(kind: Kind): string | undefined {
  return KIND_SPECS[kind].schema.description;
}

/** The values an enum (or literal) at a path allows. */
export function enumValuesAt(kind: Kind, path: Path): string[] {
  const out: string[] = [];
  const visit = (schema: z.ZodType | undefined) => {
    for (const o of options(schema)) {
      const d = def(o);
      if (d.type === 'enum') out.push(...Object.values(d.entries ?? {}));
      else if (d.type === 'literal') out.push(...(d.values ?? []).map(String));
      else if (d.type === 'boolean') out.push('true', 'false');
    }
  };
  visit(schemaOf(kind, path));
  return [...new Set(out)];
}
