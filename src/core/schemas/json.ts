import * as z from 'zod';
import { KIND_SPECS, KINDS, type Kind } from '../kinds';

type Json = { [key: string]: unknown };

/** Lets `x-` keys through wherever unknown keys are refused (DESIGN §1). */
function allowExtensions(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(allowExtensions);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const obj = node as Json;
  if (obj.type === 'object' && obj.additionalProperties === false) {
    obj.patternProperties = { '^x-': {} };
  }
  for (const value of Object.values(obj)) allowExtensions(value);
}

/** The JSON Schema (draft-07, for YAML language servers) of one kind, generated from its zod schema. */
export function jsonSchema(kind: Kind): Json {
  const generated = z.toJSONSchema(KIND_SPECS[kind].schema, { target: 'draft-7', io: 'input', unrepresentable: 'any' }) as Json;
  allowExtensions(generated);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `https://improvekit.dev/schemas/${kind}.schema.json`,
    title: `Improvekit ${kind}`,
    ...Object.fromEntries(Object.entries(generated).filter(([k]) => k !== '$schema')),
  };
}

/** File name → text of every generated schema, as committed under `schemas/`. */
export function jsonSchemaFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const kind of KINDS) files[`${kind}.schema.json`] = `${JSON.stringify(jsonSchema(kind), null, 2)}\n`;
  return files;
}
