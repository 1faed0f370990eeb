import assert from 'node:assert/strict';
import { DRIVER, PDSA_1, PDSA_2, pdsaWithPoints } from './samples';
import { classOf, elementsAt, render, svgsOf, textOf, xmlProblem } from './support';
import { niceTicks } from '../../../src/core/render/runchart';
import { configFrom } from '../../helpers';
import { Workspace } from '../../../src/core/workspace';
import { renderDocument } from '../../../src/core/render';

/** Point indexes (into data.points) whose element carries a class. */
function pointsWith(html: string, cls: string): number[] {
  return [...html.matchAll(/<g class="([^"]*)" data-path="data\.points\.(\d+)">/g)].filter((m) => m[1].split(' ').includes(cls)).map((m) => Number(m[2]));
}

describe('render: PDSA cycle', () => {
  const files = { 'k3.driver.yaml': DRIVER, 'huddles-1.pdsa.yaml': PDSA_1, 'huddles-2.pdsa.yaml': PDSA_2 };

  it('shows the worksheet: plan, do, study and act, each with its data-path', () => {
    const { html, title } = render('huddles-2.pdsa.yaml', files);
    assert.equal(title, 'Huddles, cycle 2');
    assert.equal(xmlProblem(html), undefined);
    const phases = [...html.matchAll(/<section class="ik-phase ik-phase-(\w)" data-path="(\w+)">/g)].map((m) => `${m[1]}:${m[2]}`);
    assert.deepEqual(phases, ['p:plan', 'd:do', 's:study', 'a:act']);
    const text = textOf(html);
    for (const words of ['Learn whether a template keeps huddles to 20 minutes', 'two grade teams', '2026-01-26 to 2026-02-13', 'Leads time each huddle', 'Lincoln held all six huddles.', 'Assemblies took two slots.', 'The template works when the time is protected.', 'Draft the template']) {
      assert.ok(text.includes(words), words);
    }
    assert.ok(elementsAt(html, 'plan.questions.2').length >= 1);
    assert.ok(elementsAt(html, 'plan.tasks.1').length === 1);
  });

  it('names the change idea under test by its title in the driver diagram', () => {
    const { html } = render('huddles-2.pdsa.yaml', files);
    const line = elementsAt(html, 'change_idea')[0];
    assert.ok(line);
    assert.ok(textOf(html).includes('Tests the change idea Twice-weekly data huddles k3#c-huddles from Grade 3 reading'));
  });

  it('puts each prediction beside its result and whether it was met', () => {
    const { html } = render('huddles-2.pdsa.yaml', files);
    const study = html.slice(html.indexOf('ik-phase-s'), html.indexOf('ik-phase-a'));
    const rows = [...study.matchAll(/<tr class="[^"]*" data-path="([^"]+)"[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => [m[1], textOf(m[2]).trim()]);
    assert.deepEqual(rows, [
      ['study.results.0', 'q1 Will huddles end on time? Most will Huddles ran 18 to 23 minutes ✓ met'],
      ['study.results.1', 'q2 Will a second team run it alone? Yes after one model huddle Jefferson held 4 of 6 ◐ partly'],
      ['plan.questions.2', 'q3 Will leads work longer hours? no prediction no result yet'],
      ['study.results.2', 'q9 not a plan question A result for no question ✗ not met'],
    ]);
    assert.match(study, /class="ik-met ik-met-yes"/);
    assert.match(study, /class="ik-met ik-met-partly"/);
    assert.match(study, /class="ik-met ik-met-no"/);
  });

  it('marks a question without prediction from its diagnostic', () => {
    const { html } = render('huddles-2.pdsa.yaml', files);
    const row = elementsAt(html, 'plan.questions.2').find((t) => t.startsWith('<tr'))!;
    assert.ok(classOf(row).includes('ik-flag-warning'), row);
    assert.match(row, /title="warning: [^"]*pdsa\/question-without-prediction/);
  });

  it('shows the act decision', () => {
    const { html } = render('huddles-1.pdsa.yaml', files);
    assert.match(html, /<p class="ik-decision" data-path="act.decision"><span class="ik-decision-badge ik-decision-adapt">adapt<\/span><\/p>/);
    assert.ok(textOf(html).includes('Add a template.'));
  });

  it('shows the ramp: previous cycles through `previous`, next ones through the index', () => {
    const first = render('huddles-1.pdsa.yaml', files).html;
    const second = render('huddles-2.pdsa.yaml', files).html;
    const steps = (html: string) => [...html.matchAll(/<li class="ik-ramp-step ik-pdsa-(\w+)( ik-ramp-current)?"[^>]*><span class="ik-ramp-number">([^<]+)<\/span><span class="ik-ramp-id">([^<]+)/g)].map((m) => `${m[3]} ${m[4]} ${m[1]}${m[2] ? ' *' : ''}`);
    assert.deepEqual(steps(first), ['Cycle 1 huddles-1 done *', 'Cycle 2 huddles-2 studying']);
    assert.deepEqual(steps(second), ['Cycle 1 huddles-1 done', 'Cycle 2 huddles-2 studying *']);
    assert.match(second, /data-open-uri="file:\/\/\/ws\/huddles-1\.pdsa\.yaml"/);
  });

  it('says when a previous cycle is missing, and survives a loop of previous cycles', () => {
    const broken = render('c.pdsa.yaml', { 'c.pdsa.yaml': 'kind: pdsa-cycle\nid: c\nchange_idea: x#y\nprevious: nowhere\n' }).html;
    assert.ok(textOf(broken).includes('nowhere not found'));
    const loop = render('a.pdsa.yaml', {
      'a.pdsa.yaml': 'kind: pdsa-cycle\nid: a\nchange_idea: x#y\ncycle: 1\nprevious: b\n',
      'b.pdsa.yaml': 'kind: pdsa-cycle\nid: b\nchange_idea: x#y\ncycle: 2\nprevious: a\n',
    }).html;
    assert.equal(xmlProblem(loop), undefined);
    assert.equal((loop.match(/ik-ramp-step/g) ?? []).length, 2);
  });
});

describe('render: run chart', () => {
  it('draws the points, the median line, and no signals before 10 points', () => {
    const { html } = render('huddles-2.pdsa.yaml', { 'k3.driver.yaml': DRIVER, 'huddles-2.pdsa.yaml': PDSA_2 });
    const svg = svgsOf(html).find((s) => s.includes('ik-runchart-svg'))!;
    assert.ok(svg, 'a run chart');
    assert.equal(xmlProblem(svg), undefined);
    assert.deepEqual(pointsWith(svg, 'ik-rc-point'), [0, 1, 2]);
    assert.match(svg, /<g class="ik-rc-median"><line [^>]+\/><text [^>]+>median 3<\/text><\/g>/);
    assert.deepEqual(pointsWith(svg, 'ik-rc-shift'), []);
    assert.ok(textOf(html).includes('Shifts, trends and runs are read from 10 points on (3 so far)'));
    assert.ok(textOf(html).includes('Run chart Huddles held per week'));
    assert.deepEqual(pointsWith(svg, 'ik-rc-noted'), [0]);
  });

  it('marks a shift on the points of the shift, and too few runs', () => {
    // Six below the median, then six above: two shifts, two runs (3 to 11 are expected for 12).
    const values = [1, 2, 1, 2, 1, 2, 8, 9, 8, 9, 8, 9];
    const { html } = render('s.pdsa.yaml', { 's.pdsa.yaml': pdsaWithPoints(values) });
    const svg = svgsOf(html).find((s) => s.includes('ik-runchart-svg'))!;
    assert.deepEqual(pointsWith(svg, 'ik-rc-shift'), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const bands = [...svg.matchAll(/data-signal="shift" data-start="(\d+)" data-end="(\d+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    assert.deepEqual(bands, [[0, 5], [6, 11]]);
    assert.match(svg, /data-signal="runs"><text[^>]*>Too few runs: 2 \(3–11 expected\)/);
    assert.match(svg, />median 5</);
    const text = textOf(html);
    assert.ok(text.includes('Shift : 6 points in a row below the median, 2026-01-01 to 2026-01-06.'));
    assert.ok(text.includes('Too few runs : 2 runs about the median; 3 to 11 expected for 12 points off the median.'));
  });

  it('marks a trend on the points of the trend only', () => {
    const values = [3, 4, 3, 4, 1, 2, 3, 4, 5, 4, 3, 4];
    const { html } = render('t.pdsa.yaml', { 't.pdsa.yaml': pdsaWithPoints(values) });
    const svg = svgsOf(html).find((s) => s.includes('ik-runchart-svg'))!;
    assert.deepEqual(pointsWith(svg, 'ik-rc-trend'), [4, 5, 6, 7, 8]);
    assert.deepEqual(pointsWith(svg, 'ik-rc-shift'), []);
    assert.match(svg, /data-signal="trend" data-start="4" data-end="8"/);
    assert.match(svg, />Trend ↗ 5</);
  });

  it('indexes signals by data.points even when some points have no number', () => {
    const text = pdsaWithPoints([1, 2, 1, 2, 1, 2, 8, 9, 8, 9, 8, 9]).replace('value: 1 }', 'value: n/a }');
    const { html } = render('u.pdsa.yaml', { 'u.pdsa.yaml': text });
    const svg = svgsOf(html).find((s) => s.includes('ik-runchart-svg'))!;
    // Point 0 is skipped: 11 points remain, and the marks name data.points indexes 1..11.
    assert.deepEqual(pointsWith(svg, 'ik-rc-point'), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    assert.ok(pointsWith(svg, 'ik-rc-shift').every((i) => i >= 1));
  });

  it('uses the configured thresholds of the run chart rules', () => {
    const ws = new Workspace({ config: configFrom('rules:\n  pdsa/run-chart-shift: { min_points: 4, min_shift: 3 }\n') });
    ws.setFile('file:///ws/c.pdsa.yaml', pdsaWithPoints([1, 1.5, 2, 9, 8, 9]));
    const doc = ws.file('file:///ws/c.pdsa.yaml')!.documents[0];
    const { body } = renderDocument(doc, { workspace: ws });
    assert.deepEqual(pointsWith(body, 'ik-rc-shift'), [0, 1, 2, 3, 4, 5]);
  });

  it('picks round ticks that cover the values', () => {
    assert.deepEqual(niceTicks(18, 24), [18, 20, 22, 24]);
    assert.deepEqual(niceTicks(0, 97), [0, 20, 40, 60, 80, 100]);
    const flat = niceTicks(5, 5);
    assert.ok(flat[0] < 5 && flat[flat.length - 1] > 5);
  });
});
