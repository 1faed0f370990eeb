import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { PNG } from 'pngjs';
import { EventEmitter, FakePanel, fakeDocument, installFakeVscode, recorder, resetRecorder, Selection, Position, TextEditorSelectionChangeKind, Uri, ViewColumn } from './fake-vscode';
import { workspaceOf } from '../../helpers';
import { DRIVER, LEADERSHIP, RAPID, pdsaWithPoints } from '../render/samples';
import type { Workspace } from '../../../src/core/workspace';

installFakeVscode();
// Required after the fake is in place (an import would be hoisted above it).
const preview = require('../../../src/extension/preview/index') as typeof import('../../../src/extension/preview/index');

const K3 = 'file:///ws/k3.driver.yaml';
const CABINET = 'file:///ws/cabinet.rapid.yaml';
const LINCOLN = 'file:///ws/lincoln.leadership.yaml';
const NOTE = 'file:///ws/note.md';
const NOTE_TEXT = '# Note\n\n```rapid-charter\nid: huddles\ndecisions:\n  - { id: time, decision: Huddle time, recommend: ana, perform: ana }\n```\n';

interface Setup {
  ws: Workspace;
  updated: EventEmitter<readonly string[]>;
  run(command: string, ...args: unknown[]): Promise<unknown>;
  panel(): FakePanel;
}

function setup(): Setup {
  resetRecorder();
  const ws = workspaceOf({ 'k3.driver.yaml': DRIVER, 'cabinet.rapid.yaml': RAPID, 'lincoln.leadership.yaml': LEADERSHIP, 'note.md': NOTE_TEXT });
  const updated = new EventEmitter<readonly string[]>();
  const configured = new EventEmitter<void>();
  const host = { workspace: ws, onDidUpdate: updated.event, onDidChangeConfiguration: configured.event, ensureFile: async (uri: Uri) => ws.file(uri.toString()) };
  const context = { extensionUri: Uri.file('/ext'), subscriptions: [] as Array<{ dispose(): void }> };
  preview.registerPreview(context as never, host as never);
  for (const [uri, language, text] of [
    [K3, 'yaml', DRIVER],
    [CABINET, 'yaml', RAPID],
    [LINCOLN, 'yaml', LEADERSHIP],
  ]) {
    recorder.documents.push(fakeDocument(uri, language, text));
  }
  recorder.activeEditor = { document: recorder.documents[0] };
  return {
    ws,
    updated,
    run: async (command, ...args) => recorder.commands.get(command)!(...args),
    panel: () => {
      assert.equal(recorder.panels.length, 1, 'one preview panel');
      return recorder.panels[0];
    },
  };
}

const tick = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length - 1;
}

describe('preview panel (with a stand-in for the editor API)', () => {
  it('registers the commands and the serializer', () => {
    setup();
    assert.deepEqual([...recorder.commands.keys()].sort(), ['improvekit.exportHtml', 'improvekit.exportPng', 'improvekit.exportSvg', 'improvekit.openPreview']);
    assert.ok(recorder.serializers.has('improvekit.preview'));
  });

  it('opens one panel beside the editor with a strict page', async () => {
    const { run, panel } = setup();
    await run('improvekit.openPreview');
    const p = panel();
    assert.equal(p.viewType, 'improvekit.preview');
    assert.deepEqual(p.createdWith[1], { viewColumn: ViewColumn.Beside, preserveFocus: true });
    assert.deepEqual(p.webview.options, {
      enableScripts: true,
      enableCommandUris: false,
      enableFindWidget: true,
      retainContextWhenHidden: false,
      localResourceRoots: [Uri.file('/ext/media')],
    });
    assert.equal(p.title, 'Preview k3');
    const nonce = /script-src &#39;nonce-([A-Za-z0-9+/=]+)&#39;"/.exec(p.webview.html)?.[1];
    assert.ok(nonce, 'the CSP allows scripts by nonce only');
    assert.match(p.webview.html, /default-src &#39;none&#39;/);
    assert.ok(p.webview.html.includes(`<script nonce="${nonce}" src="https://fake.vscode-cdn.net/ext/media/preview.js"></script>`));
    assert.ok(p.webview.html.includes('href="https://fake.vscode-cdn.net/ext/media/preview.css"'));
    assert.ok(p.webview.html.includes('Teachers use reading data weekly'));
    // Again: the same panel, revealed.
    await run('improvekit.openPreview');
    assert.equal(recorder.panels.length, 1);
    assert.equal(p.revealed, 1);
  });

  it('answers the script\'s ready with the body and the file, for the webview state', async () => {
    const { run, panel } = setup();
    await run('improvekit.openPreview');
    panel().webview.received.fire({ type: 'ready' });
    await tick();
    const update = panel().webview.posted.at(-1) as { type: string; html: string; uri: string };
    assert.equal(update.type, 'update');
    assert.equal(update.uri, K3);
    assert.match(update.html, /^<article class="ik-doc ik-doc-driver-diagram"/);
  });

  it('updates by message as the document changes, keeping the page', async () => {
    const { run, panel, ws, updated } = setup();
    await run('improvekit.openPreview');
    const page = panel().webview.html;
    ws.setFile(K3, DRIVER.replace('Teachers use reading data weekly', 'Teachers read the data together'));
    updated.fire([K3]);
    updated.fire([K3]);
    await tick(250);
    const updates = panel().webview.posted.filter((m) => (m as { type: string }).type === 'update') as Array<{ html: string }>;
    assert.equal(updates.length, 1, 'updates are debounced');
    assert.ok(updates[0].html.includes('Teachers read the data together'));
    assert.equal(panel().webview.html, page, 'the page is not reloaded');
  });

  it('reveals the source of a clicked item', async () => {
    const { run, panel } = setup();
    await run('improvekit.openPreview');
    panel().webview.received.fire({ type: 'reveal', path: 'primary_drivers.1', ordinal: 0, doc: 'k3' });
    await tick(10);
    const shown = recorder.shown.at(-1);
    assert.ok(shown, 'an editor is shown');
    assert.equal(shown.document.uri.toString(), K3);
    const line = lineOf(DRIVER, 'id: p-coach');
    assert.equal(shown.options.selection?.start.line, line);
    assert.equal(shown.options.viewColumn, ViewColumn.One);
  });

  it('ignores malformed messages and opens only documents the engine knows', async () => {
    const { run, panel } = setup();
    await run('improvekit.openPreview');
    for (const message of [{ type: 'reveal' }, { type: 'open', uri: 'command:workbench.action.terminal.new' }, { type: 'open', uri: 'file:///etc/passwd' }, 'x']) {
      panel().webview.received.fire(message);
    }
    await tick(10);
    assert.equal(recorder.shown.length, 0);
    panel().webview.received.fire({ type: 'open', uri: CABINET });
    await tick(10);
    assert.equal(recorder.shown.at(-1)?.document.uri.toString(), CABINET);
  });

  it('follows the active Improvekit editor, with a new page', async () => {
    const { run, panel } = setup();
    await run('improvekit.openPreview');
    const first = panel().webview.html;
    recorder.activeEditor = { document: recorder.documents[1] };
    recorder.activeEditorChanged.fire(recorder.activeEditor);
    await tick(10);
    assert.equal(panel().title, 'Preview cabinet');
    assert.notEqual(panel().webview.html, first);
    const nonces = [first, panel().webview.html].map((html) => /script-src &#39;nonce-([^&]+)&#39;/.exec(html)?.[1]);
    assert.ok(nonces[0] && nonces[1]);
    assert.notEqual(nonces[0], nonces[1], 'each page gets a fresh nonce');
    // An editor of something else leaves the preview where it is.
    const other = fakeDocument('file:///ws/notes.txt', 'plaintext', 'hello');
    recorder.documents.push(other);
    recorder.activeEditorChanged.fire({ document: other });
    await tick(10);
    assert.equal(panel().title, 'Preview cabinet');
  });

  it('marks in the preview what is clicked in the source', async () => {
    const { run, panel } = setup();
    await run('improvekit.openPreview');
    const document = recorder.documents[0];
    const line = lineOf(DRIVER, 'id: s-release');
    recorder.selectionChanged.fire({ textEditor: { document }, kind: TextEditorSelectionChangeKind.Mouse, selections: [new Selection(new Position(line, 10), new Position(line, 10))] });
    const highlight = panel().webview.posted.at(-1) as { type: string; path: string; ordinal: number };
    assert.deepEqual(highlight, { type: 'highlight', path: 'secondary_drivers.1.id', ordinal: 0 });
  });

  it('reopens on the file named in the webview state after a reload', async () => {
    setup();
    const restored = new FakePanel('improvekit.preview', []);
    await recorder.serializers.get('improvekit.preview')!.deserializeWebviewPanel(restored, { uri: CABINET, scrollY: 120 });
    assert.equal(restored.title, 'Preview cabinet');
    assert.ok(restored.webview.html.includes('Adopt a standards-based grading policy'));
    assert.equal((restored.webview.options as { enableCommandUris: boolean }).enableCommandUris, false);
  });
});

describe('exports (with a stand-in for the editor API)', () => {
  it('writes the self-contained HTML to the target given, light unless set', async () => {
    const { run } = setup();
    const target = Uri.file('/out/k3.html');
    const written = (await run('improvekit.exportHtml', Uri.parse(K3), target)) as Uri;
    assert.equal(written.toString(), target.toString());
    const html = recorder.written.get(target.toString())!;
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; img-src data:"/);
    assert.match(html, /--ik-bg:#ffffff/);
    assert.ok(html.includes('Raise the share of grade 3 students reading at grade level'));
    assert.doesNotMatch(html, /<script/i);
    assert.equal(recorder.messages.length, 0, 'no prompt when the target is given');
    recorder.settings['export.theme'] = 'dark';
    await run('improvekit.exportHtml', { source: Uri.parse(K3), target });
    assert.match(recorder.written.get(target.toString())!, /--ik-bg:#0d1117/);
  });

  it('asks where to write when no target is given, beside the document', async () => {
    const { run } = setup();
    recorder.saveDialog = Uri.file('/ws/chosen.html');
    await run('improvekit.exportHtml');
    assert.equal(recorder.saveDefault?.toString(), 'file:///ws/k3.driver.html');
    assert.match(recorder.written.get('file:///ws/chosen.html') ?? '', /^<!DOCTYPE html>/);
    assert.match(recorder.messages.at(-1) ?? '', /exported the preview to chosen\.html/);
  });

  it('says what to do when there is nothing to export', async () => {
    const { run } = setup();
    recorder.activeEditor = undefined;
    assert.equal(await run('improvekit.exportHtml'), undefined);
    assert.match(recorder.messages.at(-1) ?? '', /nothing to export\. Open a driver diagram/);
  });

  it('writes a diagram as SVG, and refuses documents that draw none', async () => {
    const { run } = setup();
    const target = Uri.file('/out/lincoln.svg');
    await run('improvekit.exportSvg', Uri.parse(LINCOLN), target);
    assert.match(recorder.written.get(target.toString()) ?? '', /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg class="ik-svg ik-org-svg"/);
    assert.equal(await run('improvekit.exportSvg', Uri.parse(CABINET), Uri.file('/out/cabinet.svg')), undefined);
    assert.match(recorder.messages.at(-1) ?? '', /draws no diagram to export as SVG/);
    assert.ok(!recorder.written.has('file:///out/cabinet.svg'));
  });

  it('draws a diagram as a PNG with the WebAssembly and fonts of the extension, beside the document by default', async function () {
    this.timeout(60_000);
    const { run } = setup();
    recorder.saveDialog = Uri.file('/out/lincoln.png');
    await run('improvekit.exportPng', Uri.parse(LINCOLN));
    assert.equal(recorder.saveDefault?.toString(), 'file:///ws/lincoln.leadership.png');
    const png = PNG.sync.read(Buffer.from(recorder.writtenBytes.get('file:///out/lincoln.png') ?? []));
    assert.ok((png.width === 1920 && png.height <= 1080) || (png.height === 1080 && png.width <= 1920), `${png.width} × ${png.height}`);
    assert.match(recorder.messages.at(-1) ?? '', /exported “Org chart: .*” to lincoln\.png/);
    assert.equal(await run('improvekit.exportPng', Uri.parse(CABINET), Uri.file('/out/cabinet.png')), undefined);
    assert.match(recorder.messages.at(-1) ?? '', /draws no diagram to export as PNG/);
  });

  it('runs the export commands from the buttons of the preview, for the file it shows', async () => {
    const { run, panel } = setup();
    await run('improvekit.openPreview');
    recorder.saveDialog = undefined;
    panel().webview.received.fire({ type: 'export', format: 'png' });
    panel().webview.received.fire({ type: 'export', format: 'svg' });
    panel().webview.received.fire({ type: 'export', format: 'pdf' });
    await tick(10);
    assert.deepEqual(
      recorder.executed.map((e) => [e.id, String(e.args[0])]),
      [
        ['improvekit.exportPng', K3],
        ['improvekit.exportSvg', K3],
      ],
    );
  });

  it('lets the user pick among several diagrams', async () => {
    const { run, ws } = setup();
    const text = `${DRIVER.replace('id: k3', 'id: k3-note')}`;
    const note = `# Two pictures\n\n\`\`\`driver-diagram\n${text}\`\`\`\n\n\`\`\`pdsa-cycle\n${pdsaWithPoints([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]).replace(/^kind: pdsa-cycle\n/, '')}\`\`\`\n`;
    ws.setFile('file:///ws/two.md', note);
    recorder.documents.push(fakeDocument('file:///ws/two.md', 'markdown', note));
    let offered: string[] = [];
    recorder.quickPick = (items) => {
      offered = items.map((i) => i.label);
      return items[1];
    };
    recorder.saveDialog = Uri.file('/out/picked.svg');
    await run('improvekit.exportSvg', Uri.parse('file:///ws/two.md'));
    assert.equal(offered.length, 2);
    assert.match(offered[0], /^Driver diagram/);
    assert.match(recorder.written.get('file:///out/picked.svg') ?? '', /class="ik-svg ik-runchart-svg"/);
  });
});

describe('Markdown preview plugin (extendMarkdownIt)', () => {
  it('draws our fences with the note\'s diagnostics from the engine', () => {
    setup();
    const md = preview.extendMarkdownIt(new MarkdownIt({ html: false }));
    const out = md.render(NOTE_TEXT, { currentDocument: Uri.parse(NOTE) });
    assert.match(out, /<div class="ik-md" data-kind="rapid-charter"><article class="ik-doc ik-doc-rapid-charter"/);
    assert.match(out, /rapid\/missing-decider/);
    assert.match(md.render('```yaml\na: 1\n```\n'), /<pre><code class="language-yaml">/);
  });
});
