/**
 * A small stand-in for the `vscode` module: enough of the API for the preview's panel and
 * exports to run in plain Node, recording what they ask of the editor. Installed before the
 * modules under test are required.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Module from 'node:module';

const ROOT = path.join(__dirname, '..', '..', '..');

/** The extension's files (`/ext/…`, the extension URI of the tests) from the checkout; resvg's WebAssembly from node_modules before a build. */
function extensionFile(p: string): string {
  const relative = p.replace(/^\/ext\//, '');
  const file = path.join(ROOT, relative);
  if (relative === 'dist/resvg.wasm' && !fs.existsSync(file)) return require.resolve('@resvg/resvg-wasm/index_bg.wasm');
  return file;
}

export class Uri {
  private constructor(
    readonly scheme: string,
    readonly authority: string,
    readonly path: string,
  ) {}
  static parse(value: string): Uri {
    const m = /^([a-z][a-z0-9+.-]*):(?:\/\/([^/?#]*))?([^?#]*)/i.exec(value);
    if (!m) throw new Error(`not a URI: ${value}`);
    return new Uri(m[1], m[2] ?? '', decodeURIComponent(m[3]));
  }
  static file(p: string): Uri {
    return new Uri('file', '', p);
  }
  static joinPath(base: Uri, ...parts: string[]): Uri {
    return new Uri(base.scheme, base.authority, path.posix.join(base.path, ...parts));
  }
  get fsPath(): string {
    return this.path;
  }
  toString(): string {
    const slashes = this.scheme === 'file' || this.authority ? `//${this.authority}` : '';
    return `${this.scheme}:${slashes}${this.path.split('/').map(encodeURIComponent).join('/')}`;
  }
}

type Listener<T> = (value: T) => unknown;

export class EventEmitter<T> {
  private listeners: Array<Listener<T>> = [];
  readonly event = (listener: Listener<T>) => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  fire(value: T): void {
    for (const l of [...this.listeners]) l(value);
  }
  dispose(): void {
    this.listeners = [];
  }
}

export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
}

export class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(a: number | Position, b: number | Position, c?: number, d?: number) {
    if (typeof a === 'number') {
      this.start = new Position(a, b as number);
      this.end = new Position(c!, d!);
    } else {
      this.start = a;
      this.end = b as Position;
    }
  }
}

export class Selection extends Range {
  get active(): Position {
    return this.end;
  }
}

export const ViewColumn = { Active: -1, Beside: -2, One: 1, Two: 2, Three: 3 } as const;
export const TextEditorRevealType = { Default: 0, InCenter: 1, InCenterIfOutsideViewport: 2, AtTop: 3 } as const;
export const TextEditorSelectionChangeKind = { Keyboard: 1, Mouse: 2, Command: 3 } as const;

export interface FakeDocument {
  uri: Uri;
  languageId: string;
  getText(): string;
  offsetAt(position: Position): number;
}

export function fakeDocument(uri: string, languageId: string, text: string): FakeDocument {
  return {
    uri: Uri.parse(uri),
    languageId,
    getText: () => text,
    offsetAt: (p) => {
      const lines = text.split('\n');
      let offset = 0;
      for (let i = 0; i < p.line; i++) offset += lines[i].length + 1;
      return offset + p.character;
    },
  };
}

export class FakeWebview {
  html = '';
  options: unknown;
  readonly cspSource = 'https://fake.vscode-cdn.net';
  readonly posted: unknown[] = [];
  readonly received = new EventEmitter<unknown>();
  readonly onDidReceiveMessage = this.received.event;
  asWebviewUri(uri: Uri): Uri {
    return Uri.parse(`https://fake.vscode-cdn.net${uri.path}`);
  }
  postMessage(message: unknown): Promise<boolean> {
    this.posted.push(message);
    return Promise.resolve(true);
  }
}

export class FakePanel {
  readonly webview = new FakeWebview();
  title = '';
  visible = true;
  viewColumn = ViewColumn.Two as number;
  revealed = 0;
  private readonly disposed = new EventEmitter<void>();
  readonly onDidDispose = this.disposed.event;
  constructor(
    readonly viewType: string,
    readonly createdWith: unknown[],
  ) {}
  reveal(): void {
    this.revealed++;
  }
  dispose(): void {
    this.disposed.fire();
  }
}

export interface Recorder {
  panels: FakePanel[];
  shown: Array<{ document: FakeDocument; options: { selection?: Selection; viewColumn?: number } }>;
  written: Map<string, string>;
  /** The same files as bytes (a PNG). */
  writtenBytes: Map<string, Uint8Array>;
  messages: string[];
  /** Commands run through `vscode.commands.executeCommand`, with their arguments. */
  executed: Array<{ id: string; args: unknown[] }>;
  commands: Map<string, (...args: unknown[]) => unknown>;
  serializers: Map<string, { deserializeWebviewPanel(panel: unknown, state: unknown): Promise<void> }>;
  saveDialog: Uri | undefined;
  /** The file the last save dialog proposed. */
  saveDefault: Uri | undefined;
  quickPick: ((items: Array<{ label: string }>) => unknown) | undefined;
  activeEditor: { document: FakeDocument } | undefined;
  documents: FakeDocument[];
  activeEditorChanged: EventEmitter<unknown>;
  selectionChanged: EventEmitter<unknown>;
  settings: Record<string, unknown>;
}

export const recorder: Recorder = {
  panels: [],
  shown: [],
  written: new Map(),
  writtenBytes: new Map(),
  messages: [],
  executed: [],
  commands: new Map(),
  serializers: new Map(),
  saveDialog: undefined,
  saveDefault: undefined,
  quickPick: undefined,
  activeEditor: undefined,
  documents: [],
  activeEditorChanged: new EventEmitter(),
  selectionChanged: new EventEmitter(),
  settings: {},
};

export function resetRecorder(): void {
  recorder.panels.length = 0;
  recorder.shown.length = 0;
  recorder.written.clear();
  recorder.writtenBytes.clear();
  recorder.messages.length = 0;
  recorder.executed.length = 0;
  recorder.commands.clear();
  recorder.serializers.clear();
  recorder.saveDialog = undefined;
  recorder.saveDefault = undefined;
  recorder.quickPick = undefined;
  recorder.activeEditor = undefined;
  recorder.documents.length = 0;
  recorder.activeEditorChanged = new EventEmitter();
  recorder.selectionChanged = new EventEmitter();
  recorder.settings = {};
}

const fake = {
  Uri,
  EventEmitter,
  Position,
  Range,
  Selection,
  ViewColumn,
  TextEditorRevealType,
  TextEditorSelectionChangeKind,
  window: {
    get activeTextEditor() {
      return recorder.activeEditor;
    },
    get visibleTextEditors() {
      return recorder.activeEditor ? [{ ...recorder.activeEditor, viewColumn: ViewColumn.One }] : [];
    },
    onDidChangeActiveTextEditor: (l: Listener<unknown>) => recorder.activeEditorChanged.event(l),
    onDidChangeTextEditorSelection: (l: Listener<unknown>) => recorder.selectionChanged.event(l),
    createWebviewPanel: (viewType: string, ...rest: unknown[]) => {
      const panel = new FakePanel(viewType, rest);
      recorder.panels.push(panel);
      return panel;
    },
    showTextDocument: async (document: FakeDocument, options: { selection?: Selection; viewColumn?: number } = {}) => {
      recorder.shown.push({ document, options });
      return { document, revealRange: () => undefined };
    },
    showInformationMessage: async (message: string) => {
      recorder.messages.push(message);
      return undefined;
    },
    showWarningMessage: async (message: string) => {
      recorder.messages.push(message);
      return undefined;
    },
    showErrorMessage: async (message: string) => {
      recorder.messages.push(message);
      return undefined;
    },
    showSaveDialog: async (options: { defaultUri?: Uri }) => {
      recorder.saveDefault = options.defaultUri;
      return recorder.saveDialog;
    },
    showQuickPick: async (items: Array<{ label: string }>) => recorder.quickPick?.(items),
    registerWebviewPanelSerializer: (viewType: string, serializer: { deserializeWebviewPanel(panel: unknown, state: unknown): Promise<void> }) => {
      recorder.serializers.set(viewType, serializer);
      return { dispose: () => recorder.serializers.delete(viewType) };
    },
  },
  workspace: {
    get textDocuments() {
      return recorder.documents;
    },
    get workspaceFolders() {
      return [{ uri: Uri.file('/ws'), name: 'ws', index: 0 }];
    },
    openTextDocument: async (uri: Uri) => {
      const found = recorder.documents.find((d) => d.uri.toString() === uri.toString());
      if (!found) throw new Error(`no document ${uri.toString()}`);
      return found;
    },
    getConfiguration: () => ({ get: <T>(key: string, fallback: T) => (key in recorder.settings ? (recorder.settings[key] as T) : fallback) }),
    fs: {
      writeFile: async (uri: Uri, bytes: Uint8Array) => {
        recorder.written.set(uri.toString(), new TextDecoder().decode(bytes));
        recorder.writtenBytes.set(uri.toString(), bytes);
      },
      readFile: async (uri: Uri) => new Uint8Array(await fs.promises.readFile(extensionFile(uri.path))),
    },
  },
  commands: {
    registerCommand: (id: string, run: (...args: unknown[]) => unknown) => {
      recorder.commands.set(id, run);
      return { dispose: () => recorder.commands.delete(id) };
    },
    executeCommand: async (id: string, ...args: unknown[]) => {
      recorder.executed.push({ id, args });
      return recorder.commands.get(id)?.(...args);
    },
  },
  env: { openExternal: async () => true },
};

let installed = false;

/** Makes `require('vscode')` return the fake, and loads the renderer from source (as the web build inlines it). */
export function installFakeVscode(): void {
  if (installed) return;
  installed = true;
  const loader = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string; _cache: Record<string, unknown> };
  const resolve = loader._resolveFilename;
  loader._resolveFilename = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
  };
  loader._cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: fake };
  (globalThis as { IMPROVEKIT_WEB?: boolean }).IMPROVEKIT_WEB = true;
}
