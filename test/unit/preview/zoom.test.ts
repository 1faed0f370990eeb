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

/** A page like the webview's: one diagram `width` wide, in a view 800 px wide. */
function pageOf(width: number): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><style>${BASE_CSS}\n${CSS}</style></head><body class="ik-webview">
<main id="ik-root"><figure class="ik-figure"><div class="ik-diagram" data-zoom="1"><svg class="ik-svg" xmlns="http://www.w3.org/2000/svg" width="${width}" height="400" viewBox="0 0 ${width} 400"><rect width="${width}" height="400"/></svg></div></figure></main>
</body></html>`;
}
/** Fitted into the view at about 85%: it opens fitted. */
const PAGE = pageOf(880);

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
    // 880 px of diagram in a view about 750 px wide.
    assert.ok(percent >= 70 && percent < 100, `fitted level ${level}`);
    assert.equal(buttons[3], 'Fit[true]');
  });

  it('shows 100% after a click on the level, and the fitted scale again after Fit', async () => {
    const fitted = (await bar(page))[1];
    await page.click('.ik-zoom-level');
    assert.deepEqual((await bar(page)).slice(1), ['100%', '+', 'Fit[false]']);
    await page.click('.ik-zoom-bar button:last-child');
    assert.deepEqual((await bar(page)).slice(1), [fitted, '+', 'Fit[true]']);
  });

  it('opens a diagram that would fit below 70% at 70%, scrolling (the issue: a 10-node diagram at 39%)', async () => {
    await page.setContent(pageOf(2400));
    await page.addScriptTag({ content: STUB });
    await page.addScriptTag({ content: SCRIPT });
    assert.deepEqual((await bar(page)).slice(1), ['70%', '+', 'Fit[false]']);
    const { scroll, client, svgWidth } = await page.evaluate(() => {
      const d = document.querySelector('.ik-diagram')!;
      return { scroll: d.scrollWidth, client: d.clientWidth, svgWidth: d.querySelector('svg')!.getBoundingClientRect().width };
    });
    assert.equal(Math.round(svgWidth), 1680);
    assert.ok(scroll > client, `scrolls: ${scroll} > ${client}`);
    // Fit is still one click away.
    await page.click('.ik-zoom-fit');
    const fitted = parseInt((await bar(page))[1], 10);
    assert.ok(fitted > 20 && fitted < 40, `fitted ${fitted}%`);
  });

  it('keeps a zoom the user chose over the initial one', async () => {
    await page.click('.ik-zoom-fit');
    await page.click('.ik-zoom-level');
    assert.deepEqual((await bar(page)).slice(1), ['100%', '+', 'Fit[false]']);
  });

  it('follows the width of the view while fitted', async () => {
    const wide = (await bar(page))[1];
    await page.setViewportSize({ width: 560, height: 600 });
    await page.waitForFunction((before) => document.querySelector('.ik-zoom-level')?.textContent !== before, wide, { timeout: 5_000 });
    const narrow = (await bar(page))[1];
    assert.ok(parseInt(narrow, 10) < parseInt(wide, 10), `${wide} then ${narrow}`);
  });
});
