import type { Rule } from './api';
import type { Severity } from '../types';
import { SCHEMA_RULES } from './schema';
import { REF_RULES } from './ref';
import { DRIVER_DATA_RULES, DRIVER_RULES } from './driver';
import { PDSA_DATA_RULES, PDSA_RULES } from './pdsa';
import { RAPID_RULES } from './rapid';
import { LEADERSHIP_RULES } from './leadership';
import { MESSAGE_RULES } from './message';
import { MEASURE_RULES } from './measure';

/** Every rule the engine runs, in the order of DESIGN §2. */
export const ALL_RULES: readonly Rule[] = [
  ...SCHEMA_RULES,
  ...REF_RULES,
  ...DRIVER_RULES,
  ...PDSA_RULES,
  ...RAPID_RULES,
  ...LEADERSHIP_RULES,
  ...MESSAGE_RULES,
  ...MEASURE_RULES,
  ...DRIVER_DATA_RULES,
  ...PDSA_DATA_RULES,
];

/** Diagnostics the engine itself reports, outside any rule's check. */
export const ENGINE_RULES: ReadonlyArray<{ id: string; severity: Severity; description: string }> = [
  { id: 'yaml/syntax', severity: 'error', description: 'The text is not valid YAML, or is too large, too deep or alias-bombed.' },
  { id: 'config/invalid', severity: 'error', description: '`.improvekit.yaml` has an unknown rule, option or setting, or a value of the wrong type.' },
  { id: 'file/unreadable', severity: 'error', description: 'A file or folder could not be read: permissions, a link loop, or text that is not UTF-8.' },
  { id: 'suppress/missing-reason', severity: 'warning', description: 'A suppression comment gives no reason after ` -- `, so it silences nothing.' },
  { id: 'suppress/unused', severity: 'warning', description: 'A suppression comment names a rule that reports nothing where it applies.' },
  { id: 'suppress/unknown-rule', severity: 'warning', description: 'A suppression comment names a rule id or family that does not exist.' },
];

export const DOCS_URL = 'https://github.com/improvekit/improvekit/blob/main/docs/rules.md';

/** The section of docs/rules.md for a rule (GitHub's heading anchors drop `/` and backticks). */
export function ruleDocsUrl(id: string): string {
  return `${DOCS_URL}#${id.replace(/[^a-z0-9-]/g, '')}`;
}

export function findRule(id: string): { id: string; severity: Severity; description: string } | undefined {
  return ALL_RULES.find((r) => r.id === id) ?? ENGINE_RULES.find((r) => r.id === id);
}
