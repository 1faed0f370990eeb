/**
 * A small stand-in for the `vscode` module, enough to run the extension's adapter in plain Node:
 * documents, a workspace folder on disk, settings, diagnostics, providers and commands. The real
 * editor is driven by the integration suite; this lets the adapter's wiring be tested in seconds.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

type Listener<T> = (value: T) => unknown;

export class Disposable {
  constructor(private readonly fn: () => void = () => undefined) {}
  static from(...items: Array<{ dispose(): unknown }>): Disposable {
    return new Disposable(() => items.forEach((i) => i.dispose()));
  }
  dispose(): void {
    this.fn();
  }
}

export class EventEmitter<T> {
  private listeners: Array<Listener<T>> = [];
  readonly event = (listener: Listener<T>): Disposable => {
    this.listeners.push(listener);
    return new Disposable(() => (this.listeners = this.listeners.filter((l) => l !== listener)));
  };
  fire(value: T): void {
    for (const l of [...this.listeners]) l(value);
  }
  dispose(): void {
    this.listeners = [];
  }
}

export class Uri {
  private constructor(
    readonly scheme: string,
    readonly authority: string,
    readonly path: string,
    readonly fragment = '',
  ) {}
  static file(p: string): Uri {
    return new Uri('file', '', p);
  }
  static parse(value: string): Uri {
    const m = /^([a-z][a-z0-9+.-]*):(\/\/([^/]*))?([^#]*)(#(.*))?$/i.exec(value);
    if (!m) throw new Error(`not a URI: ${value}`);
    return new Uri(m[1], m[3] ?? '', decodeURIComponent(m[4]), m[6] ? decodeURIComponent(m[6]) : '');
  }
  static joinPath(base: Uri, ...parts: string[]): Uri {
    return new Uri(base.scheme, base.authority, path.posix.join(base.path, ...parts));
  }
  with(change: { scheme?: string; authority?: string; path?: string; fragment?: string }): Uri {
    return new Uri(change.scheme ?? this.scheme, change.authority ?? this.authority, change.path ?? this.path, change.fragment ?? this.fragment);
  }
  get fsPath(): string {
    return this.path;
  }
  toString(): string {
    const p = this.path.split('/').map(encodeURIComponent).join('/');
    const fragment = this.fragment ? `#${encodeURIComponent(this.fragment)}` : '';
    return this.scheme === 'untitled' ? `untitled:${p}` : `${this.scheme}://${this.authority}${p}${fragment}`;
  }
}

export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
  translate(lines: number, chars: number): Position {
    return new Position(this.line + lines, this.character + chars);
  }
  isBefore(o: Position): boolean {
    return this.line < o.line || (this.line === o.line && this.character < o.character);
  }
}

export class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(a: number | Position, b: number | Position, c?: number, d?: number) {
    this.start = typeof a === 'number' ? new Position(a, b as number) : a;
    this.end = typeof a === 'number' ? new Position(c!, d!) : (b as Position);
  }
  contains(o: Range | Position): boolean {
    const r = o instanceof Range ? o : new Range(o, o);
    return !r.start.isBefore(this.start) && !this.end.isBefore(r.end);
  }
}

export enum DiagnosticSeverity {
  Error = 0,
  Warning = 1,
  Information = 2,
  Hint = 3,
}

export class Location {
  constructor(
    readonly uri: Uri,
    readonly range: Range,
  ) {}
}

export class DiagnosticRelatedInformation {
  constructor(
    readonly location: Location,
    readonly message: string,
  ) {}
}

export class Diagnostic {
  source?: string;
  code?: string | number | { value: string | number; target: Uri };
  relatedInformation?: DiagnosticRelatedInformation[];
  constructor(
    readonly range: Range,
    readonly message: string,
    readonly severity: DiagnosticSeverity = DiagnosticSeverity.Error,
  ) {}
}

export class CodeActionKind {
  static readonly Empty = new CodeActionKind('');
  static readonly QuickFix = new CodeActionKind('quickfix');
  static readonly Source = new CodeActionKind('source');
  static readonly SourceFixAll = new CodeActionKind('source.fixAll');
  constructor(readonly value: string) {}
  append(part: string): CodeActionKind {
    return new CodeActionKind(this.value ? `${this.value}.${part}` : part);
  }
  contains(other: CodeActionKind): boolean {
    return this.value === other.value || other.value.startsWith(`${this.value}.`);
  }
}

export class TextEdit {
  constructor(
    readonly range: Range,
    readonly newText: string,
  ) {}
}

export class WorkspaceEdit {
  private readonly edits = new Map<string, { uri: Uri; edits: TextEdit[] }>();
  replace(uri: Uri, range: Range, newText: string): void {
    const key = uri.toString();
    if (!this.edits.has(key)) this.edits.set(key, { uri, edits: [] });
    this.edits.get(key)!.edits.push(new TextEdit(range, newText));
  }
  insert(uri: Uri, at: Position, newText: string): void {
    this.replace(uri, new Range(at, at), newText);
  }
  get(uri: Uri): TextEdit[] {
    return this.edits.get(uri.toString())?.edits ?? [];
  }
  entries(): Array<[Uri, TextEdit[]]> {
    return [...this.edits.values()].map((e) => [e.uri, e.edits]);
  }
  get size(): number {
    return this.edits.size;
  }
}

export class CodeAction {
  diagnostics?: Diagnostic[];
  isPreferred?: boolean;
  edit?: WorkspaceEdit;
  constructor(
    readonly title: string,
    readonly kind?: CodeActionKind,
  ) {}
}

export class MarkdownString {
  constructor(public value = '') {}
  appendText(text: string): this {
    this.value += text.replace(/[\\`*_{}[\]()#+\-.!<>]/g, '\\$&');
    return this;
  }
  appendMarkdown(text: string): this {
    this.value += text;
    return this;
  }
}

export class Hover {
  readonly contents: MarkdownString[];
  constructor(
    contents: MarkdownString | MarkdownString[],
    readonly range?: Range,
  ) {
    this.contents = Array.isArray(contents) ? contents : [contents];
  }
}

export class CompletionItem {
  detail?: string;
  documentation?: MarkdownString;
  range?: Range;
  insertText?: string;
  sortText?: string;
  constructor(
    readonly label: string,
    readonly kind?: number,
  ) {}
}

export class DocumentSymbol {
  children: DocumentSymbol[] = [];
  constructor(
    readonly name: string,
    readonly detail: string,
    readonly kind: number,
    readonly range: Range,
    readonly selectionRange: Range,
  ) {}
}

export class CodeLens {
  constructor(
    readonly range: Range,
    readonly command?: { title: string; command: string; tooltip?: string },
  ) {}
}

const kinds = (names: string[]) => Object.fromEntries(names.map((n, i) => [n, i]));
export const CompletionItemKind = kinds(['Text', 'Method', 'Function', 'Constructor', 'Field', 'Variable', 'Class', 'Interface', 'Module', 'Property', 'Unit', 'Value', 'Enum', 'Keyword', 'Snippet', 'Color', 'File', 'Reference', 'Folder', 'EnumMember', 'Constant', 'Struct', 'Event', 'Operator', 'TypeParameter', 'User', 'Issue']);
export const SymbolKind = kinds(['File', 'Module', 'Namespace', 'Package', 'Class', 'Method', 'Property', 'Field', 'Constructor', 'Enum', 'Interface', 'Function', 'Variable', 'Constant', 'String', 'Number', 'Boolean', 'Array', 'Object', 'Key', 'Null', 'EnumMember', 'Struct', 'Event', 'Operator', 'TypeParameter']);
export enum StatusBarAlignment {
  Left = 1,
  Right = 2,
}
export enum FileType {
  Unknown = 0,
  File = 1,
  Directory = 2,
  SymbolicLink = 64,
}
export enum ProgressLocation {
  SourceControl = 1,
  Window = 10,
  Notification = 15,
}
export enum ConfigurationTarget {
  Global = 1,
  Workspace = 2,
}

// ---- documents ----

export class TextDocument {
  isClosed = false;
  isDirty = false;
  version = 1;
  constructor(
    readonly uri: Uri,
    readonly languageId: string,
    private text: string,
  ) {}
  get isUntitled(): boolean {
    return this.uri.scheme === 'untitled';
  }
  getText(range?: Range): string {
    if (!range) return this.text;
    return this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end));
  }
  setText(text: string): void {
    this.text = text;
    this.version++;
  }
  lineAt(line: number): { text: string; range: Range } {
    const text = this.text.split('\n')[line] ?? '';
    return { text, range: new Range(line, 0, line, text.length) };
  }
  async save(): Promise<boolean> {
    if (this.uri.scheme === 'file') fs.writeFileSync(this.uri.path, this.text);
    this.isDirty = false;
    state.events.save.fire(this);
    return true;
  }
  offsetAt(p: Position): number {
    const lines = this.text.split('\n');
    let offset = 0;
    for (let i = 0; i < p.line && i < lines.length; i++) offset += lines[i].length + 1;
    return Math.min(offset + p.character, this.text.length);
  }
  positionAt(offset: number): Position {
    const before = this.text.slice(0, offset).split('\n');
    return new Position(before.length - 1, before[before.length - 1].length);
  }
}

// ---- the fake editor's state ----

export const state = {
  /** The first workspace folder (most tests open one). */
  folder: undefined as Uri | undefined,
  /** Every workspace folder, in order (a multi-root workspace has several). */
  folders: [] as Uri[],
  settings: {} as Record<string, unknown>,
  documents: [] as TextDocument[],
  activeEditor: undefined as { document: TextDocument } | undefined,
  collections: [] as DiagnosticCollection[],
  providers: {} as Record<string, unknown[]>,
  commands: new Map<string, (...args: unknown[]) => unknown>(),
  context: new Map<string, unknown>(),
  messages: [] as string[],
  executed: [] as string[],
  statusItems: [] as StatusBarItem[],
  watchers: [] as Array<{ glob: string; create: EventEmitter<Uri>; change: EventEmitter<Uri>; delete: EventEmitter<Uri> }>,
  /** The `findFiles` calls made, with their globs. */
  searches: [] as Array<{ include: string; exclude?: string }>,
  untitled: 0,
  /** File type answered by `fs.stat` instead of the disk's, by path (a pipe or a device is `Unknown`). */
  fileTypes: new Map<string, FileType>(),
  /** Paths `fs.readFile` was asked for, in order. */
  reads: [] as string[],
  /** Awaited by `fs.readFile` after it reads, before it answers (a slow disk): the text is the file's when the read began. */
  readGate: undefined as ((uri: Uri) => Promise<void>) | undefined,
  /** The text the next untitled document opens with instead of the one asked for (VS Code reusing a closed one's). */
  staleUntitled: undefined as string | undefined,
  /** Other installed extensions, by id (`extensions.getExtension`). */
  extensions: new Map<string, { id: string; isActive: boolean; exports: unknown; activate(): Promise<unknown> }>(),
  events: {
    open: new EventEmitter<TextDocument>(),
    change: new EventEmitter<{ document: TextDocument; contentChanges: unknown[] }>(),
    save: new EventEmitter<TextDocument>(),
    close: new EventEmitter<TextDocument>(),
    folders: new EventEmitter<void>(),
    configuration: new EventEmitter<{ affectsConfiguration(section: string): boolean }>(),
    activeEditor: new EventEmitter<unknown>(),
    extensions: new EventEmitter<void>(),
  },
};

export class DiagnosticCollection {
  readonly entries = new Map<string, { uri: Uri; list: Diagnostic[] }>();
  constructor(readonly name: string) {}
  set(uri: Uri, list: Diagnostic[]): void {
    this.entries.set(uri.toString(), { uri, list });
  }
  get(uri: Uri): Diagnostic[] {
    return this.entries.get(uri.toString())?.list ?? [];
  }
  delete(uri: Uri): void {
    this.entries.delete(uri.toString());
  }
  clear(): void {
    this.entries.clear();
  }
  forEach(fn: (uri: Uri, list: Diagnostic[]) => void): void {
    for (const { uri, list } of [...this.entries.values()]) fn(uri, list);
  }
  dispose(): void {
    this.entries.clear();
  }
}

export class StatusBarItem {
  text = '';
  tooltip: unknown;
  name = '';
  command: unknown;
  visible = false;
  constructor(
    readonly id: string,
    readonly alignment: StatusBarAlignment,
  ) {}
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  dispose(): void {
    this.visible = false;
  }
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name === 'node_modules' || e.name === '.git') return [];
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}

/**
 * A glob as VS Code matches it on a workspace-relative path: `*` and `?` within a segment, `**`
 * for any number of segments (a trailing `/**` also matching nothing), `{a,b}` for choices.
 */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  let braces = 0;
  for (let i = 0; i < glob.length; ) {
    if (glob.startsWith('**/', i)) {
      re += '(?:[^/]*/)*';
      i += 3;
    } else if (glob.startsWith('/**', i) && i + 3 === glob.length) {
      re += '(?:/.*)?';
      i += 3;
    } else if (glob.startsWith('**', i)) {
      re += '.*';
      i += 2;
    } else {
      const c = glob[i++];
      if (c === '*') re += '[^/]*';
      else if (c === '?') re += '[^/]';
      else if (c === '{') {
        braces++;
        re += '(?:';
      } else if (c === '}' && braces) {
        braces--;
        re += ')';
      } else if (c === ',' && braces) re += '|';
      else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${re}$`);
}

function folderOf(uri: Uri) {
  if (uri.scheme !== 'file') return undefined;
  const folders = workspace.workspaceFolders ?? [];
  let best: (typeof folders)[number] | undefined;
  for (const f of folders) if (uri.path.startsWith(`${f.uri.path}/`) && (!best || f.uri.path.length > best.uri.path.length)) best = f;
  return best;
}

function register(kind: string, ...args: unknown[]): Disposable {
  (state.providers[kind] ??= []).push(args);
  return new Disposable();
}

export const languages = {
  createDiagnosticCollection(name: string): DiagnosticCollection {
    const c = new DiagnosticCollection(name);
    state.collections.push(c);
    return c;
  },
  registerCompletionItemProvider: (...a: unknown[]) => register('completion', ...a),
  registerHoverProvider: (...a: unknown[]) => register('hover', ...a),
  registerDefinitionProvider: (...a: unknown[]) => register('definition', ...a),
  registerReferenceProvider: (...a: unknown[]) => register('references', ...a),
  registerRenameProvider: (...a: unknown[]) => register('rename', ...a),
  registerDocumentSymbolProvider: (...a: unknown[]) => register('symbols', ...a),
  registerCodeLensProvider: (...a: unknown[]) => register('lenses', ...a),
  registerCodeActionsProvider: (...a: unknown[]) => register('actions', ...a),
};

export const workspace = {
  get workspaceFolders() {
    const folders = state.folders.length ? state.folders : state.folder ? [state.folder] : [];
    return folders.length ? folders.map((uri, index) => ({ uri, name: path.basename(uri.path), index })) : undefined;
  },
  get textDocuments() {
    return state.documents.filter((d) => !d.isClosed);
  },
  getWorkspaceFolder(uri: Uri) {
    return folderOf(uri);
  },
  getConfiguration(section: string) {
    return {
      get<T>(key: string, fallback?: T): T {
        const full = `${section}.${key}`;
        return (full in state.settings ? state.settings[full] : fallback) as T;
      },
    };
  },
  async findFiles(include: string, exclude?: string | null, max?: number): Promise<Uri[]> {
    state.searches.push({ include, exclude: exclude ?? undefined });
    const includeRe = globToRegExp(include);
    const excludeRe = exclude ? globToRegExp(exclude) : undefined;
    const found = (workspace.workspaceFolders ?? [])
      .flatMap((folder) =>
        walk(folder.uri.path).filter((f) => {
          const rel = path.relative(folder.uri.path, f).split(path.sep).join('/');
          return includeRe.test(rel) && !excludeRe?.test(rel);
        }),
      )
      .sort()
      .map((f) => Uri.file(f));
    return max === undefined ? found : found.slice(0, max);
  },
  fs: {
    async stat(uri: Uri) {
      const s = fs.statSync(uri.path);
      // As VS Code answers: what a link leads to, with SymbolicLink added; Unknown for a pipe or device.
      const link = fs.lstatSync(uri.path).isSymbolicLink() ? FileType.SymbolicLink : 0;
      const type = state.fileTypes.get(uri.path);
      if (type !== undefined) return { type, size: s.size, ctime: 0, mtime: 0 };
      return { type: (s.isDirectory() ? FileType.Directory : s.isFile() ? FileType.File : FileType.Unknown) | link, size: s.size, ctime: 0, mtime: 0 };
    },
    async readDirectory(uri: Uri): Promise<Array<[string, FileType]>> {
      return fs.readdirSync(uri.path, { withFileTypes: true }).map((e) => [e.name, e.isDirectory() ? FileType.Directory : FileType.File]);
    },
    async readFile(uri: Uri): Promise<Uint8Array> {
      state.reads.push(uri.path);
      const bytes = new Uint8Array(fs.readFileSync(uri.path));
      await state.readGate?.(uri);
      return bytes;
    },
  },
  createFileSystemWatcher(glob: string) {
    const w = { glob, create: new EventEmitter<Uri>(), change: new EventEmitter<Uri>(), delete: new EventEmitter<Uri>() };
    state.watchers.push(w);
    return { onDidCreate: w.create.event, onDidChange: w.change.event, onDidDelete: w.delete.event, dispose() {} };
  },
  onDidOpenTextDocument: state.events.open.event,
  onDidChangeTextDocument: state.events.change.event,
  onDidSaveTextDocument: state.events.save.event,
  onDidCloseTextDocument: state.events.close.event,
  onDidChangeWorkspaceFolders: state.events.folders.event,
  onDidChangeConfiguration: state.events.configuration.event,
  async openTextDocument(options: { language: string; content: string } | Uri): Promise<TextDocument> {
    if (options instanceof Uri) {
      // An untitled document with a path (what Save proposes): empty, its language from the name.
      if (options.scheme !== 'untitled') throw new Error(`the stand-in opens only untitled documents by URI, not ${options.toString()}`);
      const open = state.documents.find((d) => !d.isClosed && d.uri.toString() === options.toString());
      if (open) return open;
      const content = state.staleUntitled ?? '';
      state.staleUntitled = undefined;
      return openDocument(options, /\.ya?ml$/.test(options.path) ? 'yaml' : /\.md$/.test(options.path) ? 'markdown' : 'plaintext', content);
    }
    const content = state.staleUntitled ?? options.content;
    state.staleUntitled = undefined;
    return openDocument(Uri.parse(`untitled:Untitled-${++state.untitled}`), options.language, content);
  },
  async applyEdit(edit: WorkspaceEdit): Promise<boolean> {
    for (const [uri, edits] of edit.entries()) {
      const doc = state.documents.find((d) => !d.isClosed && d.uri.toString() === uri.toString());
      if (!doc) return false;
      let text = doc.getText();
      const sorted = [...edits].sort((a, b) => doc.offsetAt(b.range.start) - doc.offsetAt(a.range.start));
      for (const e of sorted) text = text.slice(0, doc.offsetAt(e.range.start)) + e.newText + text.slice(doc.offsetAt(e.range.end));
      changeDocument(doc, text);
    }
    return true;
  },
};

export const window = {
  createOutputChannel(name: string) {
    const lines: string[] = [];
    const log = (level: string) => (message: string) => lines.push(`[${level}] ${message}`);
    return { name, lines, info: log('info'), warn: log('warn'), error: log('error'), trace: log('trace'), debug: log('debug'), appendLine: log('line'), dispose() {} };
  },
  createStatusBarItem(id: string, alignment: StatusBarAlignment): StatusBarItem {
    const item = new StatusBarItem(id, alignment);
    state.statusItems.push(item);
    return item;
  },
  get activeTextEditor() {
    return state.activeEditor;
  },
  onDidChangeActiveTextEditor: state.events.activeEditor.event,
  async showTextDocument(doc: TextDocument) {
    state.activeEditor = { document: doc };
    state.events.activeEditor.fire(state.activeEditor);
    return state.activeEditor;
  },
  async withProgress<T>(_options: unknown, task: () => Promise<T>): Promise<T> {
    return task();
  },
  async showInformationMessage(message: string) {
    state.messages.push(message);
    return undefined;
  },
  async showWarningMessage(message: string) {
    state.messages.push(message);
    return undefined;
  },
  async showQuickPick() {
    return undefined;
  },
};

export const extensions = {
  getExtension(id: string) {
    return state.extensions.get(id);
  },
  onDidChange: state.events.extensions.event,
};

export const commands = {
  registerCommand(id: string, fn: (...args: unknown[]) => unknown): Disposable {
    state.commands.set(id, fn);
    return new Disposable(() => state.commands.delete(id));
  },
  async executeCommand(id: string, ...args: unknown[]): Promise<unknown> {
    state.executed.push(id);
    if (id === 'setContext') {
      state.context.set(args[0] as string, args[1]);
      return undefined;
    }
    return state.commands.get(id)?.(...args);
  },
};

// ---- helpers for tests ----

export function openDocument(uri: Uri, languageId: string, text: string): TextDocument {
  const doc = new TextDocument(uri, languageId, text);
  state.documents.push(doc);
  state.events.open.fire(doc);
  return doc;
}

export function changeDocument(doc: TextDocument, text: string): void {
  doc.setText(text);
  doc.isDirty = true;
  state.events.change.fire({ document: doc, contentChanges: [{ text }] });
}

export function closeDocument(doc: TextDocument): void {
  doc.isClosed = true;
  state.events.close.fire(doc);
}

export function setSetting(key: string, value: unknown): void {
  if (value === undefined) delete state.settings[key];
  else state.settings[key] = value;
  state.events.configuration.fire({ affectsConfiguration: (section: string) => key === section || key.startsWith(`${section}.`) });
}

/** A fresh editor on one workspace folder, several (a multi-root workspace), or none. */
export function reset(folder?: string | readonly string[]): void {
  const folders = folder === undefined ? [] : typeof folder === 'string' ? [folder] : [...folder];
  state.folders = folders.map((f) => Uri.file(f));
  state.folder = state.folders[0];
  state.searches = [];
  state.settings = {};
  state.documents = [];
  state.activeEditor = undefined;
  state.collections = [];
  state.providers = {};
  state.commands.clear();
  state.context.clear();
  state.messages = [];
  state.executed = [];
  state.statusItems = [];
  state.watchers = [];
  state.untitled = 0;
  state.fileTypes.clear();
  state.reads = [];
  state.readGate = undefined;
  state.staleUntitled = undefined;
  state.extensions.clear();
}
