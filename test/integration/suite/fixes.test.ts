import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, fileUri, openFile, ours, restore, ruleOf, settled, waitFor } from './helpers';

/**
 * The quick fixes offered at a diagnostic that edit its file. `vscode.executeCodeActionProvider`
 * does not hand back an action's `diagnostics` in every VS Code (1.139 drops them): where they are
 * there, an action must be for this Improvekit diagnostic; either way it must edit only this file.
 */
async function quickFixes(uri: vscode.Uri, d: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const actions = (await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
  return actions.filter((a): a is vscode.CodeAction => {
    if (!('edit' in a) || !a.edit || !a.kind || !vscode.CodeActionKind.QuickFix.contains(a.kind)) return false;
    if (a.diagnostics?.length && !a.diagnostics.some((x) => x.source === 'improvekit' && ruleOf(x) === ruleOf(d))) return false;
    const touched = a.edit.entries().map(([u]) => u.toString());
    return touched.length > 0 && touched.every((u) => u === uri.toString());
  });
}

/**
 * The quick fixes at a diagnostic once `count` of them are offered, else the last answer (up to 10 s).
 * Right after a file opens VS Code may answer with none, or cancel the request, while another
 * extension activates (the Markdown one on the first Markdown file): asking again is what the
 * light bulb does too.
 */
async function offeredFixes(uri: vscode.Uri, d: vscode.Diagnostic, count: number): Promise<vscode.CodeAction[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    let offered: vscode.CodeAction[] = [];
    try {
      offered = await quickFixes(uri, d);
    } catch (error) {
      if (!(error instanceof Error && /cancel/i.test(error.message)) || Date.now() > deadline) throw error;
    }
    if (offered.length === count || Date.now() > deadline) return offered;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** What stands behind the quick fixes offered at a diagnostic, for a failure's message. */
async function fixState(doc: vscode.TextDocument, d: vscode.Diagnostic): Promise<string> {
  const api = await activate();
  const engine = api.host.workspace.file(api.host.engineUri(doc));
  let all: string;
  try {
    const actions = (await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>('vscode.executeCodeActionProvider', doc.uri, d.range)) ?? [];
    all = actions.map((a) => `${a.title} (${'kind' in a ? a.kind?.value : 'command'})`).join(' | ') || 'none';
  } catch (error) {
    all = `the request failed: ${String(error)}`;
  }
  return [
    `actions of any kind: ${all}`,
    `the engine holds the editor's text: ${engine?.text === doc.getText()}`,
    `the diagnostic is the engine's: ${api.publisher.engineDiagnostic(doc.uri, d) !== undefined}`,
    `now published: ${ours(doc.uri).map((x) => `${ruleOf(x)} ${x.range.start.line + 1}:${x.range.start.character + 1}`).join(', ') || 'none'}`,
  ].join('; ');
}

/** `results`, where given: what the text holds after each fix. */
const FIXABLE: Array<{ file: string; rule: string; titles: RegExp[]; results?: RegExp[] }> = [
  {
    file: 'cabinet-2026.rapid.yaml',
    rule: 'rapid/multiple-deciders',
    titles: [/Keep `supt` as the only decider/, /Keep `board` as the only decider/],
    // One decider is a plain value, as examples/README.md advises.
    results: [/^ {4}decide: supt\n {4}due: 2026-04-15$/m, /^ {4}decide: board\n {4}due: 2026-04-15$/m],
  },
  { file: 'huddles-c3.pdsa.yaml', rule: 'pdsa/question-without-prediction', titles: [/prediction/i] },
  { file: 'lincoln-status-quo.leadership.yaml', rule: 'leadership/oversized-span', titles: [/^Split .*`principal`/] },
  { file: 'workshop-2026-03.md', rule: 'message/jargon', titles: [/Replace "formative"/] },
];

describe('quick fixes', () => {
  before(async () => {
    await activate();
    await settled();
  });

  for (const { file, rule, titles, results } of FIXABLE) {
    it(`offers and applies every fix for ${rule} in ${file}, and the file is re-checked clean`, async () => {
      const uri = fileUri(file);
      const editor = await openFile(file);
      const doc = editor.document;
      const original = doc.getText();
      try {
        const target = await waitFor(`${rule} in ${file}`, () => ours(uri).find((d) => ruleOf(d) === rule));
        const offered = await offeredFixes(uri, target, titles.length);
        if (offered.length !== titles.length) assert.fail(`${titles.length} fixes expected, ${offered.length} offered: ${offered.map((a) => a.title).join(' | ')}. ${await fixState(doc, target)}`);
        titles.forEach((title, i) => assert.match(offered[i].title, title));
        for (let i = 0; i < offered.length; i++) {
          const current = await waitFor(`${rule} in ${file}`, () => ours(uri).find((d) => ruleOf(d) === rule));
          const action = (await offeredFixes(uri, current, titles.length))[i];
          assert.ok(action?.edit, `fix ${i + 1} of ${rule} is offered again after the file was restored`);
          assert.ok(!doc.isDirty);
          assert.ok(await vscode.workspace.applyEdit(action.edit), `could not apply "${action.title}"`);
          // A fix is an edit of the buffer: nothing is saved for the user.
          assert.ok(doc.isDirty);
          if (results) assert.match(doc.getText(), results[i], `after "${action.title}"`);
          await waitFor(`"${action.title}" to clear the problems of ${file}`, () => ours(uri).length === 0, 15_000, () => ours(uri).map((d) => `${ruleOf(d)}: ${d.message}`).join('; '));
          await restore(doc, original);
          await settled();
        }
      } finally {
        // Whatever failed, the next test finds the sample as shipped.
        await restore(doc, original);
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
