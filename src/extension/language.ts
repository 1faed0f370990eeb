/**
 * Completion, hover, navigation, rename, outline and lenses: each provider syncs the document
 * into the engine, asks `src/core/lang`, and translates the answer. Files that hold no
 * Improvekit document get nothing, so other YAML and Markdown tools are left alone — but for
 * completion where a document can start (an empty file, a blank line of Markdown): the kinds'
 * whole-document snippets, which the engine serves instead of contributed snippet files so that
 * they show only there and their placeholders offer the workspace's ids.
 */
import * as vscode from 'vscode';
import * as lang from '../core/lang';
import type { CompletionKind, DocumentSymbol, Location, SymbolKind } from '../core/lang/api';
import type { ExtensionEngineHost } from './engine';
import { toRange } from './diagnostics';

/** YAML and Markdown in every scheme: files, untitled editors, and virtual workspaces (vscode-vfs…). */
export const SELECTOR: vscode.DocumentSelector = [{ language: 'yaml' }, { language: 'markdown' }];

export const TRIGGER_CHARACTERS = [':', ' ', ',', '[', '#', '-'];

const COMPLETION_KINDS: Record<CompletionKind, vscode.CompletionItemKind> = {
  reference: vscode.CompletionItemKind.Reference,
  person: vscode.CompletionItemKind.User,
  value: vscode.CompletionItemKind.EnumMember,
  key: vscode.CompletionItemKind.Property,
  document: vscode.CompletionItemKind.File,
  snippet: vscode.CompletionItemKind.Snippet,
};

const SYMBOL_KINDS: Record<SymbolKind, vscode.SymbolKind> = {
  document: vscode.SymbolKind.File,
  aim: vscode.SymbolKind.Event,
  driver: vscode.SymbolKind.Class,
  'change-idea': vscode.SymbolKind.Method,
  measure: vscode.SymbolKind.Number,
  question: vscode.SymbolKind.Key,
  decision: vscode.SymbolKind.Function,
  party: vscode.SymbolKind.Variable,
  role: vscode.SymbolKind.Interface,
  position: vscode.SymbolKind.Object,
  team: vscode.SymbolKind.Struct,
  message: vscode.SymbolKind.String,
  person: vscode.SymbolKind.Variable,
  group: vscode.SymbolKind.Namespace,
  section: vscode.SymbolKind.Module,
};

function toPosition(p: vscode.Position): { line: number; character: number } {
  return { line: p.line, character: p.character };
}

export class LanguageFeatures
  implements
    vscode.CompletionItemProvider,
    vscode.HoverProvider,
    vscode.DefinitionProvider,
    vscode.ReferenceProvider,
    vscode.RenameProvider,
    vscode.DocumentSymbolProvider,
    vscode.CodeLensProvider
{
  private readonly lensesChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.lensesChanged.event;

  constructor(private readonly host: ExtensionEngineHost) {
    host.onDidUpdate(() => this.lensesChanged.fire());
  }

  /** The engine URI of a document that holds an Improvekit document, synced to the editor's text. */
  private documentUri(doc: vscode.TextDocument): string | undefined {
    const uri = this.host.syncDocument(doc);
    return this.host.workspace.file(uri)?.documents.length ? uri : undefined;
  }

  /** Runs a language feature; a failure is logged and the editor gets nothing rather than an error box. */
  private guard<T>(name: string, run: () => T): T | undefined {
    try {
      return run();
    } catch (error) {
      this.host.log.error(`${name} failed: ${String((error as Error)?.stack ?? error)}`);
      return undefined;
    }
  }

  private location(l: Location): vscode.Location {
    return new vscode.Location(this.host.editorUri(l.uri), toRange(l.range));
  }

  provideCompletionItems(doc: vscode.TextDocument, position: vscode.Position, _token?: vscode.CancellationToken, context?: vscode.CompletionContext): vscode.CompletionItem[] | undefined {
    // Held whether or not it holds a document yet: an empty file is where a document starts.
    const uri = this.host.accepts(doc) ? this.host.syncDocument(doc) : undefined;
    if (!uri || !this.host.workspace.file(uri)) return undefined;
    const items = this.guard('completion', () => lang.completions(this.host.workspace, uri, toPosition(position), context?.triggerCharacter));
    return items?.map((c) => {
      const item = new vscode.CompletionItem(c.label, COMPLETION_KINDS[c.kind]);
      item.detail = c.detail;
      if (c.documentation) item.documentation = new vscode.MarkdownString(c.documentation);
      item.range = toRange(c.range);
      if (c.insertText !== undefined) item.insertText = c.snippet ? new vscode.SnippetString(c.insertText) : c.insertText;
      if (c.filterText !== undefined) item.filterText = c.filterText;
      if (c.sortText !== undefined) item.sortText = c.sortText;
      return item;
    });
  }

  provideHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const uri = this.documentUri(doc);
    if (!uri) return undefined;
    const hover = this.guard('hover', () => lang.hover(this.host.workspace, uri, toPosition(position)));
    return hover && new vscode.Hover(new vscode.MarkdownString(hover.contents), toRange(hover.range));
  }

  provideDefinition(doc: vscode.TextDocument, position: vscode.Position): vscode.Location[] | undefined {
    const uri = this.documentUri(doc);
    if (!uri) return undefined;
    return this.guard('definition', () => lang.definition(this.host.workspace, uri, toPosition(position)))?.map((l) => this.location(l));
  }

  provideReferences(doc: vscode.TextDocument, position: vscode.Position, context: vscode.ReferenceContext): vscode.Location[] | undefined {
    const uri = this.documentUri(doc);
    if (!uri) return undefined;
    return this.guard('references', () => lang.references(this.host.workspace, uri, toPosition(position), context.includeDeclaration))?.map((l) => this.location(l));
  }

  prepareRename(doc: vscode.TextDocument, position: vscode.Position): { range: vscode.Range; placeholder: string } {
    const uri = this.documentUri(doc);
    const prepared = uri ? this.guard('prepareRename', () => lang.prepareRename(this.host.workspace, uri, toPosition(position))) : undefined;
    // A thrown error is how VS Code shows why a rename cannot start here.
    if (!prepared) throw new Error('Place the cursor on an id or a reference to an id to rename it across the workspace.');
    return { range: toRange(prepared.range), placeholder: prepared.placeholder };
  }

  provideRenameEdits(doc: vscode.TextDocument, position: vscode.Position, newName: string): vscode.WorkspaceEdit {
    const uri = this.documentUri(doc);
    if (!uri) throw new Error('This file holds no Improvekit document, so there is nothing to rename.');
    const result = this.guard('rename', () => lang.rename(this.host.workspace, uri, toPosition(position), newName));
    if (!result) throw new Error('Improvekit could not compute the rename; see the Improvekit output for details.');
    if ('error' in result) throw new Error(result.error);
    const edit = new vscode.WorkspaceEdit();
    for (const [target, edits] of Object.entries(result.changes)) {
      const editorUri = this.host.editorUri(target);
      for (const e of edits) edit.replace(editorUri, toRange(e.range), e.newText);
    }
    return edit;
  }

  provideDocumentSymbols(doc: vscode.TextDocument): vscode.DocumentSymbol[] | undefined {
    const uri = this.documentUri(doc);
    if (!uri) return undefined;
    const convert = (s: DocumentSymbol): vscode.DocumentSymbol => {
      const range = toRange(s.range);
      const selection = toRange(s.selectionRange);
      // VS Code rejects a symbol whose selection range lies outside its range.
      const out = new vscode.DocumentSymbol(s.name || '(unnamed)', s.detail ?? '', SYMBOL_KINDS[s.kind] ?? vscode.SymbolKind.Object, range, range.contains(selection) ? selection : range);
      out.children = s.children.map(convert);
      return out;
    };
    return this.guard('documentSymbols', () => lang.documentSymbols(this.host.workspace, uri))?.map(convert);
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] | undefined {
    const uri = this.documentUri(doc);
    if (!uri) return undefined;
    return this.guard('codeLenses', () => lang.codeLenses(this.host.workspace, uri))?.map(
      // An empty command id makes the lens a label that does nothing when clicked.
      (l) => new vscode.CodeLens(toRange(l.range), { title: l.title, tooltip: l.tooltip, command: '' }),
    );
  }

  register(): vscode.Disposable {
    return vscode.Disposable.from(
      this.lensesChanged,
      vscode.languages.registerCompletionItemProvider(SELECTOR, this, ...TRIGGER_CHARACTERS),
      vscode.languages.registerHoverProvider(SELECTOR, this),
      vscode.languages.registerDefinitionProvider(SELECTOR, this),
      vscode.languages.registerReferenceProvider(SELECTOR, this),
      vscode.languages.registerRenameProvider(SELECTOR, this),
      vscode.languages.registerDocumentSymbolProvider(SELECTOR, this, { label: 'Improvekit' }),
      vscode.languages.registerCodeLensProvider(SELECTOR, this),
    );
  }
}
