/** Counting findings by severity, and the one-line summary of a whole-workspace check. */
import { SEVERITIES, type Severity } from './types';
import { plural } from './text';

export type Counts = Record<Severity, number>;

/** How many findings of each severity. */
export function countBySeverity(findings: Iterable<{ severity: Severity }>): Counts {
  const counts: Counts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/** A one-line count of problems for the Check Workspace notification. */
export function summarize(all: ReadonlyMap<string, readonly { severity: Severity }[]>, documentCount: number): { counts: Counts; files: number; text: string } {
  let files = 0;
  for (const list of all.values()) if (list.length) files++;
  const counts = countBySeverity([...all.values()].flat());
  const total = SEVERITIES.reduce((n, s) => n + counts[s], 0);
  const docs = plural(documentCount, 'document');
  const text = total
    ? `Improvekit found ${plural(total, 'problem')} (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info, ${plural(counts.hint, 'hint')}) in ${docs}. See the Problems panel.`
    : `Improvekit found no problems in ${docs}.`;
  return { counts, files, text };
}
