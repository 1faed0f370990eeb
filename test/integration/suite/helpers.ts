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

export async function waitFor<T>(what: string, probe: () => T | undefined | null | false, timeout = 15_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeout} ms waiting for ${what}.`);
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

/** `file:line:column severity rule`, 1-based, for every Improvekit diagnostic of the workspace. */
export function allFindings(): string[] {
  const out: string[] = [];
  for (const [uri, list] of vscode.languages.getDiagnostics()) {
    for (const d of list) {
      if (d.source !== 'improvekit') continue;
      const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
      out.push(`${name}:${d.range.start.line + 1}:${d.range.start.character + 1} ${SEVERITY_NAMES[d.severity]} ${ruleOf(d)}`);
    }
  }
  return out.sort();
}

/** The five deliberate problems of examples/README.md. */
export const DELIBERATE_PROBLEMS = [
  'cabinet-2026.rapid.yaml:39:13 error rapid/multiple-deciders',
  'huddles-c3.pdsa.yaml:21:7 warning pdsa/question-without-prediction',
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

/** Waits until the sample workspace shows exactly its five deliberate problems again. */
export function settled(): Promise<string[]> {
  return waitFor('the five deliberate problems of the sample workspace', () => {
    const found = allFindings();
    return JSON.stringify(found) === JSON.stringify(DELIBERATE_PROBLEMS) && found;
  });
}
