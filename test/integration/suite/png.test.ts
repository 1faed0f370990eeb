/**
 * PNG export in a real VS Code: the rasteriser's WebAssembly and fonts read from the installed
 * extension, the picture written through the editor's file system, with the examples/ workspace open.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'improvekit.improvekit';
const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function examples(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the examples/ workspace is open');
  return folder.uri;
}

/** Width and height from the PNG's IHDR chunk, which follows the 8-byte signature and the chunk's length and type. */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  assert.deepEqual([...bytes.subarray(0, 8)], SIGNATURE, 'a PNG signature');
  assert.equal(new TextDecoder().decode(bytes.subarray(12, 16)), 'IHDR');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

describe('PNG export (integration)', function () {
  this.timeout(60_000);
  let outputDir: string | undefined;

  before(async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    const api = (await extension.activate()) as { ready?: Promise<void> } | undefined;
    await api?.ready;
    outputDir = fs.mkdtempSync(path.join(os.tmpdir(), 'improvekit-png-'));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (outputDir) fs.rmSync(outputDir, { recursive: true, force: true });
  });

  it('draws the open driver diagram as a PNG that fits a 1920 × 1080 slide', async () => {
    const source = vscode.Uri.joinPath(examples(), 'k3-reading.driver.yaml');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(source), vscode.ViewColumn.One);
    const target = vscode.Uri.file(path.join(outputDir!, 'k3-reading.driver.png'));
    const written = (await vscode.commands.executeCommand('improvekit.exportPng', { source, target })) as vscode.Uri | undefined;
    assert.equal(written?.toString(), target.toString());
    const bytes = await vscode.workspace.fs.readFile(target);
    const { width, height } = pngSize(bytes);
    assert.ok(width <= 1920 && height <= 1080, `${width} × ${height}`);
    assert.ok(width === 1920 || height === 1080, `fills the slide in one direction: ${width} × ${height}`);
    // A drawn diagram, not an empty canvas: compressed, a blank picture of that size is a few KB.
    assert.ok(bytes.length > 20_000, `${bytes.length} bytes`);
  });

  it('exports the org chart of a leadership model from the active editor', async () => {
    const source = vscode.Uri.joinPath(examples(), 'lincoln-team-leads.leadership.yaml');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(source), vscode.ViewColumn.One);
    const target = vscode.Uri.file(path.join(outputDir!, 'lincoln.png'));
    await vscode.commands.executeCommand('improvekit.exportPng', { target });
    const { width, height } = pngSize(await vscode.workspace.fs.readFile(target));
    assert.ok(width > 0 && width <= 1920 && height <= 1080, `${width} × ${height}`);
  });
});
