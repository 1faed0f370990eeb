import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, closeUntitled, fileUri, folder, openFile, ours, positionOf, ruleOf, settled, waitFor } from './helpers';

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

async function completionsAt(doc: vscode.TextDocument, at: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, at);
  return list?.items ?? [];
}

/** An untitled YAML editor holding `content`, active. */
async function scratch(content: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content });
  const editor = await vscode.window.showTextDocument(doc);
  // VS Code can reopen an untitled document closed a moment ago with its old text (see New Document).
  if (doc.getText() !== content) {
    assert.ok(await editor.edit((e) => e.replace(new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), content)));
  }
  assert.equal(doc.getText(), content);
  return editor;
}

/** Waits until Improvekit has published the diagnostics of a document's current text (a list, maybe empty), then gives the rule ids. */
async function rulesOf(doc: vscode.TextDocument, what: string): Promise<string[]> {
  const api = await activate();
  await waitFor(`the status bar to describe ${what}`, () => api.status.current?.recognised === true && vscode.window.activeTextEditor?.document === doc);
  // Diagnostics follow the text after the debounce; give it time to settle.
  await new Promise((r) => setTimeout(r, 800));
  return ours(doc.uri).map(ruleOf);
}

const SKELETONS = ['improvekit-driver-diagram', 'improvekit-pdsa-cycle', 'improvekit-measure', 'improvekit-rapid-charter', 'improvekit-leadership-model', 'improvekit-message-map', 'improvekit-roster'];

describe('newcomer completion', () => {
  before(async () => {
    await activate();
    await settled();
  });

  afterEach(closeUntitled);

  it('offers the keys of `data` on an indented empty line under an empty `data:`, `points` among them, and no top-level key', async () => {
    const editor = await scratch('kind: measure\nid: newcomer-minutes\ntitle: Minutes each huddle ran\nunit: minutes\ndata:\n  \nchart: run\n');
    const items = await completionsAt(editor.document, new vscode.Position(5, 2));
    const found = items.map(labelOf);
    for (const key of ['file', 'points', 'date', 'value']) assert.ok(found.includes(key), `${key} in ${found.join(', ')}`);
    for (const key of ['kind', 'id', 'title', 'unit', 'chart', 'phases', 'annotations', 'definition', 'measure']) assert.ok(!found.includes(key), `top-level ${key} offered under data: ${found.join(', ')}`);
    const points = items.find((i) => labelOf(i) === 'points')!;
    assert.equal(points.kind, vscode.CompletionItemKind.Property);
  });

  it('offers the keys of a point after its `- `', async () => {
    const editor = await scratch('kind: measure\nid: newcomer-minutes\ndata:\n  points:\n    - \n');
    const found = (await completionsAt(editor.document, new vscode.Position(4, 6))).map(labelOf);
    for (const key of ['date', 'value', 'n', 'note', 'ik-point']) assert.ok(found.includes(key), `${key} in ${found.join(', ')}`);
    assert.ok(!found.includes('points') && !found.includes('chart'), found.join(', '));
  });

  it('offers the whole documents in an empty document, and none at a value', async () => {
    const empty = await scratch('');
    const atTop = (await completionsAt(empty.document, new vscode.Position(0, 0))).filter((i) => i.kind === vscode.CompletionItemKind.Snippet).map(labelOf);
    assert.deepEqual([...atTop].sort(), [...SKELETONS].sort());
    const { document: driver } = await openFile('k3-reading.driver.yaml');
    const atValue = await completionsAt(driver, positionOf(driver, 'status: testing', 'status: '.length));
    assert.deepEqual(atValue.filter((i) => i.kind === vscode.CompletionItemKind.Snippet || labelOf(i).startsWith('improvekit-')).map(labelOf), []);
    assert.ok(atValue.some((i) => labelOf(i) === 'implementing'), 'the values of `status` are offered there');
  });

  it('fills a snippet\'s reference placeholders with the workspace\'s ids: no ref/unknown on insertion, and the ids again on Ctrl+Space', async () => {
    const editor = await scratch('');
    const offered = await completionsAt(editor.document, new vscode.Position(0, 0));
    const item = offered.find((i) => labelOf(i) === 'improvekit-pdsa-cycle');
    assert.ok(item && item.insertText instanceof vscode.SnippetString, `the PDSA cycle snippet: ${offered.map(labelOf).join(', ')}`);
    const body = (item.insertText as vscode.SnippetString).value;
    const choice = /^change_idea: \$\{2\|([^|]*)\|\}$/m.exec(body);
    assert.ok(choice, `change_idea is a choice of the workspace's change ideas:\n${body}`);
    const ideas = choice[1].split(',');
    for (const idea of ['k3-reading#c-huddles', 'k3-reading#c-summits']) assert.ok(ideas.includes(idea), `${idea} in ${ideas.join(', ')}`);
    assert.match(body, /who: \$\{9\|[^|]*\bana\b[^|]*\|\}/, 'the task owner is a choice of the roster');
    assert.ok(await editor.insertSnippet(item.insertText as vscode.SnippetString, new vscode.Position(0, 0)));
    // The first placeholder (the new id) is selected; the next is the change idea.
    await vscode.commands.executeCommand('jumpToNextSnippetPlaceholder');
    const selected = editor.selection;
    assert.equal(editor.document.lineAt(selected.active.line).text.split(':')[0], 'change_idea', 'the change idea placeholder is selected');
    const describe = (items: vscode.CompletionItem[]) => `selection ${selected.start.line}:${selected.start.character}-${selected.end.line}:${selected.end.character} on ${JSON.stringify(editor.document.lineAt(selected.active.line).text)}; offered ${items.map((i) => `${labelOf(i)} (kind ${i.kind})`).join(', ')}`;
    // While the choice is active, the editor offers the choice itself: the workspace's ids.
    const inSnippet = await completionsAt(editor.document, selected.active);
    for (const idea of ['k3-reading#c-huddles', 'k3-reading#c-summits']) assert.ok(inSnippet.map(labelOf).includes(idea), `Ctrl+Space on the placeholder offers ${idea}: ${describe(inSnippet)}`);
    await vscode.commands.executeCommand('leaveSnippet');
    // Once the snippet is left, the value is a reference like any other: the ids are ours.
    const after = await completionsAt(editor.document, selected.active);
    const references = after.filter((i) => i.kind === vscode.CompletionItemKind.Reference).map(labelOf);
    for (const idea of ['k3-reading#c-huddles', 'k3-reading#c-summits']) assert.ok(references.includes(idea), `Ctrl+Space on the value offers ${idea}: ${describe(after)}`);
    const rules = await rulesOf(editor.document, 'the inserted PDSA cycle');
    assert.deepEqual(rules.filter((r) => r.startsWith('ref/')), [], `the inserted cycle names what exists (${rules.join(', ')}):\n${editor.document.getText()}`);
  });

  it('inserts an item snippet whose reference names an item of the document, not a placeholder id', async () => {
    const editor = await scratch('kind: driver-diagram\nid: newcomer-plan\ntitle: Reading\naim:\n  statement: More students read at grade level\nprimary_drivers:\n  - { id: p-coaching, title: Weekly coaching }\nsecondary_drivers:\n  \n');
    const at = new vscode.Position(8, 2);
    const offered = await completionsAt(editor.document, at);
    const item = offered.find((i) => labelOf(i) === 'ik-secondary-driver');
    assert.ok(item && item.insertText instanceof vscode.SnippetString, `the secondary driver snippet on the empty line under secondary_drivers: ${offered.map(labelOf).join(', ')}`);
    assert.match((item.insertText as vscode.SnippetString).value, /supports: \[\$\{3\|p-coaching\|\}\]/);
    assert.ok(await editor.insertSnippet(item.insertText as vscode.SnippetString, at));
    await vscode.commands.executeCommand('leaveSnippet');
    assert.match(editor.document.getText(), /^ {2}- \{ id: s-new, title: .*, supports: \[p-coaching\] \}$/m);
    const rules = await rulesOf(editor.document, 'the driver diagram');
    assert.ok(!rules.includes('ref/unknown'), `${rules.join(', ')}:\n${editor.document.getText()}`);
  });

  it('New Document opens an untitled `<id>.<suffix>.yaml` in the folder of the active file, writing nothing', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(fileUri('data/huddle-minutes.csv')));
    const doc = await vscode.commands.executeCommand<vscode.TextDocument>('improvekit.newDocument', 'driver-diagram');
    assert.ok(doc?.isUntitled, 'the new document is untitled');
    assert.equal(doc.uri.scheme, 'untitled');
    assert.equal(doc.uri.path, vscode.Uri.joinPath(folder(), 'data', 'new-driver-diagram.driver.yaml').path);
    assert.equal(doc.languageId, 'yaml');
    assert.match(doc.getText(), /^kind: driver-diagram\nid: new-driver-diagram\n/);
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(vscode.Uri.joinPath(folder(), 'data', 'new-driver-diagram.driver.yaml'))), 'nothing is written to disk');
    await closeUntitled();
    await openFile('cabinet-2026.rapid.yaml');
    const rapid = await vscode.commands.executeCommand<vscode.TextDocument>('improvekit.newDocument', 'rapid-charter');
    assert.equal(rapid.uri.path, vscode.Uri.joinPath(folder(), 'new-rapid-charter.rapid.yaml').path);
    const rules = await rulesOf(rapid, 'the new charter');
    assert.ok(!rules.includes('schema/invalid'), rules.join(', '));
  });
});
