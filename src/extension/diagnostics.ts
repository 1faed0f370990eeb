/**
 * The engine's diagnostics in the Problems panel, and its fixes as quick fixes. Fixes are offered,
 * never applied on their own: each becomes a WorkspaceEdit the user picks (and can undo).
 */
import * as vscode from 'vscode';
import { ruleDocsUrl } from '../core/rules/registry';
import type { Diagnostic, Fix, Range, TextEdit } from '../core/types';
import type { ExtensionEngineHost } from './engine';
import { fixAllEdits, fixAllSummary } from '../core/fixes';
import { isDataFile } from '../core/data';
import { DiagnosticIndex, SEVERITY_TO_VSCODE } from './logic';

export const SOURCE = 'improvekit';
export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('improvekit');

export function toRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

function toDiagnostic(d: Diagnostic, host: ExtensionEngineHost): vscode.Diagnostic {
  const out = new vscode.Diagnostic(toRange(d.range), d.message, SEVERITY_TO_VSCODE[d.severity] as vscode.DiagnosticSeverity);
  out.source = SOURCE;
  out.code = { value: d.rule, target: vscode.Uri.parse(ruleDocsUrl(d.rule)) };
  if (d.related?.length) {
    out.relatedInformation = d.related.map((r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(host.editorUri(r.uri), toRange(r.range)), r.message));
  }
  return out;
}

/** The rule id of an editor diagnostic of ours. */
function ruleOf(d: vscode.Diagnostic): string | undefined {
  if (d.source !== SOURCE) return undefined;
  const code = d.code;
  if (typeof code === 'object' && code !== null) return String(code.value);
  return code === undefined ? undefined : String(code);
}

export class DiagnosticsPublisher implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection(SOURCE);
  /** Engine diagnostics by editor URI, to find the fixes of the diagnostics the editor hands back. */
  readonly index = new DiagnosticIndex();
  /** What each file last showed, so that an unchanged list is not sent again. */
  private readonly published = new Map<string, string>();
  private fullRefresh: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly host: ExtensionEngineHost) {
    this.disposables.push(
      this.collection,
      host.onDidUpdate((uris) => this.onUpdate(uris)),
      host.onDidChangeConfiguration(() => this.publishAll()),
    );
  }

  dispose(): void {
    if (this.fullRefresh) clearTimeout(this.fullRefresh);
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  /**
   * The changed files are published at once; the others (whose workspace rules may see the
   * change: a new roster, a renamed id) a moment later, so typing stays light. A data file's change
   * (the file and the documents reading it) concerns no other file: nothing more is published.
   */
  private onUpdate(uris: readonly string[]): void {
    if (!this.host.settings.enable) return;
    for (const uri of uris) this.publish(uri);
    if (this.dataOnly(uris)) return;
    if (this.fullRefresh) clearTimeout(this.fullRefresh);
    this.fullRefresh = setTimeout(() => {
      this.fullRefresh = undefined;
      this.publishAll();
    }, Math.max(300, this.host.settings.debounce * 2));
  }

  /** Whether an update is a data file's and its readers' only. */
  private dataOnly(uris: readonly string[]): boolean {
    const data = uris.filter((uri) => this.host.isData(uri) || (!this.host.workspace.has(uri) && isDataFile(uri)));
    if (!data.length) return false;
    const readers = new Set(data.flatMap((uri) => this.host.workspace.readersOf(uri)));
    return uris.every((uri) => data.includes(uri) || readers.has(uri));
  }

  publish(engineUri: string): void {
    const editorUri = this.host.editorUri(engineUri);
    // `.improvekit.yaml` open in an editor is held like any YAML file; its problems are the configuration's.
    const config = this.host.settings.enable ? this.host.configFile(engineUri) : undefined;
    if (config) {
      this.show(config.uri, config.diagnostics);
      return;
    }
    if (this.host.settings.enable && this.host.isData(engineUri)) {
      // A CSV shows what the documents reading it report on its rows (`measure/bad-row`), each
      // once: several documents reading one file report its bad rows alike.
      const seen = new Set<string>();
      this.show(
        editorUri,
        this.host.workspace.diagnostics(engineUri).filter((d) => {
          const key = JSON.stringify([d.rule, d.severity, d.range, d.message]);
          return !seen.has(key) && Boolean(seen.add(key));
        }),
      );
      return;
    }
    if (!this.host.settings.enable || !this.host.workspace.has(engineUri)) {
      this.unpublish(editorUri);
      return;
    }
    this.show(editorUri, this.host.workspace.diagnostics(engineUri));
  }

  private show(editorUri: vscode.Uri, list: readonly Diagnostic[]): void {
    const key = editorUri.toString();
    // Re-sending an unchanged list costs a round trip per file; a workspace refresh touches every file.
    // The index always takes the new list: fixes of an unchanged diagnostic may edit text that moved.
    this.index.set(key, list);
    const signature = JSON.stringify(list.map((d) => [d.rule, d.severity, d.range, d.message, d.related]));
    if (this.published.get(key) === signature) return;
    this.published.set(key, signature);
    this.collection.set(
      editorUri,
      list.map((d) => toDiagnostic(d, this.host)),
    );
  }

  private unpublish(editorUri: vscode.Uri): void {
    const key = editorUri.toString();
    this.published.delete(key);
    this.index.delete(key);
    this.collection.delete(editorUri);
  }

  /** Every file of the workspace, and the configuration file's own problems; files gone are cleared. */
  publishAll(): void {
    // A refresh still pending is this one.
    if (this.fullRefresh) clearTimeout(this.fullRefresh);
    this.fullRefresh = undefined;
    if (!this.host.settings.enable) {
      this.collection.clear();
      this.index.clear();
      this.published.clear();
      return;
    }
    const keep = new Set<string>();
    for (const uri of [...this.host.workspace.uris(), ...this.host.dataUris()]) {
      this.publish(uri);
      keep.add(this.host.editorUri(uri).toString());
    }
    for (const config of this.host.configs) {
      this.show(config.uri, config.diagnostics);
      keep.add(config.uri.toString());
    }
    const gone: vscode.Uri[] = [];
    this.collection.forEach((uri) => {
      if (!keep.has(uri.toString())) gone.push(uri);
    });
    for (const uri of gone) this.unpublish(uri);
  }

  /** The engine diagnostic behind an editor diagnostic, if it is one of ours and still current. */
  engineDiagnostic(uri: vscode.Uri, d: vscode.Diagnostic): Diagnostic | undefined {
    const rule = ruleOf(d);
    if (!rule) return undefined;
    const r = d.range;
    return this.index.find(uri.toString(), {
      rule,
      message: d.message,
      range: { start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } },
    });
  }
}

function workspaceEdit(uri: vscode.Uri, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) edit.replace(uri, toRange(e.range), e.newText);
  return edit;
}

/** The engine diagnostics of a document as they stand for its current text. */
export function currentDiagnostics(host: ExtensionEngineHost, doc: vscode.TextDocument): Diagnostic[] {
  const uri = host.syncDocument(doc);
  return host.settings.enable ? host.workspace.diagnostics(uri) : [];
}

export class FixProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  constructor(
    private readonly host: ExtensionEngineHost,
    private readonly publisher: DiagnosticsPublisher,
  ) {}

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    const only = context.only;
    if (only && (only.contains(FIX_ALL_KIND) || FIX_ALL_KIND.contains(only))) {
      const fixAll = this.fixAllAction(doc);
      if (fixAll) actions.push(fixAll);
    }
    if (only && !only.contains(vscode.CodeActionKind.QuickFix) && !vscode.CodeActionKind.QuickFix.contains(only)) return actions;
    // Fixes are edits of the text the engine saw; a diagnostic from before the last keystroke has none to offer.
    const text = this.host.workspace.file(this.host.engineUri(doc))?.text;
    if (text !== doc.getText()) return actions;
    for (const d of context.diagnostics) {
      const engine = this.publisher.engineDiagnostic(doc.uri, d);
      for (const fix of engine?.fixes ?? []) actions.push(this.quickFix(doc, d, fix));
    }
    return actions;
  }

  private quickFix(doc: vscode.TextDocument, d: vscode.Diagnostic, fix: Fix): vscode.CodeAction {
    const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
    action.diagnostics = [d];
    // Only a fix (it keeps the document's meaning) is preferred; a suggestion waits to be chosen.
    action.isPreferred = fix.kind === 'fix';
    action.edit = workspaceEdit(doc.uri, fix.edits);
    return action;
  }

  private fixAllAction(doc: vscode.TextDocument): vscode.CodeAction | undefined {
    const { edits, fixes, suggestions } = fixAllEdits(currentDiagnostics(this.host, doc));
    if (!fixes.length) return undefined;
    const action = new vscode.CodeAction(`Fix all Improvekit problems that have a safe fix (${fixAllSummary(fixes.length, suggestions)})`, FIX_ALL_KIND);
    action.edit = workspaceEdit(doc.uri, edits);
    return action;
  }
}

/** `improvekit.fixAll`: every fix (never a suggestion) of the active document, as one undoable edit. */
export async function fixAllCommand(host: ExtensionEngineHost, doc?: vscode.TextDocument): Promise<number> {
  const target = doc ?? vscode.window.activeTextEditor?.document;
  if (!target) {
    void vscode.window.showInformationMessage('Open a YAML or Markdown document to fix its Improvekit problems.');
    return 0;
  }
  const { edits, fixes, skipped, suggestions } = fixAllEdits(currentDiagnostics(host, target));
  if (!fixes.length) {
    void vscode.window.showInformationMessage(
      suggestions
        ? `Improvekit has no automatic fix for this document: ${fixAllSummary(0, suggestions)} in the light bulb.`
        : 'Improvekit has no automatic fix for the problems of this document; the Problems panel lists what to change.',
    );
    return 0;
  }
  const applied = await vscode.workspace.applyEdit(workspaceEdit(target.uri, edits));
  if (!applied) {
    void vscode.window.showWarningMessage('Improvekit could not apply the fixes: the document changed or is read-only. Try again.');
    return 0;
  }
  host.syncDocument(target);
  const more = skipped ? `; ${skipped} more touch the same text — run Fix All again for them` : '';
  void vscode.window.showInformationMessage(`${fixAllSummary(fixes.length, suggestions)}${more}.`);
  return fixes.length;
}
