/**
 * The adapter's own decisions that need no editor: matching editor diagnostics back to the
 * engine's, choosing the edits of "Fix All", merging `improvekit.*` settings over
 * `.improvekit.yaml`, naming files for the engine, and the skeletons of new documents.
 * Imports no `vscode` at run time, so it is unit-tested in plain Node.
 */
import { parseConfig, type Config } from '../core/config';
import { fileFormat } from '../core/recognize';
import { KINDS, type Diagnostic, type Fix, type Kind, type Range, type Severity, type TextEdit } from '../core/types';

/** `vscode.DiagnosticSeverity` values (Error 0, Warning 1, Information 2, Hint 3). */
export const SEVERITY_TO_VSCODE: Record<Severity, 0 | 1 | 2 | 3> = { error: 0, warning: 1, info: 2, hint: 3 };

/** The languages whose files can hold Improvekit documents. */
export const LANGUAGES = ['yaml', 'markdown'] as const;

export function isDocumentLanguage(languageId: string): boolean {
  return (LANGUAGES as readonly string[]).includes(languageId);
}

/**
 * Whether an editor document of this scheme is one of the user's files: saved files, untitled
 * editors, and the scheme of a workspace folder (vscode-vfs and other virtual workspaces). Git's
 * original versions, diff sides and output panes are copies; held too, their ids would clash.
 */
export function isUserScheme(scheme: string, folderSchemes: readonly string[]): boolean {
  return scheme === 'file' || scheme === 'untitled' || scheme === 'vscode-remote' || folderSchemes.includes(scheme);
}

function rangeKey(r: Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/** What identifies a diagnostic once the editor has copied it: its rule, range and message. */
export function diagnosticKey(d: { rule: string; range: Range; message: string }): string {
  return `${d.rule}\u0001${rangeKey(d.range)}\u0001${d.message}`;
}

/**
 * The engine diagnostics last published, per URI, by key. Code actions receive copies of the
 * editor's diagnostics (they cross a process boundary), so they are matched by value, not identity.
 */
export class DiagnosticIndex {
  private readonly byUri = new Map<string, Map<string, Diagnostic>>();

  set(uri: string, diagnostics: readonly Diagnostic[]): void {
    if (!diagnostics.length) {
      this.byUri.delete(uri);
      return;
    }
    const map = new Map<string, Diagnostic>();
    for (const d of diagnostics) map.set(diagnosticKey(d), d);
    this.byUri.set(uri, map);
  }

  delete(uri: string): void {
    this.byUri.delete(uri);
  }

  clear(): void {
    this.byUri.clear();
  }

  find(uri: string, d: { rule: string; range: Range; message: string }): Diagnostic | undefined {
    return this.byUri.get(uri)?.get(diagnosticKey(d));
  }

  all(uri: string): Diagnostic[] {
    return [...(this.byUri.get(uri)?.values() ?? [])];
  }
}

function before(a: { line: number; character: number }, b: { line: number; character: number }): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function overlaps(a: Range, b: Range): boolean {
  // Two insertions at the same point conflict too: their order would be a guess.
  const sameEmptyPoint = !before(a.start, b.start) && !before(b.start, a.start);
  if (sameEmptyPoint) return true;
  return before(a.start, b.end) && before(b.start, a.end);
}

/**
 * The edits "Fix All" applies: the preferred fix of each diagnostic, skipping any fix that would
 * touch text another chosen fix already changes (the user runs Fix All again for those).
 */
export function fixAllEdits(diagnostics: readonly Diagnostic[]): { edits: TextEdit[]; fixes: Fix[]; skipped: number } {
  const edits: TextEdit[] = [];
  const fixes: Fix[] = [];
  let skipped = 0;
  const seen = new Set<string>();
  for (const d of diagnostics) {
    const fix = d.fixes?.find((f) => f.preferred);
    if (!fix || !fix.edits.length) continue;
    const signature = JSON.stringify(fix.edits);
    if (seen.has(signature)) continue;
    if (fix.edits.some((e) => edits.some((chosen) => overlaps(e.range, chosen.range)))) {
      skipped++;
      continue;
    }
    seen.add(signature);
    fixes.push(fix);
    edits.push(...fix.edits);
  }
  return { edits, fixes, skipped };
}

/**
 * Applies `improvekit.rules` from the settings over the configuration file. The settings take
 * the same forms as `rules:` in `.improvekit.yaml` (a severity, `off`, or `{ severity, …options }`)
 * and are checked by the same reader; what it rejects comes back as messages.
 */
export function applyRuleSettings(base: Config, rules: unknown): { config: Config; problems: string[] } {
  if (rules === undefined || rules === null || (typeof rules === 'object' && !Array.isArray(rules) && !Object.keys(rules).length)) {
    return { config: base, problems: [] };
  }
  if (typeof rules !== 'object' || Array.isArray(rules)) {
    return { config: base, problems: ['The setting `improvekit.rules` must be an object mapping rule ids to a severity, "off", or { "severity": …, options }.'] };
  }
  // JSON is YAML: the settings object goes through the configuration file's own reader.
  const { config: overrides, diagnostics } = parseConfig(JSON.stringify({ rules }), 'settings.json');
  const merged: Config = { ...base, rules: { ...base.rules } };
  for (const [id, setting] of Object.entries(overrides.rules)) {
    const prior = merged.rules[id];
    merged.rules[id] = { severity: setting.severity ?? prior?.severity, options: { ...prior?.options, ...setting.options } };
  }
  const problems = diagnostics.map((d) => `improvekit.rules: ${d.message.replace(/\.improvekit\.yaml/g, 'the setting')}`);
  return { config: merged, problems };
}

/**
 * The URI under which the engine knows an editor document. The engine recognises files by name,
 * so a YAML or Markdown document whose name has no such extension (an untitled editor) gets one.
 */
export function engineUriFor(uri: string, languageId: string): string {
  const format = fileFormat(uri);
  if (languageId === 'yaml' && format !== 'yaml') return `${uri}.yaml`;
  if (languageId === 'markdown' && format !== 'markdown') return `${uri}.md`;
  return uri;
}

/** Whether a workspace file is worth reading: a few thousand files at most, none over 2 MB. */
export const SCAN_LIMITS = { maxFiles: 5000, maxBytes: 2_000_000 } as const;

/** Runs `task` over `items` with at most `limit` running at once (file reads in a large folder). */
export async function mapLimited<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Delays a keyed action until it has been quiet for `delay` ms (typing in one document). */
export class Debouncer {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private delay: number) {}

  setDelay(delay: number): void {
    this.delay = Math.max(0, delay);
  }

  schedule(key: string, action: () => void): void {
    this.cancel(key);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        action();
      }, this.delay),
    );
  }

  cancel(key: string): boolean {
    const timer = this.timers.get(key);
    if (timer === undefined) return false;
    clearTimeout(timer);
    this.timers.delete(key);
    return true;
  }

  pending(key: string): boolean {
    return this.timers.has(key);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}

/** A one-line count of problems for the Check Workspace notification. */
export function summarize(all: ReadonlyMap<string, readonly Diagnostic[]>, documentCount: number): { counts: Record<Severity, number>; files: number; text: string } {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  let files = 0;
  for (const list of all.values()) {
    if (list.length) files++;
    for (const d of list) counts[d.severity]++;
  }
  const total = counts.error + counts.warning + counts.info + counts.hint;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const docs = plural(documentCount, 'document');
  const text = total
    ? `Improvekit found ${plural(total, 'problem')} (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info, ${plural(counts.hint, 'hint')}) in ${docs}. See the Problems panel.`
    : `Improvekit found no problems in ${docs}.`;
  return { counts, files, text };
}

/** What the New Document picker says about each kind. */
export const KIND_DESCRIPTIONS: Record<Kind, string> = {
  'driver-diagram': 'The aim, what drives it, the changes to test, and how we will know',
  'pdsa-cycle': 'One small test of one change idea: plan with predictions, do, study, act',
  'rapid-charter': 'Who Recommends, Agrees, Performs, gives Input and Decides, per decision',
  'leadership-model': 'Who leads the development of which teachers, with what time and authority',
  'message-map': 'Up to three key messages for one audience, with support points',
  roster: 'The people and groups that charters and plans name by id',
};

/** The kinds in the order people usually start with them. */
export const NEW_DOCUMENT_KINDS: readonly Kind[] = ['driver-diagram', 'pdsa-cycle', 'rapid-charter', 'leadership-model', 'message-map', 'roster'];

/** A new document's id: `new-<kind>`, numbered when that id is taken. */
export function freshId(kind: Kind, taken: (id: string) => boolean): string {
  const base = `new-${kind}`;
  if (!taken(base)) return base;
  for (let n = 2; ; n++) if (!taken(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * A sound starting point for each kind: every required key present, the items linked so that
 * the structure rules are satisfied, and the text to replace written as plain placeholders.
 * A PDSA cycle tests a change idea of the workspace (`context.changeIdea`); with none to name,
 * its placeholder reference is reported until the user names one.
 */
export function skeleton(kind: Kind, id: string, context: { changeIdea?: string } = {}): string {
  const head = `kind: ${kind}\nid: ${id}\n`;
  switch (kind) {
    case 'driver-diagram':
      return `${head}title: Our improvement aim
aim:
  statement: Raise the share of students who …
  measure: m-outcome
  baseline: 40%
  target: 60%
  by: 2027-06-30
  population: the students in scope
primary_drivers:
  - { id: p-first, title: A primary driver }
secondary_drivers:
  - { id: s-first, title: A secondary driver, supports: [p-first] }
change_ideas:
  - id: c-first
    title: A change idea to test
    supports: [s-first]
    measures: [m-process]
    status: idea
measures:
  - { id: m-outcome, name: The outcome we want, type: outcome }
  - { id: m-process, name: How often the change happens, type: process }
  - { id: m-balancing, name: What could get worse, type: balancing }
`;
    case 'pdsa-cycle':
      return `${head}title: First test of a change idea
change_idea: ${context.changeIdea ?? 'driver-diagram-id#change-idea-id'}
cycle: 1
status: planning
plan:
  objective: Learn whether …
  questions:
    - { id: q1, question: What will happen when we try it?, prediction: What we expect }
  tasks:
    - { task: Prepare the test, who: lead }
  scale: one team
  data_collection: how we will collect the data
`;
    case 'rapid-charter':
      return `${head}title: Decision rights
decisions:
  - id: first-decision
    decision: What is to be decided
    recommend: recommender
    perform: performer
    input: [adviser]
    decide: decider
    status: proposed
`;
    case 'leadership-model':
      return `${head}title: Leadership model
school: { teachers: 8 }
defaults: { max_span: 10 }
roles:
  - id: principal
    title: Principal
    category: principal
    release_time: 100%
    evaluation: owns
    responsibilities: [goal-setting, observation-feedback, motivation, collaboration, evaluation]
positions:
  - { id: principal, role: principal }
teams:
  - { id: team-1, led_by: principal, teachers: 8 }
`;
    case 'message-map':
      return `${head}audience: families
question: What changes for my child?
messages:
  - text: One short key message.
    support: [A fact that backs it up]
`;
    case 'roster':
      return `${head}title: People and groups
people:
  - { id: lead, name: Team lead, role: Team lead }
groups:
  - { id: team, name: The team }
`;
  }
}

export { KINDS };
