import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, closeUntitled, openFile, positionOf, settled } from './helpers';

function labels(list: vscode.CompletionList | undefined): string[] {
  return (list?.items ?? []).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
}

function nameOf(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

describe('language features', () => {
  before(async () => {
    await activate();
    await settled();
  });

  afterEach(closeUntitled);

  it('completes a `supports:` value with the drivers of the diagram', async () => {
    const { document: doc } = await openFile('k3-reading.driver.yaml');
    const at = positionOf(doc, 'supports: [s-huddle-routine]', 'supports: ['.length);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, at);
    const found = labels(list);
    for (const id of ['s-huddle-routine', 's-target-group', 's-release', 'p-data-use']) assert.ok(found.includes(id), `${id} in ${found.join(', ')}`);
    // Word-based suggestions may list the same words; ours are references.
    assert.ok(list.items.some((i) => i.label === 's-release' && i.kind === vscode.CompletionItemKind.Reference));
  });

  it('completes a RAPID role with the people and groups of the roster', async () => {
    const { document: doc } = await openFile('cabinet-2026.rapid.yaml');
    const at = positionOf(doc, 'decide: board', 'decide: '.length);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, at);
    const found = labels(list);
    for (const id of ['supt', 'cao', 'board', 'principals', 'union-president']) assert.ok(found.includes(id), `${id} in ${found.join(', ')}`);
    assert.ok(list.items.some((i) => i.label === 'supt' && i.kind === vscode.CompletionItemKind.User));
  });

  it('hovers a RAPID role with its definition', async () => {
    const { document: doc } = await openFile('cabinet-2026.rapid.yaml');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionOf(doc, 'decide: board', 2));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /Decide/);
    assert.match(text, /final decision/);
  });

  it('goes from a PDSA cycle\'s change idea to its definition in the driver diagram', async () => {
    const { document: doc } = await openFile('huddles-c1.pdsa.yaml');
    const at = positionOf(doc, 'k3-reading#c-huddles', 'k3-reading#'.length + 2);
    const result = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>('vscode.executeDefinitionProvider', doc.uri, at);
    assert.equal(result.length, 1);
    const target = 'targetUri' in result[0] ? { uri: result[0].targetUri, range: result[0].targetRange } : result[0];
    assert.equal(nameOf(target.uri), 'k3-reading.driver.yaml');
    const driver = await vscode.workspace.openTextDocument(target.uri);
    assert.equal(driver.getText(target.range), 'c-huddles');
  });

  it('finds the references to a change idea across files', async () => {
    const { document: doc } = await openFile('k3-reading.driver.yaml');
    const at = positionOf(doc, '- id: c-huddles', '- id: '.length + 1);
    const refs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', doc.uri, at);
    assert.deepEqual(refs.map((r) => nameOf(r.uri)).sort(), ['huddles-c1.pdsa.yaml', 'huddles-c2.pdsa.yaml', 'huddles-c3.pdsa.yaml', 'k3-reading.driver.yaml']);
  });

  it('renames a change idea in the diagram and in every cycle that tests it', async () => {
    const { document: doc } = await openFile('k3-reading.driver.yaml');
    const at = positionOf(doc, '- id: c-huddles', '- id: '.length + 1);
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', doc.uri, at, 'c-data-huddles');
    const entries = edit.entries().map(([uri, edits]) => [nameOf(uri), edits.map((e) => e.newText)] as const);
    assert.deepEqual(
      entries.map(([name]) => name).sort(),
      ['huddles-c1.pdsa.yaml', 'huddles-c2.pdsa.yaml', 'huddles-c3.pdsa.yaml', 'k3-reading.driver.yaml'],
    );
    for (const [, texts] of entries) assert.ok(texts.every((t) => t.endsWith('c-data-huddles')), texts.join(', '));
    // Computing a rename changes nothing until the user accepts it.
    assert.ok(!doc.isDirty);
  });

  it('refuses to rename where there is no id, and says why', async () => {
    const { document: doc } = await openFile('k3-reading.driver.yaml');
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', doc.uri, new vscode.Position(0, 0), 'x')),
      (error: Error) => error.message.length > 10,
    );
  });

  it('outlines a RAPID charter: the document, then its six decisions', async () => {
    const { document: doc } = await openFile('cabinet-2026.rapid.yaml');
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
    assert.equal(symbols.length, 1);
    assert.match(symbols[0].name, /Cabinet decision rights/);
    const all: vscode.DocumentSymbol[] = [];
    const walk = (list: vscode.DocumentSymbol[]) => list.forEach((s) => (all.push(s), walk(s.children)));
    walk(symbols);
    const decisions = all.filter((s) => s.kind === vscode.SymbolKind.Function);
    assert.equal(decisions.length, 6, all.map((s) => s.name).join(' | '));
    assert.ok(decisions.some((s) => /standards-based grading/.test(s.name)));
    // Each decision's selection lies inside it, as the outline requires.
    for (const s of decisions) assert.ok(s.range.contains(s.selectionRange));
  });

  it('outlines each fenced block of the workshop notes as a document of its own', async () => {
    const { document: doc } = await openFile('workshop-2026-03.md');
    const symbols = (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri)) ?? [];
    const names = symbols.map((s) => s.name).join(' | ');
    assert.match(names, /Huddle decisions at Lincoln/);
    assert.match(names, /note for grade 3 families/);
  });

  it('puts a RAPID summary lens above each decision and a span lens above each position', async () => {
    const { document: rapid } = await openFile('cabinet-2026.rapid.yaml');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', rapid.uri, 100);
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.ok(titles.includes('D: supt + board · R: hr-chief · A: 2 · P: 1 · I: 2'), titles.join(' | '));
    assert.equal(titles.filter((t) => t.startsWith('D: ')).length, 6);
    const { document: model } = await openFile('lincoln-team-leads.leadership.yaml');
    const spans = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', model.uri, 100)).map((l) => l.command?.title ?? '');
    assert.ok(spans.includes('span 6 of 10'), spans.join(' | '));
  });

  it('offers nothing of its own in a YAML file that is not an Improvekit document', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: 'name: build\non: [push]\n' });
    await vscode.window.showTextDocument(doc);
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 100)) ?? [];
    assert.deepEqual(lenses.map((l) => l.command?.title), []);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(1, 5));
    // Word-based suggestions may offer words of other open files; no roster person is offered as one.
    assert.ok(!(list?.items ?? []).some((i) => i.kind === vscode.CompletionItemKind.User));
  });
});
