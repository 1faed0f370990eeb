/** New documents: the kinds in the picker, a free id, and each kind's skeleton (from the kind table). */
import { KIND_SPECS, KINDS, type Kind } from './kinds';

/** The kinds in the order people usually start with them, with what the picker says of each. */
export const NEW_DOCUMENT_KINDS: ReadonlyArray<{ kind: Kind; description: string }> = KINDS.map((kind) => ({ kind, description: KIND_SPECS[kind].description }));

/** A new document's id: `new-<kind>`, numbered when that id is taken. */
export function freshId(kind: Kind, taken: (id: string) => boolean): string {
  const base = `new-${kind}`;
  if (!taken(base)) return base;
  for (let n = 2; ; n++) if (!taken(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * A sound starting point for a kind: every required key present, the items linked so that the
 * structure rules are satisfied. A PDSA cycle tests a change idea of the workspace
 * (`context.changeIdea`); with none to name, its placeholder reference is reported until the
 * user names one.
 */
export function skeleton(kind: Kind, id: string, context: { changeIdea?: string } = {}): string {
  return KIND_SPECS[kind].skeleton(id, context);
}
