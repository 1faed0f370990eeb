/**
 * Each kind's snippets, exported beside its spec and kept out of it (the kind table stays free of
 * snippet text): completion serves them (`lang/snippets.ts`), `contributions.ts` writes the snippet
 * files for other editors.
 */
import type { Kind } from './index';
import type { KindSnippets } from './spec';
import { snippets as roster } from './roster';
import { snippets as driverDiagram } from './driver-diagram';
import { snippets as pdsaCycle } from './pdsa-cycle';
import { snippets as measure } from './measure';
import { snippets as rapidCharter } from './rapid-charter';
import { snippets as leadershipModel } from './leadership-model';
import { snippets as messageMap } from './message-map';

export const KIND_SNIPPETS: Record<Kind, KindSnippets> = {
  'driver-diagram': driverDiagram,
  'pdsa-cycle': pdsaCycle,
  measure,
  'rapid-charter': rapidCharter,
  'leadership-model': leadershipModel,
  'message-map': messageMap,
  roster,
};
