/** What the integration tests share: the extension's API, the sample workspace, and waiting. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ImprovekitApi } from '../../../src/extension/main';

export const EXTENSION_ID = 'improvekit.improvekit';

let api: ImprovekitApi | undefined;

/** Activates the extension (once) and waits for its first read of the workspace. */
export async function activate(): Promise<ImprovekitApi> {
  if (api) return api;
  const ext = vscode.extensions.getExtension<ImprovekitApi>(EXTENSION_ID);
  assert.ok(ext, `the extension ${EXTENSION_ID} is not installed in this VS Code`);
  api = await ext.activate();
  await api.ready;
  return api;
}

/** The sample workspace: a copy of examples/, the first workspace folder. */
export function folder(): vscode.Uri {
  const first = vscode.workspace.workspaceFolders?.[0];
  assert.ok(first, 'open a copy of examples/ as the workspace folder to run the integration suite');
  return first.uri;
}

export function fileUri(name: string): vscode.Uri {
  return vscode.Uri.joinPath(folder(), name);
}

/** Polls `probe` until it gives a value; on timeout, the error says what was awaited and, with `state`, what there was instead. */
export async function waitFor<T>(what: string, probe: () => T | undefined | null | false, timeout = 15_000, state?: () => string): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeout} ms waiting for ${what}.${state ? ` Instead: ${state()}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The rule id of an Improvekit diagnostic. */
export function ruleOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' && d.code !== null ? String(d.code.value) : String(d.code);
}

/** Improvekit's diagnostics of one file. */
export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'improvekit');
}

const SEVERITY_NAMES = ['error', 'warning', 'info', 'hint'];

/**
 * `file:line:column severity rule`, 1-based, for every Improvekit diagnostic of the workspace's files.
 * Only `file:` documents count: an untitled document another test left open is not part of the sample.
 */
export function allFindings(): string[] {
  const out: string[] = [];
  for (const [uri, list] of vscode.languages.getDiagnostics()) {
    if (uri.scheme !== 'file') continue;
    for (const d of list) {
      if (d.source !== 'improvekit') continue;
      const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
      out.push(`${name}:${d.range.start.line + 1}:${d.range.start.character + 1} ${SEVERITY_NAMES[d.severity]} ${ruleOf(d)}`);
    }
  }
  return out.sort();
}

/** The seven deliberate problems of examples/README.md. */
export const DELIBERATE_PROBLEMS = [
  'cabinet-2026.rapid.yaml:39:13 error rapid/multiple-deciders',
  'huddle-minutes.measure.yaml:15:9 info measure/outside-limits',
  'huddles-c3.pdsa.yaml:21:7 warning pdsa/question-without-prediction',
  'k3-reading.driver.yaml:93:5 hint driver/measure-without-data',
  'lincoln-status-quo.leadership.yaml:25:7 warning leadership/oversized-span',
  'new-assessments-parents.message.yaml:12:1 warning message/too-many-words',
  'workshop-2026-03.md:58:17 hint message/jargon',
].sort();

export async function openFile(name: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(fileUri(name));
  return vscode.window.showTextDocument(doc);
}

/** The position `delta` characters into the first occurrence of `needle`. */
export function positionOf(doc: vscode.TextDocument, needle: string, delta = 0): vscode.Position {
  const offset = doc.getText().indexOf(needle);
  assert.ok(offset >= 0, `${doc.uri.path} does not contain ${JSON.stringify(needle)}`);
  return doc.positionAt(offset + delta);
}

/** Puts a document's text back and saves it, so that the next test sees the sample as shipped. */
export async function restore(doc: vscode.TextDocument, text: string): Promise<void> {
  if (doc.getText() !== text) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
    assert.ok(await vscode.workspace.applyEdit(edit), `could not restore ${doc.uri.path}`);
  }
  if (doc.isDirty) await doc.save();
}

/** Waits until the sample workspace shows exactly its seven deliberate problems again. */
export function settled(): Promise<string[]> {
  return waitFor(
    `the seven deliberate problems of the sample workspace (${DELIBERATE_PROBLEMS.join(', ')})`,
    () => {
      const found = allFindings();
      return JSON.stringify(found) === JSON.stringify(DELIBERATE_PROBLEMS) && found;
    },
    15_000,
    () => `${allFindings().join(', ') || 'no finding'}; unsaved: ${vscode.workspace.textDocuments.filter((d) => d.isDirty).map((d) => d.uri.toString()).join(', ') || 'none'}`,
  );
}

/**
 * Reverts and closes every untitled editor (New Document and scratch documents): a test leaves
 * nothing open that could add findings or be taken for the next test's new document.
 */
export async function closeUntitled(): Promise<void> {
  for (let round = 0; round < 20; round++) {
    const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputText && t.input.uri.scheme === 'untitled');
    if (!tab) break;
    const uri = (tab.input as vscode.TabInputText).uri;
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ?? (await vscode.workspace.openTextDocument(uri));
    await vscode.window.showTextDocument(doc, { viewColumn: tab.group.viewColumn, preview: false });
    // Reverting first: closing an edited untitled document would otherwise ask whether to save it.
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  const left = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.scheme === 'untitled');
  assert.deepEqual(left.map((t) => t.label), [], 'untitled editors that could not be closed');
}
