/**
 * Pictures for the room, in a real browser: the preview opens a 38-node driver diagram readable
 * (never below 70%), and its landscape SVG export, drawn at 1920 px wide, has its title and legend.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium, requireChromium } from './chromium';
import { renderDocument, renderPage, renderSvgs } from '../../src/core/render';
import { workspaceOf } from '../helpers';
import { bigDriver } from '../unit/render/samples';

const ROOT = path.join(__dirname, '..', '..');
const SCRIPT = fs.readFileSync(path.join(ROOT, 'media', 'preview.js'), 'utf8');
const CSS = fs.readFileSync(path.join(ROOT, 'media', 'preview.css'), 'utf8');
const STUB = 'window.acquireVsCodeApi = () => ({ postMessage() {}, getState() { return undefined; }, setState() {} });';

describe('browser: exports and the preview of a large diagram', function () {
  this.timeout(60_000);
  let browser: Browser | undefined;
  const ws = workspaceOf({ 'big.driver.yaml': bigDriver() });
  const uri = 'file:///ws/big.driver.yaml';
  const doc = ws.file(uri)!.documents[0];

  before(async function () {
    requireChromium(this);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  it('opens the preview of a 38-node diagram at 70% or more, scrolling instead of shrinking', async () => {
    const page = await browser!.newPage({ viewport: { width: 700, height: 800 } });
    const fragment = renderDocument(doc, { diagnostics: ws.diagnostics(uri), workspace: ws });
    const html = renderPage([fragment], { title: fragment.title, inlineCss: true }).replace('</head>', `<style>${CSS}</style></head>`).replace('class="ik-body ik-export"', 'class="ik-body ik-webview"')
      // The export's CSP forbids scripts; this page stands in for the webview, which runs preview.js.
      .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
    await page.setContent(html);
    await page.addScriptTag({ content: STUB });
    await page.addScriptTag({ content: SCRIPT });
    const level = await page.textContent('.ik-zoom-level');
    assert.ok(parseInt(level ?? '', 10) >= 70, `opens at ${level}`);
    const scrolls = await page.evaluate(() => {
      const d = document.querySelector('.ik-diagram')!;
      return d.scrollWidth > d.clientWidth;
    });
    assert.ok(scrolls, 'the diagram scrolls');
    await page.close();
  });

  it('draws the landscape SVG at 1920 px with its title and legend on the slide', async () => {
    const svg = renderSvgs(doc, { diagnostics: ws.diagnostics(uri), workspace: ws })[0].svg;
    const page = await browser!.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.setContent(`<!DOCTYPE html><body style="margin:0">${svg.replace(/^<\?xml[^>]*>\n/, '').replace('<svg ', '<svg style="width:1920px;height:auto;display:block" ')}</body>`);
    // A string, not a function: tsx would wrap a named helper in `__name`, unknown in the page.
    const boxes = (await page.evaluate(`(() => {
      const rect = (sel) => { const r = document.querySelector(sel).getBoundingClientRect(); return { top: r.top, bottom: r.bottom, height: r.height }; };
      return { svg: rect('svg'), title: rect('.ik-export-title'), legend: rect('.ik-export-legend'), node: rect('.ik-node-change .ik-node-title') };
    })()`)) as Record<'svg' | 'title' | 'legend' | 'node', { top: number; bottom: number; height: number }>;
    // The whole picture fits the 1080 px of a slide, title at the top, legend at the bottom, inside it.
    assert.ok(boxes.svg.height <= 1080 * 1.05, `height at 1920 wide: ${boxes.svg.height}`);
    assert.ok(boxes.title.top >= boxes.svg.top && boxes.title.bottom < boxes.svg.top + 80, 'title at the top');
    assert.ok(boxes.legend.bottom <= boxes.svg.bottom && boxes.legend.top > boxes.svg.bottom - 120, 'legend at the bottom');
    // A change idea's text is at least 11 px tall on the slide.
    assert.ok(boxes.node.height >= 11, `change idea text ${boxes.node.height} px`);
    const legendText = await page.textContent('.ik-export-legend');
    assert.match(legendText ?? '', /testing.*PDSA cycle/);
    assert.doesNotMatch(legendText ?? '', /hover/i);
    const out = path.join(os.tmpdir(), 'improvekit-big-driver-1920.png');
    await page.screenshot({ path: out, fullPage: true });
    await page.close();
  });
});
