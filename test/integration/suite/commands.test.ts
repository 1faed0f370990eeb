import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, closeUntitled, openFile, ours, settled, waitFor } from './helpers';
import type { CheckSummary } from '../../../src/extension/commands';

describe('commands and status bar', () => {
  before(async () => {
    await activate();
    await settled();
  });

  // Each new document is closed whatever the test found: the next one must not meet it.
  afterEach(closeUntitled);

  it('Check Workspace re-reads everything and reports the totals', async () => {
    const summary = await vscode.commands.executeCommand<CheckSummary>('improvekit.checkWorkspace');
    assert.deepEqual(summary.counts, { error: 1, warning: 3, info: 1, hint: 2 });
    assert.equal(summary.documents, 15);
    assert.equal(summary.files, 7);
    assert.equal(summary.message, 'Improvekit found 7 problems (1 error, 3 warnings, 1 info, 2 hints) in 15 documents. See the Problems panel.');
    await settled();
  });

  for (const kind of ['rapid-charter', 'pdsa-cycle', 'leadership-model'] as const) {
    it(`New Document opens an unsaved ${kind} with no error`, async () => {
      const before = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
      const doc = await vscode.commands.executeCommand<vscode.TextDocument>('improvekit.newDocument', kind);
      assert.ok(doc, 'New Document returned no document');
      assert.ok(doc.isUntitled, 'the new document is not saved anywhere');
      assert.ok(!before.has(doc.uri.toString()), `New Document reused ${doc.uri.toString()}, which was already open`);
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), doc.uri.toString(), 'the new document is the active editor');
      assert.equal(doc.languageId, 'yaml');
      assert.match(doc.getText(), new RegExp(`^kind: ${kind}\\nid: new-${kind}\\n`));
      if (kind === 'pdsa-cycle') assert.match(doc.getText(), /^change_idea: k3-reading#c-/m);
      const api = await activate();
      await waitFor('the status bar to describe the new document', () => api.status.current?.recognised === true && api.status.current.text.includes(`new-${kind}`));
      // Published diagnostics exist for it (an empty list included) and none is an error.
      await new Promise((r) => setTimeout(r, 500));
      assert.deepEqual(
        ours(doc.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error).map((d) => d.message),
        [],
      );
    });
  }

  it('the status bar says what the active file was recognised as, or why not, and hides elsewhere', async () => {
    const api = await activate();
    await openFile('cabinet-2026.rapid.yaml');
    const rapid = await waitFor('the RAPID charter in the status bar', () => api.status.current?.text.includes('cabinet-2026') && api.status.current);
    assert.equal(rapid.recognised, true);
    assert.match(rapid.text, /RAPID charter/);
    await openFile('README.md');
    const readme = await waitFor('the README in the status bar', () => api.status.current?.recognised === false && api.status.current);
    assert.match(readme.text, /Not an Improvekit document/);
    const plain = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'notes' });
    await vscode.window.showTextDocument(plain);
    await waitFor('the status bar item to hide', () => api.status.current === undefined);
  });
});
