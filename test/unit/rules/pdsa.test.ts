import { rationaleOf } from '../../../src/core/rules/rationale';
import * as assert from 'node:assert/strict';
import { applyFix, at, check, configFrom, rulesOf, workspaceOf } from '../../helpers';
import { PDSA_RULES } from '../../../src/core/rules/pdsa';
import type { Config } from '../../../src/core/config';
import type { Diagnostic } from '../../../src/core/types';

function only(diagnostics: Diagnostic[], rule: string): Diagnostic[] {
  return diagnostics.filter((d) => d.rule === rule);
}

const DRIVER = `kind: driver-diagram
id: k3-reading
aim:
  statement: Raise the share of grade 3 students reading at grade level
  measure: m-reading
  target: 70%
  by: 2027-06-30
primary_drivers:
  - { id: p-data-use, title: Grade 3 teams use current reading data every week }
secondary_drivers:
  - { id: s-huddle-routine, title: Grade teams meet on a protected schedule, supports: [p-data-use] }
change_ideas:
  - { id: c-huddles, title: Twice-weekly data huddles, supports: [s-huddle-routine], status: testing }
measures:
  - { id: m-reading, name: Reading at grade level, type: outcome }
  - { id: m-huddle-minutes, name: Minutes each huddle ran, type: process }
  - { id: m-lead-hours, name: Team lead hours outside the school day, type: balancing }
`;
const WS = { 'k3-reading.driver.yaml': DRIVER };

/** A PDSA cycle: the header, then the given lines (top-level YAML). */
function cycle(...lines: string[]): string {
  return ['kind: pdsa-cycle', 'id: huddles-c1', 'change_idea: k3-reading#c-huddles', ...lines, ''].join('\n');
}

function run(text: string, config?: Config, others: Record<string, string> = {}): Diagnostic[] {
  return check('huddles-c1.pdsa.yaml', text, { ...WS, ...others }, config);
}

/** A cycle whose data points are these values, one a week from 2026-01-05. */
function series(values: number[], extra: string[] = []): string {
  const start = Date.UTC(2026, 0, 5);
  const points = values.map((v, i) => `    - { date: ${new Date(start + i * 7 * 86400000).toISOString().slice(0, 10)}, value: ${v} }`);
  return cycle('status: doing', 'plan:', '  start: 2026-01-05', '  end: 2026-06-26', ...extra, 'data:', '  measure: k3-reading#m-huddle-minutes', '  points:', ...points);
}

describe('pdsa rules', () => {
  it('are the ten rules of DESIGN §2 with their default severities and options', () => {
    assert.deepEqual(
      PDSA_RULES.map((r) => `${r.id}:${r.severity}`),
      [
        'pdsa/question-without-prediction:warning',
        'pdsa/missing-result:warning',
        'pdsa/missing-decision:error',
        'pdsa/act-before-study:warning',
        'pdsa/dates-out-of-order:error',
        'pdsa/overdue:info',
        'pdsa/broken-chain:warning',
        'pdsa/run-chart-shift:info',
        'pdsa/run-chart-trend:info',
        'pdsa/run-chart-runs:info',
      ],
    );
    const options = Object.fromEntries(PDSA_RULES.filter((r) => r.options).map((r) => [r.id, r.options]));
    assert.deepEqual(options, {
      'pdsa/run-chart-shift': { min_points: 10, min_shift: 6 },
      'pdsa/run-chart-trend': { min_points: 10, min_trend: 5 },
      'pdsa/run-chart-runs': { min_points: 10 },
    });
    assert.equal(PDSA_RULES.find((r) => r.id === 'pdsa/broken-chain')?.scope, 'workspace');
  });

  describe('pdsa/question-without-prediction', () => {
    const variants: Record<string, string[]> = {
      'a flow question without the key': ['    - { id: q1, question: Will teachers bring student work? }'],
      'a block question without the key': ['    - id: q1', '      question: Will teachers bring student work?'],
      'an empty `prediction:`': ['    - id: q1', '      question: Will teachers bring student work?', '      prediction:'],
      'an empty flow `prediction:`': ['    - { id: q1, question: Will teachers bring student work?, prediction: }'],
      'an empty string': ['    - { id: q1, question: Will teachers bring student work?, prediction: "" }'],
      'a null': ['    - id: q1', '      question: Will teachers bring student work?', '      prediction: ~', '      x-note: asked at the huddle'],
    };
    for (const [name, question] of Object.entries(variants)) {
      it(`suggests a placeholder for ${name}, and the placeholder stays a finding`, () => {
        const text = cycle('status: planning', 'plan:', '  questions:', ...question, '  start: 2026-03-16');
        const d = only(run(text), 'pdsa/question-without-prediction');
        assert.deepEqual(d.map(at), [`pdsa/question-without-prediction@7:${question[0].startsWith('    - {') ? 9 : 7}`], name);
        assert.match(d[0].message, /^Question `q1` has no prediction: add `prediction:`/);
        assert.match(rationaleOf(d[0].rule)!, /gap between one's predictions and what actually happened/);
        assert.equal(d[0].fixes![0].kind, 'suggestion', 'a placeholder is only ever suggested');
        const fixed = applyFix(text, d[0].fixes![0]);
        assert.match(fixed, /prediction: "…"/);
        const after = only(run(fixed), 'pdsa/question-without-prediction');
        assert.equal(after.length, 1, `${name}: the placeholder must stay a finding:\n${fixed}`);
        assert.match(after[0].message, /^Question `q1` has a placeholder prediction \("…"\): write what you expect/);
        assert.deepEqual(after[0].fixes ?? [], [], 'no second placeholder is offered');
      });
    }

    for (const placeholder of ['…', '...', 'What we expect', 'What we expect to happen', '"…"', "''"]) {
      it(`flags the placeholder prediction ${placeholder} as unfinished`, () => {
        const d = only(run(cycle('plan:', '  questions:', `    - { id: q1, question: Will it work?, prediction: ${placeholder} }`)), 'pdsa/question-without-prediction');
        assert.equal(d.length, 1, placeholder);
      });
    }

    it('does not flag a real prediction', () => {
      assert.deepEqual(only(run(cycle('plan:', '  questions:', '    - { id: q1, question: Will it work?, prediction: 5 of 7 will }')), 'pdsa/question-without-prediction'), []);
    });

    it('names a question without id by its text', () => {
      const d = run(cycle('plan:', '  questions:', '    - question: Will the huddle end on time?'));
      assert.match(only(d, 'pdsa/question-without-prediction')[0].message, /Question "Will the huddle end on time\?" has no prediction/);
    });
  });

  describe('pdsa/missing-result', () => {
    const plan = ['plan:', '  questions:', '    - { id: q1, question: Will teachers bring work?, prediction: 5 of 7 will }', '    - { question: Will it end on time?, prediction: 3 of 4 will }'];

    it('matches results by question id, and a question without id by its place in the list', () => {
      const both = cycle('status: studying', ...plan, 'study:', '  results:', '    - { question: q1, result: 6 of 7 brought work, prediction_met: yes }', '    - { question: q1, result: 2 of 4 ended on time, prediction_met: no }');
      assert.deepEqual(only(run(both), 'pdsa/missing-result'), []);
      const first = cycle('status: done', ...plan, 'study:', '  results:', '    - { question: q1, result: 6 of 7 brought work }', 'act: { decision: adapt }');
      const d = only(run(first), 'pdsa/missing-result');
      assert.deepEqual(d.map(at), ['pdsa/missing-result@8:9']);
      assert.match(d[0].message, /"Will it end on time\?" has no result in `study.results` \(the cycle is done\): give it an `id`/);
    });

    it('fires only while studying or done, and not for an empty result', () => {
      const none = (status: string) => cycle(`status: ${status}`, ...plan.slice(0, 3), 'study:', '  results:', '    - { question: q1, result: "" }');
      assert.deepEqual(rulesOf(only(run(none('studying')), 'pdsa/missing-result')), ['pdsa/missing-result']);
      assert.deepEqual(only(run(none('doing')), 'pdsa/missing-result'), []);
      assert.deepEqual(only(run(none('planning')), 'pdsa/missing-result'), []);
    });
  });

  describe('pdsa/missing-decision', () => {
    const study = ['study:', '  results: []', '  learning: A template keeps the huddle to 20 minutes.'];
    const cases: Record<string, { lines: string[]; at: string }> = {
      '`act` with other keys': { lines: ['act:', '  next_steps: Test with two teams.'], at: '9:3' },
      'a flow `act`': { lines: ['act: { next_steps: Test with two teams. }'], at: '8:8' },
      'an empty `act:`': { lines: ['act:'], at: '8:1' },
      'an empty `decision:`': { lines: ['act:', '  decision:', '  next_steps: Test with two teams.'], at: '9:3' },
      'an empty decision string': { lines: ['act:', '  decision: ""'], at: '9:3' }, // schema/invalid also says "" is no decision
      'no `act` at all': { lines: [], at: '4:9' },
    };
    for (const [name, c] of Object.entries(cases)) {
      it(`offers adopt, adapt and abandon for ${name}, each making valid YAML`, () => {
        const text = cycle('status: done', ...study, ...c.lines);
        const d = run(text).filter((x) => x.rule.startsWith('pdsa/'));
        assert.deepEqual(d.map((x) => `${at(x)}:${x.severity}`), [`pdsa/missing-decision@${c.at}:error`]);
        assert.match(d[0].message, /act\.decision/);
        assert.deepEqual(d[0].fixes?.map((f) => f.title), ['adopt', 'adapt', 'abandon'].map((x) => `Decide to ${x} the change idea`));
        for (const [i, decision] of ['adopt', 'adapt', 'abandon'].entries()) {
          const fixed = applyFix(text, d[0].fixes![i]);
          assert.match(fixed, new RegExp(`decision: ${decision}`));
          assert.deepEqual(run(fixed), [], `${name} → ${decision}:\n${fixed}`);
        }
      });
    }

    it('is quiet before the cycle is done', () => {
      assert.deepEqual(run(cycle('status: studying', ...study)), []);
    });
  });

  describe('pdsa/act-before-study', () => {
    it('fires when act says something and study does not (x- notes do not count)', () => {
      assert.deepEqual(run(cycle('status: doing', 'study:', 'act:', '  decision: adopt')).map(at), ['pdsa/act-before-study@6:1']);
      assert.deepEqual(run(cycle('status: doing', 'study: { x-note: later }', 'act: { decision: adopt }')).map(at), ['pdsa/act-before-study@6:1']);
      assert.deepEqual(run(cycle('status: doing', 'act: { x-note: ask the principal }')), []);
      assert.deepEqual(run(cycle('status: doing', 'study: { learning: Teachers want a template. }', 'act: { decision: adapt }')), []);
    });
  });

  describe('pdsa/dates-out-of-order', () => {
    it('swaps start and end with its fix', () => {
      const text = cycle('status: planning', 'plan:', '  start: 2026-04-24', '  end: 2026-04-13');
      const d = run(text);
      assert.deepEqual(d.map(at), ['pdsa/dates-out-of-order@7:8']);
      assert.match(d[0].message, /ends \(2026-04-13\) before it starts \(2026-04-24\)/);
      const fixed = applyFix(text, d[0].fixes![0]);
      assert.match(fixed, /start: 2026-04-13\n {2}end: 2026-04-24/);
      assert.deepEqual(run(fixed), []);
    });

    it('finds a task after the end, and do.ended before do.started; a task on the last day is fine', () => {
      const text = cycle(
        'status: planning',
        'plan:',
        '  tasks:',
        '    - { task: Print templates, when: 2026-04-24 }',
        '    - { task: Collect templates, when: 2026-04-27 }',
        '  start: 2026-04-13',
        '  end: 2026-04-24',
        'do: { started: 2026-04-13, ended: 2026-04-10 }',
      );
      assert.deepEqual(run(text).map(at), ['pdsa/dates-out-of-order@8:40', 'pdsa/dates-out-of-order@11:35']);
    });

    it('ignores dates that are not real calendar dates', () => {
      // 31 April is no day: the schema says so, and the order of dates is not judged on it.
      assert.deepEqual(rulesOf(run(cycle('status: planning', 'plan:', '  start: 2026-04-31', '  end: 2026-04-13'))), ['schema/invalid']);
      assert.deepEqual(rulesOf(run(cycle('status: planning', 'plan:', '  start: next week', '  end: 2026-04-13'))), ['schema/invalid']);
    });
  });

  describe('pdsa/overdue', () => {
    it('compares with today, from the configuration', () => {
      const planning = cycle('status: planning', 'plan:', '  start: 2026-03-02', '  end: 2026-03-13');
      assert.deepEqual(run(planning).map(at), ['pdsa/overdue@6:10']);
      assert.deepEqual(run(planning, configFrom('today: 2026-03-02\n')), [], 'starting today is not overdue');
      const doing = cycle('status: doing', 'plan:', '  start: 2026-03-02', '  end: 2026-03-09');
      assert.deepEqual(run(doing).map(at), ['pdsa/overdue@7:8']);
      assert.deepEqual(run(doing, configFrom('today: 2026-03-09\n')), []);
    });

    it('moves the status on with its fix', () => {
      const text = cycle('status: doing', 'plan:', '  start: 2026-03-02', '  end: 2026-03-09');
      const fixed = applyFix(text, run(text)[0].fixes![0]);
      assert.match(fixed, /status: studying/);
      assert.deepEqual(only(run(fixed), 'pdsa/overdue'), []);
    });
  });

  describe('pdsa/broken-chain', () => {
    const c1 = ['kind: pdsa-cycle', 'id: huddles-c1', 'change_idea: k3-reading#c-huddles', 'cycle: 1', 'previous: null', ''].join('\n');

    it('suggests the closest cycle id, and the fix removes the warning', () => {
      const text = cycle('cycle: 2', 'previous: huddles-cl').replace('id: huddles-c1', 'id: huddles-c2');
      const d = check('huddles-c2.pdsa.yaml', text, { ...WS, 'huddles-c1.pdsa.yaml': c1 });
      assert.deepEqual(d.map(at), ['pdsa/broken-chain@5:11']);
      assert.match(d[0].message, /did you mean `huddles-c1`\?/);
      const fixed = applyFix(text, d[0].fixes![0]);
      assert.deepEqual(check('huddles-c2.pdsa.yaml', fixed, { ...WS, 'huddles-c1.pdsa.yaml': c1 }), []);
    });

    it('reports a cycle that names itself', () => {
      assert.match(run(cycle('previous: huddles-c1'))[0].message, /names this cycle itself/);
    });

    it('names at most two twins and counts the rest, so the message stays short', () => {
      const twin = (id: string) => ['kind: pdsa-cycle', `id: ${id}`, 'change_idea: k3-reading#c-huddles', 'cycle: 2', 'previous: huddles-c1', ''].join('\n');
      const files: Record<string, string> = { ...WS, 'huddles-c1.pdsa.yaml': c1 };
      for (const school of ['lincoln', 'jefferson', 'roosevelt', 'adams', 'monroe']) files[`${school}.pdsa.yaml`] = twin(`${school}-huddles-c2`);
      const [d] = workspaceOf(files).diagnostics('file:///ws/lincoln.pdsa.yaml');
      assert.match(d.message, /^This cycle, `[a-z]+-huddles-c2` and 3 more are all cycle 2 after `huddles-c1`: renumber them, or fix their `previous`$/);
      assert.ok(d.message.length <= 120, `${d.message.length} characters`);
      assert.equal(d.related?.length, 4, 'every twin is in the related information');
    });

    it('reports two cycles with the same previous and number on each, with related information', () => {
      const twin = (id: string) => ['kind: pdsa-cycle', `id: ${id}`, 'change_idea: k3-reading#c-huddles', 'cycle: 2', 'previous: huddles-c1', ''].join('\n');
      const ws = workspaceOf({ ...WS, 'huddles-c1.pdsa.yaml': c1, 'a.pdsa.yaml': twin('lincoln-c2'), 'b.pdsa.yaml': twin('jefferson-c2') });
      const a = ws.diagnostics('file:///ws/a.pdsa.yaml');
      assert.deepEqual(a.map(at), ['pdsa/broken-chain@4:8']);
      assert.match(a[0].message, /`jefferson-c2` are both cycle 2 after `huddles-c1`/);
      assert.deepEqual(a[0].related?.map((r) => `${r.uri}@${r.range.start.line + 1}:${r.range.start.character + 1}`), ['file:///ws/b.pdsa.yaml@4:8']);
      assert.deepEqual(ws.diagnostics('file:///ws/b.pdsa.yaml').map(at), ['pdsa/broken-chain@4:8']);
      // Renumbering one of them clears both.
      ws.setFile('file:///ws/b.pdsa.yaml', twin('jefferson-c2').replace('cycle: 2', 'cycle: 3'));
      assert.deepEqual(ws.diagnostics('file:///ws/a.pdsa.yaml'), []);
    });
  });

  describe('run chart rules', () => {
    const shift = [28, 22, 30, 25, 31, 21, 29, 27, 20, 19, 21, 18, 20, 19];

    it('report a shift at its first point, naming the first and last dates', () => {
      const d = run(series(shift));
      assert.deepEqual(d.map(at), ['pdsa/run-chart-shift@19:9']);
      assert.match(d[0].message, /Shift: 6 points below the median \(21\.5\), 2026-03-02 to 2026-04-06/);
      assert.equal(d[0].severity, 'info');
    });

    it('need 10 points (min_points), and read min_shift, min_trend and severity from the configuration', () => {
      const nine = [1, 2, 3, 4, 5, 6, 7, 8, 9];
      assert.deepEqual(run(series(nine)), []);
      assert.deepEqual(rulesOf(run(series([...nine, 10]))).sort(), ['pdsa/run-chart-runs', 'pdsa/run-chart-trend']);
      const lenient = configFrom('rules:\n  pdsa/run-chart-trend: { min_points: 12 }\n  pdsa/run-chart-runs: off\n');
      assert.deepEqual(run(series([...nine, 10]), lenient), []);
      assert.deepEqual(run(series(shift), configFrom('rules:\n  pdsa/run-chart-shift: { min_shift: 7 }\n')), []);
      const strict = configFrom('rules:\n  pdsa/run-chart-trend: { min_trend: 4, severity: warning }\n');
      const d = run(series([5, 1, 2, 3, 4, 2, 6, 3, 7, 4]), strict);
      assert.deepEqual(d.map((x) => `${at(x)}:${x.severity}`), ['pdsa/run-chart-trend@12:9:warning']);
      assert.match(d[0].message, /Trend: 4 points going up, 2026-01-12 to 2026-02-02/);
    });

    it('report too few and too many runs with the published limits', () => {
      const few = run(series([2, 1, 2, 1, 2, 5, 4, 5, 4, 5]));
      assert.deepEqual(few.map(at), ['pdsa/run-chart-runs@11:9']);
      assert.match(few[0].message, /Too few runs: 2 \(3–9 expected for 10 points off the median\)/);
      assert.match(few[0].message, /, 2026-01-05 to 2026-03-09: the process shifted/);
      const many = run(series([4, 2, 4, 2, 4, 2, 4, 2, 4, 2, 4, 2]));
      assert.match(many[0].message, /^Too many runs: 12 \(3–11 expected for 12 points off the median\), .*: two processes may be mixed$/);
    });

    it('skip points without a numeric value, and name points without a date by number', () => {
      const text = series([2, 1, 2, 1, 2, 5, 4, 5, 4, 5]).replace('{ date: 2026-01-05, value: 2 }', '{ value: 2 }').replace('{ date: 2026-01-19, value: 2 }', '{ date: 2026-01-19, value: n/a }');
      const d = run(text);
      assert.deepEqual(rulesOf(d).sort(), ['schema/invalid', 'schema/invalid']);
      // 11 points, one on the median (3): 10 useful, 2 runs, too few.
      const eleven = series([1, 1, 1, 1, 1, 3, 5, 5, 5, 5, 5]).replace('{ date: 2026-01-05, value: 1 }', '{ value: 1 }');
      const runs = only(run(eleven), 'pdsa/run-chart-runs');
      assert.match(runs[0].message, /, point 1 to 2026-03-16/);
    });
  });

  it('never throws on odd shapes', () => {
    const odd = [
      cycle('status: [done]', 'plan: [a]', 'study: 3', 'act: text', 'data: { points: { a: 1 } }', 'previous: [x]', 'cycle: two'),
      cycle('status: done', 'plan:', '  questions: { q1: x }', '  tasks: [1, [2], { when: [3] }]', '  start: 20260301', 'study:', '  results: [null, 3, { question: [q1] }]', 'act: [adopt]'),
      cycle('status: doing', 'data:', '  points: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]'),
      cycle('status: studying', 'plan:', '  questions:', '    - { id: q1, question: x, prediction: [y] }', 'act: {}'),
    ];
    for (const text of odd) {
      const d = run(text);
      assert.ok(!d.some((x) => /Internal error/.test(x.message)), d.map((x) => x.message).join('\n'));
    }
  });
});

describe('pdsa edits keep every byte they do not mean to change', () => {
  it('opens `act:  # to fill in` on the next line, its comment untouched', () => {
    const text = 'kind: pdsa-cycle\nid: c\nstatus: done\nplan:\n  questions:\n    - { id: q1, question: Q?, prediction: p }\nstudy: { learning: l }\nact:  # to fill in\n';
    const d = check('c.pdsa.yaml', text).find((x) => x.rule === 'pdsa/missing-decision')!;
    assert.ok(d.fixes!.every((f) => f.kind === 'suggestion'), 'the decision is the team\'s');
    assert.equal(applyFix(text, d.fixes![0]), text.replace('# to fill in\n', '# to fill in\n  decision: adopt\n'));
  });
});
