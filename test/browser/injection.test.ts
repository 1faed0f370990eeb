/**
 * Hostile documents of every kind, exported and previewed, opened in headless Chromium with
 * scripts ON: no injected script runs, nothing leaves the page, and every payload reads as text.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { cspOf, isShown, launchChromium, openWatched, requireChromium, squash, type WatchedPage } from './chromium';
import { cliRender, ENUM_KEYS, EXAMPLES, exampleFiles, exportPage, fencedBlocks, fragmentsOf, hostile, hostileMarkdown, PAYLOADS, payloadsIn, ROOT, webviewPage, workspaceOf } from './documents';
import { EXPORT_CSP, renderBody } from '../../src/core/render';
import { CONFIG_FILE } from '../../src/core/config';
import { textOf } from '../unit/render/support';

/** One file of each kind (a PDSA cycle with run-chart data), and the Markdown notes with two blocks. */
const FILES = [
  'k3-reading.driver.yaml',
  'huddles-c2.pdsa.yaml',
  'huddles-c3.pdsa.yaml',
  'cabinet-2026.rapid.yaml',
  'cabinet.roster.yaml',
  'lincoln-team-leads.leadership.yaml',
  'new-assessments-parents.message.yaml',
  'workshop-2026-03.md',
];

const VARIANTS = {
  'every string': [] as string[],
  'every text, enums and dates kept': ENUM_KEYS,
};

const NONCE = 'bm9uY2UtZm9yLXRlc3Rz';

/** What the webview gives the page: a VS Code API that records messages, before any page script. */
const VSCODE_STUB = `(() => {
  let state;
  window.__ikMessages = [];
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => window.__ikMessages.push(JSON.parse(JSON.stringify(m))),
    getState: () => state,
    setState: (s) => { state = s; },
  });
})();`;

/** Elements and attributes no document may bring into a page. */
const INJECTED_MARKUP = `(() => {
  const found = [];
  for (const e of document.querySelectorAll('*')) {
    const tag = e.tagName.toLowerCase();
    for (const a of e.getAttributeNames()) if (/^on/i.test(a)) found.push(tag + '[' + a + ']');
    for (const a of ['href', 'src', 'xlink:href', 'action', 'formaction']) {
      const v = e.getAttribute(a);
      if (v !== null && !(tag === 'script' && e.nonce) && !(tag === 'link' && e.rel === 'stylesheet' && e.href.endsWith('/media/preview.css'))) found.push(tag + '[' + a + '=' + v.slice(0, 40) + ']');
    }
    if (['iframe', 'img', 'object', 'embed', 'base', 'form', 'a', 'frame', 'video', 'audio'].includes(tag)) found.push(tag);
    if (tag === 'meta' && (e.getAttribute('http-equiv') || '').toLowerCase() === 'refresh') found.push('meta refresh');
    if (tag === 'script' && !e.nonce) found.push('script without nonce');
    if (tag === 'style' && e.parentElement !== document.head) found.push('style in body');
  }
  return found;
})()`;

/**
 * The payloads a page draws as text (its source with tags and tooltips taken out, entities decoded):
 * each of them must read as text in the browser. Fields a renderer does not show (ids it resolves
 * to names, notes) are not drawn at all, and so cannot be interpreted either.
 */
function drawnPayloads(html: string, payloads: readonly string[]): string[] {
  const text = squash(textOf(html.replace(/<title>[\s\S]*?<\/title>/g, ' ')));
  return payloads.filter((p) => text.includes(squash(p)));
}

async function settle(watched: WatchedPage): Promise<void> {
  // Error events of broken images and timers of injected markup would run by now.
  await watched.page.waitForTimeout(250);
}

async function assertClean(watched: WatchedPage, url: string, csp: string | RegExp, payloads: readonly string[], scripts: number): Promise<void> {
  assert.ok(payloads.length >= 3, `the page draws ${payloads.length} payloads as text`);
  const { page } = watched;
  await settle(watched);
  assert.equal(await page.evaluate('typeof window.__pwned'), 'undefined', 'no injected script ran');
  assert.deepEqual(watched.dialogs, [], 'no dialog or popup opened');
  assert.deepEqual(watched.outside, [], 'no request left the page');
  assert.deepEqual(watched.failed, [], 'no request was refused or failed (an injected image or stylesheet would be)');
  assert.deepEqual(watched.errors, [], 'no page error');
  assert.deepEqual(watched.console.filter((m) => /refused|content security policy|error/i.test(m)), [], 'no CSP violation or error in the console');
  assert.equal(page.url(), url, 'the page did not navigate away');
  const policy = await cspOf(page);
  if (typeof csp === 'string') assert.equal(policy, csp, 'the CSP meta is there');
  else assert.match(policy ?? '', csp, 'the CSP meta is there');
  assert.equal(await page.locator('script').count(), scripts, 'only the page\'s own scripts');
  assert.deepEqual(await page.evaluate(INJECTED_MARKUP), [], 'no injected element or attribute');
  const hidden: string[] = [];
  for (const p of payloads) if (!(await isShown(page, p))) hidden.push(p.slice(0, 60));
  assert.deepEqual(hidden, [], 'every payload reads as text');
}

describe('browser: hostile documents run nothing and load nothing', function () {
  let browser: Browser;
  let tmp: string;
  let scriptUri: string;
  let styleUri: string;

  before(async function () {
    requireChromium(this);
    browser = await launchChromium();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ik-hostile-'));
    // The webview's media/, as a local copy opened over file://.
    fs.mkdirSync(path.join(tmp, 'media'));
    for (const f of ['preview.js', 'preview.css']) fs.copyFileSync(path.join(ROOT, 'media', f), path.join(tmp, 'media', f));
    scriptUri = pathToFileURL(path.join(tmp, 'media', 'preview.js')).href;
    styleUri = pathToFileURL(path.join(tmp, 'media', 'preview.css')).href;
  });

  after(async () => {
    await browser?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('the harness catches a page that does run injected markup', async () => {
    const file = path.join(tmp, 'unsafe.html');
    // Without the refresh payload, which would take the page away before it can be read.
    fs.writeFileSync(file, `<!DOCTYPE html><html><body>${PAYLOADS.filter((p) => !p.includes('refresh')).join('<br>')}</body></html>`);
    const url = pathToFileURL(file).href;
    const watched = await openWatched(browser, url, { javaScriptEnabled: true });
    try {
      await settle(watched);
      assert.equal(await watched.page.evaluate('window.__pwned'), 1, 'the unescaped payload runs');
      assert.ok(watched.outside.some((u) => u.startsWith('http://127.0.0.1:9/')), `requests are seen: ${watched.outside.join(', ')}`);
      assert.ok(!(await isShown(watched.page, PAYLOADS[0])), 'an interpreted payload does not read as text');
    } finally {
      await watched.close();
    }
  });

  for (const [variant, keep] of Object.entries(VARIANTS)) {
    describe(variant, () => {
      const examples = exampleFiles();
      const dir = () => path.join(tmp, variant.replace(/\W+/g, '-'));
      const files: Record<string, string> = {};
      for (const [name, text] of Object.entries(examples)) files[name] = name.endsWith('.md') ? hostileMarkdown(text, keep) : hostile(text, keep);
      const ws = workspaceOf(files, '/ik-hostile');
      /** The payloads the CLI exports drew, over all files: every payload must be among them. */
      const shown = new Set<string>();
      const payloadsOf = (name: string) => (name.endsWith('.md') ? payloadsIn(...fencedBlocks(files[name])) : payloadsIn(files[name]));

      before(() => {
        fs.mkdirSync(dir(), { recursive: true });
        fs.copyFileSync(path.join(EXAMPLES, CONFIG_FILE), path.join(dir(), CONFIG_FILE));
        for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir(), name), text);
      });

      it('holds every payload, in documents of every kind', () => {
        const all = new Set(FILES.flatMap(payloadsOf));
        assert.deepEqual(PAYLOADS.filter((p) => !all.has(p)), [], 'payloads no document holds');
        for (const name of FILES) assert.ok(payloadsOf(name).length >= 5, `${name} holds ${payloadsOf(name).length} payloads`);
      });

      for (const name of FILES) {
        it(`${name}: the CLI export`, async () => {
          const out = path.join(dir(), `${name}.cli.html`);
          const { code, stderr } = await cliRender(path.join(dir(), name), out);
          assert.equal(code, 0, stderr);
          const url = pathToFileURL(out).href;
          const drawn = drawnPayloads(fs.readFileSync(out, 'utf8'), payloadsOf(name));
          drawn.forEach((p) => shown.add(p));
          const watched = await openWatched(browser, url, { javaScriptEnabled: true });
          try {
            await assertClean(watched, url, EXPORT_CSP, drawn, 0);
          } finally {
            await watched.close();
          }
        });

        it(`${name}: renderPage export, dark`, async () => {
          const out = path.join(dir(), `${name}.dark.html`);
          const html = exportPage(ws, name, 'dark', '/ik-hostile');
          fs.writeFileSync(out, html);
          const url = pathToFileURL(out).href;
          const watched = await openWatched(browser, url, { javaScriptEnabled: true, colorScheme: 'dark' });
          try {
            await assertClean(watched, url, EXPORT_CSP, drawnPayloads(html, payloadsOf(name)), 0);
          } finally {
            await watched.close();
          }
        });

        it(`${name}: the webview page (nonce'd preview script runs, nothing injected does)`, async () => {
          const out = path.join(dir(), `${name}.webview.html`);
          const html = webviewPage(ws, name, { nonce: NONCE, cspSource: 'file:', scriptUri, styleUri }, '/ik-hostile');
          fs.writeFileSync(out, html);
          const drawn = drawnPayloads(html, payloadsOf(name));
          const url = pathToFileURL(out).href;
          const watched = await openWatched(browser, url, { javaScriptEnabled: true, allow: [scriptUri, styleUri], initScript: VSCODE_STUB });
          try {
            const csp = new RegExp(`^default-src 'none'; .*script-src 'nonce-${NONCE}'$`);
            await assertClean(watched, url, csp, drawn, 1);
            const messages = (await watched.page.evaluate('window.__ikMessages')) as Array<{ type: string }>;
            assert.deepEqual(messages.map((m) => m.type), ['ready'], 'the preview script ran and said so');
            const diagrams = await watched.page.locator('.ik-diagram[data-zoom]').count();
            assert.equal(await watched.page.locator('.ik-zoom-bar').count(), diagrams, 'the preview script set up zoom on each diagram');

            // A live update swaps in new (hostile) content: still nothing runs.
            const body = renderBody(fragmentsOf(ws, name, '/ik-hostile'));
            await watched.page.evaluate(`window.postMessage({ type: 'update', html: ${JSON.stringify(body)} }, '*')`);
            await assertClean(watched, url, csp, drawnPayloads(body, payloadsOf(name)), 1);

            // A click reveals the source: the script's messages carry paths, not document text run as code.
            const item = watched.page.locator('[data-path]').first();
            if ((await item.count()) > 0) {
              await item.click({ position: { x: 2, y: 2 } });
              const after = (await watched.page.evaluate('window.__ikMessages')) as Array<{ type: string; path?: string }>;
              assert.ok(after.some((m) => m.type === 'reveal' && typeof m.path === 'string'), `a click asks to reveal: ${JSON.stringify(after)}`);
            }
            assert.equal(await watched.page.evaluate('typeof window.__pwned'), 'undefined');
          } finally {
            await watched.close();
          }
        });
      }

      it('drew every payload as text somewhere', function () {
        if (!shown.size) this.skip();
        assert.deepEqual(PAYLOADS.filter((p) => !shown.has(p)).map((p) => p.slice(0, 40)), []);
      });
    });
  }
});
