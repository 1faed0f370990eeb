/** The palette commands of DESIGN §4 that are not the preview's: Check Workspace and New Document. */
import * as vscode from 'vscode';
import { isKind, KIND_SPECS, type Kind } from '../core/kinds';
import type { Severity } from '../core/types';
import type { ExtensionEngineHost } from './engine';
import type { DiagnosticsPublisher } from './diagnostics';
import { freshId, NEW_DOCUMENT_KINDS, skeleton } from '../core/documents';
import { summarize } from '../core/summary';

export interface CheckSummary {
  documents: number;
  files: number;
  counts: Record<Severity, number>;
  message: string;
}

/** Re-reads every file, re-checks, reports the totals and shows the Problems panel. */
export async function checkWorkspace(host: ExtensionEngineHost, publisher: DiagnosticsPublisher, options: { quiet?: boolean } = {}): Promise<CheckSummary> {
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Improvekit: checking the workspace' }, () => host.rescan());
  publisher.publishAll();
  if (!host.settings.enable) {
    const message = 'Improvekit checking is turned off (setting improvekit.enable). Turn it on to see problems.';
    if (!options.quiet) void vscode.window.showInformationMessage(message);
    return { documents: host.documentCount(), files: 0, counts: { error: 0, warning: 0, info: 0, hint: 0 }, message };
  }
  const all = host.workspace.allDiagnostics();
  for (const config of host.configs) if (config.diagnostics.length) all.set(config.uri.toString(), config.diagnostics);
  const documents = host.documentCount();
  const { counts, files, text } = summarize(all, documents);
  if (!options.quiet) {
    void vscode.window.showInformationMessage(text);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
  }
  return { documents, files, counts, message: text };
}

/**
 * The folder a new document belongs in: that of the active editor's file (an untitled editor's
 * too, when it has a path), else the first workspace folder.
 */
function newDocumentFolder(): vscode.Uri | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  const folders = vscode.workspace.workspaceFolders ?? [];
  // A user's file (not a Git original, an output channel or settings), or an untitled editor with a path.
  const onDisk = active && (active.scheme === 'file' || folders.some((f) => f.uri.scheme === active.scheme) || (active.scheme === 'untitled' && active.path.includes('/')));
  if (active && onDisk) return vscode.Uri.joinPath(active, '..');
  return folders[0]?.uri;
}

/** The names in a folder (none when it cannot be read). */
async function namesIn(folder: vscode.Uri): Promise<Set<string>> {
  try {
    return new Set((await vscode.workspace.fs.readDirectory(folder.with({ scheme: folder.scheme === 'untitled' ? 'file' : folder.scheme }))).map(([name]) => name));
  } catch {
    return new Set();
  }
}

/**
 * Opens an untitled YAML document holding a sound skeleton of the chosen kind; nothing is saved.
 * The untitled document carries the path `<folder>/<id>.<suffix>.yaml`, so that Save proposes that
 * name in that folder; the id is one no document, file or open editor there has yet.
 */
export async function newDocument(host: ExtensionEngineHost, kindArgument?: unknown): Promise<vscode.TextDocument | undefined> {
  let kind: Kind | undefined = isKind(kindArgument) ? kindArgument : undefined;
  if (!kind) {
    const picked = await vscode.window.showQuickPick(
      NEW_DOCUMENT_KINDS.map(({ kind: k, description }) => ({ label: k, description, documentKind: k })),
      { title: 'Improvekit: New Document', placeHolder: 'Which kind of document?' },
    );
    kind = picked?.documentKind;
  }
  if (!kind) return undefined;
  const ws = host.workspace;
  const folder = newDocumentFolder();
  const names = folder ? await namesIn(folder) : new Set<string>();
  const fileName = (candidate: string) => `${candidate}.${KIND_SPECS[kind!].suffix}.yaml`;
  const uriOf = (candidate: string) => folder && vscode.Uri.joinPath(folder, fileName(candidate)).with({ scheme: 'untitled' });
  const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
  const id = freshId(kind, (candidate) => ws.byId(candidate).length > 0 || names.has(fileName(candidate)) || open.has(String(uriOf(candidate))));
  let changeIdea: string | undefined;
  if (kind === 'pdsa-cycle') {
    for (const diagram of ws.documents('driver-diagram')) {
      const ideas = diagram.data?.change_ideas;
      const first = Array.isArray(ideas) ? (ideas.find((i) => typeof i?.id === 'string') as { id: string } | undefined) : undefined;
      if (diagram.id && first) {
        changeIdea = `${diagram.id}#${first.id}`;
        break;
      }
    }
  }
  const content = skeleton(kind, id, { changeIdea });
  const target = uriOf(id);
  let doc = target ? await vscode.workspace.openTextDocument(target) : await vscode.workspace.openTextDocument({ language: 'yaml', content });
  if (doc.languageId !== 'yaml') doc = await vscode.languages.setTextDocumentLanguage(doc, 'yaml');
  // VS Code (1.139) can reuse the name of an untitled document closed a moment ago and open the new
  // document with that one's text instead of `content`: start from the skeleton whatever it was given.
  if (doc.getText() !== content) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), content);
    if (!(await vscode.workspace.applyEdit(edit)) || doc.getText() !== content) {
      void vscode.window.showWarningMessage(`Improvekit could not fill the new document with the ${kind} skeleton: close the editor ${doc.uri.path} without saving and run New Document again.`);
    }
  }
  await vscode.window.showTextDocument(doc);
  host.syncDocument(doc);
  return doc;
}
