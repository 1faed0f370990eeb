import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, DELIBERATE_PROBLEMS, EXTENSION_ID, settled } from './helpers';

describe('workspace trust', () => {
  it('declares full support for untrusted and virtual workspaces', () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON;
    assert.deepEqual(pkg.capabilities, { untrustedWorkspaces: { supported: true }, virtualWorkspaces: true });
  });

  it(`checks the workspace the same whether it is trusted or not (this run: ${vscode.workspace.isTrusted ? 'trusted' : 'untrusted'})`, async () => {
    // The launcher says which mode it opened the folder in; other hosts may leave it unsaid.
    const expected = process.env.IMPROVEKIT_EXPECT_TRUST;
    if (expected) assert.equal(vscode.workspace.isTrusted, expected === 'trusted');
    await activate();
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)!.isActive);
    assert.deepEqual(await settled(), DELIBERATE_PROBLEMS);
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['improvekit.checkWorkspace', 'improvekit.newDocument', 'improvekit.fixAll']) assert.ok(commands.includes(id), id);
  });
});
