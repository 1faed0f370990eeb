import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, fileUri, openFile, ours, restore, ruleOf, settled, waitFor } from './helpers';

async function quickFixes(uri: vscode.Uri, d: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const actions = (await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
  return actions.filter((a): a is vscode.CodeAction => 'edit' in a && !!a.edit && (a.diagnostics ?? []).some((x) => x.source === 'improvekit' && ruleOf(x) === ruleOf(d)));
}

const FIXABLE: Array<{ file: string; rule: string; titles: RegExp[] }> = [
  { file: 'cabinet-2026.rapid.yaml', rule: 'rapid/multiple-deciders', titles: [/Keep `supt` as the only decider/, /Keep `board` as the only decider/] },
  { file: 'huddles-c3.pdsa.yaml', rule: 'pdsa/question-without-prediction', titles: [/prediction/i] },
  { file: 'lincoln-status-quo.leadership.yaml', rule: 'leadership/oversized-span', titles: [/^Split .*`principal`/] },
  { file: 'workshop-2026-03.md', rule: 'message/jargon', titles: [/Replace "formative"/] },
];

describe('quick fixes', () => {
  before(async () => {
    await activate();
    await settled();
  });

  for (const { file, rule, titles } of FIXABLE) {
    it(`offers and applies every fix for ${rule} in ${file}, and the file is re-checked clean`, async () => {
      const uri = fileUri(file);
      const editor = await openFile(file);
      const doc = editor.document;
      const original = doc.getText();
      const target = await waitFor(`${rule} in ${file}`, () => ours(uri).find((d) => ruleOf(d) === rule));
      const offered = await quickFixes(uri, target);
      assert.equal(offered.length, titles.length, `fixes offered: ${offered.map((a) => a.title).join(' | ')}`);
      titles.forEach((title, i) => assert.match(offered[i].title, title));
      for (let i = 0; i < offered.length; i++) {
        const current = await waitFor(`${rule} in ${file}`, () => ours(uri).find((d) => ruleOf(d) === rule));
        const action = (await quickFixes(uri, current))[i];
        assert.ok(action?.edit, `fix ${i + 1} of ${rule} is offered again after the file was restored`);
        assert.ok(!doc.isDirty);
        assert.ok(await vscode.workspace.applyEdit(action.edit), `could not apply "${action.title}"`);
        // A fix is an edit of the buffer: nothing is saved for the user.
        assert.ok(doc.isDirty);
        await waitFor(`"${action.title}" to clear the problems of ${file}`, () => ours(uri).length === 0);
        await restore(doc, original);
        await settled();
      }
    });
  }

  it('offers no quick fix where the change needs a person (too many words)', async () => {
    const uri = fileUri('new-assessments-parents.message.yaml');
    await openFile('new-assessments-parents.message.yaml');
    const d = await waitFor('message/too-many-words', () => ours(uri).find((x) => ruleOf(x) === 'message/too-many-words'));
    assert.deepEqual(await quickFixes(uri, d), []);
  });

  it('Fix All applies every preferred fix of the active document as one edit that Undo reverts', async () => {
    const editor = await openFile('huddles-c3.pdsa.yaml');
    const doc = editor.document;
    const original = doc.getText();
    try {
      const fixed = await vscode.commands.executeCommand<number>('improvekit.fixAll');
      assert.equal(fixed, 1);
      assert.match(doc.getText(), /prediction:/);
      await waitFor('the fixed cycle to be clean', () => ours(doc.uri).length === 0);
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('undo');
      await waitFor('Undo to revert Fix All in one step', () => doc.getText() === original);
    } finally {
      await restore(doc, original);
    }
    await settled();
  });

  it('offers Fix All as a source.fixAll.improvekit code action', async () => {
    const editor = await openFile('huddles-c3.pdsa.yaml');
    const doc = editor.document;
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.improvekit')) ?? [];
    const fixAll = actions.find((a) => a.kind?.value === 'source.fixAll.improvekit');
    assert.ok(fixAll?.edit, `actions: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(fixAll.edit.get(doc.uri).length, 1);
    assert.ok(!doc.isDirty, 'offering a fix must not change the document');
  });
});
