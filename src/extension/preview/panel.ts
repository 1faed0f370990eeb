/**
 * The preview webview: one panel beside the editor that follows the active Improvekit document,
 * as the Markdown preview's "Open Preview to the Side" does. It updates as the user types
 * (by message, so scroll and zoom are kept), reveals the source of what is clicked, and survives
 * a window reload through its serializer.
 */
import * as vscode from 'vscode';
import type { EngineHost } from '../host';
import type { ParsedFile } from '../../core/parse';
import type { RenderedDocument } from '../../core/render/page';
import { engineUriFor } from '../logic';
import { loadRenderer } from './loader';
import { documentAt, documentFor, makeNonce, nextPreviewUri, parseWebviewMessage, pathAt, previewTitle, restoredUri, revealSpan, VIEW_TYPE, type WebviewMessage } from './logic';

/** Typing pauses shorter than this are one update: the engine has re-parsed by then. */
const UPDATE_DELAY = 120;

/** The engine's URI for an editor document. */
export function engineUriOf(document: vscode.TextDocument): string {
  return engineUriFor(document.uri.toString(), document.languageId);
}

/** The editor document the engine knows by this URI, if one is open. */
export function openDocumentFor(engineUri: string): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === engineUri || engineUriOf(d) === engineUri);
}

export class PreviewPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private panelDisposables: vscode.Disposable[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  /** The engine URI of the file shown. */
  private uri: string | undefined;
  /** The body last sent, so an unchanged render is not sent again. */
  private shown: string | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly host: EngineHost,
  ) {
    this.disposables.push(
      host.onDidUpdate(() => this.schedule()),
      host.onDidChangeConfiguration(() => this.schedule()),
      vscode.window.onDidChangeActiveTextEditor((editor) => void this.follow(editor)),
      vscode.window.onDidChangeTextEditorSelection((event) => this.highlight(event)),
    );
  }

  /** The file the preview shows (engine URI), for tests and the exports. */
  get currentUri(): string | undefined {
    return this.panel ? this.uri : undefined;
  }

  /** Opens the preview beside the editor for a document (the active editor's when not given). */
  async open(resource?: vscode.Uri): Promise<void> {
    const target = await this.resolve(resource);
    if (!target) {
      void vscode.window.showInformationMessage(
        'Improvekit: open a driver diagram, PDSA cycle, RAPID charter, leadership model, message map or roster (or a Markdown note with one) to preview it.',
      );
      return;
    }
    if (this.panel) {
      this.panel.reveal(vscode.ViewColumn.Beside, true);
    } else {
      this.adopt(vscode.window.createWebviewPanel(VIEW_TYPE, 'Preview', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, this.options()));
    }
    this.show(target);
  }

  /** Takes over a panel restored after a reload. */
  async restore(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    if (this.panel && this.panel !== panel) this.panel.dispose();
    this.adopt(panel);
    const uri = restoredUri(state);
    if (uri && !this.host.workspace.file(uri)) await this.host.ensureFile(vscode.Uri.parse(uri, true)).catch(() => undefined);
    const active = vscode.window.activeTextEditor;
    const fallback = active ? engineUriOf(active.document) : undefined;
    const chosen = uri ?? fallback;
    if (chosen) this.show(chosen);
    else panel.webview.html = this.page([]);
  }

  dispose(): void {
    this.clearTimer();
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }

  private options(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableCommandUris: false,
      enableFindWidget: true,
      retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
  }

  private adopt(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    panel.webview.options = this.options();
    this.panelDisposables.push(
      panel.onDidDispose(() => {
        if (this.panel !== panel) return;
        this.panel = undefined;
        this.uri = undefined;
        this.shown = undefined;
        this.clearTimer();
        for (const d of this.panelDisposables.splice(0)) d.dispose();
      }),
      panel.webview.onDidReceiveMessage((raw) => void this.receive(parseWebviewMessage(raw))),
    );
  }

  /** The engine URI for a command's resource or the active editor, read into the engine if needed. */
  private async resolve(resource?: vscode.Uri): Promise<string | undefined> {
    const document = resource ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === resource.toString()) : vscode.window.activeTextEditor?.document;
    if (document) {
      const uri = engineUriOf(document);
      if (!this.host.workspace.file(uri)) await this.host.ensureFile(document.uri);
      return this.host.workspace.file(uri)?.documents.length ? uri : undefined;
    }
    if (!resource) return this.uri;
    const file = await this.host.ensureFile(resource);
    return file?.documents.length ? file.uri : undefined;
  }

  private file(): ParsedFile | undefined {
    return this.uri ? this.host.workspace.file(this.uri) : undefined;
  }

  /** Shows a file: a new page (scroll starts at the top), as when the Markdown preview switches files. */
  private show(uri: string): void {
    if (!this.panel) return;
    this.uri = uri;
    const file = this.file();
    this.panel.title = previewTitle(file, uri);
    const fragments = this.fragments(file);
    this.shown = loadRenderer().renderBody(fragments);
    this.panel.webview.html = this.page(fragments);
  }

  private fragments(file: ParsedFile | undefined): RenderedDocument[] {
    if (!file) return [];
    const renderer = loadRenderer();
    const diagnostics = this.host.workspace.diagnostics(file.uri);
    return file.documents.map((doc) => renderer.renderDocument(doc, { diagnostics, workspace: this.host.workspace }));
  }

  /** A webview page: strict CSP with a fresh nonce, scripts and styles only from `media/`. */
  private page(fragments: readonly RenderedDocument[]): string {
    const webview = this.panel!.webview;
    const media = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', name)).toString();
    return loadRenderer().renderPage(fragments, {
      title: this.panel!.title,
      nonce: makeNonce(),
      cspSource: webview.cspSource,
      inlineCss: false,
      styleUri: media('preview.css'),
      scriptUri: media('preview.js'),
    });
  }

  /** Follows the active editor when it holds Improvekit documents. */
  private async follow(editor: vscode.TextEditor | undefined): Promise<void> {
    if (!this.panel || !editor) return;
    const uri = engineUriOf(editor.document);
    if (uri === this.uri) return;
    if (!this.host.workspace.file(uri) && /^(yaml|markdown)$/.test(editor.document.languageId)) await this.host.ensureFile(editor.document.uri).catch(() => undefined);
    const next = nextPreviewUri({ uri, holdsDocuments: !!this.host.workspace.file(uri)?.documents.length }, this.uri);
    if (next && next !== this.uri) this.show(next);
  }

  private schedule(): void {
    if (!this.panel) return;
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.update();
    }, UPDATE_DELAY);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Sends the new body; the webview swaps it in place, keeping scroll and zoom. */
  private update(): void {
    if (!this.panel || !this.uri) return;
    // An editor opened while the engine was still reading may now hold documents.
    const active = vscode.window.activeTextEditor;
    if (active && engineUriOf(active.document) !== this.uri && this.host.workspace.file(engineUriOf(active.document))?.documents.length) {
      this.show(engineUriOf(active.document));
      return;
    }
    const file = this.file();
    const body = loadRenderer().renderBody(this.fragments(file));
    this.panel.title = previewTitle(file, this.uri);
    if (body === this.shown) return;
    this.shown = body;
    void this.panel.webview.postMessage({ type: 'update', html: body, uri: this.uri });
  }

  private async receive(message: WebviewMessage | undefined): Promise<void> {
    if (!message || !this.panel || !this.uri) return;
    if (message.type === 'ready') {
      // The script has loaded (first time, or shown again after being hidden): the latest body, and
      // the file's URI for the webview's state, which the serializer reads after a reload.
      void this.panel.webview.postMessage({ type: 'update', html: this.shown ?? '', uri: this.uri });
    } else if (message.type === 'reveal') {
      await this.reveal(message.path, message.ordinal, message.doc);
    } else if (message.type === 'open') {
      // Only documents the engine knows: a page cannot send the editor anywhere else.
      if (!this.host.workspace.has(message.uri)) return;
      const document = openDocumentFor(message.uri) ?? (await vscode.workspace.openTextDocument(vscode.Uri.parse(message.uri, true)));
      await vscode.window.showTextDocument(document, { viewColumn: this.sourceColumn(document), preview: true });
    } else if (message.type === 'export') {
      // The diagram buttons export the file the preview shows, as the palette's commands do.
      const source = openDocumentFor(this.uri)?.uri ?? vscode.Uri.parse(this.uri, true);
      await vscode.commands.executeCommand(message.format === 'png' ? 'improvekit.exportPng' : 'improvekit.exportSvg', source);
    }
  }

  /** The column of a visible editor of the document, else the first column that is not the preview's. */
  private sourceColumn(document: vscode.TextDocument): vscode.ViewColumn {
    const visible = vscode.window.visibleTextEditors.find((e) => e.document === document);
    if (visible?.viewColumn) return visible.viewColumn;
    return this.panel?.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
  }

  /** Selects the source of a clicked element in its editor. */
  private async reveal(path: readonly (string | number)[], ordinal?: number, id?: string): Promise<void> {
    const file = this.file();
    if (!file || !this.uri) return;
    const doc = documentFor(file, ordinal, id);
    if (!doc) return;
    const span = revealSpan(doc, path);
    const start = file.lines.positionAt(span.start);
    const end = file.lines.positionAt(span.end);
    const range = new vscode.Range(start.line, start.character, end.line, end.character);
    const document = openDocumentFor(this.uri) ?? (await vscode.workspace.openTextDocument(vscode.Uri.parse(this.uri, true)));
    const editor = await vscode.window.showTextDocument(document, { viewColumn: this.sourceColumn(document), selection: new vscode.Selection(range.start, range.end), preserveFocus: false });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  /** A click in the source marks the item in the preview. */
  private highlight(event: vscode.TextEditorSelectionChangeEvent): void {
    if (!this.panel?.visible || event.kind !== vscode.TextEditorSelectionChangeKind.Mouse) return;
    if (engineUriOf(event.textEditor.document) !== this.uri) return;
    const file = this.file();
    if (!file) return;
    const offset = event.textEditor.document.offsetAt(event.selections[0].active);
    const doc = documentAt(file, offset);
    if (!doc) return;
    const path = pathAt(doc, offset);
    if (path.length) void this.panel.webview.postMessage({ type: 'highlight', path: path.join('.'), ordinal: doc.ordinal });
  }
}
