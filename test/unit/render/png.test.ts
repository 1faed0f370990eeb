// PNG export (issue "pictures for the room"): a diagram drawn without a browser, by resvg's
// WebAssembly, from an SVG whose styles are resolved onto each element (resvg reads no CSS
// variables), readable on a 1920 × 1080 slide.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PNG } from 'pngjs';
import { renderSvgs } from '../../../src/core/render';
import { inlineStyles } from '../../../src/core/render/flatten';
import { PNG_FONT_FILES, PNG_FONT_STACK, pngWidth, svgSize, svgToPng, type Rasteriser } from '../../../src/core/render/png';
import { LEADERSHIP, bigDriver } from './samples';
import { xmlProblem } from './support';
import { workspaceOf } from '../../helpers';

const ROOT = path.join(__dirname, '..', '..', '..');
const rasteriser: Rasteriser = {
  wasm: fs.readFileSync(require.resolve('@resvg/resvg-wasm/index_bg.wasm')),
  fonts: PNG_FONT_FILES.map((f) => fs.readFileSync(path.join(ROOT, f))),
};

function flatOf(name: string, text: string, options: Parameters<typeof renderSvgs>[1] = {}): string {
  const ws = workspaceOf({ [name]: text });
  const uri = `file:///ws/${name}`;
  const doc = ws.file(uri)!.documents[0];
  return renderSvgs(doc, { diagnostics: ws.diagnostics(uri), workspace: ws, flat: true, fontFamily: PNG_FONT_STACK, ...options })[0].svg;
}

type Rgb = [number, number, number];
const hex = (h: string): Rgb => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)) as Rgb;

/** Pixels of a region, as [r, g, b] over white (the PNG is opaque: a background is drawn). */
function pixels(png: PNG, x0: number, y0: number, x1: number, y1: number): Rgb[] {
  const out: Rgb[] = [];
  for (let y = Math.max(0, y0); y < Math.min(png.height, y1); y++) {
    for (let x = Math.max(0, x0); x < Math.min(png.width, x1); x++) {
      const i = (y * png.width + x) * 4;
      out.push([png.data[i], png.data[i + 1], png.data[i + 2]]);
    }
  }
  return out;
}

const near = (a: Rgb, b: Rgb, tolerance = 6) => a.every((v, i) => Math.abs(v - b[i]) <= tolerance);
const dark = (p: Rgb) => p[0] + p[1] + p[2] < 3 * 110;

describe('render: flattened SVG for rasterisers', () => {
  it('writes concrete colours on each element: no <style>, no var(), no color-mix()', () => {
    const svg = flatOf('big.driver.yaml', bigDriver());
    assert.doesNotMatch(svg, /var\(/);
    assert.doesNotMatch(svg, /<style|color-mix|CDATA/);
    // Light palette: the secondary drivers' purple band, the testing pill's blue, edges' grey.
    assert.match(svg, /<rect class="ik-node-band"[^>]* fill="#8250df"/);
    assert.match(svg, /<g class="ik-pill ik-status-testing"[^>]*>.*?<text[^>]* fill="#0969da"/);
    assert.match(svg, /<path class="ik-edge"[^>]* stroke="#8c959f" stroke-width="1\.6"/);
    // The aim's box: color-mix(in srgb, yellow 10%, white) resolved; the finding's outline wins over its yellow.
    const aimBox = /<g class="ik-node ik-node-aim[^"]*"[^>]*>(?:<title>[^<]*<\/title>)?<rect class="ik-node-box"[^>]*>/;
    assert.match(aimBox.exec(svg)?.[0] ?? '', / fill="#f5f0e6" stroke="#bc4c00" stroke-width="2\.5"/);
    assert.match(aimBox.exec(flatOf('big.driver.yaml', bigDriver(), { findings: false }))?.[0] ?? '', / fill="#f5f0e6" stroke="#9a6700" stroke-width="2"/);
    assert.match(svg, /^<\?xml[^>]*>\n<svg [^>]*font-family="'DejaVu Sans',sans-serif"><rect class="ik-background" width="100%" height="100%" fill="#ffffff"\/>/);
  });

  it('applies the cascade: specificity, source order, !important, :not(), custom properties inherited', () => {
    const css = `:root{--c:#111111}.a{fill:#222222}.b .a{fill:var(--c)}.a{stroke:#333333}.x{--c:#444444}.a:not(.z){stroke-width:2}.a.z{stroke-width:9}.i{fill:#555555!important}g .i{fill:#666666}.m{fill:color-mix(in srgb,#000000 25%,transparent)}`;
    const out = inlineStyles(
      '<svg xmlns="http://www.w3.org/2000/svg"><g class="b x"><rect class="a"/><rect class="a z"/></g><g><rect class="i"/><rect class="m"/></g></svg>',
      css,
    );
    assert.equal(
      out,
      '<svg xmlns="http://www.w3.org/2000/svg"><g class="b x"><rect class="a" fill="#444444" stroke="#333333" stroke-width="2"/><rect class="a z" fill="#444444" stroke="#333333" stroke-width="9"/></g><g><rect class="i" fill="#555555"/><rect class="m" fill="#000000" fill-opacity="0.25"/></g></svg>',
    );
  });

  it('stays well-formed with markup-like text in the document, escaped as the SVG export has it', () => {
    const hostile = LEADERSHIP.replace('title: Lincoln Team Leads', `title: "Lincoln <script>x</script> & 'Leads' \\"q\\""`);
    const svg = flatOf('lincoln.leadership.yaml', hostile);
    assert.equal(xmlProblem(svg.replace(/^<\?xml[^>]*>\n/, '')), undefined);
    assert.doesNotMatch(svg, /<script/);
    assert.match(svg, /Lincoln &lt;script&gt;x&lt;\/script&gt; &amp; /);
  });

  it('gives weights in hundreds, as SVG 1.1 readers expect (650 is drawn bold, as CSS picks it)', () => {
    assert.equal(inlineStyles('<svg><text class="w">a</text><text class="n">b</text></svg>', '.w{font-weight:650}.n{font-weight:400}'), '<svg><text class="w" font-weight="700">a</text><text class="n" font-weight="400">b</text></svg>');
  });

  it('keeps the attributes and text of the diagram as they were written, escaped', () => {
    const out = inlineStyles('<svg><text class="t" aria-label="a &amp; b">R&amp;D &lt;team&gt;</text></svg>', '.t{font-family:"A B",sans-serif}');
    assert.equal(out, `<svg><text class="t" aria-label="a &amp; b" font-family="'A B',sans-serif">R&amp;D &lt;team&gt;</text></svg>`);
  });
});

describe('render: PNG export', function () {
  this.timeout(60_000);

  it('draws a 38-node driver diagram as a landscape PNG that fits 1920 × 1080, its text at least 12 px', async () => {
    const svg = flatOf('big.driver.yaml', bigDriver());
    const size = svgSize(svg)!;
    const width = pngWidth(svg, 'landscape');
    assert.equal(width, 1920);
    const image = await svgToPng(svg, rasteriser, width);
    const png = PNG.sync.read(Buffer.from(image.png));
    assert.deepEqual([png.width, png.height], [image.width, image.height]);
    assert.equal(png.width, 1920);
    assert.ok(png.height <= 1080, `height ${png.height}`);
    // The smallest node text is 14 px in the SVG's units.
    assert.ok(Math.round((png.width / size.width) * 14) >= 12, `node text at ${((png.width / size.width) * 14).toFixed(1)} px`);

    const scale = png.width / size.width;
    // The title (24 px, at the top left) is drawn in the foreground colour, and tall enough to read.
    const title = pixels(png, 0, 0, Math.round(900 * scale), Math.round(60 * scale));
    assert.ok(title.filter(dark).length > 800, `dark pixels in the title: ${title.filter(dark).length}`);
    const rows = new Set<number>();
    for (let y = 0; y < Math.round(60 * scale); y++) if (pixels(png, 0, y, Math.round(900 * scale), y + 1).some(dark)) rows.add(y);
    assert.ok(rows.size >= 14, `title glyphs ${rows.size} px tall`);
    // The legend (the last rows): its words and its swatches in the palette's status colours.
    const legend = pixels(png, 0, png.height - Math.round(40 * scale), png.width, png.height);
    assert.ok(legend.filter((p) => p[0] + p[1] + p[2] < 3 * 150).length > 300, 'legend words');
    for (const colour of ['#0969da', '#1a7f37', '#8250df', '#6e7781']) assert.ok(legend.some((p) => near(p, hex(colour))), `legend swatch ${colour}`);
    // The page is the light palette's white, not transparent.
    assert.deepEqual([...png.data.subarray(0, 4)], [255, 255, 255, 255]);
  });

  it('fits a portrait export into A4 at 150 dpi', async () => {
    const svg = flatOf('big.driver.yaml', bigDriver(), { layout: 'portrait' });
    const png = PNG.sync.read(Buffer.from((await svgToPng(svg, rasteriser, pngWidth(svg, 'portrait'))).png));
    assert.ok(png.height > png.width, `${png.width} × ${png.height}`);
    assert.ok(png.width <= 1240 && png.height <= 1754 && (png.width === 1240 || png.height === 1754), `${png.width} × ${png.height}`);
  });

  it('draws an org chart with its span colours and the outline of a finding', async () => {
    const svg = flatOf('lincoln.leadership.yaml', LEADERSHIP);
    const png = PNG.sync.read(Buffer.from((await svgToPng(svg, rasteriser, pngWidth(svg))).png));
    const all = pixels(png, 0, 0, png.width, png.height);
    for (const colour of ['#1a7f37', '#cf222e', '#bc4c00']) assert.ok(all.some((p) => near(p, hex(colour))), colour);
  });
});
