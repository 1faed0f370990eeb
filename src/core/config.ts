import { parseDocument, isMap, isScalar, type Node, type Pair } from 'yaml';
import { LineIndex, closest } from './text';
import type { OptionValue } from './rules/api';
import { ALL_RULES, ENGINE_RULES } from './rules/registry';
import { SEVERITIES, type Diagnostic, type Severity, type Span } from './types';
import { date } from './model/values';

export const CONFIG_FILE = '.improvekit.yaml';

export interface RuleSetting {
  severity?: Severity | 'off';
  options: Record<string, OptionValue>;
}

/** `.improvekit.yaml` as the engine uses it (DESIGN §5). */
export interface Config {
  rules: Record<string, RuleSetting>;
  /** Replaces the default jargon list of `message/jargon` when given. */
  jargon?: string[];
  /** Fixed date for date rules, `YYYY-MM-DD`. */
  today?: string;
  /** Control-chart signal thresholds: `ihi` (Provost & Murray, the default) or `mdc` (NHS Making Data Count). */
  spc?: 'ihi' | 'mdc';
  /** Globs of files never checked, relative to the configuration's folder (`drafts/**`). */
  ignore?: string[];
}

/** What `jargon` may hold: words and phrases, not texts (a message map's matcher is built from them). */
export const JARGON_LIMITS = { maxEntries: 1000, maxLength: 200 } as const;
/** What `ignore` may hold. */
export const IGNORE_LIMITS = { maxEntries: 1000, maxLength: 500 } as const;

export const EMPTY_CONFIG: Config = { rules: {} };

/** The top-level keys of `.improvekit.yaml`. */
const SETTINGS = ['rules', 'jargon', 'today', 'spc', 'ignore'];

const SEVERITY_ALIASES: Record<string, Severity | 'off'> = {
  error: 'error',
  warning: 'warning',
  warn: 'warning',
  info: 'info',
  information: 'info',
  hint: 'hint',
  off: 'off',
  none: 'off',
};

/**
 * Reads `.improvekit.yaml`. Never throws: problems come back as diagnostics on the
 * configuration file, and whatever is valid still applies.
 */
/** What configuration can name: every rule, and the diagnostics the engine reports itself. */
type Configurable = { id: string; options?: Readonly<Record<string, OptionValue>> };
const CONFIGURABLE: readonly Configurable[] = [...ALL_RULES, ...ENGINE_RULES];

export function parseConfig(text: string, uri: string, rules: readonly Configurable[] = CONFIGURABLE): { config: Config; diagnostics: Diagnostic[] } {
  const lines = new LineIndex(text);
  const diagnostics: Diagnostic[] = [];
  const config: Config = { rules: {} };
  const report = (span: Span | undefined, severity: Severity, rule: string, message: string) =>
    diagnostics.push({ uri, range: lines.rangeOf(span ?? { start: 0, end: 0 }), severity, rule, message });
  const spanOf = (node: unknown): Span | undefined => {
    const r = (node as Node | null)?.range;
    return r ? { start: r[0], end: r[1] } : undefined;
  };

  const doc = parseDocument(text, { prettyErrors: false });
  for (const e of doc.errors) {
    report({ start: e.pos[0], end: e.pos[1] }, 'error', 'yaml/syntax', `${e.message.replace(/\.$/, '')}: fix the YAML of ${CONFIG_FILE}; until then the defaults apply.`);
  }
  if (doc.errors.length || doc.contents === null) return { config, diagnostics };
  if (!isMap(doc.contents)) {
    report(spanOf(doc.contents), 'error', 'config/invalid', `${CONFIG_FILE} must be a mapping with ${SETTINGS.map((s) => `\`${s}\``).join(', ')}.`);
    return { config, diagnostics };
  }
  const byId = new Map(rules.map((r) => [r.id, r]));
  const families = new Set(rules.map((r) => r.id.split('/')[0]));
  for (const pair of doc.contents.items as Pair[]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value as Node | null;
    if (key === 'rules') {
      if (!isMap(value)) {
        if (value !== null) report(spanOf(value), 'error', 'config/invalid', '`rules` must map rule ids to a severity, `off`, or `{ severity, …options }`.');
        continue;
      }
      for (const rulePair of value.items as Pair[]) {
        const id = isScalar(rulePair.key) ? String(rulePair.key.value) : '';
        const keySpan = spanOf(rulePair.key);
        const targets = id.endsWith('/*') && families.has(id.slice(0, -2)) ? rules.filter((r) => r.id.startsWith(id.slice(0, -1))) : byId.has(id) ? [byId.get(id)!] : [];
        if (!targets.length) {
          const guess = closest(id, byId.keys());
          report(keySpan, 'warning', 'config/invalid', `Unknown rule \`${id}\`${guess ? ` — did you mean \`${guess}\`?` : '.'} See docs/rules.md for the rule ids.`);
          continue;
        }
        const setting = readRuleSetting(rulePair.value as Node | null, targets, (node, message, severity = 'error') => report(spanOf(node) ?? keySpan, severity, 'config/invalid', message));
        for (const rule of targets) {
          const prior = config.rules[rule.id];
          config.rules[rule.id] = { severity: setting.severity ?? prior?.severity, options: { ...prior?.options, ...setting.options } };
        }
      }
    } else if (key === 'jargon') {
      const js = value?.toJSON?.() as unknown;
      if (Array.isArray(js) && js.every((w) => typeof w === 'string')) {
        const long = js.findIndex((w: string) => w.length > JARGON_LIMITS.maxLength);
        if (js.length > JARGON_LIMITS.maxEntries) report(spanOf(value), 'error', 'config/invalid', `\`jargon\` has ${js.length} entries; at most ${JARGON_LIMITS.maxEntries} are read. Keep the words your audience would not know; the default list applies until then.`);
        else if (long >= 0) report(spanOf((value as { items?: unknown[] }).items?.[long] ?? value), 'error', 'config/invalid', `A \`jargon\` entry of ${js[long].length} characters is longer than ${JARGON_LIMITS.maxLength}: list words or short phrases. The default list applies until then.`);
        else config.jargon = js;
      } else report(spanOf(value), 'error', 'config/invalid', '`jargon` must be a list of words, such as `[pedagogy, summative, formative]`.');
    } else if (key === 'today') {
      const js = isScalar(value) ? value.value : undefined;
      const d = date(js);
      if (d) config.today = d;
      else report(spanOf(value), 'error', 'config/invalid', '`today` must be a date written YYYY-MM-DD, such as 2026-03-10.');
    } else if (key === 'spc') {
      const js = isScalar(value) ? value.value : undefined;
      if (js === 'ihi' || js === 'mdc') config.spc = js;
      else report(spanOf(value), 'error', 'config/invalid', '`spc` must be `ihi` (Provost & Murray, the default) or `mdc` (NHS Making Data Count).');
    } else if (key === 'ignore') {
      const js = value?.toJSON?.() as unknown;
      const list = typeof js === 'string' ? [js] : js;
      if (!Array.isArray(list) || !list.every((g) => typeof g === 'string' && g.trim() !== '')) {
        report(spanOf(value), 'error', 'config/invalid', '`ignore` must be a list of globs relative to this folder, such as `[drafts/**, "**/*.draft.yaml"]`.');
      } else if (list.length > IGNORE_LIMITS.maxEntries || list.some((g: string) => g.length > IGNORE_LIMITS.maxLength)) {
        report(spanOf(value), 'error', 'config/invalid', `\`ignore\` takes at most ${IGNORE_LIMITS.maxEntries} globs of at most ${IGNORE_LIMITS.maxLength} characters each.`);
      } else config.ignore = list.map((g: string) => g.trim());
    } else if (key === '$schema') {
      // The YAML extension's way to pick a schema: editor metadata, never a setting.
      if (!(isScalar(value) && typeof value.value === 'string')) report(spanOf(value) ?? spanOf(pair.key), 'warning', 'config/invalid', '`$schema` names a JSON Schema for YAML editors: a URL or a path, such as `./schemas/improvekit-config.schema.json`.');
    } else if (!key.startsWith('x-')) {
      const guess = closest(key, SETTINGS);
      report(spanOf(pair.key), 'warning', 'config/invalid', `Unknown setting \`${key}\`${guess ? ` — did you mean \`${guess}\`?` : ''}. ${CONFIG_FILE} takes ${SETTINGS.map((s) => `\`${s}\``).join(', ')}.`);
    }
  }
  return { config, diagnostics };
}

function readSeverity(value: unknown): Severity | 'off' | undefined {
  if (value === false) return 'off';
  if (typeof value !== 'string') return undefined;
  // Own keys only: `constructor` or `toString` must not read Object.prototype.
  const word = value.toLowerCase();
  return Object.hasOwn(SEVERITY_ALIASES, word) ? SEVERITY_ALIASES[word] : undefined;
}

function readRuleSetting(
  node: Node | null,
  rules: readonly Configurable[],
  problem: (node: unknown, message: string, severity?: Severity) => void,
): RuleSetting {
  const setting: RuleSetting = { options: {} };
  const severityHelp = `Use one of ${SEVERITIES.join(', ')} or off.`;
  if (node === null) return setting;
  if (isScalar(node)) {
    if (node.value === true) return setting;
    const severity = readSeverity(node.value);
    if (severity) setting.severity = severity;
    else problem(node, `\`${String(node.value)}\` is not a severity. ${severityHelp}`);
    return setting;
  }
  if (!isMap(node)) {
    problem(node, `A rule takes a severity, \`off\`, or a mapping such as \`{ severity: error, max_span: 8 }\`.`);
    return setting;
  }
  const known = new Map<string, OptionValue>();
  for (const rule of rules) for (const [k, v] of Object.entries(rule.options ?? {})) known.set(k, v);
  for (const pair of node.items as Pair[]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const valueNode = pair.value as Node | null;
    const value = valueNode?.toJSON?.() as unknown;
    if (key === 'severity') {
      const severity = readSeverity(value);
      if (severity) setting.severity = severity;
      else problem(valueNode, `\`${String(value)}\` is not a severity. ${severityHelp}`);
      continue;
    }
    const fallback = known.get(key);
    if (fallback === undefined) {
      const names = [...known.keys()];
      const guess = closest(key, names);
      problem(pair.key, `Unknown option \`${key}\`${guess ? ` — did you mean \`${guess}\`?` : '.'} ${names.length ? `This rule takes: severity, ${names.join(', ')}.` : 'This rule takes only `severity`.'}`, 'warning');
      continue;
    }
    const ok =
      typeof fallback === 'number'
        ? typeof value === 'number' && Number.isFinite(value) && value >= 0
        : Array.isArray(fallback)
          ? Array.isArray(value) && value.every((v) => typeof v === 'string')
          : typeof value === typeof fallback;
    if (!ok) {
      const want = typeof fallback === 'number' ? 'a number of 0 or more' : Array.isArray(fallback) ? 'a list of words' : `a ${typeof fallback}`;
      problem(valueNode, `\`${key}\` must be ${want} (the default is ${JSON.stringify(fallback)}).`);
      continue;
    }
    setting.options[key] = value as OptionValue;
  }
  return setting;
}
