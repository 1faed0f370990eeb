/**
 * The engine host: one core `Workspace` kept in step with the editor. Open documents feed it as
 * the user types (debounced per document); the other YAML and Markdown files of the workspace
 * are read once through `vscode.workspace.fs` (so the web build works too) and kept current by
 * a file watcher. `.improvekit.yaml` and the `improvekit.*` settings make its configuration.
 */
import * as vscode from 'vscode';
import { Workspace } from '../core/workspace';
import { parseConfig, CONFIG_FILE, EMPTY_CONFIG, type Config } from '../core/config';
import { recognize } from '../core/recognize';
import type { ParsedFile } from '../core/parse';
import type { Diagnostic } from '../core/types';
import type { EngineHost } from './host';
import { applyRuleSettings, Debouncer, engineUriFor, isDocumentLanguage, isUserScheme, mapLimited, SCAN_LIMITS } from './logic';

export const FILE_GLOB = '**/*.{yaml,yml,md}';
const EXCLUDE_GLOB = '**/{node_modules,.git}/**';

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
  /** The configuration file and its problems, shown like any other diagnostics. */
  configUri: vscode.Uri | undefined;
  configDiagnostics: Diagnostic[] = [];
  settingsProblems: string[] = [];
  settings: Settings = readSettings();
  private scanning: Promise<void> | undefined;
  private readonly decoder = new TextDecoder('utf-8');

  constructor(readonly log: vscode.LogOutputChannel) {
    this.typing.setDelay(this.settings.debounce);
  }

  /** Starts listening and reads the workspace; resolves when the first scan is done. */
  start(): Promise<void> {
    const watcher = vscode.workspace.createFileSystemWatcher(FILE_GLOB);
    const configWatcher = vscode.workspace.createFileSystemWatcher(`**/${CONFIG_FILE}`);
    this.disposables.push(
      this.updated,
      this.configured,
      watcher,
      configWatcher,
      vscode.workspace.onDidOpenTextDocument((doc) => this.openDocument(doc)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.settings.run === 'onType' && e.contentChanges.length) this.scheduleDocument(e.document);
      }),
      vscode.workspace.onDidSaveTextDocument((doc) => {
        if (doc.uri.path.endsWith(`/${CONFIG_FILE}`)) void this.loadConfig();
        else this.syncDocument(doc);
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => void this.closeDocument(doc)),
      watcher.onDidCreate((uri) => void this.readFromDisk(uri)),
      watcher.onDidChange((uri) => void this.readFromDisk(uri)),
      watcher.onDidDelete((uri) => this.deleted(uri)),
      configWatcher.onDidCreate(() => void this.loadConfig()),
      configWatcher.onDidChange(() => void this.loadConfig()),
      configWatcher.onDidDelete(() => void this.loadConfig()),
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
    return isDocumentLanguage(doc.languageId) && isUserScheme(doc.uri.scheme, folderSchemes);
  }

  private isOpen(engineUri: string): boolean {
    return vscode.workspace.textDocuments.some((d) => this.accepts(d) && this.engineUri(d) === engineUri);
  }

  // ---- documents ----

  private openDocument(doc: vscode.TextDocument): void {
    if (!this.accepts(doc)) return;
    this.syncDocument(doc);
  }

  private scheduleDocument(doc: vscode.TextDocument): void {
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
    return uri;
  }

  private async closeDocument(doc: vscode.TextDocument): Promise<void> {
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

  private drop(uri: string): void {
    if (!this.workspace.has(uri)) return;
    this.workspace.removeFile(uri);
    this.updated.fire([uri]);
  }

  private deleted(uri: vscode.Uri): void {
    const key = uri.toString();
    if (this.isOpen(key)) return;
    this.drop(key);
  }

  /** Reads a file through `vscode.workspace.fs`; undefined when it is too large, binary or gone. */
  private async readText(uri: vscode.Uri): Promise<string | undefined> {
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.type & vscode.FileType.Directory) return undefined;
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
  private async readFromDisk(uri: vscode.Uri, fire = true): Promise<string | undefined> {
    const key = uri.toString();
    if (this.isOpen(key)) return undefined;
    const text = await this.readText(uri);
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
    if (fire) this.updated.fire([key]);
    return key;
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
    return file;
  }

  // ---- the whole workspace ----

  /** Re-reads the configuration, every workspace file and every open document. */
  rescan(): Promise<void> {
    if (!this.scanning) {
      this.scanning = this.scan().finally(() => {
        this.scanning = undefined;
      });
    }
    return this.scanning;
  }

  private async scan(): Promise<void> {
    this.settings = readSettings();
    this.typing.setDelay(this.settings.debounce);
    await this.loadConfig(false);
    const found = vscode.workspace.workspaceFolders?.length ? await vscode.workspace.findFiles(FILE_GLOB, EXCLUDE_GLOB, this.settings.maxFiles) : [];
    const seen = new Set<string>(found.map((u) => u.toString()));
    const changed: string[] = [];
    await mapLimited(found, 16, async (uri) => {
      const key = await this.readFromDisk(uri, false);
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
    this.trace(`read ${found.length} workspace files; the engine holds ${this.workspace.uris().length}`);
    this.updated.fire(changed);
  }

  /** Finds, reads and applies `.improvekit.yaml` (the first workspace folder that has one). */
  async loadConfig(fire = true): Promise<void> {
    let config: Config = EMPTY_CONFIG;
    this.configUri = undefined;
    this.configDiagnostics = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const uri = vscode.Uri.joinPath(folder.uri, CONFIG_FILE);
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      const text = open ? open.getText() : await this.readText(uri);
      if (text === undefined) continue;
      const parsed = parseConfig(text, uri.toString());
      config = parsed.config;
      this.configUri = uri;
      this.configDiagnostics = parsed.diagnostics;
      break;
    }
    this.settings = readSettings();
    this.typing.setDelay(this.settings.debounce);
    const { config: merged, problems } = applyRuleSettings(config, this.settings.rules);
    this.settingsProblems = problems;
    for (const p of problems) this.log.warn(p);
    this.workspace.setConfig(merged);
    this.trace(`configuration: ${this.configUri ? this.configUri.toString() : 'defaults (no .improvekit.yaml)'}; ${Object.keys(merged.rules).length} rule settings`);
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

  /** How many Improvekit documents the engine holds. */
  documentCount(): number {
    let n = 0;
    for (const uri of this.workspace.uris()) n += this.workspace.file(uri)?.documents.length ?? 0;
    return n;
  }
}
