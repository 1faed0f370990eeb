/** The palette commands of DESIGN §4 that are not the preview's: Check Workspace and New Document. */
import * as vscode from 'vscode';
import { isKind, type Kind } from '../core/kinds';
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

/** Opens an untitled YAML document holding a sound skeleton of the chosen kind; nothing is saved. */
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
  const id = freshId(kind, (candidate) => ws.byId(candidate).length > 0);
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
  const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content });
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
