import { rationaleOf } from '../../../src/core/rules/rationale';
import * as assert from 'node:assert/strict';
import { applyFix, at, check, configFrom, rulesOf } from '../../helpers';
import { DRIVER_RULES } from '../../../src/core/rules/driver';
import type { Diagnostic } from '../../../src/core/types';
import type { Config } from '../../../src/core/config';

function only(diagnostics: Diagnostic[], rule: string): Diagnostic[] {
  return diagnostics.filter((d) => d.rule === rule);
}

interface Parts {
  id?: string;
  aim?: string[];
  primary?: string[];
  secondary?: string[];
  changes?: string[];
  measures?: string[];
}

/** A sound driver diagram, with any of its sections replaced (each line indented by 2). */
function diagram(parts: Parts = {}): string {
  const section = (key: string, lines: string[]) => (lines.length ? [`${key}:`, ...lines.map((l) => `  ${l}`)] : []);
  return [
    'kind: driver-diagram',
    `id: ${parts.id ?? 'k3-reading'}`,
    'title: Grade 3 reading',
    ...section('aim', parts.aim ?? ['statement: Raise the share of grade 3 students reading at grade level', 'measure: m-reading', 'target: 70%', 'by: 2027-06-30']),
    ...section('primary_drivers', parts.primary ?? ['- { id: p-coaching, title: Every K-3 teacher is coached weekly }']),
    ...section('secondary_drivers', parts.secondary ?? ['- { id: s-release, title: Team leads have release time to coach, supports: [p-coaching] }']),
    ...section('change_ideas', parts.changes ?? ['- { id: c-team-leads, title: Team leads coach up to 8 teachers, supports: [s-release], status: implementing }']),
    ...section(
      'measures',
      parts.measures ?? [
        '- { id: m-reading, name: Grade 3 students reading at grade level, type: outcome }',
        '- { id: m-lead-hours, name: Team lead hours outside the school day, type: balancing }',
      ],
    ),
    '',
  ].join('\n');
}

/**
 * A measure document for each measure the diagram lists (`- { id: m-… }` or `- id: m-…` under
 * `measures:`), naming it as `<diagram id>#<measure id>`: data for every measure, so that
 * driver/measure-without-data (its own cases below) stays quiet and the other rules' findings can
 * be asserted exactly.
 */
function measureDocs(text: string): Record<string, string> {
  const docId = /^id: (\S+)$/m.exec(text)?.[1] ?? 'k3-reading';
  const section = /^measures:\n((?: {2}.*\n)*)/m.exec(text)?.[1] ?? '';
  const ids = [...section.matchAll(/^ {2}- (?:\{ )?id: ([\w-]+)/gm)].map((m) => m[1]);
  return Object.fromEntries(ids.map((id) => [`${id}.measure.yaml`, `kind: measure\nid: data-${id}\ntitle: Data for ${id}\nmeasure: ${docId}#${id}\n`]));
}

/** `check`, with a measure document giving data for each of the diagram's measures (`measureDocs`). */
function checkMeasured(name: string, text: string, others: Record<string, string> = {}, config?: Config): Diagnostic[] {
  return check(name, text, { ...measureDocs(text), ...others }, config);
}

const SIX_PRIMARY = ['data-use', 'coaching', 'families', 'curriculum', 'attendance', 'tutoring'];

/** A sound diagram with `n` primary drivers, each with its secondary driver and change idea. */
function drivers(n: number): string {
  const ids = Array.from({ length: n }, (_, i) => SIX_PRIMARY[i] ?? `lever-${i + 1}`);
  return diagram({
    primary: ids.map((id) => `- { id: p-${id}, title: Primary driver ${id} }`),
    secondary: ids.map((id) => `- { id: s-${id}, title: Secondary driver ${id}, supports: [p-${id}] }`),
    changes: [`- { id: c-all, title: One change for every driver, supports: [${ids.map((id) => `s-${id}`).join(', ')}], status: idea }`],
  });
}

describe('driver rules', () => {
  it('are the seven rules of DESIGN §2 with their default severities', () => {
    assert.deepEqual(
      DRIVER_RULES.map((r) => `${r.id}:${r.severity}`),
      [
        'driver/aim-not-measurable:warning',
        'driver/primary-without-secondary:warning',
        'driver/secondary-without-change:warning',
        'driver/orphan-change-idea:warning',
        'driver/no-balancing-measure:info',
        'driver/too-many-primary-drivers:info',
        'driver/untested-change-idea:hint',
      ],
    );
    assert.equal(DRIVER_RULES.find((r) => r.id === 'driver/untested-change-idea')?.scope, 'workspace');
    assert.deepEqual(DRIVER_RULES.find((r) => r.id === 'driver/too-many-primary-drivers')?.options, { max_primary: 5 });
  });

  it('find nothing in a sound diagram', () => {
    assert.deepEqual(checkMeasured('k.driver.yaml', diagram()), []);
  });

  describe('driver/aim-not-measurable', () => {
    it('names each missing part in one diagnostic on the aim', () => {
      const noTarget = checkMeasured('k.driver.yaml', diagram({ aim: ['statement: Raise reading', 'measure: m-reading', 'by: 2027-06-30'] }));
      assert.deepEqual(noTarget.map(at), ['driver/aim-not-measurable@4:1']);
      assert.match(noTarget[0].message, /^The aim lacks a target: add `target:`$/);
      const noDate = checkMeasured('k.driver.yaml', diagram({ aim: ['statement: Raise reading', 'measure: m-reading', 'target: 70%', 'by:'] }));
      assert.match(noDate[0].message, /^The aim lacks a date \(`by`\): add `by: YYYY-MM-DD`$/);
    });

    it('wants an outcome measure: named by the aim, or at least listed', () => {
      const listed = diagram({ aim: ['statement: Raise reading', 'target: 70%', 'by: 2027-06-30'] });
      assert.deepEqual(checkMeasured('k.driver.yaml', listed), [], 'an outcome measure in the list is enough');
      const none = diagram({
        aim: ['statement: Raise reading', 'target: 70%', 'by: 2027-06-30'],
        measures: ['- { id: m-huddles, name: Huddles per week, type: process }', '- { id: m-load, name: Lead hours, type: balancing }'],
      });
      const d = checkMeasured('k.driver.yaml', none);
      assert.deepEqual(d.map(at), ['driver/aim-not-measurable@4:1']);
      assert.match(d[0].message, /outcome measure/);
    });

    it('fires on aim.measure when it names a measure that is not an outcome, and the fix points it at the outcome', () => {
      const text = diagram({
        aim: ['statement: Raise reading', 'measure: m-huddles', 'target: 70%', 'by: 2027-06-30'],
        measures: ['- { id: m-reading, name: Reading at grade level, type: outcome }', '- { id: m-huddles, name: Huddles per week, type: process }', '- { id: m-load, name: Lead hours, type: balancing }'],
      });
      const d = only(checkMeasured('k.driver.yaml', text), 'driver/aim-not-measurable');
      assert.deepEqual(d.map(at), ['driver/aim-not-measurable@6:12']);
      assert.match(d[0].message, /measured by `m-huddles`, a process measure: name the outcome measure `m-reading` instead/);
      const fixed = applyFix(text, d[0].fixes![0]);
      assert.match(fixed, /measure: m-reading/);
      assert.deepEqual(checkMeasured('k.driver.yaml', fixed), []);
    });

    it('reads `doc#item` of its own document, a measure without type, and leaves unknown measures to ref/unknown', () => {
      assert.deepEqual(checkMeasured('k.driver.yaml', diagram({ aim: ['statement: Raise reading', 'measure: k3-reading#m-reading', 'target: 70%', 'by: 2027-06-30'] })), []);
      const untyped = diagram({ measures: ['- { id: m-reading, name: Reading at grade level }', '- { id: m-load, name: Lead hours, type: balancing }'] });
      assert.match(only(checkMeasured('k.driver.yaml', untyped), 'driver/aim-not-measurable')[0].message, /`m-reading`, with no `type`: measure it by an outcome measure/);
      const unknown = diagram({ aim: ['statement: Raise reading', 'measure: m-readin', 'target: 70%', 'by: 2027-06-30'] });
      assert.deepEqual(rulesOf(checkMeasured('k.driver.yaml', unknown)), ['ref/unknown']);
    });
  });

  describe('supports', () => {
    it('takes a single id, a list, and this document`s own `doc#item`', () => {
      const text = diagram({
        primary: ['- { id: p-coaching, title: Coaching }', '- { id: p-families, title: Families }'],
        secondary: ['- { id: s-release, title: Release time, supports: p-coaching }', '- { id: s-info, title: Family updates, supports: [k3-reading#p-families] }'],
        changes: ['- { id: c-leads, title: Team leads, supports: k3-reading#s-release, status: idea }', '- { id: c-notes, title: Progress notes, supports: [s-info], status: idea }'],
      });
      assert.deepEqual(checkMeasured('k.driver.yaml', text), []);
    });

    it('lets a change idea support a primary driver directly', () => {
      const text = diagram({
        primary: ['- { id: p-coaching, title: Coaching }', '- { id: p-families, title: Families }'],
        changes: ['- { id: c-leads, title: Team leads, supports: [s-release], status: idea }', '- { id: c-nights, title: Reading nights, supports: [p-families], status: idea }'],
      });
      assert.deepEqual(checkMeasured('k.driver.yaml', text), []);
    });

    it('does not count a reference into another document', () => {
      const text = diagram({ secondary: ['- { id: s-release, title: Release time, supports: [other-diagram#p-coaching] }'] });
      assert.deepEqual(
        checkMeasured('k.driver.yaml', text).map((d) => d.rule).sort(),
        ['driver/primary-without-secondary', 'ref/unknown'],
      );
    });
  });

  describe('driver/too-many-primary-drivers', () => {
    it('fires above 5 primary drivers by default, on the key', () => {
      assert.deepEqual(checkMeasured('k.driver.yaml', drivers(5)), []);
      const d = checkMeasured('k.driver.yaml', drivers(6));
      assert.deepEqual(d.map(at), ['driver/too-many-primary-drivers@9:1']);
      assert.equal(d[0].severity, 'info');
      assert.match(d[0].message, /^6 primary drivers, more than 5: merge some/);
      assert.match(rationaleOf(d[0].rule)!, /IHI advises 2 to 5/);
    });

    it('reads max_primary from the configuration', () => {
      const config = configFrom('rules:\n  driver/too-many-primary-drivers: { max_primary: 7 }\n');
      assert.deepEqual(checkMeasured('k.driver.yaml', drivers(6), {}, config), []);
      assert.deepEqual(checkMeasured('k.driver.yaml', drivers(7), {}, config), []);
      const d = checkMeasured('k.driver.yaml', drivers(8), {}, config);
      assert.deepEqual(d.map(at), ['driver/too-many-primary-drivers@9:1']);
      assert.match(d[0].message, /8 primary drivers, more than 7/);
    });

    it('takes a severity override, and can be turned off', () => {
      const warning = configFrom('rules:\n  driver/too-many-primary-drivers: { severity: warning, max_primary: 4 }\n');
      const d = checkMeasured('k.driver.yaml', drivers(5), {}, warning);
      assert.deepEqual(d.map((x) => `${x.rule}:${x.severity}`), ['driver/too-many-primary-drivers:warning']);
      assert.deepEqual(checkMeasured('k.driver.yaml', drivers(6), {}, configFrom('rules:\n  driver/too-many-primary-drivers: off\n')), []);
    });
  });

  describe('driver/primary-without-secondary, secondary-without-change, orphan-change-idea', () => {
    it('point at the item that is not connected', () => {
      const text = diagram({
        primary: ['- { id: p-coaching, title: Coaching }', '- id: p-families', '  title: Families read at home'],
        secondary: ['- { id: s-release, title: Release time, supports: [p-coaching] }', '- { id: s-summits, title: Principal summits, supports: [p-coaching] }'],
        changes: ['- { id: c-leads, title: Team leads, supports: [s-release], status: idea }', '- { id: c-nights, title: Reading nights, supports: [], status: idea }', '- title: Book bags', '  status: idea'],
      });
      assert.deepEqual(checkMeasured('k.driver.yaml', text).map(at), [
        'driver/primary-without-secondary@11:5',
        'driver/secondary-without-change@15:7',
        'driver/orphan-change-idea@18:7',
        'driver/orphan-change-idea@19:5',
        'schema/invalid@19:5', // the idea without an id
      ]);
      const orphan = only(checkMeasured('k.driver.yaml', text), 'driver/orphan-change-idea');
      assert.match(orphan[1].message, /"Book bags" supports no driver/);
      assert.match(orphan[1].message, /supports no driver: add `supports:` \(such as `\[s-release\]`\)/);
    });

    it('can be turned off one by one', () => {
      const text = diagram({ changes: ['- { id: c-leads, title: Team leads, status: idea }'] });
      assert.deepEqual(rulesOf(checkMeasured('k.driver.yaml', text)).sort(), ['driver/orphan-change-idea', 'driver/secondary-without-change']);
      const config = configFrom('rules:\n  driver/orphan-change-idea: off\n  driver/secondary-without-change: hint\n');
      assert.deepEqual(checkMeasured('k.driver.yaml', text, {}, config).map((d) => `${d.rule}:${d.severity}`), ['driver/secondary-without-change:hint']);
    });
  });

  describe('driver/no-balancing-measure', () => {
    it('fires on the measures key, or on the id when there are no measures', () => {
      const noBalancing = diagram({ measures: ['- { id: m-reading, name: Reading at grade level, type: outcome }'] });
      assert.deepEqual(checkMeasured('k.driver.yaml', noBalancing).map(at), ['driver/no-balancing-measure@15:1']);
      const noMeasures = diagram({ aim: ['statement: Raise reading', 'target: 70%', 'by: 2027-06-30'], measures: [] });
      assert.deepEqual(checkMeasured('k.driver.yaml', noMeasures).map(at), ['driver/no-balancing-measure@2:1', 'driver/aim-not-measurable@4:1']);
    });
  });

  describe('driver/untested-change-idea', () => {
    const testing = diagram({ changes: ['- { id: c-team-leads, title: Team leads coach up to 8 teachers, supports: [s-release], status: testing }'] });
    const cycle = (ref: string) =>
      ['kind: pdsa-cycle', 'id: leads-c1', `change_idea: ${ref}`, 'status: planning', 'plan:', '  questions:', '    - { id: q1, question: Will leads observe weekly?, prediction: most will }', ''].join('\n');

    it('fires as a hint when no cycle tests the idea, and the fix sets the status back to idea', () => {
      const d = checkMeasured('k.driver.yaml', testing);
      assert.deepEqual(d.map((x) => `${at(x)}:${x.severity}`), ['driver/untested-change-idea@14:7:hint']);
      assert.match(d[0].message, /change_idea: k3-reading#c-team-leads/);
      const fixed = applyFix(testing, d[0].fixes![0]);
      assert.match(fixed, /status: idea \}/);
      assert.deepEqual(checkMeasured('k.driver.yaml', fixed), []);
    });

    it('is quiet when a PDSA cycle of the workspace names the idea, as `doc#idea` or as a bare id', () => {
      assert.deepEqual(checkMeasured('k.driver.yaml', testing, { 'leads-c1.pdsa.yaml': cycle('k3-reading#c-team-leads') }), []);
      assert.deepEqual(checkMeasured('k.driver.yaml', testing, { 'leads-c1.pdsa.yaml': cycle('c-team-leads') }), []);
    });

    it('does not count a cycle of another diagram`s idea', () => {
      const d = checkMeasured('k.driver.yaml', testing, { 'leads-c1.pdsa.yaml': cycle('k3-math#c-team-leads') });
      assert.deepEqual(rulesOf(d), ['driver/untested-change-idea']);
    });
  });

  describe('driver/measure-without-data', () => {
    // The rule of DESIGN §2: a measure with no data anywhere in the workspace (no `measure`
    // document and no PDSA series names it) gets a hint on its item, even when the workspace keeps
    // no data at all.
    const k3 = diagram({
      id: 'k3',
      aim: ['statement: Raise the share of grade 3 students reading at grade level', 'measure: m-x', 'target: 70%', 'by: 2027-06-30'],
      measures: [
        '- { id: m-x, name: Grade 3 students reading at grade level, type: outcome }',
        '- { id: m-y, name: Teachers coached this week, type: process }',
        '- { id: m-load, name: Team lead hours outside the school day, type: balancing }',
      ],
    });
    const ALL = ['driver/measure-without-data@16:7', 'driver/measure-without-data@17:7', 'driver/measure-without-data@18:7'];
    const pdsa = (data: string[]) =>
      ['kind: pdsa-cycle', 'id: leads-c1', 'change_idea: k3#c-team-leads', 'status: doing', 'plan:', '  questions:', '    - { id: q1, question: Will leads observe weekly?, prediction: most will }', 'data:', ...data, ''].join('\n');
    const points = ['    - { date: 2026-01-05, value: 6 }', '    - { date: 2026-01-12, value: 7 }'];

    it('gives a diagram alone one hint per measure, on the measure item', () => {
      const d = check('k3.driver.yaml', k3, { 'leads-c1.pdsa.yaml': pdsa(['  measure: k3#m-y']) });
      assert.deepEqual(d.map(at), ALL, 'a lone diagram (and a cycle without a series) gets one hint per measure and nothing else');
      assert.ok(d.every((x) => x.severity === 'hint'));
      const lines = k3.split('\n');
      assert.deepEqual(
        d.map((x) => lines[x.range.start.line].slice(x.range.start.character, x.range.end.character)),
        ['id: m-x', 'id: m-y', 'id: m-load'],
      );
      assert.equal(d[0].message, 'No data for measure `k3#m-x`: add a measure document or PDSA series for it');
      assert.deepEqual(check('k3.driver.yaml', k3).map(at), ALL, 'the same with no other document in the workspace');
    });

    it('is silenced for m-x only by a measure document naming `k3#m-x` (or the bare `m-x`), not by one of another diagram', () => {
      const measure = (ref: string) => ({ 'x.measure.yaml': `kind: measure\nid: reading\ntitle: Reading at grade level\nmeasure: ${ref}\n` });
      assert.deepEqual(check('k3.driver.yaml', k3, measure('k3#m-x')).map(at), ALL.slice(1));
      assert.deepEqual(check('k3.driver.yaml', k3, measure('m-x')).map(at), ALL.slice(1));
      assert.deepEqual(check('k3.driver.yaml', k3, measure('k4#m-x')).map(at), ALL);
    });

    it('is silenced by a PDSA series with `data.measure` and points or a file', () => {
      const withPoints = pdsa(['  measure: k3#m-y', '  points:', ...points]);
      assert.deepEqual(check('k3.driver.yaml', k3, { 'leads-c1.pdsa.yaml': withPoints }).map(at), [ALL[0], ALL[2]]);
      const withFile = pdsa(['  measure: k3#m-y', '  file: coached.csv', '  date: week', '  value: coached']);
      const csv = 'week,coached\n2026-01-05,6\n2026-01-12,7\n';
      assert.deepEqual(check('k3.driver.yaml', k3, { 'leads-c1.pdsa.yaml': withFile, 'coached.csv': csv }).map(at), [ALL[0], ALL[2]]);
    });

    it('is not silenced by a PDSA cycle that names the measure but has no points', () => {
      for (const data of [['  measure: k3#m-y'], ['  measure: k3#m-y', '  points: []']]) {
        assert.deepEqual(check('k3.driver.yaml', k3, { 'leads-c1.pdsa.yaml': pdsa(data) }).map(at), ALL, data.join(' '));
      }
    });

    it('is quiet when every measure has data, and can be turned off', () => {
      assert.deepEqual(checkMeasured('k3.driver.yaml', k3), []);
      assert.deepEqual(check('k3.driver.yaml', k3, {}, configFrom('rules:\n  driver/measure-without-data: off\n')), []);
    });
  });

  it('never throws on odd shapes', () => {
    const odd = [
      'kind: driver-diagram\nid: k\naim: [a, b]\nprimary_drivers: { id: p }\nsecondary_drivers: [1, null, [x]]\nchange_ideas: plain text\nmeasures: 7\n',
      'kind: driver-diagram\nid: k\naim:\nprimary_drivers:\n  - id: 3\n    title: 4\nchange_ideas:\n  - supports: { a: 1 }\n    status: [testing]\nmeasures:\n  - type: 5\n',
      'kind: driver-diagram\nid: k\naim: { statement: x, measure: [m], target: {}, by: 3 }\nmeasures: [{ id: m, type: outcome }]\n',
    ];
    for (const text of odd) {
      const d = checkMeasured('k.driver.yaml', text);
      assert.ok(!d.some((x) => /Internal error/.test(x.message)), d.map((x) => x.message).join('\n'));
    }
  });
});
