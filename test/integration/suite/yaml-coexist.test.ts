/**
 * Beside Red Hat's YAML extension, in the real editor. The manifest check always runs; the rest
 * needs redhat.vscode-yaml installed in the editor under test and is skipped without it (the
 * launchers install no other extension). The unit suite runs Red Hat's own language server
 * against the same contributor (test/unit/extension/yaml.test.ts).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, closeUntitled, EXTENSION_ID, ours, ruleOf, waitFor } from './helpers';

const YAML_EXTENSION_ID = 'redhat.vscode-yaml';
const CHARTER = 'kind: rapid-charter\nid: coexist\ndecisions:\n  - id: grading\n    decision: Adopt a grading policy\n    recommend: cao\n    perform: principals\n    decide: supt\n    statsu: open\n';

describe('beside Red Hat YAML', () => {
  before(async () => {
    await activate();
  });

  after(async () => {
    await closeUntitled();
  });

  it('contributes no yamlValidation, so no YAML server is handed the document schemas', () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes: Record<string, unknown> };
    assert.equal(manifest.contributes.yamlValidation, undefined);
  });

  it('shows each schema problem once, and each completion once', async function () {
    const yaml = vscode.extensions.getExtension(YAML_EXTENSION_ID);
    if (!yaml) this.skip();
    await yaml.activate();
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: CHARTER });
    await vscode.window.showTextDocument(doc);
    await waitFor('Improvekit to report the unknown key', () => ours(doc.uri).some((d) => ruleOf(d) === 'schema/invalid'));
    // Red Hat's server validates after a pause of its own: give it time to report, then look.
    await new Promise((r) => setTimeout(r, 3000));
    const others = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source !== 'improvekit');
    assert.deepEqual(others.map((d) => `${d.source}: ${d.message}`), [], 'problems from another source');
    const end = doc.lineAt(doc.lineCount - 1).range.end;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, end, '    ');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, doc.lineAt(doc.lineCount - 1).range.end);
    const labels = list.items.filter((i) => i.kind !== vscode.CompletionItemKind.Snippet).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('status'), labels.join(', '));
    assert.deepEqual(labels.filter((l, i) => labels.indexOf(l) !== i), [], 'completions offered twice');
  });
});
