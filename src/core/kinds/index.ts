/**
 * The kind table: every document kind the product knows, and the only list of kinds in `src/`.
 * Its order is the order people usually start with them (the New Document picker, completion).
 * Adding a kind: a spec module here, its rules in `rules/`, its renderer in `render/kinds.ts`,
 * fixtures and docs (docs/architecture.md).
 */
import { roster } from './roster';
import { driverDiagram } from './driver-diagram';
import { pdsaCycle } from './pdsa-cycle';
import { measure } from './measure';
import { rapidCharter } from './rapid-charter';
import { leadershipModel } from './leadership-model';
import { messageMap } from './message-map';
import type { KindSpec } from './spec';

export const KIND_SPECS = {
  'driver-diagram': driverDiagram,
  'pdsa-cycle': pdsaCycle,
  measure,
  'rapid-charter': rapidCharter,
  'leadership-model': leadershipModel,
  'message-map': messageMap,
  roster,
} as const satisfies { [Name in string]: KindSpec<Name> };

/** The document kinds of DESIGN §1. The names are a contract. */
export type Kind = keyof typeof KIND_SPECS;

export const KINDS = Object.keys(KIND_SPECS) as Kind[];

export function isKind(value: unknown): value is Kind {
  return typeof value === 'string' && Object.hasOwn(KIND_SPECS, value);
}

/** The spec of a kind, seen through the common interface. */
export function specOf(kind: Kind): KindSpec<Kind> {
  return KIND_SPECS[kind];
}

export type { KindSpec, RefSite, RefTarget, IndexFacts, LearnContext, LinkName, OutlineContext, SnippetSpec, SourceDocument } from './spec';
export { RAPID_ROLE_KEYS } from './rapid-charter';
export { isOwnerSite, ownerSite } from './spec';
export { spanTitle } from './leadership-model';
