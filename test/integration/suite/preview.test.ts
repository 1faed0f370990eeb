/**
 * The preview, the exports and the Markdown preview plugin in a real VS Code, with the
 * examples/ workspace open.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'improvekit.improvekit';

function examples(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the examples/ workspace is open');
  return folder.uri;
}

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeout = 10_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function previewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.includes('improvekit.preview'));
}

let outputDir: string | undefined;

/** A file in a fresh temporary folder: exports never write into the workspace under test. */
function scratch(name: string): vscode.Uri {
  outputDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'improvekit-export-'));
  return vscode.Uri.file(path.join(outputDir, name));
}

async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

describe('preview (integration)', function () {
  this.timeout(60_000);

  before(async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    const api = (await extension.activate()) as { ready?: Promise<void> } | undefined;
    await api?.ready;
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (outputDir) fs.rmSync(outputDir, { recursive: true, force: true });
  });

  it('opens a preview beside the driver diagram, titled after it', async () => {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(examples(), 'k3-reading.driver.yaml'));
    await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    await vscode.commands.executeCommand('improvekit.openPreview');
    const tab = await until('the preview tab', () => previewTabs()[0]);
    assert.equal(tab.label, 'Preview k3-reading');
    assert.notEqual(tab.group.viewColumn, vscode.ViewColumn.One, 'the preview opens beside the editor');
    // Running it again reuses the panel.
    await vscode.commands.executeCommand('improvekit.openPreview');
    assert.equal(previewTabs().length, 1);
  });

  it('follows the active Improvekit document', async () => {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(examples(), 'cabinet-2026.rapid.yaml'));
    await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    await until('the preview to follow', () => previewTabs().find((tab) => tab.label === 'Preview cabinet-2026'));
  });

  it('exports a document as self-contained HTML to a given file', async () => {
    const source = vscode.Uri.joinPath(examples(), 'k3-reading.driver.yaml');
    const target = scratch('k3-reading.driver.html');
    const written = (await vscode.commands.executeCommand('improvekit.exportHtml', source, target)) as vscode.Uri | undefined;
    assert.equal(written?.toString(), target.toString());
    const html = await readText(target);
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;/);
    assert.ok(html.includes('Raise the share of grade 3 students reading at grade level'));
    assert.ok(html.includes('class="ik-svg ik-driver-svg"'));
    assert.doesNotMatch(html, /<script/i);
  });

  it('exports the org chart of a leadership model as a standalone SVG', async () => {
    const source = vscode.Uri.joinPath(examples(), 'lincoln-team-leads.leadership.yaml');
    const target = scratch('lincoln-team-leads.svg');
    await vscode.commands.executeCommand('improvekit.exportSvg', { source, target });
    const svg = await readText(target);
    assert.match(svg, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg class="ik-svg ik-org-svg" xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.match(svg, /<style><!\[CDATA\[/);
    assert.doesNotMatch(svg, /<script/i);
  });

  it('draws the fenced blocks of the workshop note in the Markdown preview', async () => {
    const note = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(examples(), 'workshop-2026-03.md'));
    const html = (await vscode.commands.executeCommand('markdown.api.render', note)) as string;
    // The block's element carries both, in whatever order and among whatever attributes VS Code adds.
    const tags = html.match(/<[a-z][a-z0-9]*\b[^>]*>/g) ?? [];
    const block = tags.find((tag) => /\sdata-kind="rapid-charter"/.test(tag) && /\sclass="(?:[^"]*\s)?ik-md(?:\s[^"]*)?"/.test(tag));
    assert.ok(block, `no element with class ik-md and data-kind="rapid-charter" among: ${tags.filter((t) => t.includes('data-kind')).join(' ')}`);
    assert.match(html, /data-kind="message-map"/);
    assert.ok(html.includes('Huddle decisions at Lincoln and the pilot schools'));
    assert.doesNotMatch(html, /language-rapid-charter/);
  });
});
