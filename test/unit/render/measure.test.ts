import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { workspaceOf } from '../../helpers';
import { renderDocument, renderSvg } from '../../../src/core/render';
import { measureData } from '../../../src/core/model/measure';
import improvekitPlugin from '../../../src/markdown/plugin';
import { classOf, elementsAt, svgsOf, textOf, xmlProblem } from './support';

/** Renders the first document of `name`, with data files held by the workspace. */
function render(name: string, files: Record<string, string>, data: Record<string, string> = {}) {
  const ws = workspaceOf(files);
  for (const [file, text] of Object.entries(data)) ws.setDataFile(`file:///ws/${file}`, text);
  const uri = `file:///ws/${name}`;
  const doc = ws.file(uri)!.documents[0];
  const { title, body } = renderDocument(doc, { diagnostics: ws.diagnostics(uri), workspace: ws });
  return { html: body, title, ws, doc };
}

/** A week's dates from 2026-01-05 on: `weeks(3)` → three Mondays. */
function weeks(count: number, from = '2026-01-05'): string[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => new Date(start + i * 7 * 86_400_000).toISOString().slice(0, 10));
}

function points(values: readonly number[], from?: string): string {
  return weeks(values.length, from)
    .map((date, i) => `    - { date: ${date}, value: ${values[i]} }`)
    .join('\n');
}

function measure(head: string, values: readonly number[], tail = ''): string {
  return `kind: measure\nid: m\n${head}\ndata:\n  points:\n${points(values)}\n${tail}`;
}

/** The labels the chart writes at the end of the phases' lines (`CL 12.0`, `UCL 16.8`). */
function lineLabels(html: string): string[] {
  return [...html.matchAll(/<text class="ik-ch-label [^"]*"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
}

function chartOf(html: string): string {
  const svg = svgsOf(html).find((s) => s.startsWith('<svg class="ik-svg ik-chart'));
  assert.ok(svg, 'a chart');
  return svg;
}

// 12 points: mean 144 / 12 = 12; moving ranges 2 1 2 1 2 4 2 1 2 1 2 → MR̄ = 20 / 11 = 1.818;
// UCL = 12 + 2.66 × 1.818 = 16.836, LCL = 12 − 4.836 = 7.164. The axis steps by 2: one decimal.
const STABLE = [10, 12, 11, 13, 12, 14, 10, 12, 11, 13, 12, 14];

describe('render: measure', () => {
  it('labels the centre line and limits with their values, computed as the method says', () => {
    const { html, title } = render('m.measure.yaml', { 'm.measure.yaml': measure('title: Minutes per huddle\nchart: xmr\nunit: minutes', STABLE) });
    assert.equal(title, 'Minutes per huddle');
    assert.equal(xmlProblem(html), undefined);
    assert.deepEqual(lineLabels(html).sort(), ['CL 12.0', 'LCL 7.2', 'UCL 16.8']);
    const svg = chartOf(html);
    assert.match(svg, /^<svg class="ik-svg ik-chart" xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 [\d.]+ [\d.]+"[^>]* role="img" aria-label="Control chart: Minutes per huddle">/);
    // Every point carries the path of its item, for reveal-on-click.
    for (let i = 0; i < STABLE.length; i++) assert.equal(elementsAt(html, `data.points.${i}`).length, 1, `point ${i}`);
    assert.ok(textOf(html).includes('Common cause only: the process is stable — to improve it, change the process.'));
  });

  it('prints p chart lines as percentages and steps limits that vary with n', () => {
    // p̄ = 30 / 100 = 0.3; n = 10 → 0.3 + 3√(0.021) = 0.7347; n = 40 → 0.3 + 3√(0.00525) = 0.5174.
    const rows = weeks(12).map((date, i) => `    - { date: ${date}, value: ${i % 2 ? 12 : 3}, n: ${i % 2 ? 40 : 10} }`);
    const six = rows.slice(0, 6).join('\n');
    const { html } = render('p.measure.yaml', { 'p.measure.yaml': `kind: measure\nid: p\nchart: p\ndata:\n  points:\n${six}\n` });
    const labels = lineLabels(html);
    assert.ok(labels.includes('CL 30.0%'), labels.join());
    assert.ok(labels.includes('UCL 51.7%'), labels.join()); // the last point has n = 40
    const limit = /<path class="ik-ch-limit" d="([^"]+)"/.exec(html)![1];
    assert.ok(/V/.test(limit), `stepped: ${limit}`);
  });

  it('draws each phase as its own segment: its line, centre line and limits over its own dates', () => {
    const values = [10, 12, 11, 13, 12, 14, 20, 22, 21, 23, 22, 24];
    const { html } = render('m.measure.yaml', {
      'm.measure.yaml': measure(
        'chart: xmr',
        values,
        'phases:\n  - { start: 2026-01-05, label: Baseline }\n  - { start: 2026-02-16, label: With template, reason: the template }\n',
      ),
    });
    const labels = lineLabels(html);
    assert.ok(labels.includes('CL 12.0') && labels.includes('CL 22.0'), labels.join());
    const lines = [...html.matchAll(/<path class="ik-ch-line" d="([^"]+)"/g)].map((m) => m[1]);
    assert.equal(lines.length, 2, 'the line breaks between phases');
    for (const d of lines) assert.equal(d.match(/M/g)!.length, 1);
    const centres = [...html.matchAll(/<path class="ik-ch-cl" d="M([\d.]+) [\d.]+H([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    assert.equal(centres.length, 2);
    assert.ok(centres[0][1] < centres[1][0], 'the first phase ends before the second begins');
    for (const path of ['phases.0', 'phases.1']) assert.equal(elementsAt(chartOf(html), path).filter((t) => classOf(t).includes('ik-ch-phase')).length, 1, path);
    const text = textOf(chartOf(html));
    assert.ok(text.includes('Baseline') && text.includes('With template'));
    assert.ok(textOf(html).includes('With template, from 2026-02-16'));
  });

  it('marks a frozen baseline: solid over its points, dashed where it is carried on', () => {
    const { html } = render('m.measure.yaml', { 'm.measure.yaml': measure('chart: xmr', [...STABLE, 12, 13, 11], 'phases:\n  - { start: 2026-01-05, label: Baseline, freeze: 12 }\n') });
    assert.ok(/<path class="ik-ch-cl" d=/.test(html) && /<path class="ik-ch-cl ik-ch-carried" d=/.test(html));
    assert.ok(/<path class="ik-ch-limit ik-ch-carried" d=/.test(html));
    assert.ok(textOf(html).includes('Baseline · limits from the first 12 points'));
    assert.ok(textOf(html).includes('Dashed: baseline limits carried forward'));
    // Limits from the first 12 points only, as above.
    assert.deepEqual(lineLabels(html).sort(), ['CL 12.0', 'LCL 7.2', 'UCL 16.8']);
  });

  it('draws the target, and says when it lies outside the limits', () => {
    const { html } = render('m.measure.yaml', { 'm.measure.yaml': measure('chart: xmr\nbetter: down\ntarget: 6', STABLE) });
    assert.ok(lineLabels(html).includes('Target 6'));
    assert.equal(elementsAt(html, 'target').filter((t) => classOf(t).includes('ik-ch-target')).length, 1);
    assert.ok(textOf(html).includes('The target (6) lies outside the limits: the process will not meet it without a change.'));
  });

  it('marks annotations and the PDSA cycles testing the measure on the time axis', () => {
    const files = {
      'k3.driver.yaml': `kind: driver-diagram\nid: k3\nchange_ideas:\n  - { id: c-huddles, title: Data huddles, measures: [m-minutes] }\n  - { id: c-other, title: Something else }\nmeasures:\n  - { id: m-minutes, name: Minutes per huddle, type: process }\n`,
      'c1.pdsa.yaml': `kind: pdsa-cycle\nid: huddles-1\nchange_idea: k3#c-huddles\ncycle: 1\nstatus: done\nplan:\n  objective: Try one huddle\n  start: 2026-02-02\n`,
      'c2.pdsa.yaml': `kind: pdsa-cycle\nid: tally-1\nchange_idea: k3#c-other\nstatus: doing\nplan:\n  start: 2026-02-23\ndata:\n  measure: k3#m-minutes\n  points:\n    - { date: 2026-02-23, value: 3 }\n`,
      'c3.pdsa.yaml': `kind: pdsa-cycle\nid: unrelated\nchange_idea: k3#c-other\nplan:\n  start: 2026-03-02\n`,
      'm.measure.yaml': measure('measure: k3#m-minutes\nchart: xmr', STABLE, 'annotations:\n  - { date: 2026-01-19, text: Huddles moved to Tuesdays }\n'),
    };
    const { html, title } = render('m.measure.yaml', files);
    assert.equal(title, 'Minutes per huddle', 'the driver measure names an untitled measure');
    assert.ok(textOf(html).includes('Gives data for Minutes per huddle'));
    assert.ok(textOf(html).includes('process measure'), 'the type comes from the driver diagram');
    // The events' lanes under the axis: a marker and the cycle's id, linked to its document.
    const cycles = [...html.matchAll(/<g class="ik-ch-event ik-ch-event-cycle ik-pdsa-(\w+)" data-open-uri="([^"]+)">(?:(?!<\/g>)[\s\S])*?<text class="ik-ch-event-text"[^>]*>([^<]+)<\/text><\/g>/g)].map((m) => [m[1], m[2], m[3]]);
    assert.deepEqual(cycles, [
      ['done', 'file:///ws/c1.pdsa.yaml', 'huddles-1'],
      ['doing', 'file:///ws/c2.pdsa.yaml', 'tally-1'],
    ]);
    assert.ok(!html.includes('unrelated'));
    const note = elementsAt(html, 'annotations.0');
    assert.ok(note.length >= 1 && classOf(note[0]).includes('ik-ch-event-annotation'));
    assert.ok(textOf(chartOf(html)).includes('Huddles moved to Tuesdays'));
  });

  it('marks signal points by kind and verdict, and lists only the kinds present in the legend', () => {
    // Twelve points about 12, then one far above: only "outside the limits", an improvement.
    const { html } = render('m.measure.yaml', { 'm.measure.yaml': measure('chart: xmr\nbetter: up', [...STABLE, 30]) });
    const marked = elementsAt(chartOf(html), 'data.points.12')[0];
    assert.deepEqual(classOf(marked).slice(0, 3), ['ik-ch-signal', 'ik-ch-outside-limits', 'ik-verdict-improvement']);
    const legend = textOf(/<g class="ik-ch-legend">[\s\S]*?<\/g><\/g><\/svg>|<g class="ik-ch-legend">[\s\S]*$/.exec(chartOf(html))![0]);
    assert.ok(legend.includes('Outside the limits') && legend.includes('improvement'), legend);
    for (const absent of ['Shift', 'Trend', '2 of 3', 'runs', 'concern']) assert.ok(!legend.includes(absent), absent);
    assert.match(textOf(html), /Special cause — improvement since 2026-03-30 \(a point above the upper limit\)/);
  });

  it('uses a distinct marker for each kind of signal the analysis finds', () => {
    // Low, then a long high run that climbs: a shift, a trend and points beyond 2 sigma.
    const values = [10, 11, 10, 12, 11, 10, 11, 12, 10, 11, 13, 14, 13, 12.5, 14, 13, 13.5, 14, 14.5, 15, 15.5, 16];
    const text = measure('chart: xmr\nbetter: down', values);
    const { html, doc } = render('m.measure.yaml', { 'm.measure.yaml': text });
    const kinds = new Set(measureData(doc.data!, undefined).series[0].analysis.signals.map((s) => s.kind));
    assert.ok(kinds.has('shift') && kinds.has('trend'), [...kinds].join());
    const drawn = new Set([...html.matchAll(/<g class="ik-ch-signal ik-ch-([a-z-]+) ik-verdict-concern/g)].map((m) => m[1]));
    for (const kind of drawn) assert.ok(kinds.has(kind as never), kind);
    const legend = [...chartOf(html).matchAll(/<g class="ik-ch-key"[^>]*><g class="ik-ch-signal ik-ch-([a-z-]+) ik-verdict-key">/g)].map((m) => m[1]);
    const order = ['outside-limits', 'shift', 'trend', 'two-of-three', 'runs'];
    assert.deepEqual(legend, order.filter((k) => kinds.has(k as never)));
    // The shapes differ: a square for a shift, a triangle path for a trend.
    assert.match(chartOf(html), /<g class="ik-ch-key"[^>]*><g class="ik-ch-signal ik-ch-shift ik-verdict-key"><rect /);
    assert.match(chartOf(html), /<g class="ik-ch-key"[^>]*><g class="ik-ch-signal ik-ch-trend ik-verdict-key"><path /);
    // Better down: the low start is an improvement, the high end a concern, each told with its signals.
    assert.match(textOf(html), /Special cause — improvement since 2026-01-05 \(shift, 10 points below the centre line/);
    assert.match(textOf(html), /Special cause — concern since 2026-04-13 \([^)]*shift, 8 points above the centre line; trend, 7 points going up/);
  });

  it('says when a phase has too few points for signals', () => {
    const { html } = render('m.measure.yaml', { 'm.measure.yaml': measure('chart: xmr', STABLE.slice(0, 7)) });
    assert.ok(textOf(html).includes('Too few points for signals yet: 7 of 12.'));
    assert.ok(textOf(html).includes('No signal of special cause'));
  });

  it('draws one small chart per group, each with its own limits and title', () => {
    const csv = ['week,school,minutes', ...weeks(12).flatMap((d, i) => [`${d},Lincoln,${STABLE[i]}`, `${d},Adams,${STABLE[i] + 10}`])].join('\n');
    const files = { 'g.measure.yaml': 'kind: measure\nid: g\ntitle: By school\nchart: xmr\ndata:\n  file: data/g.csv\n  date: week\n  value: minutes\n  group: school\n' };
    const { html } = render('g.measure.yaml', files, { 'data/g.csv': csv });
    assert.equal(xmlProblem(html), undefined);
    const svg = chartOf(html);
    assert.match(svg, /^<svg class="ik-svg ik-chart ik-chart-groups"/);
    const cells = [...svg.matchAll(/<g class="ik-ch-cell" data-group="([^"]*)"><text class="ik-ch-cell-title"[^>]*>([^<]*)<\/text>/g)].map((m) => [m[1], m[2]]);
    assert.deepEqual(cells, [
      ['Lincoln', 'Lincoln'],
      ['Adams', 'Adams'],
    ]);
    const labels = lineLabels(svg);
    assert.ok(labels.includes('CL 12.0') && labels.includes('CL 22.0'), labels.join());
    // CSV points point at the data file.
    assert.ok(elementsAt(html, 'data.file').length >= 24);
    assert.ok(textOf(html).includes('Lincoln : Common cause only'));
  });

  it('keeps every document string as text: title, phase label, annotation, unit, group', () => {
    const payload = '<script>alert(1)</script>';
    const text = `kind: measure\nid: x\ntitle: "${payload}"\nunit: "${payload}"\ndefinition: "${payload}"\nchart: xmr\ndata:\n  points:\n${weeks(13)
      .map((d, i) => `    - { date: ${d}, value: ${[...STABLE, 30][i]}, group: "${payload}", note: "${payload}" }`)
      .join('\n')}\nphases:\n  - { start: 2026-01-05, label: "${payload}", reason: "${payload}" }\nannotations:\n  - { date: 2026-01-12, text: "${payload}" }\n`;
    const { html, title } = render('x.measure.yaml', { 'x.measure.yaml': text });
    assert.equal(title, payload);
    assert.ok(!/<script/i.test(html));
    assert.equal(xmlProblem(html), undefined);
    assert.ok(textOf(html).split(payload).length > 6);
    assert.ok(chartOf(html).includes('aria-label="Control chart: &lt;script&gt;alert(1)&lt;/script&gt;"'));
  });

  it('draws a 500-point control chart in linear time', () => {
    const values = Array.from({ length: 500 }, (_, i) => 20 + ((i * 7919) % 13) - (i > 250 ? 3 : 0));
    const text = measure('chart: xmr\nbetter: down', values, 'phases:\n  - { start: 2026-01-05, label: Before, freeze: 20 }\n  - { start: 2030-11-04, label: After }\n');
    const ws = workspaceOf({ 'big.measure.yaml': text });
    const doc = ws.file('file:///ws/big.measure.yaml')!.documents[0];
    renderDocument(doc, { workspace: ws });
    const started = performance.now();
    const { body } = renderDocument(doc, { workspace: ws });
    const took = performance.now() - started;
    assert.ok(took < 1000, `${took} ms`); // a loose bound against quadratic work; the benchmark measures speed
    assert.equal((chartOf(body).match(/data-path="data\.points\.\d+"/g) ?? []).length, 500);
    assert.equal(xmlProblem(body), undefined);
  });

  it('exports the chart as a standalone SVG file, its legend inside', () => {
    const ws = workspaceOf({ 'm.measure.yaml': measure('title: Minutes\nchart: xmr\nbetter: up', [...STABLE, 30]) });
    const svg = renderSvg(ws.file('file:///ws/m.measure.yaml')!.documents[0], { workspace: ws })!;
    assert.match(svg, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg class="ik-svg ik-chart"[^>]* aria-label="Control chart: Minutes">/);
    assert.ok(svg.includes('<g class="ik-ch-legend">') && svg.includes('>Outside the limits</text>'));
    assert.ok(svg.includes('.ik-ch-limit{') && !svg.includes('data-path='));
    assert.equal(xmlProblem(svg.replace(/^<\?xml[^>]*>\n/, '').replace(/<style><!\[CDATA\[[\s\S]*?\]\]><\/style>/, '')), undefined);
  });

  it('renders a fenced measure block in a Markdown note (inline points)', () => {
    const md = new MarkdownIt({ html: false }).use(improvekitPlugin);
    const out = md.render(`# Note\n\n\`\`\`measure\nkind: measure\nid: fenced\ntitle: In a note\nchart: xmr\ndata:\n  points:\n${points(STABLE)}\n\`\`\`\n`);
    assert.ok(out.includes('<svg class="ik-svg ik-chart"'), out.slice(0, 300));
    assert.ok(out.includes('>CL 12.0</text>'));
  });

  it('shows a data file that cannot be read instead of a chart', () => {
    const { html } = render('m.measure.yaml', { 'm.measure.yaml': 'kind: measure\nid: m\nchart: xmr\ndata:\n  file: data/missing.csv\n' });
    assert.ok(textOf(html).includes('The data file data/missing.csv is not in the workspace: nothing to draw yet.'));
    assert.equal(svgsOf(html).length, 0);
  });
});
