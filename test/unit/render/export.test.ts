import assert from 'node:assert/strict';
import { DRIVER, LEADERSHIP, MESSAGE, RAPID, pdsaWithPoints } from './samples';
import { textOf, xmlProblem } from './support';
import { workspaceOf } from '../../helpers';
import { renderSvg, renderSvgs, type SvgOptions } from '../../../src/core/render';
import type { ParsedDocument } from '../../../src/core/parse';

function docOf(name: string, files: Record<string, string>): { doc: ParsedDocument; options: SvgOptions } {
  const ws = workspaceOf(files);
  const uri = `file:///ws/${name}`;
  const doc = ws.file(uri)?.documents[0];
  if (!doc) throw new Error(`${name} holds no document`);
  return { doc, options: { diagnostics: ws.diagnostics(uri), workspace: ws } };
}

/** The stylesheet (a CDATA section) and the markup around it, taken apart for the XML check. */
function split(svg: string): { declaration: string; markup: string; css: string } {
  const declaration = /^<\?xml[^?]*\?>\n/.exec(svg)?.[0] ?? '';
  const body = svg.slice(declaration.length);
  const cdata = /<style><!\[CDATA\[([\s\S]*?)\]\]><\/style>/.exec(body);
  assert.ok(cdata, 'the styles are inlined in a CDATA section');
  return { declaration, markup: body.replace(cdata[0], '<style></style>'), css: cdata[1] };
}

const PAYLOAD = '<script>alert(1)</script> ]]> & "quoted"';

describe('render/export: diagrams as standalone SVG', () => {
  const cases: Array<[string, Record<string, string>, string, RegExp]> = [
    ['k3.driver.yaml', { 'k3.driver.yaml': DRIVER }, 'ik-driver-svg', /^Driver diagram: Grade 3 reading$/],
    ['lincoln.leadership.yaml', { 'lincoln.leadership.yaml': LEADERSHIP }, 'ik-org-svg', /^Org chart: Lincoln Team Leads$/],
    ['series.pdsa.yaml', { 'series.pdsa.yaml': pdsaWithPoints([3, 4, 5, 4, 6, 7, 6, 8, 9, 8, 9, 10]) }, 'ik-runchart-svg', /^Run chart/],
  ];

  for (const [name, files, cls, label] of cases) {
    it(`draws ${name} as one well-formed SVG file with its styles inside`, () => {
      const { doc, options } = docOf(name, files);
      const diagrams = renderSvgs(doc, options);
      assert.equal(diagrams.length, 1);
      assert.match(diagrams[0].label, label);
      const { declaration, markup, css } = split(diagrams[0].svg);
      assert.equal(declaration, '<?xml version="1.0" encoding="UTF-8"?>\n');
      assert.equal(xmlProblem(markup), undefined);
      assert.match(markup, new RegExp(`^<svg class="ik-svg ${cls}" xmlns="http://www.w3.org/2000/svg"`));
      assert.match(markup, /<\/svg>\n$/);
      // The palette's variables and the diagram's classes travel with the picture.
      assert.match(css, /--ik-fg:#1f2328/);
      assert.match(css, /\.ik-svg text\{/);
      assert.ok(!css.includes('<'), 'the stylesheet holds no markup');
      // What belongs to the preview (reveal-on-click, focus) stays out of a file.
      assert.doesNotMatch(markup, /\sdata-path=|\stabindex=/);
      assert.doesNotMatch(markup, /<script|<foreignObject|\son[a-z]+=|javascript:/i);
      assert.equal(renderSvg(doc, options), diagrams[0].svg);
    });
  }

  it('keeps the diagram text that the preview shows', () => {
    const { doc, options } = docOf('k3.driver.yaml', { 'k3.driver.yaml': DRIVER });
    const text = textOf(split(renderSvg(doc, options)!).markup);
    for (const expected of ['Teachers use reading data weekly', 'Twice-weekly data huddles', 'Team Leads have release time']) assert.ok(text.includes(expected), expected);
  });

  it('inlines the dark palette when asked, light otherwise', () => {
    const { doc, options } = docOf('k3.driver.yaml', { 'k3.driver.yaml': DRIVER });
    assert.match(split(renderSvg(doc, { ...options, theme: 'dark' })!).css, /^:root\{[^}]*--ik-bg:#0d1117/);
    assert.match(split(renderSvg(doc, options)!).css, /^:root\{[^}]*--ik-bg:#ffffff/);
  });

  it('escapes hostile text and stays well-formed', () => {
    const hostile = DRIVER.replace('title: Grade 3 reading', `title: '${PAYLOAD.replace(/'/g, "''")}'`).replace(
      'title: Teachers use reading data weekly',
      `title: '${PAYLOAD.replace(/'/g, "''")} drivers'`,
    );
    const { doc, options } = docOf('k3.driver.yaml', { 'k3.driver.yaml': hostile });
    const [diagram] = renderSvgs(doc, options);
    assert.equal(diagram.label, `Driver diagram: ${PAYLOAD}`);
    const { markup } = split(diagram.svg);
    assert.equal(xmlProblem(markup), undefined);
    assert.doesNotMatch(diagram.svg, /<script/i);
    assert.ok(markup.includes('&lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; &amp; &quot;quoted&quot;'));
    // Only the stylesheet's own CDATA section is opened and closed.
    assert.equal(diagram.svg.split('<![CDATA[').length, 2);
    assert.equal(diagram.svg.split(']]>').length, 2);
  });

  it('gives nothing for documents that draw no diagram', () => {
    for (const [name, text] of [
      ['cabinet.rapid.yaml', RAPID],
      ['parents.message.yaml', MESSAGE],
    ]) {
      const { doc, options } = docOf(name, { [name]: text });
      assert.deepEqual(renderSvgs(doc, options), [], name);
      assert.equal(renderSvg(doc, options), undefined, name);
    }
  });

  it('gives nothing for a document whose YAML cannot be read', () => {
    const { doc, options } = docOf('broken.driver.yaml', { 'broken.driver.yaml': 'kind: driver-diagram\nid: x\naim: [\n' });
    assert.equal(renderSvg(doc, options), undefined);
  });
});
