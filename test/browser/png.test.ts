/**
 * PNG export on the web: the rasteriser the web extension inlines (src/core/render/png.ts, resvg as
 * WebAssembly) bundled for the browser and run in a page, with no Node and no system fonts.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import type { Browser } from 'playwright-core';
import { PNG } from 'pngjs';
import { launchChromium, requireChromium } from './chromium';
import { renderSvgs } from '../../src/core/render';
import { PNG_FONT_FILES, PNG_FONT_STACK } from '../../src/core/render/png';
import { workspaceOf } from '../helpers';
import { bigDriver } from '../unit/render/samples';

const ROOT = path.join(__dirname, '..', '..');

describe('browser: PNG export without Node', function () {
  this.timeout(60_000);
  let browser: Browser | undefined;

  before(async function () {
    requireChromium(this);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  it('draws the flattened 38-node driver diagram at 1920 px in a page', async () => {
    const bundle = await esbuild.build({
      stdin: { contents: `export { svgToPng, pngWidth } from './src/core/render/png';`, resolveDir: ROOT, loader: 'ts' },
      bundle: true,
      platform: 'browser',
      format: 'iife',
      globalName: 'ikPng',
      write: false,
      logLevel: 'silent',
    });
    const ws = workspaceOf({ 'big.driver.yaml': bigDriver() });
    const doc = ws.file('file:///ws/big.driver.yaml')!.documents[0];
    const svg = renderSvgs(doc, { diagnostics: ws.diagnostics('file:///ws/big.driver.yaml'), workspace: ws, flat: true, fontFamily: PNG_FONT_STACK })[0].svg;
    const wasm = fs.readFileSync(require.resolve('@resvg/resvg-wasm/index_bg.wasm')).toString('base64');
    const fonts = PNG_FONT_FILES.map((f) => fs.readFileSync(path.join(ROOT, f)).toString('base64'));

    const page = await browser!.newPage();
    await page.setContent('<!DOCTYPE html><title>png</title>');
    await page.addScriptTag({ content: bundle.outputFiles[0].text });
    // A string, not a function: tsx would wrap a named helper in `__name`, unknown in the page.
    const result = (await page.evaluate(`(async ({ svg, wasm, fonts }) => {
      const bytes = (b64) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const image = await ikPng.svgToPng(svg, { wasm: bytes(wasm), fonts: fonts.map(bytes) }, ikPng.pngWidth(svg, 'landscape'));
      let binary = '';
      for (const b of image.png) binary += String.fromCharCode(b);
      return { width: image.width, height: image.height, png: btoa(binary) };
    })(${JSON.stringify({ svg, wasm, fonts })})`)) as { width: number; height: number; png: string };
    await page.close();

    const png = PNG.sync.read(Buffer.from(result.png, 'base64'));
    assert.deepEqual([png.width, png.height], [result.width, result.height]);
    assert.equal(png.width, 1920);
    assert.ok(png.height <= 1080, `height ${png.height}`);
    // Text was drawn with the fonts passed in: the title's row holds dark pixels.
    let dark = 0;
    for (let y = 0; y < 50; y++) for (let x = 0; x < 800; x++) {
      const i = (y * png.width + x) * 4;
      if (png.data[i] + png.data[i + 1] + png.data[i + 2] < 330) dark++;
    }
    assert.ok(dark > 800, `dark pixels in the title: ${dark}`);
  });
});
