import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { DRIVER, RAPID } from './samples';
import { render, textOf, xmlProblem } from './support';
import { workspaceOf } from '../../helpers';
import { EXPORT_CSP, renderBody, renderDocument, renderPage, toMermaid } from '../../../src/core/render';

const ROOT = path.join(__dirname, '..', '..', '..');

describe('render: page', () => {
  const fragment = render('cabinet.rapid.yaml', { 'cabinet.rapid.yaml': RAPID });
  const fragments = [{ title: fragment.title, body: fragment.html }];

  it('exports a self-contained page: strict CSP, no script, inline CSS, light and dark, print', () => {
    const page = renderPage(fragments, { title: 'Cabinet <decisions>', inlineCss: true });
    assert.ok(page.startsWith('<!DOCTYPE html>'));
    assert.ok(page.includes(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`.replace(/'/g, '&#39;')) || page.includes(`content="${EXPORT_CSP}"`));
    assert.equal(EXPORT_CSP, "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    assert.ok(!/<script/i.test(page), 'no script at all');
    assert.ok(!/\s(src|href)=/.test(page), 'nothing loaded from anywhere');
    assert.ok(page.includes('<title>Cabinet &lt;decisions&gt;</title>'));
    assert.match(page, /<style>[\s\S]*@media \(prefers-color-scheme:dark\)[\s\S]*@media print\{[\s\S]*<\/style>/);
    assert.ok(page.includes('<main id="ik-root" class="ik-page">'));
    assert.ok(page.includes(fragment.html));
  });

  it('writes the CSP attribute so that browsers read it as written', () => {
    const page = renderPage(fragments, { title: 'x', inlineCss: true });
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(page)![1];
    assert.equal(meta.replace(/&#39;/g, "'"), EXPORT_CSP);
  });

  it('exports one theme when asked, and prints light whatever the theme', () => {
    const dark = renderPage(fragments, { title: 'x', inlineCss: true, theme: 'dark' });
    assert.match(dark, /data-theme="dark"/);
    assert.ok(!dark.includes('prefers-color-scheme'));
    assert.match(dark, /<style>:root\{[^}]*color-scheme:dark;--ik-fg:#e6edf3/);
    assert.match(dark, /@media print\{:root\{color-scheme:light;--ik-fg:#1f2328/);
    const light = renderPage(fragments, { title: 'x', inlineCss: true, theme: 'light' });
    assert.match(light, /<style>:root\{[^}]*color-scheme:light;--ik-fg:#1f2328/);
  });

  it('builds a webview page: nonce in the CSP, theme from VS Code, the preview script', () => {
    const page = renderPage(fragments, {
      title: 'x',
      inlineCss: false,
      nonce: 'abc123XYZ',
      cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
      styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/preview.css',
      scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/preview.js',
    });
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(page)![1].replace(/&#39;/g, "'");
    assert.equal(
      csp,
      "default-src 'none'; img-src https://file+.vscode-resource.vscode-cdn.net data:; style-src https://file+.vscode-resource.vscode-cdn.net 'nonce-abc123XYZ'; font-src https://file+.vscode-resource.vscode-cdn.net; script-src 'nonce-abc123XYZ'",
    );
    assert.match(page, /<style nonce="abc123XYZ">/);
    assert.match(page, /<link rel="stylesheet" href="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/ext\/media\/preview\.css">/);
    assert.match(page, /<script nonce="abc123XYZ" src="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/ext\/media\/preview\.js"><\/script>/);
    assert.ok(!page.includes('prefers-color-scheme'), 'colours come from preview.css, not an inline palette');
    assert.equal((page.match(/<script/g) ?? []).length, 1);
  });

  it('keeps a hostile nonce or source from widening the CSP', () => {
    const page = renderPage(fragments, { title: 'x', inlineCss: true, nonce: "n'; script-src *", cspSource: "x; script-src 'unsafe-inline'" });
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(page)![1].replace(/&#39;/g, "'");
    assert.ok(!csp.includes("'unsafe-inline'"), csp);
    assert.equal(csp.split(';').filter((d) => d.trim().startsWith('script-src')).length, 1, csp);
    assert.ok(!/script-src \*/.test(csp));
  });

  it('has no inline style attribute anywhere, so the strict CSP holds', () => {
    const ws = workspaceOf({ 'k3.driver.yaml': DRIVER, 'cabinet.rapid.yaml': RAPID });
    for (const uri of ws.uris()) {
      for (const doc of ws.file(uri)!.documents) assert.ok(!/\sstyle=/.test(renderDocument(doc, { workspace: ws }).body), uri);
    }
  });

  it('says so when a file holds no document, and renders an unreadable one as a notice', () => {
    assert.match(renderBody([]), /holds no Improvekit document/);
    const { html } = render('bad.rapid.yaml', { 'bad.rapid.yaml': 'kind: rapid-charter\nid: bad\ndecisions: [\n' });
    assert.equal(xmlProblem(html), undefined);
    assert.ok(textOf(html).includes('cannot be shown yet'));
    assert.match(html, /<section class="ik-checks"[\s\S]*yaml\/syntax/);
  });
});

describe('export: driver diagram as Mermaid', () => {
  it('writes a left-to-right flowchart with generated ids, escaped labels and status classes', () => {
    const ws = workspaceOf({ 'k3.driver.yaml': DRIVER.replace('title: Twice-weekly data huddles', `title: 'Twice-weekly "data" huddles #1 <b>now</b>'`) });
    const mermaid = toMermaid(ws.file('file:///ws/k3.driver.yaml')!.documents[0]);
    const lines = mermaid.trim().split('\n');
    assert.equal(lines[0], 'flowchart LR');
    assert.ok(lines.includes('  A1(["Raise the share of grade 3 students reading at grade level"])'));
    assert.ok(lines.includes('  P1["Teachers use reading data weekly"]'));
    assert.ok(lines.includes('  C1("Twice-weekly #quot;data#quot; huddles #35;1 #lt;b#gt;now#lt;/b#gt; [testing]")'));
    for (const edge of ['A1 --- P1', 'A1 --- P2', 'P1 --- S1', 'P2 --- S2', 'P2 --- S3', 'S1 --- C1', 'S1 --- C2', 'S2 --- C2', 'P2 --- C3']) assert.ok(lines.includes(`  ${edge}`), edge);
    assert.ok(!lines.some((l) => l.includes('C4 ---') || l.includes('--- C4')), 'the orphan idea has no edge');
    assert.ok(lines.includes('  class C1 testing'));
    assert.ok(lines.includes('  class C4 abandoned'));
  });
});

describe('media: webview assets', () => {
  const script = fs.readFileSync(path.join(ROOT, 'media', 'preview.js'), 'utf8');
  const css = fs.readFileSync(path.join(ROOT, 'media', 'preview.css'), 'utf8');

  it('preview.js is valid JavaScript that talks to VS Code and never evaluates content', () => {
    assert.doesNotThrow(() => new vm.Script(script, { filename: 'preview.js' }));
    assert.match(script, /acquireVsCodeApi\(\)/);
    assert.match(script, /type: 'reveal', path: element\.getAttribute\('data-path'\)/);
    assert.match(script, /message\.type === 'update' && typeof message\.html === 'string'/);
    assert.match(script, /vscode\.setState\(state\)/);
    assert.match(script, /event\.ctrlKey/);
    assert.ok(!/\beval\(|new Function|setTimeout\(['"`]/.test(script));
  });

  it('posts reveal on click, and swaps #ik-root on update, in a minimal DOM', () => {
    const posted: unknown[] = [];
    const listeners: Record<string, Array<(e: unknown) => void>> = {};
    class FakeElement {
      attrs: Record<string, string>;
      parent?: FakeElement;
      innerHTML = '';
      constructor(attrs: Record<string, string>, parent?: FakeElement) {
        this.attrs = attrs;
        this.parent = parent;
      }
      getAttribute(name: string) {
        return this.attrs[name] ?? null;
      }
      closest(selector: string): FakeElement | null {
        const names = [...selector.matchAll(/\[([\w-]+)\]/g)].map((m) => m[1]);
        if (selector.startsWith('.')) return null;
        for (let e: FakeElement | undefined = this; e; e = e.parent) if (names.some((n) => n in e!.attrs)) return e;
        return null;
      }
    }
    const article = new FakeElement({ 'data-ordinal': '0', 'data-doc': 'cabinet' });
    const cell = new FakeElement({ 'data-path': 'decisions.1.decide' }, article);
    const rootElement = new FakeElement({ id: 'ik-root' });
    const on = (type: string, fn: (e: unknown) => void) => (listeners[type] ??= []).push(fn);
    const context = {
      Element: FakeElement,
      HTMLElement: FakeElement,
      acquireVsCodeApi: () => ({ postMessage: (m: unknown) => posted.push(m), getState: () => undefined, setState: () => undefined }),
      document: { addEventListener: on, getElementById: () => rootElement, querySelectorAll: () => [], body: rootElement, activeElement: null },
      window: { addEventListener: on, setTimeout: () => 1, clearTimeout: () => undefined, scrollTo: () => undefined, scrollX: 0, scrollY: 0, getSelection: () => ({ toString: () => '' }) },
    };
    vm.runInNewContext(script, context);
    listeners.click[0]({ target: cell });
    assert.deepEqual(JSON.parse(JSON.stringify(posted.slice(-1))), [{ type: 'reveal', path: 'decisions.1.decide', ordinal: 0, doc: 'cabinet' }]);
    listeners.message[0]({ data: { type: 'update', html: '<p>new</p>' } });
    assert.equal(rootElement.innerHTML, '<p>new</p>');
  });

  it('preview.css maps the palette to VS Code theme colours, high contrast included', () => {
    for (const v of ['--ik-fg: var(--vscode-editor-foreground)', '--ik-bg: var(--vscode-editor-background)', '--ik-error: var(--vscode-editorError-foreground)', '--ik-accent: var(--vscode-textLink-foreground)']) {
      assert.ok(css.includes(v), v);
    }
    assert.match(css, /body\.vscode-high-contrast/);
    assert.match(css, /\.ik-zoom-bar/);
  });
});
