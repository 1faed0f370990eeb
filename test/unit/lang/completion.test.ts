import * as assert from 'node:assert/strict';
import { completions } from '../../../src/core/lang';
import { KINDS } from '../../../src/core/kinds';
import { DRIVER, LEADERSHIP, PDSA, RAPID, ROSTER, textOf, withCursor } from './util';

const labels = (name: string, marked: string, others: Record<string, string> = {}) => {
  const { ws, uri, pos } = withCursor(name, marked, others);
  return completions(ws, uri, pos).map((c) => c.label);
};

describe('lang: completions', () => {
  it('offers the drivers a change idea may support, on an empty value', () => {
    const { ws, uri, pos } = withCursor('k.driver.yaml', DRIVER.replace('supports: s-huddles', 'supports: |'));
    const items = completions(ws, uri, pos);
    const sorted = [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
    assert.deepEqual(sorted.map((c) => c.label), ['s-huddles', 'p-data', 'p-time'], 'secondary drivers first');
    const huddles = items.find((c) => c.label === 's-huddles')!;
    assert.equal(huddles.kind, 'reference');
    assert.equal(huddles.detail, 'Data huddles twice a week');
    assert.deepEqual(huddles.range.start, huddles.range.end);
  });

  it('covers the partial word in a flow sequence, and offers only primary drivers to a secondary driver', () => {
    const marked = DRIVER.replace('supports: [p-data, p-time]', 'supports: [p-data, p-t|]');
    const { ws, uri, pos, text } = withCursor('k.driver.yaml', marked);
    const items = completions(ws, uri, pos);
    assert.deepEqual(items.map((c) => c.label).sort(), ['p-data', 'p-time']);
    assert.equal(textOf(text, items[0].range), 'p-t');
  });

  it('offers `doc#item` forms once a `#` is typed, and items written as a block list', () => {
    assert.deepEqual(labels('k.driver.yaml', DRIVER.replace('supports: s-huddles', 'supports: k3-reading#|')).sort(), ['k3-reading#p-data', 'k3-reading#p-time', 'k3-reading#s-huddles']);
    assert.deepEqual(labels('k.driver.yaml', DRIVER.replace('    supports: [p-data, p-time]', '    supports:\n      - |')).sort(), ['p-data', 'p-time']);
  });

  it('offers measures for aim.measure and change idea measures', () => {
    assert.deepEqual(labels('k.driver.yaml', DRIVER.replace('measure: m-proficiency', 'measure: |')), ['m-proficiency', 'm-huddles']);
    assert.deepEqual(labels('k.driver.yaml', DRIVER.replace('measures: [m-huddles]', 'measures: [|]')), ['m-proficiency', 'm-huddles']);
  });

  it('offers change ideas of every driver diagram to a PDSA cycle, with the idea title', () => {
    const { ws, uri, pos } = withCursor('c1.pdsa.yaml', PDSA.replace('change_idea: k3-reading#c-template', 'change_idea: |'), { 'k.driver.yaml': DRIVER });
    const items = completions(ws, uri, pos);
    assert.deepEqual(items.map((c) => c.label), ['k3-reading#c-template']);
    assert.equal(items[0].detail, 'One-page huddle template');
    assert.deepEqual(labels('c1.pdsa.yaml', PDSA.replace('change_idea: k3-reading#c-template', 'change_idea: k3|'), {}), []);
  });

  it('offers other cycles for `previous`, plan questions for a study result, and people for tasks', () => {
    const c2 = PDSA.replace('id: huddles-c1', 'id: huddles-c2').replace('status: done', 'previous: |\nstatus: done');
    assert.deepEqual(labels('c2.pdsa.yaml', c2, { 'c1.pdsa.yaml': PDSA }), ['huddles-c1']);
    assert.deepEqual(labels('c1.pdsa.yaml', PDSA.replace('- question: q-time', '- question: |')), ['q-time']);
    assert.deepEqual(labels('c1.pdsa.yaml', PDSA.replace('who: ana', 'who: |'), { 'r.roster.yaml': ROSTER }), ['supt', 'cao', 'ana', 'principals']);
  });

  it('offers roster people and groups for RAPID roles, with their names', () => {
    const { ws, uri, pos } = withCursor('c.rapid.yaml', RAPID.replace('decide: supt', 'decide: |'), { 'r.roster.yaml': ROSTER });
    const items = completions(ws, uri, pos);
    assert.deepEqual(items.map((c) => c.label), ['supt', 'cao', 'ana', 'principals']);
    assert.equal(items[0].kind, 'person');
    assert.equal(items[0].detail, 'Dana Reyes — Superintendent');
    assert.match(items[0].documentation ?? '', /final decision/);
    assert.deepEqual(labels('c.rapid.yaml', RAPID.replace('input: [ana, cao]', 'input: [ana, |]'), { 'r.roster.yaml': ROSTER }), ['supt', 'cao', 'ana', 'principals']);
    assert.deepEqual(labels('c.rapid.yaml', RAPID.replace('decide: supt', 'decide: |')), [], 'no roster, nothing to offer');
  });

  it('offers positions, roles and role categories in a leadership model written in flow mappings', () => {
    assert.deepEqual(labels('l.leadership.yaml', LEADERSHIP.replace('led_by: tl-grade3', 'led_by: |')), ['principal', 'tl-grade3']);
    assert.deepEqual(labels('l.leadership.yaml', LEADERSHIP.replace('reports_to: principal', 'reports_to: |')), ['principal', 'tl-grade3']);
    const roles = labels('l.leadership.yaml', LEADERSHIP.replace('role: team-lead', 'role: |'));
    assert.deepEqual(roles, ['team-lead', 'principal', 'assistant-principal', 'teacher-leader', 'coach', 'other']);
  });

  it('offers enum values from the schema', () => {
    assert.deepEqual(labels('k.driver.yaml', DRIVER.replace('status: testing', 'status: te|')), ['idea', 'testing', 'implementing', 'spreading', 'abandoned']);
    assert.deepEqual(labels('k.driver.yaml', DRIVER.replace('type: outcome', 'type: |')), ['outcome', 'process', 'balancing']);
    assert.deepEqual(labels('c1.pdsa.yaml', PDSA.replace('prediction_met: yes', 'prediction_met: |')), ['yes', 'no', 'partly', 'true', 'false']);
    assert.deepEqual(labels('c1.pdsa.yaml', `${PDSA}act:\n  decision: |\n`), ['adopt', 'adapt', 'abandon']);
    assert.deepEqual(labels('c.rapid.yaml', RAPID.replace('status: open', 'status: |')), ['proposed', 'open', 'decided', 'revisit']);
    assert.deepEqual(labels('l.leadership.yaml', LEADERSHIP.replace('    max_span: 8', '    max_span: 8\n    evaluation: |')), ['owns', 'input', 'none']);
    assert.deepEqual(labels('l.leadership.yaml', LEADERSHIP.replace('    max_span: 8', '    max_span: 8\n    responsibilities: [goal-setting, |]')), ['goal-setting', 'observation-feedback', 'motivation', 'collaboration', 'evaluation']);
  });

  it('offers the kinds for `kind:`', () => {
    const items = labels('x.yaml', 'kind: |\nid: x\n');
    assert.deepEqual(items, []);
    assert.ok(labels('x.rapid.yaml', 'kind: |\nid: x\n').includes('rapid-charter'));
    assert.deepEqual(labels('x.rapid.yaml', 'kind: |\nid: x\n'), [...KINDS]);
    assert.ok(KINDS.includes('measure'));
  });

  it('offers the keys a mapping allows and lacks, with their descriptions', () => {
    const { ws, uri, pos, text } = withCursor('k.driver.yaml', DRIVER.replace('    status: testing', '    sta|'));
    const items = completions(ws, uri, pos);
    assert.deepEqual(items.map((c) => c.label), ['description', 'status', 'owner']);
    const status = items.find((c) => c.label === 'status')!;
    assert.equal(status.kind, 'key');
    assert.match(status.documentation ?? '', /Where the idea stands/);
    assert.equal(status.insertText, 'status: ');
    assert.equal(textOf(text, status.range), 'sta');
    const retyped = withCursor('k.driver.yaml', DRIVER.replace('    status: testing', '    sta|tus: testing'));
    const again = completions(retyped.ws, retyped.uri, retyped.pos).find((c) => c.label === 'status');
    assert.equal(again?.insertText, 'status', 'the `:` is already there');
    assert.equal(textOf(retyped.text, again!.range), 'status');
    const top = labels('k.driver.yaml', `${DRIVER}|`);
    assert.deepEqual(top, ['owner', 'tags', 'updated']);
    assert.deepEqual(labels('l.leadership.yaml', LEADERSHIP.replace('{ id: kinder, led_by: principal, teachers: 6 }', '{ id: kinder, | }')), ['led_by', 'teachers', 'name']);
    assert.deepEqual(labels('c.rapid.yaml', RAPID.replace('    recommend: ana\n', '    recommend: ana\n    |\n')), ['agree', 'perform', 'input', 'decide', 'due', 'status', 'outcome', 'notes']);
  });

  it('works inside a Markdown fenced block, and not in the prose around it', () => {
    const md = '# Notes\n\nSome text |here.\n\n```rapid-charter\nid: x\ndecisions:\n  - id: a\n    decision: Pick\n    decide: @@\n```\n';
    assert.deepEqual(labels('n.md', md.replace('@@', ''), { 'r.roster.yaml': ROSTER }), []);
    assert.deepEqual(labels('n.md', md.replace('|', '').replace('@@', '|'), { 'r.roster.yaml': ROSTER }), ['supt', 'cao', 'ana', 'principals']);
    const front = '---\nkind: driver-diagram\nid: fm\nchange_ideas:\n  - id: c1\n    title: T\n    status: |\n---\n# Body\n';
    assert.deepEqual(labels('f.md', front), ['idea', 'testing', 'implementing', 'spreading', 'abandoned']);
  });

  it('offers nothing in free text, comments, or outside any document', () => {
    assert.deepEqual(labels('k.driver.yaml', DRIVER.replace('title: K-3 reading', 'title: K-3 |reading')), []);
    assert.deepEqual(labels('k.driver.yaml', DRIVER.replace('status: testing', 'status: testing # |')), []);
    assert.deepEqual(labels('notes.txt', 'hello |'), []);
  });
});

describe('lang: completion at every key and value position, by the schema of the real parent', () => {
  const MEASURE = 'kind: measure\nid: huddle-minutes\ntitle: Minutes each huddle ran\n';
  const TOP_LEVEL = ['title', 'owner', 'measure', 'definition', 'unit', 'chart', 'phases', 'annotations'];

  it('offers the keys of `data` on an indented empty line under an empty `data:`, never the top-level keys', () => {
    for (const marked of [`${MEASURE}data:\n  |\n`, `${MEASURE}data:\n  |`, `${MEASURE}data:\n  |\nchart: run\n`, `${MEASURE}data:   # the series\n\n  |\nphases:\n  - { start: 2026-01-05 }\n`]) {
      const found = labels('m.measure.yaml', marked);
      assert.deepEqual(found, ['file', 'date', 'value', 'n', 'group', 'points'], JSON.stringify(marked));
      for (const key of TOP_LEVEL) assert.ok(!found.includes(key), `${key} offered under data: ${JSON.stringify(marked)}`);
    }
    assert.deepEqual(labels('m.measure.yaml', `${MEASURE}data:\n  file: minutes.csv\n  |\n`), ['date', 'value', 'n', 'group', 'points'], 'the keys not yet written');
    assert.ok(labels('m.measure.yaml', `${MEASURE}data:\n|\n`).includes('chart'), 'at column 0 the document is the parent again');
  });

  it('offers `points` in the data of a measure and of a PDSA cycle, and the keys of a point', () => {
    assert.ok(labels('m.measure.yaml', `${MEASURE}data:\n  po|\n`).includes('points'));
    assert.deepEqual(labels('c1.pdsa.yaml', PDSA.replace('study:', 'data:\n  |\nstudy:')), ['measure', 'points', 'file', 'date', 'value']);
    assert.deepEqual(labels('m.measure.yaml', `${MEASURE}data:\n  points:\n    - |\n`), ['date', 'value', 'n', 'group', 'note', 'ik-point']);
    assert.deepEqual(labels('m.measure.yaml', `${MEASURE}data:\n  points:\n  - |\n`), ['date', 'value', 'n', 'group', 'note', 'ik-point'], 'a list at its key\'s indentation');
    assert.deepEqual(labels('c1.pdsa.yaml', `${PDSA}data:\n  points:\n    - |\n`), ['date', 'value', 'note']);
  });

  it('offers the second key of a list item, block or flow', () => {
    assert.deepEqual(labels('m.measure.yaml', `${MEASURE}data:\n  points:\n    - date: 2026-01-05\n      |\n`), ['value', 'n', 'group', 'note']);
    assert.deepEqual(labels('m.measure.yaml', `${MEASURE}data:\n  points:\n    - { date: 2026-01-05, | }\n`), ['value', 'n', 'group', 'note']);
    assert.deepEqual(labels('m.measure.yaml', `${MEASURE}data: { points: [ { date: 2026-01-05, | } ] }\n`), ['value', 'n', 'group', 'note']);
    assert.deepEqual(labels('m.measure.yaml', `${MEASURE}phases:\n  - start: 2026-01-05\n    |\n`), ['label', 'freeze', 'reason']);
    assert.deepEqual(labels('c1.pdsa.yaml', PDSA.replace('      prediction: yes', '      |')), ['prediction']);
  });

  it('offers the keys of nested mappings at any depth, and of a flow mapping', () => {
    assert.deepEqual(labels('c1.pdsa.yaml', PDSA.replace('plan:\n', 'plan:\n  |\n')), ['objective', 'start', 'end', 'scale', 'data_collection']);
    assert.deepEqual(labels('c1.pdsa.yaml', `${PDSA}act:\n  |\n`), ['decision', 'next_steps']);
    assert.deepEqual(labels('c1.pdsa.yaml', PDSA.replace('  results:', '  |\n  results:')), ['learning']);
    assert.deepEqual(labels('m.measure.yaml', `${MEASURE}data: { | }\n`), ['file', 'date', 'value', 'n', 'group', 'points']);
    assert.deepEqual(labels('l.leadership.yaml', LEADERSHIP.replace('defaults: { max_span: 10 }', 'school: { teachers: 30, | }\ndefaults: { max_span: 10 }')), ['name', 'students']);
    assert.deepEqual(labels('k.driver.yaml', DRIVER.replace('  measure: m-proficiency\n', '  measure: m-proficiency\n  |\n')), ['baseline', 'target', 'by', 'population']);
  });

  it('offers the keys of a list item after its `- `, and the item snippet of the list', () => {
    assert.deepEqual(labels('c1.pdsa.yaml', PDSA.replace('  tasks:\n', '  tasks:\n    - |\n')), ['task', 'who', 'when', 'done']);
    assert.deepEqual(labels('c1.pdsa.yaml', PDSA.replace('  questions:\n', '  questions:\n    - |\n')), ['id', 'question', 'prediction', 'ik-question']);
    assert.deepEqual(labels('k.driver.yaml', DRIVER.replace('change_ideas:\n', 'change_ideas:\n  - |\n')), ['id', 'title', 'description', 'supports', 'measures', 'status', 'owner', 'ik-change-idea']);
    assert.deepEqual(labels('k.driver.yaml', DRIVER.replace('change_ideas:\n', 'change_ideas:\n  |\n')), ['ik-change-idea'], 'a new item of the list');
  });

  it('offers every id for a reference whose written value names none (a snippet\'s placeholder), to replace it', () => {
    const { ws, uri, pos, text } = withCursor('k.driver.yaml', DRIVER.replace('supports: s-huddles', 'supports: [s-first|]'));
    const items = completions(ws, uri, pos);
    assert.deepEqual(items.map((c) => c.label), ['s-huddles', 'p-data', 'p-time']);
    for (const item of items) {
      assert.equal(textOf(text, item.range), 's-first');
      assert.ok(item.filterText?.startsWith('s-first'), `${item.label} is matched as the word being replaced: ${item.filterText}`);
    }
    const typing = withCursor('k.driver.yaml', DRIVER.replace('supports: s-huddles', 'supports: [s-h|]'));
    assert.deepEqual(completions(typing.ws, typing.uri, typing.pos).map((c) => c.filterText), [undefined, undefined, undefined], 'a word being typed is matched as written');
  });
});
