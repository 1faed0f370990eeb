/**
 * The zoom toolbar media/preview.js adds above each diagram, in headless Chromium (skipped when
 * Chromium is not installed, as the browser suite is).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, requireChromium } from '../../browser/chromium';
import { BASE_CSS } from '../../../src/core/render/styles';

const ROOT = path.join(__dirname, '..', '..', '..');
const SCRIPT = fs.readFileSync(path.join(ROOT, 'media', 'preview.js'), 'utf8');
const CSS = fs.readFileSync(path.join(ROOT, 'media', 'preview.css'), 'utf8');

/** A page like the webview's: one diagram twice as wide as the view, so that fitting it scales it down. */
const PAGE = `<!DOCTYPE html><html><head><meta charset="utf-8"><style>${BASE_CSS}\n${CSS}</style></head><body class="ik-webview">
<main id="ik-root"><figure class="ik-figure"><div class="ik-diagram" data-zoom="1"><svg class="ik-svg" xmlns="http://www.w3.org/2000/svg" width="1600" height="400" viewBox="0 0 1600 400"><rect width="1600" height="400"/></svg></div></figure></main>
</body></html>`;

const STUB = 'window.acquireVsCodeApi = () => ({ postMessage() {}, getState() { return undefined; }, setState() {} });';

/** The toolbar's buttons as `label[pressed]`. */
function bar(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('.ik-zoom-bar button')).map((b) => `${b.textContent}${b.hasAttribute('aria-pressed') ? `[${b.getAttribute('aria-pressed')}]` : ''}`),
  );
}

describe('preview: zoom toolbar (media/preview.js)', function () {
  this.timeout(60_000);
  let browser: Browser | undefined;
  let page: Page;

  before(async function () {
    requireChromium(this);
    browser = await launchChromium();
  });

  beforeEach(async () => {
    page = await browser!.newPage({ viewport: { width: 800, height: 600 } });
    await page.setContent(PAGE);
    await page.addScriptTag({ content: STUB });
    await page.addScriptTag({ content: SCRIPT });
  });

  afterEach(async () => {
    await page?.close();
  });

  after(async () => {
    await browser?.close();
  });

  it('names "Fit" once: the level shows the scale a fitted diagram is drawn at', async () => {
    const buttons = await bar(page);
    assert.equal(buttons.filter((b) => b.startsWith('Fit')).length, 1, buttons.join(' '));
    const [, level] = buttons;
    const percent = Number(/^(\d+)%$/.exec(level)?.[1]);
    // 1600 px of diagram in a view about 800 px wide.
    assert.ok(percent > 20 && percent < 60, `fitted level ${level}`);
    assert.equal(buttons[3], 'Fit[true]');
  });

  it('shows 100% after a click on the level, and the fitted scale again after Fit', async () => {
    const fitted = (await bar(page))[1];
    await page.click('.ik-zoom-level');
    assert.deepEqual((await bar(page)).slice(1), ['100%', '+', 'Fit[false]']);
    await page.click('.ik-zoom-bar button:last-child');
    assert.deepEqual((await bar(page)).slice(1), [fitted, '+', 'Fit[true]']);
  });

  it('follows the width of the view while fitted', async () => {
    const wide = (await bar(page))[1];
    await page.setViewportSize({ width: 500, height: 600 });
    await page.waitForFunction((before) => document.querySelector('.ik-zoom-level')?.textContent !== before, wide, { timeout: 5_000 });
    const narrow = (await bar(page))[1];
    assert.ok(parseInt(narrow, 10) < parseInt(wide, 10), `${wide} then ${narrow}`);
  });
});
