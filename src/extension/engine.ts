/**
 * The engine host: one core `Workspace` kept in step with the editor. Open documents feed it as
 * the user types (debounced per document); the other YAML and Markdown files of the workspace
 * are read once through `vscode.workspace.fs` (so the web build works too) and kept current by
 * a file watcher. Every `.improvekit.yaml` of the workspace folders (at their roots and below,
 * each applying to its folder) and the `improvekit.*` settings make its configuration.
 *
 * Data files (CSV) are inputs like documents (DESIGN §6): those the documents name are read when a
 * document first names them, kept current by their own watcher, and fed from an open editor as it
 * is typed in (any language: a CSV is known by its `.csv` path). Only files inside a workspace
 * folder are read from disk; a change re-checks, and re-publishes, only the documents reading it.
 */
import * as vscode from 'vscode';
import { Workspace } from '../core/workspace';
import { CONFIG_FILE, EMPTY_CONFIG } from '../core/config';
import { EXCLUDE_GLOB, folderConfigs, isInSkippedFolder, isUnder, loadConfigs, mergeRuleSettings, parentUri, SCAN_LIMITS, type WorkspaceFs } from '../core/resolve';
import { recognize } from '../core/recognize';
import { isDataFile } from '../core/data';
import type { ParsedFile } from '../core/parse';
import type { Diagnostic } from '../core/types';
import type { EngineHost } from './host';
import { Debouncer, engineUriFor, isDocumentLanguage, isUserScheme, mapLimited } from './logic';

export const FILE_GLOB = '**/*.{yaml,yml,md}';
const CONFIG_GLOB = `**/${CONFIG_FILE}`;
export const DATA_GLOB = '**/*.csv';

/** A `.improvekit.yaml` the engine applies, and its problems (shown on it like any diagnostics). */
export interface ConfigFile {
  uri: vscode.Uri;
  /** The folder it applies to, as a URI string. */
  folderUri: string;
  diagnostics: Diagnostic[];
}

export interface Settings {
  enable: boolean;
  run: 'onType' | 'onSave';
  debounce: number;
  maxFiles: number;
  rules: unknown;
  trace: 'off' | 'messages';
}

export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const c = vscode.workspace.getConfiguration('improvekit', scope);
  const run = c.get<string>('run', 'onType');
  const trace = c.get<string>('trace', 'off');
  return {
    enable: c.get<boolean>('enable', true) !== false,
    run: run === 'onSave' ? 'onSave' : 'onType',
    debounce: Math.max(0, Math.min(5000, Number(c.get<number>('debounce', 200)) || 0)),
    maxFiles: Math.max(0, Math.min(50_000, Number(c.get<number>('maxFiles', SCAN_LIMITS.maxFiles)) || 0)),
    rules: c.get<unknown>('rules', {}),
    trace: trace === 'messages' ? 'messages' : 'off',
  };
}

export class ExtensionEngineHost implements EngineHost, vscode.Disposable {
  readonly workspace = new Workspace();
  private readonly updated = new vscode.EventEmitter<readonly string[]>();
  private readonly configured = new vscode.EventEmitter<void>();
  readonly onDidUpdate = this.updated.event;
  readonly onDidChangeConfiguration = this.configured.event;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly typing = new Debouncer(200);
  /** Engine URI → editor URI, for documents whose engine name differs (untitled editors). */
  private readonly editorUris = new Map<string, vscode.Uri>();
  /** The configuration files applied (of every workspace folder, and nested ones), in URI order. */
  configs: readonly ConfigFile[] = [];
  private configGeneration = 0;
  settingsProblems: string[] = [];
  settings: Settings = readSettings();
  private scanning: Promise<void> | undefined;
  /** A rescan asked for during a scan: run once it ends (never dropped). */
  private queuedScan: Promise<void> | undefined;
  /** Per file, the generation of its newest read from disk: an older read finishing later is dropped. */
  private readonly reads = new Map<string, number>();
  private readonly decoder = new TextDecoder('utf-8');
  /** Data files read (or found unreadable) since they last changed on disk: not read again until they do. */
  private readonly dataTried = new Set<string>();

  constructor(readonly log: vscode.LogOutputChannel) {
    this.typing.setDelay(this.settings.debounce);
  }

  /** Starts listening and reads the workspace; resolves when the first scan is done. */
  start(): Promise<void> {
    const watcher = vscode.workspace.createFileSystemWatcher(FILE_GLOB);
    const configWatcher = vscode.workspace.createFileSystemWatcher(CONFIG_GLOB);
    const dataWatcher = vscode.workspace.createFileSystemWatcher(DATA_GLOB);
    this.disposables.push(
      this.updated,
      this.configured,
      watcher,
      configWatcher,
      dataWatcher,
      vscode.workspace.onDidOpenTextDocument((doc) => this.openDocument(doc)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.settings.run === 'onType' && e.contentChanges.length) this.scheduleDocument(e.document);
      }),
      vscode.workspace.onDidSaveTextDocument((doc) => {
        if (doc.uri.path.endsWith(`/${CONFIG_FILE}`)) void this.loadConfig();
        else if (this.acceptsData(doc)) this.syncData(doc);
        else this.syncDocument(doc);
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => void this.closeDocument(doc)),
      watcher.onDidCreate((uri) => void (!this.skipped(uri) && this.readFromDisk(uri))),
      watcher.onDidChange((uri) => void (!this.skipped(uri) && this.readFromDisk(uri))),
      watcher.onDidDelete((uri) => this.deleted(uri)),
      configWatcher.onDidCreate(() => void this.loadConfig()),
      configWatcher.onDidChange(() => void this.loadConfig()),
      configWatcher.onDidDelete(() => void this.loadConfig()),
      dataWatcher.onDidCreate((uri) => void this.dataChangedOnDisk(uri)),
      dataWatcher.onDidChange((uri) => void this.dataChangedOnDisk(uri)),
      dataWatcher.onDidDelete((uri) => this.dataDeleted(uri)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.rescan()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('improvekit')) void this.applySettings();
      }),
    );
    return this.rescan();
  }

  dispose(): void {
    this.typing.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  trace(message: string): void {
    if (this.settings.trace === 'messages') this.log.info(message);
  }

  // ---- URIs ----

  /** The engine's name for an editor document (see `engineUriFor`). */
  engineUri(doc: vscode.TextDocument): string {
    const uri = engineUriFor(doc.uri.toString(), doc.languageId);
    if (uri !== doc.uri.toString()) this.editorUris.set(uri, doc.uri);
    return uri;
  }

  /** The editor URI for an engine URI. */
  editorUri(engineUri: string): vscode.Uri {
    return this.editorUris.get(engineUri) ?? vscode.Uri.parse(engineUri, true);
  }

  /** A YAML or Markdown editor on one of the user's files (not a Git original or a diff side). */
  accepts(doc: vscode.TextDocument): boolean {
    const folderSchemes = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.scheme);
    return isDocumentLanguage(doc.languageId) && isUserScheme(doc.uri.scheme, folderSchemes) && !isDataFile(doc.uri.path);
  }

  private isOpen(engineUri: string): boolean {
    return vscode.workspace.textDocuments.some((d) => this.accepts(d) && this.engineUri(d) === engineUri);
  }

  /** An editor on a data file (CSV) of the user's, whatever its language (plain text, csv, a CSV extension's). */
  acceptsData(doc: vscode.TextDocument): boolean {
    const folderSchemes = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.scheme);
    return isDataFile(doc.uri.path) && doc.uri.scheme !== 'untitled' && isUserScheme(doc.uri.scheme, folderSchemes);
  }

  // ---- documents ----

  private openDocument(doc: vscode.TextDocument): void {
    if (this.acceptsData(doc)) this.syncData(doc);
    else if (this.accepts(doc)) this.syncDocument(doc);
  }

  private scheduleDocument(doc: vscode.TextDocument): void {
    if (this.acceptsData(doc)) {
      this.typing.schedule(doc.uri.toString(), () => this.syncData(doc));
      return;
    }
    if (!this.accepts(doc)) return;
    this.typing.schedule(doc.uri.toString(), () => this.syncDocument(doc));
  }

  /**
   * Gives the engine the editor's text of a document now (cancelling a pending debounce), so
   * that features asked for at a position see the text the position is in. Returns its engine URI.
   */
  syncDocument(doc: vscode.TextDocument): string {
    const uri = this.engineUri(doc);
    this.typing.cancel(doc.uri.toString());
    if (doc.isClosed || !this.accepts(doc)) return uri;
    const text = doc.getText();
    const before = this.workspace.file(uri);
    if (before?.text === text) return uri;
    // An open YAML/Markdown editor is always held, so the status bar can say why it is not recognised.
    this.workspace.setFile(uri, text);
    this.trace(`parsed ${uri} (${text.length} characters)`);
    this.updated.fire([uri]);
    void this.loadNamedData();
    return uri;
  }

  private async closeDocument(doc: vscode.TextDocument): Promise<void> {
    if (this.acceptsData(doc)) {
      this.typing.cancel(doc.uri.toString());
      const key = this.dataKey(doc.uri);
      if (!key) return;
      // The file on disk counts again (an unsaved edit is gone with the editor).
      this.dataTried.delete(key);
      if (!(await this.readData(key))) this.setData(key, undefined);
      return;
    }
    if (!this.accepts(doc)) return;
    this.typing.cancel(doc.uri.toString());
    const uri = this.engineUri(doc);
    this.editorUris.delete(uri);
    if (doc.uri.scheme === 'untitled' || !this.inWorkspace(doc.uri)) {
      this.drop(uri);
      return;
    }
    // The file on disk is what counts again: it may differ from the editor's unsaved text.
    await this.readFromDisk(doc.uri);
  }

  private inWorkspace(uri: vscode.Uri): boolean {
    return vscode.workspace.getWorkspaceFolder(uri) !== undefined;
  }

  /** Whether a workspace file lies in a folder never read (core's skip list: node_modules, dot-folders…). */
  private skipped(uri: vscode.Uri): boolean {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return false;
    const base = folder.uri.path.endsWith('/') ? folder.uri.path : `${folder.uri.path}/`;
    return uri.path.startsWith(base) && isInSkippedFolder(uri.path.slice(base.length));
  }

  /** The configuration file of an engine URI, if it is one the engine applies. */
  configFile(engineUri: string): ConfigFile | undefined {
    return this.configs.find((c) => c.uri.toString() === engineUri);
  }

  private drop(uri: string): void {
    if (!this.workspace.has(uri)) return;
    this.workspace.removeFile(uri);
    this.updated.fire([uri]);
  }

  private deleted(uri: vscode.Uri): void {
    const key = uri.toString();
    if (this.workspace.has(key)) {
      if (!this.isOpen(key)) this.drop(key);
      return;
    }
    // A folder deleted: the watcher may report the folder alone, not each file in it.
    const gone = this.workspace.uris().filter((u) => isUnder(u, key) && !this.isOpen(u));
    for (const u of gone) this.workspace.removeFile(u);
    const data = this.workspace.dataFileUris().filter((u) => isUnder(u, key) && !this.openData(u));
    const changed = [...gone];
    for (const u of data) {
      this.dataTried.delete(u);
      this.setData(u, undefined, changed);
    }
    if (changed.length) this.updated.fire([...new Set(changed)]);
  }

  /** Reads a file through `vscode.workspace.fs`; undefined when it is too large, binary or gone. */
  private async readText(uri: vscode.Uri, data = false): Promise<string | undefined> {
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.type & vscode.FileType.Directory) return undefined;
      // Only a regular file is read: a pipe or a device (FileType.Unknown) could block or never end.
      if (!(stat.type & vscode.FileType.File)) {
        this.trace(`skipped ${uri.toString()}: not a regular file`);
        return undefined;
      }
      // A data file is read only as a regular file of the workspace: not a pipe or device (reading
      // could block), nor a link, which may lead out of the workspace folder.
      if (data && (!(stat.type & vscode.FileType.File) || stat.type & vscode.FileType.SymbolicLink)) {
        this.trace(`skipped ${uri.toString()}: a data file is read only as a regular file, not a link`);
        return undefined;
      }
      if (stat.size > SCAN_LIMITS.maxBytes) {
        this.trace(`skipped ${uri.toString()}: ${stat.size} bytes is over the ${SCAN_LIMITS.maxBytes}-byte limit`);
        return undefined;
      }
      return this.decoder.decode(await vscode.workspace.fs.readFile(uri));
    } catch (error) {
      this.trace(`could not read ${uri.toString()}: ${String((error as Error)?.message ?? error)}`);
      return undefined;
    }
  }

  /** Brings one workspace file into the engine from disk (not when an editor holds it). */
  private async readFromDisk(uri: vscode.Uri, fire = true, bounded = true): Promise<string | undefined> {
    const key = uri.toString();
    if (this.isOpen(key)) return undefined;
    // `maxFiles` bounds the index: a file the watcher finds beyond it is not added (a scan bounds its own search).
    const full = () => bounded && !this.workspace.has(key) && this.workspace.uris().length >= this.settings.maxFiles;
    if (full()) {
      this.trace(`skipped ${key}: the engine holds ${this.workspace.uris().length} files, the improvekit.maxFiles limit`);
      return undefined;
    }
    const generation = (this.reads.get(key) ?? 0) + 1;
    this.reads.set(key, generation);
    const text = await this.readText(uri);
    // A newer read of the file started meanwhile (or an editor opened it): that one has the newer text.
    if (this.reads.get(key) !== generation || this.isOpen(key)) return undefined;
    this.reads.delete(key);
    if (text !== undefined && full()) {
      this.trace(`skipped ${key}: the engine holds ${this.workspace.uris().length} files, the improvekit.maxFiles limit`);
      return undefined;
    }
    if (text === undefined || !recognize(key, text).segments.length) {
      if (this.workspace.has(key) && !this.isOpen(key)) {
        this.workspace.removeFile(key);
        if (fire) this.updated.fire([key]);
        return key;
      }
      return undefined;
    }
    if (this.workspace.file(key)?.text === text) return undefined;
    this.workspace.setFile(key, text);
    if (fire) {
      this.updated.fire([key]);
      void this.loadNamedData();
    }
    return key;
  }

  // ---- data files ----

  /**
   * The engine's URI of a data file the documents name (or the workspace holds), for an editor or
   * watcher URI: documents name data files by paths that may be encoded otherwise than the editor's.
   */
  private dataKey(uri: vscode.Uri): string | undefined {
    const wanted = uri.toString();
    const held = [...this.workspace.namedDataFiles(), ...this.workspace.dataFileUris(), ...this.dataTried];
    if (held.includes(wanted)) return wanted;
    return held.find((key) => this.sameUri(key, wanted));
  }

  private sameUri(engineUri: string, editorUri: string): boolean {
    try {
      return vscode.Uri.parse(engineUri, true).toString() === editorUri;
    } catch {
      return false;
    }
  }

  /** The open editor on a data file, if any. */
  private openData(key: string): vscode.TextDocument | undefined {
    return vscode.workspace.textDocuments.find((d) => this.acceptsData(d) && (d.uri.toString() === key || this.sameUri(key, d.uri.toString())));
  }

  /**
   * Sets (or, with no text, removes) a data file and tells who shows it: the file itself and exactly
   * the documents that read it (or adds them to `changed`, to be told at once). Returns whether anything changed.
   */
  private setData(key: string, text: string | undefined, changed?: string[]): boolean {
    if (text === undefined) {
      if (!this.workspace.dataFile(key)) return false;
      this.workspace.removeDataFile(key);
      this.trace(`data file ${key} is gone`);
    } else {
      if (this.workspace.dataFile(key)?.text === text) return false;
      this.workspace.setDataFile(key, text);
      this.trace(`read data file ${key} (${text.length} characters)`);
    }
    const uris = [key, ...this.workspace.readersOf(key)];
    if (changed) changed.push(...uris);
    else this.updated.fire(uris);
    return true;
  }

  /**
   * An open CSV editor's text, now (cancelling a pending debounce), when a document names the file
   * or the engine holds it: a CSV no document reads is left alone until one does.
   */
  syncData(doc: vscode.TextDocument): string | undefined {
    this.typing.cancel(doc.uri.toString());
    if (doc.isClosed || !this.acceptsData(doc)) return undefined;
    const key = this.dataKey(doc.uri);
    if (key === undefined || (!this.workspace.readersOf(key).length && !this.workspace.dataFile(key))) return undefined;
    this.dataTried.add(key);
    this.setData(key, doc.getText());
    return key;
  }

  /**
   * Reads a data file from disk into the engine, unless an editor holds it (its text is taken) or
   * it lies outside every workspace folder. Whether the engine now holds it as it stands.
   */
  private async readData(key: string, changed?: string[]): Promise<boolean> {
    const open = this.openData(key);
    if (open) {
      this.typing.cancel(open.uri.toString());
      this.dataTried.add(key);
      this.setData(key, open.getText(), changed);
      return true;
    }
    let uri: vscode.Uri;
    try {
      uri = vscode.Uri.parse(key, true);
    } catch {
      return false;
    }
    this.dataTried.add(key);
    if (!this.inWorkspace(uri)) return false;
    const text = await this.readText(uri, true);
    if (text === undefined) return false;
    // An editor opened meanwhile has the newer text.
    if (this.openData(key)) return true;
    this.setData(key, text, changed);
    return true;
  }

  /** Reads the data files the documents name that were never read: when a document starts naming one. */
  async loadNamedData(): Promise<void> {
    const fresh = this.workspace.namedDataFiles().filter((key) => !this.dataTried.has(key));
    if (!fresh.length) return;
    for (const key of fresh) this.dataTried.add(key);
    await mapLimited(fresh, 8, (key) => this.readData(key));
  }

  /** Reads every data file named or held again (a scan); those gone are dropped. Adds what changed to `changed`. */
  private async reloadData(changed: string[]): Promise<void> {
    this.dataTried.clear();
    const keys = [...new Set([...this.workspace.namedDataFiles(), ...this.workspace.dataFileUris()])];
    await mapLimited(keys, 8, async (key) => {
      if (!(await this.readData(key, changed))) this.setData(key, undefined, changed);
    });
  }

  private async dataChangedOnDisk(uri: vscode.Uri): Promise<void> {
    if (this.openData(uri.toString())) return;
    const key = this.dataKey(uri);
    if (!key) return;
    this.dataTried.delete(key);
    // Only what a document names is read; a file no document names yet is read when one does.
    if (!this.workspace.namedDataFiles().includes(key)) {
      if (this.workspace.dataFile(key)) this.setData(key, undefined);
      return;
    }
    if (!(await this.readData(key))) this.setData(key, undefined);
  }

  private dataDeleted(uri: vscode.Uri): void {
    if (this.openData(uri.toString())) return;
    const key = this.dataKey(uri);
    if (!key) {
      this.deleted(uri);
      return;
    }
    this.dataTried.delete(key);
    this.setData(key, undefined);
  }

  async ensureFile(uri: vscode.Uri): Promise<ParsedFile | undefined> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open && this.accepts(open)) return this.workspace.file(this.syncDocument(open));
    const key = uri.toString();
    if (this.workspace.has(key)) return this.workspace.file(key);
    const text = await this.readText(uri);
    if (text === undefined) return undefined;
    const file = this.workspace.setFile(key, text);
    this.updated.fire([key]);
    void this.loadNamedData();
    return file;
  }

  // ---- the whole workspace ----

  /** Re-reads the configuration, every workspace file and every open document. */
  rescan(): Promise<void> {
    if (!this.scanning) {
      this.scanning = this.scan().finally(() => {
        this.scanning = undefined;
      });
      return this.scanning;
    }
    // Asked for during a scan (a folder added, maxFiles changed): that scan may have read too early, so one more runs after it.
    if (!this.queuedScan) {
      const next = () => {
        this.queuedScan = undefined;
        return this.rescan();
      };
      this.queuedScan = this.scanning.then(next, next);
    }
    return this.queuedScan;
  }

  private async scan(): Promise<void> {
    this.settings = readSettings();
    this.typing.setDelay(this.settings.debounce);
    await this.loadConfig(false);
    const found = vscode.workspace.workspaceFolders?.length ? (await vscode.workspace.findFiles(FILE_GLOB, EXCLUDE_GLOB, this.settings.maxFiles)).filter((uri) => !this.skipped(uri)) : [];
    const seen = new Set<string>(found.map((u) => u.toString()));
    const changed: string[] = [];
    await mapLimited(found, 16, async (uri) => {
      const key = await this.readFromDisk(uri, false, false);
      if (key) changed.push(key);
    });
    for (const doc of vscode.workspace.textDocuments) {
      if (!this.accepts(doc)) continue;
      const key = this.syncDocument(doc);
      seen.add(key);
    }
    // Files that vanished while nothing was watching (or beyond a lowered maxFiles).
    for (const uri of this.workspace.uris()) {
      if (!seen.has(uri) && !this.isOpen(uri)) {
        this.workspace.removeFile(uri);
        changed.push(uri);
      }
    }
    // The data files the documents name, before anything is shown: readers do not flash `data-unreadable`.
    await this.reloadData(changed);
    this.trace(`read ${found.length} workspace files and ${this.workspace.dataFileUris().length} data files; the engine holds ${this.workspace.uris().length} files`);
    this.updated.fire([...new Set(changed)]);
  }

  /** Configuration files read through the editor: an open editor's text first, else the file on disk. */
  private configFs(known: ReadonlyMap<string, vscode.Uri>): WorkspaceFs {
    const uriOf = (uri: string) => known.get(uri) ?? vscode.Uri.parse(uri, true);
    return {
      readText: async (uri) => {
        const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
        return open ? open.getText() : this.readText(uriOf(uri));
      },
      exists: async (uri) => {
        try {
          await vscode.workspace.fs.stat(uriOf(uri));
          return true;
        } catch {
          return false;
        }
      },
    };
  }

  /**
   * Finds, reads and applies every `.improvekit.yaml`: at the root of each workspace folder and in
   * folders below (each applies to its folder, the nearest winning), with `improvekit.rules` over
   * each, and over the defaults for files under none.
   */
  async loadConfig(fire = true): Promise<void> {
    const generation = ++this.configGeneration;
    const folders = vscode.workspace.workspaceFolders ?? [];
    const known = new Map<string, vscode.Uri>();
    const candidates = new Set<string>();
    const add = (configUri: vscode.Uri) => {
      const key = configUri.toString();
      const folder = parentUri(key);
      if (folder === undefined) return;
      known.set(key, configUri);
      candidates.add(folder);
    };
    for (const folder of folders) add(vscode.Uri.joinPath(folder.uri, CONFIG_FILE));
    if (folders.length) {
      try {
        for (const uri of await vscode.workspace.findFiles(CONFIG_GLOB, EXCLUDE_GLOB)) if (this.inWorkspace(uri) && !this.skipped(uri)) add(uri);
      } catch (error) {
        this.trace(`could not search for ${CONFIG_FILE}: ${String((error as Error)?.message ?? error)}`);
      }
    }
    const loaded = await loadConfigs(candidates, this.configFs(known));
    // A later load (another file saved meanwhile) has the newer view.
    if (generation !== this.configGeneration) return;
    this.configs = loaded.map((l) => ({ uri: known.get(l.uri) ?? vscode.Uri.parse(l.uri, true), folderUri: l.folderUri, diagnostics: l.diagnostics }));
    this.settings = readSettings();
    this.typing.setDelay(this.settings.debounce);
    const rules = this.settings.rules;
    const { config: defaults, problems } = mergeRuleSettings(EMPTY_CONFIG, rules);
    this.settingsProblems = problems;
    for (const p of problems) this.log.warn(p);
    this.workspace.setConfig(defaults);
    this.workspace.setFolderConfigs(folderConfigs(loaded, (config) => mergeRuleSettings(config, rules).config));
    this.trace(`configuration: ${loaded.length ? loaded.map((l) => l.uri).join(', ') : 'defaults (no .improvekit.yaml)'}; ${Object.keys(defaults.rules).length} rule settings`);
    if (fire) {
      this.configured.fire();
      this.updated.fire(this.workspace.uris());
    }
  }

  private async applySettings(): Promise<void> {
    const before = this.settings;
    await this.loadConfig(false);
    if (this.settings.maxFiles !== before.maxFiles) await this.rescan();
    this.configured.fire();
    this.updated.fire(this.workspace.uris());
  }

  /** Whether an engine URI is a data file the engine holds or a document names (its diagnostics are its readers'). */
  isData(engineUri: string): boolean {
    return !this.workspace.has(engineUri) && isDataFile(engineUri) && (this.workspace.dataFile(engineUri) !== undefined || this.workspace.readersOf(engineUri).length > 0);
  }

  /** The data files to show diagnostics on: those held and those named. */
  dataUris(): string[] {
    return [...new Set([...this.workspace.dataFileUris(), ...this.workspace.namedDataFiles()])];
  }

  /** How many Improvekit documents the engine holds. */
  documentCount(): number {
    let n = 0;
    for (const uri of this.workspace.uris()) n += this.workspace.file(uri)?.documents.length ?? 0;
    return n;
  }
}
