import assert from 'node:assert/strict';
import { DRIVER, PDSA_1, PDSA_2 } from './samples';
import { classOf, elementsAt, render, svgsOf, textOf, xmlProblem } from './support';
import { layered, pack } from '../../../src/core/render/layout';
import { renderSvgs } from '../../../src/core/render';
import { workspaceOf } from '../../helpers';

describe('render: driver diagram', () => {
  const files = { 'k3.driver.yaml': DRIVER, 'huddles-1.pdsa.yaml': PDSA_1, 'huddles-2.pdsa.yaml': PDSA_2 };

  it('draws aim, drivers and change ideas in four columns, as one well-formed SVG', () => {
    const { html, title } = render('k3.driver.yaml', files);
    assert.equal(title, 'Grade 3 reading');
    assert.equal(xmlProblem(html), undefined);
    const svgs = svgsOf(html);
    assert.equal(svgs.length, 1);
    assert.match(svgs[0], /^<svg class="ik-svg ik-driver-svg" xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 [\d.]+ [\d.]+"/);
    for (const head of ['AIM', 'PRIMARY DRIVERS', 'SECONDARY DRIVERS', 'CHANGE IDEAS']) assert.ok(svgs[0].includes(`>${head}`), head);
    const text = textOf(html);
    for (const words of ['Raise the share', 'from 42% to 70% by 2027-06-30', 'Teachers use reading data weekly', 'Team Leads have release time', 'Twice-weekly data huddles']) {
      assert.ok(text.includes(words), words);
    }
  });

  it('gives every item a data-path, nodes included', () => {
    const { html } = render('k3.driver.yaml', files);
    for (const path of ['aim', 'primary_drivers.0', 'primary_drivers.1', 'secondary_drivers.2', 'change_ideas.0', 'change_ideas.3', 'measures.0', 'measures.2', 'change_ideas.0.status']) {
      assert.ok(elementsAt(html, path).length >= 1, path);
    }
    assert.ok(classOf(elementsAt(html, 'change_ideas.0')[0]).includes('ik-status-testing'));
  });

  it('draws one edge per link, many-to-many, and routes a skipped column as a dashed edge', () => {
    const { html } = render('k3.driver.yaml', files);
    const edges = [...html.matchAll(/<path class="(ik-edge[^"]*)" data-from="([^"]+)" data-to="([^"]+)"/g)].map((m) => `${m[2]}>${m[3]}${m[1].includes('skip') ? ' skip' : ''}`);
    assert.deepEqual(edges.sort(), [
      'aim>primary_drivers.0',
      'aim>primary_drivers.1',
      'primary_drivers.0>secondary_drivers.0',
      'primary_drivers.1>change_ideas.2 skip',
      'primary_drivers.1>secondary_drivers.1',
      'primary_drivers.1>secondary_drivers.2',
      'secondary_drivers.0>change_ideas.0',
      'secondary_drivers.0>change_ideas.1',
      'secondary_drivers.1>change_ideas.1',
    ]);
  });

  it('marks nodes that have diagnostics with a class and a tooltip', () => {
    const { html } = render('k3.driver.yaml', files);
    const orphan = elementsAt(html, 'change_ideas.3')[0];
    assert.ok(classOf(orphan).includes('ik-flag'), orphan);
    assert.ok(classOf(orphan).includes('ik-flag-warning'));
    const lonely = html.slice(html.indexOf('data-path="secondary_drivers.2"'));
    assert.match(lonely.slice(0, 2000), /<title>[^<]*driver\/secondary-without-change/);
    assert.ok(!classOf(elementsAt(html, 'primary_drivers.0')[0]).includes('ik-flag'));
  });

  it('shows the PDSA cycles testing each change idea, linked to their documents', () => {
    const { html } = render('k3.driver.yaml', files);
    const node = html.slice(html.indexOf('data-path="change_ideas.0"'), html.indexOf('data-path="change_ideas.1"'));
    const cycles = [...node.matchAll(/<g class="ik-cycle ik-pdsa-(\w+)" data-open-uri="([^"]+)"><title>([^<]+)<\/title>/g)].map((m) => [m[1], m[2], m[3]]);
    assert.deepEqual(cycles, [
      ['done', 'file:///ws/huddles-1.pdsa.yaml', 'Cycle 1 · huddles-1 · done · act: adapt'],
      ['studying', 'file:///ws/huddles-2.pdsa.yaml', 'Cycle 2 · huddles-2 · studying'],
    ]);
    assert.ok(node.includes('>PDSAs</text>'));
  });

  it('lists measures by type, the aim measure marked', () => {
    const { html } = render('k3.driver.yaml', files);
    const groups = [...html.matchAll(/<div class="ik-measure-group ik-measure-(\w+)"><h3>(\w+)/g)].map((m) => m[1]);
    assert.deepEqual(groups, ['outcome', 'process', 'balancing']);
    const outcome = html.slice(html.indexOf('ik-measure-outcome'), html.indexOf('ik-measure-process'));
    assert.ok(outcome.includes('Students reading at grade level') && outcome.includes('ik-badge-aim'));
    const balancing = html.slice(html.indexOf('ik-measure-balancing'));
    assert.ok(balancing.includes('Team Lead hours after school'));
  });

  it('draws a partly written diagram with placeholders instead of failing', () => {
    const { html } = render('bare.driver.yaml', { 'bare.driver.yaml': 'kind: driver-diagram\nid: bare\nprimary_drivers:\n  - title: No id here\n  - 42\n' });
    assert.equal(xmlProblem(html), undefined);
    const text = textOf(html);
    assert.ok(text.includes('No aim yet'));
    assert.ok(text.includes('No secondary drivers yet'));
    assert.ok(text.includes('No id here'));
    assert.ok(text.includes('No measures yet'));
  });

  it('shows each measure with a sparkline of its data and its latest signal in words', () => {
    // m-huddles: a measure document whose last 8 points lie below the centre line (better down).
    const values = [24, 25, 23, 26, 24, 25, 24, 26, 25, 24, 18, 17, 19, 18, 17, 18, 19, 17];
    const start = Date.parse('2026-01-05T00:00:00Z');
    const rows = values.map((v, i) => `    - { date: ${new Date(start + i * 7 * 86_400_000).toISOString().slice(0, 10)}, value: ${v} }`).join('\n');
    const measure = `kind: measure\nid: huddle-minutes\nmeasure: k3#m-huddles\nbetter: down\nchart: xmr\ndata:\n  points:\n${rows}\n`;
    const { html } = render('k3.driver.yaml', { ...files, 'huddles.measure.yaml': measure });
    const item = (path: string) => html.slice(html.indexOf(`data-path="${path}"`), html.indexOf('</li>', html.indexOf(`data-path="${path}"`)));
    const huddles = item('measures.1');
    assert.match(huddles, /<span class="ik-measure-data ik-verdict-improvement" data-open-uri="file:\/\/\/ws\/huddles\.measure\.yaml"><svg class="ik-spark" /);
    assert.ok(textOf(huddles).includes('improvement since 2026-03-16'), textOf(huddles));
    assert.ok(textOf(item('measures.2')).includes('no data yet'));
    // Sparklines are no diagrams: the page still exports one SVG, the driver diagram.
    const ws = workspaceOf({ ...files, 'huddles.measure.yaml': measure });
    const svgs = renderSvgs(ws.file('file:///ws/k3.driver.yaml')!.documents[0], { workspace: ws });
    assert.deepEqual(svgs.map((s) => s.label), ['Driver diagram: Grade 3 reading']);
  });

  it('reads a PDSA series that names a measure, and says when it has too few points', () => {
    const { html } = render('k3.driver.yaml', files);
    const huddles = html.slice(html.indexOf('data-path="measures.1"'));
    assert.ok(textOf(huddles.slice(0, huddles.indexOf('</li>'))).includes('too few points yet (3 of 10)'));
  });
});

describe('render: layered layout', () => {
  it('orders layers so that edges do not cross when they need not', () => {
    // Written in an order that crosses every edge; a drawing without crossings exists.
    const layers = [
      [{ key: 'a', height: 10 }],
      [{ key: 'p1', height: 10 }, { key: 'p2', height: 10 }, { key: 'p3', height: 10 }],
      [{ key: 's3', height: 10 }, { key: 's1', height: 10 }, { key: 's2', height: 10 }],
      [{ key: 'c2', height: 10 }, { key: 'c3', height: 10 }, { key: 'c1', height: 10 }],
    ];
    const edges = [
      { left: 'a', right: 'p1' },
      { left: 'a', right: 'p2' },
      { left: 'a', right: 'p3' },
      { left: 'p1', right: 's1' },
      { left: 'p2', right: 's2' },
      { left: 'p3', right: 's3' },
      { left: 's1', right: 'c1' },
      { left: 's2', right: 'c2' },
      { left: 's3', right: 'c3' },
    ];
    const layout = layered(layers, edges, 8);
    assert.equal(layout.crossings, 0);
    const rank = (k: string) => layout.order.findIndex((l) => l.includes(k)) * 100 + layout.order.flat().indexOf(k);
    assert.ok(rank('s1') < rank('s2') === rank('p1') < rank('p2'));
    // No two nodes of a column overlap.
    for (const layer of layout.order) {
      const tops = layer.map((k) => layout.top.get(k)!);
      for (let i = 1; i < tops.length; i++) assert.ok(tops[i] >= tops[i - 1] + layout.heightOf.get(layer[i - 1])! + 8 - 1e-9);
    }
  });

  it('routes an edge that skips a layer through a dummy point', () => {
    const layout = layered([[{ key: 'a', height: 10 }], [{ key: 'b', height: 10 }], [{ key: 'c', height: 10 }]], [{ left: 'a', right: 'c' }, { left: 'a', right: 'b' }], 8);
    const route = layout.routes.find((r) => r.edge.right === 'c')!;
    assert.equal(route.via.length, 1);
    assert.equal(route.via[0].layer, 1);
  });

  it('packs a column without overlap, as close as it can to what each node wants', () => {
    assert.deepEqual(pack([0, 0, 0], [10, 10, 10], 5), [-15, 0, 15]);
    assert.deepEqual(pack([0, 100], [10, 10], 5), [0, 100]);
  });
});
