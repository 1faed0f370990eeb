import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, allFindings, DELIBERATE_PROBLEMS, fileUri, openFile, ours, positionOf, restore, ruleOf, settled, waitFor } from './helpers';

describe('diagnostics', () => {
  before(async () => {
    await activate();
  });

  it('shows exactly the seven deliberate problems of the sample workspace, with their rule ids', async () => {
    // Nothing is open: these come from reading the workspace, not from editors.
    assert.deepEqual(await settled(), DELIBERATE_PROBLEMS);
  });

  it('links each rule id to its section of docs/rules.md, with source improvekit', async () => {
    await settled();
    const [d] = ours(fileUri('cabinet-2026.rapid.yaml'));
    assert.equal(d.source, 'improvekit');
    assert.ok(typeof d.code === 'object' && d.code !== null);
    assert.equal(d.code.value, 'rapid/multiple-deciders');
    assert.match(d.code.target.toString(true), /docs\/rules\.md#rapidmultiple-deciders$/);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.match(d.message, /teacher-leader-roles/);
    const jargon = ours(fileUri('workshop-2026-03.md'));
    assert.equal(jargon[0].severity, vscode.DiagnosticSeverity.Hint);
  });

  it('re-checks a document as it is typed in, before it is saved', async () => {
    await settled();
    const editor = await openFile('huddles-c3.pdsa.yaml');
    const doc = editor.document;
    const original = doc.getText();
    try {
      const line = doc.lineAt(positionOf(doc, 'id: q3').line);
      const indent = line.text.length - line.text.trimStart().length;
      const edit = new vscode.WorkspaceEdit();
      edit.insert(doc.uri, line.range.end, `\n${' '.repeat(indent + 2)}prediction: At most 1 extra hour a week`);
      assert.ok(await vscode.workspace.applyEdit(edit));
      assert.ok(doc.isDirty);
      await waitFor('the missing prediction to be fixed', () => !ours(doc.uri).some((d) => ruleOf(d) === 'pdsa/question-without-prediction'));
    } finally {
      await restore(doc, original);
    }
    await waitFor('the missing prediction to be reported again', () => ours(doc.uri).some((d) => ruleOf(d) === 'pdsa/question-without-prediction'));
  });

  it('reports problems of cross-file references as the other file changes', async () => {
    await settled();
    const editor = await openFile('k3-reading.driver.yaml');
    const doc = editor.document;
    const original = doc.getText();
    try {
      // Renaming the change idea by hand breaks the three PDSA cycles that test it.
      const at = positionOf(doc, '- id: c-huddles', '- id: '.length);
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, new vscode.Range(at, at.translate(0, 'c-huddles'.length)), 'c-huddle-renamed');
      assert.ok(await vscode.workspace.applyEdit(edit));
      const broken = await waitFor('ref/unknown in the PDSA cycles', () => {
        const found = ['huddles-c1.pdsa.yaml', 'huddles-c2.pdsa.yaml', 'huddles-c3.pdsa.yaml'].filter((f) => ours(fileUri(f)).some((d) => ruleOf(d) === 'ref/unknown'));
        return found.length === 3 && found;
      });
      assert.equal(broken.length, 3);
      const unknown = ours(fileUri('huddles-c1.pdsa.yaml')).find((d) => ruleOf(d) === 'ref/unknown')!;
      assert.equal(unknown.severity, vscode.DiagnosticSeverity.Error);
      assert.match(unknown.message, /c-huddles/);
    } finally {
      await restore(doc, original);
    }
    await settled();
  });

  it('applies .improvekit.yaml when it changes', async () => {
    await settled();
    const config = fileUri('.improvekit.yaml');
    const original = new TextDecoder().decode(await vscode.workspace.fs.readFile(config));
    try {
      const changed = original.replace(/^rules:\n/m, 'rules:\n  message/jargon: info\n');
      assert.notEqual(changed, original);
      await vscode.workspace.fs.writeFile(config, new TextEncoder().encode(changed));
      await waitFor('message/jargon to become an info', () => ours(fileUri('workshop-2026-03.md')).some((d) => ruleOf(d) === 'message/jargon' && d.severity === vscode.DiagnosticSeverity.Information));
    } finally {
      await vscode.workspace.fs.writeFile(config, new TextEncoder().encode(original));
    }
    await settled();
  });

  it('applies improvekit.rules settings over .improvekit.yaml, and improvekit.enable turns checking off', async () => {
    await settled();
    const settings = vscode.workspace.getConfiguration('improvekit');
    try {
      await settings.update('rules', { 'message/too-many-words': 'off' }, vscode.ConfigurationTarget.Workspace);
      await waitFor('message/too-many-words to be turned off', () => !allFindings().some((f) => f.endsWith('message/too-many-words')));
      assert.equal(allFindings().length, 6);
      await settings.update('enable', false, vscode.ConfigurationTarget.Workspace);
      await waitFor('every Improvekit diagnostic to be cleared', () => allFindings().length === 0);
    } finally {
      await settings.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
      await settings.update('enable', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await settled();
  });
});
