import * as assert from 'node:assert/strict';
import { check } from '../../helpers';
import { closest } from '../../../src/core/text';
import type { Diagnostic } from '../../../src/core/types';

function only(diagnostics: Diagnostic[], rule: string): Diagnostic[] {
  return diagnostics.filter((d) => d.rule === rule);
}

describe('closest: suggestions that make sense', () => {
  it('looks at every candidate: a roster of 400 keeps its "did you mean"', () => {
    const ids = Array.from({ length: 400 }, (_, i) => `teacher-${String(i).padStart(3, '0')}-lincoln`);
    assert.equal(closest('teacher-399-lincon', ids), 'teacher-399-lincoln');
    const big = Array.from({ length: 20000 }, (_, i) => `person-${i}`);
    const t = Date.now();
    assert.equal(closest('persn-19999', big), 'person-19999');
    assert.ok(Date.now() - t < 500);
  });

  it('reads number words as digits, and does not offer a short id found inside a long one', () => {
    assert.equal(closest('tl-one', ['principal', 'tl-1', 'tl-2']), 'tl-1');
    assert.equal(closest('data-analyst', ['ana', 'supt']), undefined);
    assert.equal(closest('huddles', ['c-huddles']), 'c-huddles');
  });

  it('led_by: tl-one suggests tl-1', () => {
    const doc = `kind: leadership-model\nid: west-leads\nroles:\n  - { id: team-lead, title: Team Lead, category: teacher-leader }\npositions:\n  - { id: principal, title: Principal, role: principal }\n  - { id: tl-1, title: Team Lead 1, role: team-lead }\n  - { id: tl-2, title: Team Lead 2, role: team-lead }\nteams:\n  - { id: grade-1, led_by: tl-one, teachers: 6 }\n`;
    const d = only(check('l.leadership.yaml', doc), 'ref/unknown');
    assert.equal(d.length, 1);
    assert.match(d[0].message, /did you mean `tl-1`/);
  });

  it('study.results[].question suggests only the plan questions without a result yet', () => {
    const doc = `kind: pdsa-cycle
id: calendar-c1
plan:
  objective: Try the draft calendar with two schools
  questions:
    - { id: q-fit, question: Does it fit the union contract?, prediction: yes }
    - { id: q-fig, question: Do families find the dates?, prediction: most }
study:
  results:
    - { question: q-fit, result: it fits }
    - { question: q-fitt, result: most do }
`;
    const d = only(check('c.pdsa.yaml', doc), 'ref/unknown');
    assert.equal(d.length, 1);
    assert.match(d[0].message, /did you mean `q-fig`/);
  });
});

describe('run-chart wording: no prompt for a run from the first point', () => {
  const cycle = (values: number[]) =>
    `kind: pdsa-cycle\nid: calendar-c2\nstatus: doing\nplan:\n  objective: Watch late arrivals\n  questions:\n    - { id: q1, question: Do fewer arrive late?, prediction: yes }\ndata:\n  points:\n${values.map((v, i) => `    - { date: 2026-01-${String(i + 1).padStart(2, '0')}, value: ${v} }`).join('\n')}\n`;

  it('says the level moved after the run, without "what changed", when the shift starts the chart', () => {
    const d = only(check('c.pdsa.yaml', cycle([30, 31, 29, 32, 30, 33, 20, 21, 19, 22, 18, 20])), 'pdsa/run-chart-shift');
    assert.ok(d.length >= 1);
    const first = d.find((x) => /the first 6 points/.test(x.message));
    assert.ok(first, d.map((x) => x.message).join('\n'));
    assert.doesNotMatch(first.message, /what changed/);
    assert.match(first.message, /the level moved after 2026-01-06/);
  });
});

describe('ref/unknown: what to do, in short', () => {
  it('names the form to write when no id is close, and the list an id belongs to', () => {
    const measure = 'kind: measure\nid: m1\ntitle: Huddle minutes\nmeasure: x\ndata:\n  points:\n    - { date: 2026-01-05, value: 20 }\n';
    const [far] = only(check('m.measure.yaml', measure), 'ref/unknown');
    assert.equal(far.message, '`x` names no measure in any driver diagram: write `<driver diagram id>#<measure id>`');
    const diagram = 'kind: driver-diagram\nid: d\naim: { statement: Raise reading }\nprimary_drivers:\n  - { id: p1, title: Teachers use data }\nsecondary_drivers:\n  - { id: s1, title: Grade teams meet, supports: [p1] }\n  - { id: s2, title: Coaching, supports: [s1] }\n';
    const [wrong] = only(check('d.driver.yaml', diagram), 'ref/unknown');
    assert.equal(wrong.message, '`s1` is a secondary driver, not a primary driver — did you mean `p1`?');
    for (const d of [far, wrong]) assert.ok(d.message.length <= 120, `${d.message.length} characters`);
  });
});
