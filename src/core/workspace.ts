import { parseFile, type ParsedDocument, type ParsedFile, type ParseOptions } from './parse';
import { EMPTY_CONFIG, type Config } from './config';
import type { EditSpec, OptionValue, Report, Rule, RuleContext, WorkspaceView } from './rules/api';
import { ALL_RULES, ENGINE_RULES } from './rules/registry';
import { applySuppressions } from './suppress';
import { DEFAULT_JARGON } from './jargon';
import { parseDataFile, resolveDataPath, type DataFile } from './data';
import { items, text } from './model/values';
import { Parties, partiesOf, plainKey, type RosterEntry } from './model/parties';
import { itemIndex } from './items';
import { specOf, type Kind, type LinkName } from './kinds';
import type { Diagnostic, Fix, Severity, Span, TextEdit } from './types';

interface Entry {
  file: ParsedFile;
  /** Syntax, schema and document-scope rule diagnostics: depend on this file alone. */
  local?: Diagnostic[];
  /** Workspace-scope diagnostics, valid while `version` is the index's. */
  global?: { version: number; diagnostics: Diagnostic[] };
}

export interface WorkspaceOptions {
  config?: Config;
  rules?: readonly Rule[];
  /** The date rules use when the configuration fixes none (`YYYY-MM-DD`). */
  today?: () => string;
  /** How files are parsed (the fast reader on or off, counters to fill). */
  parse?: ParseOptions;
  /** Called with the URI of every file whose rules run. */
  onCheck?: (uri: string) => void;
}

/** A folder's URI with a trailing slash, so that `file:///a/b/` is not a prefix of `file:///a/bc`. */
function folderKey(uri: string): string {
  return uri.endsWith('/') ? uri : `${uri}/`;
}

/** Today in the local time zone, `YYYY-MM-DD`. */
export function localToday(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

class MultiMap<K, V> {
  private readonly map = new Map<K, V[]>();
  /** Values keep this order, so that what rules see does not depend on the order files arrived in. */
  constructor(private readonly order: (a: V, b: V) => number) {}
  add(key: K, value: V): void {
    const list = this.map.get(key);
    if (!list) {
      this.map.set(key, [value]);
      return;
    }
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.order(list[mid], value) <= 0) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, value);
  }
  remove(key: K, value: V): void {
    const list = this.map.get(key);
    if (!list) return;
    const i = list.indexOf(value);
    if (i >= 0) list.splice(i, 1);
    if (!list.length) this.map.delete(key);
  }
  get(key: K): readonly V[] {
    return this.map.get(key) ?? [];
  }
  keys(): IterableIterator<K> {
    return this.map.keys();
  }
}

/** Documents in the order of their files' URIs, then of their place in the file. */
function byPlace(a: ParsedDocument, b: ParsedDocument): number {
  return a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.ordinal - b.ordinal;
}

/** What one document contributes to the workspace index. */
interface Facts {
  keys: Array<[MultiMap<string, ParsedDocument>, string]>;
  people: string[];
  deciders: string[];
}

/** The index learns from each document what its kind's spec says (`KindSpec.learn`). */
function factsOf(doc: ParsedDocument, maps: Workspace['maps'], links: Workspace['links']): Facts {
  const facts: Facts = { keys: [], people: [], deciders: [] };
  facts.keys.push([maps.byKind, doc.kind]);
  if (doc.id !== undefined) facts.keys.push([maps.byId, doc.id]);
  const spec = specOf(doc.kind);
  if (!doc.data || doc.syntax.length || !spec.learn) return facts;
  const learned = spec.learn(doc.data, { resolveData: (relative) => resolveDataPath(doc.uri, relative) });
  facts.people = learned.people ?? [];
  facts.deciders = learned.deciders ?? [];
  for (const [name, key] of learned.links ?? []) facts.keys.push([links[name], key]);
  return facts;
}

/**
 * The workspace index and the engine over it. Files are added, changed and removed one at a
 * time; each change re-parses only that file and updates the index in place.
 */
export class Workspace implements WorkspaceView {
  private readonly entries = new Map<string, Entry>();
  private readonly facts = new Map<ParsedDocument, Facts>();
  readonly maps = {
    byId: new MultiMap<string, ParsedDocument>(byPlace),
    byKind: new MultiMap<string, ParsedDocument>(byPlace),
  };
  /** Documents by the keys their kinds' specs link them under (`KindSpec.learn`). */
  readonly links: Record<LinkName, MultiMap<string, ParsedDocument>> = {
    'cycle-tests': new MultiMap<string, ParsedDocument>(byPlace),
    'cycle-after': new MultiMap<string, ParsedDocument>(byPlace),
    'reads-data': new MultiMap<string, ParsedDocument>(byPlace),
    'data-for-measure': new MultiMap<string, ParsedDocument>(byPlace),
  };
  /** Data files (CSV) by URI: inputs of the documents that name them. */
  private readonly dataFiles = new Map<string, DataFile>();
  private readonly people = new Map<string, number>();
  private readonly deciders = new Map<string, number>();
  private version = 0;
  private config: Config;
  /** Configurations of folders holding a `.improvekit.yaml`, by folder URI (with a trailing slash). */
  private readonly folderConfigs = new Map<string, Config>();
  private rules: readonly Rule[];
  private readonly clock: () => string;
  private readonly parseOptions: ParseOptions;
  /** How many times a file was parsed: lets tests see that an edit re-parses one file only. */
  parseCount = 0;
  /** Told of every file whose rules run (document or workspace scope): lets tests and the benchmark see what an edit re-checks. */
  private readonly onCheck: ((uri: string) => void) | undefined;

  constructor(options: WorkspaceOptions = {}) {
    this.config = options.config ?? EMPTY_CONFIG;
    this.rules = options.rules ?? ALL_RULES;
    this.clock = options.today ?? localToday;
    this.parseOptions = options.parse ?? {};
    this.onCheck = options.onCheck;
  }

  /** The configuration of files under no folder of `setFolderConfig`. */
  setConfig(config: Config): void {
    this.config = config;
    this.invalidate();
  }

  /**
   * The configuration of the files under a folder (its `.improvekit.yaml`), or none: nested
   * folders win over the folders holding them, and every folder over `setConfig`'s.
   */
  setFolderConfig(folderUri: string, config: Config | undefined): void {
    const key = folderKey(folderUri);
    if (config) this.folderConfigs.set(key, config);
    else if (!this.folderConfigs.delete(key)) return;
    this.invalidate();
  }

  /** Replaces every folder configuration at once. */
  setFolderConfigs(configs: ReadonlyMap<string, Config>): void {
    this.folderConfigs.clear();
    for (const [folder, config] of configs) this.folderConfigs.set(folderKey(folder), config);
    this.invalidate();
  }

  /** The configuration that applies to a file: its nearest folder's, else the workspace's. */
  getConfig(uri?: string): Config {
    if (uri === undefined || !this.folderConfigs.size) return this.config;
    let best: string | undefined;
    for (const folder of this.folderConfigs.keys()) if (uri.startsWith(folder) && (!best || folder.length > best.length)) best = folder;
    return best ? this.folderConfigs.get(best)! : this.config;
  }

  private invalidate(): void {
    for (const entry of this.entries.values()) {
      entry.local = undefined;
      entry.global = undefined;
    }
  }

  /** Adds or replaces a file; only this file is parsed. */
  setFile(uri: string, text: string): ParsedFile {
    const old = this.entries.get(uri);
    if (old && old.file.text === text) return old.file;
    this.parseCount++;
    return this.setParsedFile(parseFile(uri, text, this.parseOptions));
  }

  /**
   * Adds or replaces a file parsed elsewhere (another thread), with the diagnostics that depend
   * on it alone when they were computed there too (see `localDiagnostics`).
   */
  setParsedFile(file: ParsedFile, local?: Diagnostic[]): ParsedFile {
    const old = this.entries.get(file.uri);
    if (old) this.unindex(old.file);
    if (holdsRoster(old?.file) || holdsRoster(file)) this.rosterChanged();
    this.entries.set(file.uri, { file, local });
    this.index(file);
    this.version++;
    return file;
  }

  /**
   * Document-scope rules read the roster (who is a person, whom a fix may offer), and nothing
   * else of the workspace: when a roster changes, every file's local diagnostics are redone.
   */
  private rosterChanged(): void {
    for (const entry of this.entries.values()) entry.local = undefined;
  }

  /** Syntax, schema and document-scope diagnostics: what a file's text alone decides. */
  localDiagnostics(uri: string): Diagnostic[] {
    const entry = this.entries.get(uri);
    if (!entry) return [];
    if (!entry.local) entry.local = this.run(entry.file, 'document');
    return entry.local;
  }

  /**
   * Adds or replaces a data file (CSV). Only the documents that read it are checked again: their
   * results are dropped, and no other file's.
   */
  setDataFile(uri: string, text: string): DataFile {
    const old = this.dataFiles.get(uri);
    if (old && old.text === text) return old;
    const file = parseDataFile(uri, text);
    this.dataFiles.set(uri, file);
    this.dataChanged(uri);
    return file;
  }

  removeDataFile(uri: string): void {
    if (!this.dataFiles.delete(uri)) return;
    this.dataChanged(uri);
  }

  dataFile(uri: string): DataFile | undefined {
    return this.dataFiles.get(uri);
  }

  /** The data files held. */
  dataFileUris(): string[] {
    return [...this.dataFiles.keys()];
  }

  /** Every data file some document names, held or not (the CLI reads these; the editor watches them). */
  namedDataFiles(): string[] {
    return [...this.links['reads-data'].keys()];
  }

  /** The files whose documents read a data file. */
  readersOf(dataUri: string): string[] {
    return [...new Set(this.links['reads-data'].get(dataUri).map((doc) => doc.uri))];
  }

  private dataChanged(uri: string): void {
    for (const reader of this.readersOf(uri)) {
      const entry = this.entries.get(reader);
      if (!entry) continue;
      entry.local = undefined;
      entry.global = undefined;
    }
  }

  removeFile(uri: string): void {
    const old = this.entries.get(uri);
    if (!old) return;
    if (holdsRoster(old.file)) this.rosterChanged();
    this.unindex(old.file);
    this.entries.delete(uri);
    this.version++;
  }

  has(uri: string): boolean {
    return this.entries.has(uri);
  }

  file(uri: string): ParsedFile | undefined {
    return this.entries.get(uri)?.file;
  }

  uris(): string[] {
    return [...this.entries.keys()];
  }

  private index(file: ParsedFile): void {
    for (const doc of file.documents) {
      const facts = factsOf(doc, this.maps, this.links);
      this.facts.set(doc, facts);
      for (const [map, key] of facts.keys) map.add(key, doc);
      for (const p of facts.people) this.people.set(p, (this.people.get(p) ?? 0) + 1);
      for (const d of facts.deciders) this.deciders.set(d, (this.deciders.get(d) ?? 0) + 1);
    }
  }

  private unindex(file: ParsedFile): void {
    for (const doc of file.documents) {
      const facts = this.facts.get(doc);
      if (!facts) continue;
      this.facts.delete(doc);
      for (const [map, key] of facts.keys) map.remove(key, doc);
      const drop = (m: Map<string, number>, k: string) => {
        const n = (m.get(k) ?? 0) - 1;
        if (n > 0) m.set(k, n);
        else m.delete(k);
      };
      for (const p of facts.people) drop(this.people, p);
      for (const d of facts.deciders) drop(this.deciders, d);
    }
  }

  // ---- WorkspaceView ----

  *documents(kind?: Kind): Iterable<ParsedDocument> {
    if (kind) {
      yield* this.maps.byKind.get(kind);
      return;
    }
    // In the order of URIs, whatever the order files arrived in; sorted once per index version.
    if (this.allDocuments?.version !== this.version) {
      const docs = [...this.entries.values()].flatMap((entry) => entry.file.documents);
      this.allDocuments = { version: this.version, docs: docs.sort(byPlace) };
    }
    yield* this.allDocuments.docs;
  }

  private allDocuments?: { version: number; docs: ParsedDocument[] };

  byId(id: string): readonly ParsedDocument[] {
    return this.maps.byId.get(id);
  }

  hasRoster(): boolean {
    return this.maps.byKind.get('roster').length > 0;
  }

  isPerson(idOrName: string): boolean {
    return this.people.has(plainKey(idOrName));
  }

  /** The parties of the rosters and the deciders by party key, rebuilt once per index version. */
  private partyIndex?: { version: number; parties: Parties; deciders: Map<string, number> };
  private partiesNow(): { parties: Parties; deciders: Map<string, number> } {
    if (this.partyIndex?.version !== this.version) {
      const entries: RosterEntry[] = [];
      for (const doc of this.maps.byKind.get('roster')) {
        for (const listName of ['people', 'groups']) {
          for (const { item } of items(doc.data?.[listName])) {
            const id = text(item.id);
            if (id) entries.push({ id, name: text(item.name) });
          }
        }
      }
      const parties = new Parties(entries);
      const deciders = new Map<string, number>();
      // A decision counts for its decider when its `decide` names one party (by key).
      const known = (t: string) => parties.has(t);
      const key = (t: string) => parties.key(t);
      for (const [d, n] of this.deciders) {
        const named = partiesOf(d, known, key);
        if (named.length !== 1) continue;
        const k = key(named[0]);
        deciders.set(k, (deciders.get(k) ?? 0) + n);
      }
      this.partyIndex = { version: this.version, parties, deciders };
    }
    return this.partyIndex;
  }

  partyKey(text: string): string {
    return this.partiesNow().parties.key(text);
  }

  personIds(): string[] {
    const ids: string[] = [];
    for (const doc of this.maps.byKind.get('roster')) {
      for (const listName of ['people', 'groups']) {
        for (const { item } of items(doc.data?.[listName])) {
          const id = text(item.id);
          if (id) ids.push(id);
        }
      }
    }
    return ids;
  }

  cyclesTesting(changeIdeaKey: string): readonly ParsedDocument[] {
    const bare = `#${changeIdeaKey.split('#').pop()}`;
    const exact = this.links['cycle-tests'].get(changeIdeaKey);
    const loose = this.links['cycle-tests'].get(bare);
    return loose.length ? [...exact, ...loose] : exact;
  }

  cyclesAfter(cycleId: string): readonly ParsedDocument[] {
    return this.links['cycle-after'].get(cycleId);
  }

  dataFor(measureKey: string): readonly ParsedDocument[] {
    const bare = `#${measureKey.split('#').pop()}`;
    const exact = this.links['data-for-measure'].get(measureKey);
    const loose = bare === measureKey ? [] : this.links['data-for-measure'].get(bare);
    return loose.length ? [...exact, ...loose] : exact;
  }

  decisionsDecidedBy(party: string): number {
    const { parties, deciders } = this.partiesNow();
    return deciders.get(parties.key(party)) ?? 0;
  }

  resolveChangeIdea(ref: string): { doc: ParsedDocument; index: number; key: string } | undefined {
    const hash = ref.indexOf('#');
    const docId = hash >= 0 ? ref.slice(0, hash) : undefined;
    const itemId = hash >= 0 ? ref.slice(hash + 1) : ref;
    const candidates = docId !== undefined ? this.byId(docId) : this.maps.byKind.get('driver-diagram');
    for (const doc of candidates) {
      if (doc.kind !== 'driver-diagram' || !doc.data) continue;
      const item = itemIndex(doc.kind, doc.data, 'change_ideas').get(itemId);
      if (item && item.list === 'change_ideas') return { doc, index: Number(item.path[1]), key: `${doc.id}#${itemId}` };
    }
    return undefined;
  }

  // ---- diagnostics ----

  /**
   * Diagnostics of one file, sorted by position. A data file's are those the documents reading it
   * report on its rows.
   */
  diagnostics(uri: string): Diagnostic[] {
    if (!this.entries.has(uri)) {
      if (!this.dataFiles.has(uri) && !this.links['reads-data'].get(uri).length) return [];
      // Two measures reading one CSV find the same bad row: it is shown once.
      const seen = new Set<string>();
      const found = this.readersOf(uri).flatMap((reader) => this.ownAndForeign(reader).filter((d) => d.uri === uri));
      return sortDiagnostics(found.filter((d) => {
        const key = `${d.rule}\u0001${d.severity}\u0001${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}\u0001${d.message}`;
        return !seen.has(key) && (seen.add(key), true);
      }));
    }
    const own = this.ownAndForeign(uri).filter((d) => d.uri === uri);
    // Suppression comments (core/suppress.ts): here alone, so the editor and the CLI agree.
    const config = this.getConfig(uri);
    const known = [...this.rules.map((r) => r.id), ...ENGINE_RULES.map((r) => r.id)];
    const defaults = new Map(ENGINE_RULES.map((r) => [r.id, r.severity]));
    const severityOf = (id: string) => config.rules[id]?.severity ?? defaults.get(id) ?? 'warning';
    return sortDiagnostics(applySuppressions(uri, this.entries.get(uri)!.file.text, own, { knownRules: known, severityOf }));
  }

  /** Everything the documents of a file report, on the file itself and on the data files they read. */
  private ownAndForeign(uri: string): Diagnostic[] {
    const entry = this.entries.get(uri);
    if (!entry) return [];
    this.localDiagnostics(uri);
    if (!entry.global || entry.global.version !== this.version) {
      entry.global = { version: this.version, diagnostics: this.run(entry.file, 'workspace') };
    }
    return [...entry.local!, ...entry.global.diagnostics];
  }

  /** Diagnostics of every file and data file, by URI (files with none are included with an empty list). */
  allDiagnostics(): Map<string, Diagnostic[]> {
    const out = new Map<string, Diagnostic[]>();
    for (const uri of this.entries.keys()) out.set(uri, this.diagnostics(uri));
    for (const uri of new Set([...this.dataFiles.keys(), ...this.namedDataFiles()])) out.set(uri, this.diagnostics(uri));
    return out;
  }

  private run(file: ParsedFile, scope: 'document' | 'workspace'): Diagnostic[] {
    this.onCheck?.(file.uri);
    const out: Diagnostic[] = [];
    const config = this.getConfig(file.uri);
    const severityOf = (rule: { id: string; severity: Severity }): Severity | 'off' => config.rules[rule.id]?.severity ?? rule.severity;
    const today = config.today ?? this.clock();
    const jargon = config.jargon ?? DEFAULT_JARGON;
    if (scope === 'document') {
      const severity = severityOf({ id: 'yaml/syntax', severity: 'error' });
      const syntax = [...file.problems, ...file.documents.flatMap((d) => d.syntax)];
      if (severity !== 'off') {
        for (const p of syntax) {
          const d: Diagnostic = { uri: file.uri, range: file.lines.rangeOf(p.span), severity, rule: 'yaml/syntax', message: p.message };
          if (p.fixes?.length) d.fixes = p.fixes.map((f): Fix => ({ title: f.title, kind: f.kind, edits: f.edits.map((e): TextEdit => ({ range: file.lines.rangeOf(e.span), newText: e.text })) }));
          out.push(d);
        }
      }
    }
    for (const doc of file.documents) {
      if (scope === 'document' && !doc.syntax.length && !doc.data) {
        const severity = severityOf({ id: 'schema/invalid', severity: 'error' });
        if (severity !== 'off') out.push({ uri: file.uri, range: file.lines.rangeOf(doc.locate([], 'value')), severity, rule: 'schema/invalid', message: notAMapping(doc) });
      }
      if (doc.syntax.length || !doc.data) continue;
      for (const rule of this.rules) {
        if ((rule.scope ?? 'document') !== scope || !rule.kinds.includes(doc.kind)) continue;
        const severity = severityOf(rule);
        if (severity === 'off') continue;
        const settings = config.rules[rule.id]?.options;
        const ctx: RuleContext = {
          doc,
          data: doc.data,
          workspace: this,
          today,
          jargon,
          option: <T extends OptionValue>(name: string) => (settings?.[name] ?? rule.options?.[name]) as T,
          configured: (ruleId, name) => config.rules[ruleId]?.options?.[name],
          report: (report: Report) => out.push(this.toDiagnostic(file, doc, rule.id, severity, report)),
          insertEntry: (mapPath, key, valueText): EditSpec | undefined => {
            const ins = doc.insertion(mapPath, key, valueText);
            return ins && { span: ins.span, text: ins.text };
          },
          appendItems: (listPath, itemTexts) => appendItems(file.text, doc, listPath, itemTexts),
          source: (s) => file.text.slice(s.start, s.end),
          spc: config.spc ?? 'ihi',
          dataFile: (relative) => {
            const uri = resolveDataPath(doc.uri, relative);
            return uri === undefined ? undefined : { uri, file: this.dataFiles.get(uri) };
          },
        };
        try {
          rule.check(ctx);
        } catch (error) {
          // A rule bug must not hide the other diagnostics; it is reported where it happened.
          out.push({
            uri: file.uri,
            range: file.lines.rangeOf(doc.locate([], 'key')),
            severity: 'error',
            rule: rule.id,
            message: `Internal error in rule ${rule.id}: ${String((error as Error)?.message ?? error)}. Please report it.`,
          });
        }
      }
    }
    return out;
  }

  private spanOf(doc: ParsedDocument, spec: { at?: readonly (string | number)[]; target?: 'key' | 'value' | 'item'; span?: Span }): Span {
    return spec.span ?? doc.locate(spec.at ?? [], spec.target);
  }

  private toDiagnostic(file: ParsedFile, doc: ParsedDocument, rule: string, severity: Severity, report: Report): Diagnostic {
    const data = report.file !== undefined ? this.dataFiles.get(report.file) : undefined;
    const d: Diagnostic = {
      uri: report.file ?? file.uri,
      // On a data file's row (`measure/bad-row`): the span is one of that file's.
      range: report.file !== undefined ? (data?.lines ?? file.lines).rangeOf(report.span ?? { start: 0, end: 0 }) : file.lines.rangeOf(this.spanOf(doc, report)),
      severity,
      rule,
      message: report.message,
    };
    if (report.related?.length) {
      d.related = report.related.map((r) => {
        const other = this.entries.get(r.doc.uri)?.file ?? file;
        return { uri: r.doc.uri, range: other.lines.rangeOf(this.spanOf(r.doc, r)), message: r.message };
      });
    }
    if (report.fixes?.length) {
      d.fixes = report.fixes.map(
        (f): Fix => ({
          title: f.title,
          kind: f.kind,
          edits: f.edits.map((e): TextEdit => ({ range: file.lines.rangeOf(this.spanOf(doc, e)), newText: e.text })),
        }),
      );
    }
    return d;
  }
}

/**
 * An edit that appends items to the list at a path, written the way its items are: `- …` lines
 * under a block list, `, …` inside `[ … ]`. Undefined when the list is empty or laid out otherwise.
 */
function appendItems(text: string, doc: ParsedDocument, listPath: readonly (string | number)[], itemTexts: readonly string[]): EditSpec | undefined {
  let count = 0;
  while (doc.has([...listPath, count])) count++;
  if (!count || !itemTexts.length) return undefined;
  const last = doc.locate([...listPath, count - 1], 'value');
  let lineStart = last.start;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  const prefix = text.slice(lineStart, last.start);
  const at = { start: last.end, end: last.end };
  if (/^[ \t]*-[ \t]+$/.test(prefix)) {
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    return { span: at, text: itemTexts.map((t) => `${eol}${prefix}${t}`).join('') };
  }
  if (/^\s*[\],]/.test(text.slice(last.end)) && /[[,]\s*$/.test(prefix)) return { span: at, text: itemTexts.map((t) => `, ${t}`).join('') };
  return undefined;
}

function notAMapping(doc: ParsedDocument): string {
  const v = doc.value;
  const shape = v === null || v === undefined ? 'empty' : Array.isArray(v) ? 'a list' : `a single value (${JSON.stringify(v).slice(0, 40)})`;
  return `This ${doc.kind} is ${shape}, but a document must be a mapping: start it with \`kind: ${doc.kind}\` and \`id: …\` on their own lines.`;
}

function holdsRoster(file: ParsedFile | undefined): boolean {
  return !!file?.documents.some((doc) => doc.kind === 'roster');
}

export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return list.sort(
    (a, b) =>
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      a.rule.localeCompare(b.rule) ||
      a.message.localeCompare(b.message),
  );
}
