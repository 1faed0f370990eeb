import { rationaleOf } from '../../../src/core/rules/rationale';
import * as assert from 'node:assert/strict';
import { parse } from 'yaml';
import { applyFix, at, check, configFrom, rulesOf } from '../../helpers';
import { LEADERSHIP_RULES } from '../../../src/core/rules/leadership';
import { spans } from '../../../src/core/model/span';

const TEAM_LEAD = `  - id: team-lead
    category: teacher-leader
    release_time: 50%
    max_span: 8
    evaluation: input
    responsibilities: [goal-setting, observation-feedback, motivation, collaboration, evaluation]`;

/** A model with the given parts (each a YAML block or undefined). */
function model(parts: { school?: string; defaults?: string; roles?: string; positions: string; teams: string }): string {
  return [
    'kind: leadership-model',
    'id: lincoln',
    parts.school && `school: ${parts.school}`,
    parts.defaults && `defaults: ${parts.defaults}`,
    parts.roles && `roles:\n${parts.roles}`,
    `positions:\n${parts.positions}`,
    `teams:\n${parts.teams}`,
    '',
  ]
    .filter((l) => l !== undefined)
    .join('\n');
}

describe('leadership rules', () => {
  it('are the eight rules of DESIGN §2 with their default severities', () => {
    assert.deepEqual(
      LEADERSHIP_RULES.map((r) => `${r.id}:${r.severity}`),
      [
        'leadership/oversized-span:warning',
        'leadership/uncovered-teachers:warning',
        'leadership/overcounted-teachers:warning',
        'leadership/teacher-in-two-teams:warning',
        'leadership/no-release-time:warning',
        'leadership/coaching-without-authority:warning',
        'leadership/fragmented-responsibility:info',
        'leadership/reporting-cycle:error',
      ],
    );
    assert.deepEqual(LEADERSHIP_RULES[0].options, { max_span: 10 });
  });

  describe('spans()', () => {
    const data = parse(
      model({
        defaults: '{ max_span: 12 }',
        roles: `${TEAM_LEAD}\n  - { id: ap-role, category: assistant-principal }`,
        positions: [
          '  - { id: principal, role: principal }',
          '  - { id: ap-1, role: ap-role, reports_to: principal }',
          '  - { id: tl-1, role: team-lead, reports_to: ap-1 }',
          '  - { id: tl-1, role: coach }',
        ].join('\n'),
        teams: [
          '  - { id: a, led_by: tl-1, teachers: [Ben Ito, Carla Moss] }',
          '  - { id: b, led_by: tl-1, teachers: [ben ito, Dev Patel] }',
          '  - { id: c, led_by: ap-1, teachers: 9 }',
          '  - { id: d, led_by: nobody, teachers: 4 }',
          '  - { id: e, led_by: ap-1, teachers: "x" }',
        ].join('\n'),
      }),
    ) as Record<string, unknown>;

    it('counts the teachers of the teams each position leads, listed names once', () => {
      const s = spans(data, 10);
      assert.deepEqual([...s.keys()], ['principal', 'ap-1', 'tl-1']);
      assert.equal(s.get('tl-1')!.teachers, 3);
      assert.deepEqual(s.get('tl-1')!.teams.map((t) => [t.id, t.teachers]), [['a', 2], ['b', 2]]);
      assert.equal(s.get('ap-1')!.teachers, 9);
      assert.equal(s.get('principal')!.teachers, 0);
    });

    it("takes the role's max_span, else defaults.max_span, else the given default", () => {
      const s = spans(data, 7);
      assert.deepEqual([s.get('tl-1')!.max, s.get('tl-1')!.source], [8, 'role']);
      assert.deepEqual([s.get('ap-1')!.max, s.get('ap-1')!.source, s.get('ap-1')!.category], [12, 'defaults', 'assistant-principal']);
      const noDefaults = { ...data, defaults: undefined };
      assert.deepEqual([spans(noDefaults, 7).get('principal')!.max, spans(noDefaults, 7).get('principal')!.source], [7, 'config']);
      assert.equal(spans(noDefaults).get('principal')!.max, 10);
      assert.equal(spans(noDefaults).get('principal')!.category, 'principal');
    });

    it('is lenient with odd shapes', () => {
      assert.equal(spans({}).size, 0);
      assert.equal(spans({ positions: 'x', teams: [1, null] }).size, 0);
      assert.equal(spans({ positions: [{ id: 'p', role: ['x'] }], teams: [{ led_by: 'p', teachers: -3 }] }).get('p')!.teachers, 0);
    });
  });

  describe('leadership/oversized-span', () => {
    const doc = (extra: { defaults?: string; roles?: string; role?: string; teachers: number }) =>
      model({
        defaults: extra.defaults,
        roles: extra.roles,
        positions: `  - { id: principal, role: principal }\n  - { id: tl-1, role: ${extra.role ?? 'teacher-leader'}, reports_to: principal }`,
        teams: `  - { id: grade-3, led_by: tl-1, teachers: ${extra.teachers} }`,
      });

    it('uses 10 by default, and the configured max_span', () => {
      assert.deepEqual(check('m.leadership.yaml', doc({ teachers: 10 })), []);
      const d = check('m.leadership.yaml', doc({ teachers: 11 }));
      assert.deepEqual(d.map(at), ['leadership/oversized-span@5:7']);
      assert.match(d[0].message, /`tl-1` leads 11 teachers/);
      assert.match(rationaleOf(d[0].rule)!, /Green Dot/);
      assert.match(rationaleOf(d[0].rule)!, /13/);
      assert.match(rationaleOf(d[0].rule)!, /up to 8/);
      assert.match(rationaleOf(d[0].rule)!, /37/);
      const config = configFrom('rules:\n  leadership/oversized-span: { max_span: 8 }\n');
      assert.deepEqual(check('m.leadership.yaml', doc({ teachers: 8 }), {}, config), []);
      const nine = check('m.leadership.yaml', doc({ teachers: 9 }), {}, config);
      assert.equal(nine.length, 1);
      assert.match(nine[0].message, /limit of 8 set in \.improvekit\.yaml/);
    });

    it("prefers the role's max_span to defaults.max_span to the configuration", () => {
      const config = configFrom('rules:\n  leadership/oversized-span: { max_span: 8 }\n');
      // defaults.max_span (12) beats the configured 8.
      assert.deepEqual(check('m.leadership.yaml', doc({ defaults: '{ max_span: 12 }', teachers: 12 }), {}, config), []);
      assert.match(check('m.leadership.yaml', doc({ defaults: '{ max_span: 12 }', teachers: 13 }), {}, config)[0].message, /more than `defaults.max_span` 12: give part of a team to another leader/);
      // The role's max_span (6) beats defaults (12) and the configuration.
      const roles = `${TEAM_LEAD.replace('max_span: 8', 'max_span: 6')}`;
      const d = check('m.leadership.yaml', doc({ defaults: '{ max_span: 12 }', roles, role: 'team-lead', teachers: 7 }), {}, config);
      assert.deepEqual(rulesOf(d), ['leadership/oversized-span']);
      assert.match(d[0].message, /more than its role's 6/);
      // And a larger role max_span allows more than defaults.
      const big = `${TEAM_LEAD.replace('max_span: 8', 'max_span: 14')}`;
      assert.deepEqual(check('m.leadership.yaml', doc({ defaults: '{ max_span: 10 }', roles: big, role: 'team-lead', teachers: 14 })), []);
    });

    it('takes a severity override, and off', () => {
      const text = doc({ teachers: 11 });
      assert.equal(check('m.leadership.yaml', text, {}, configFrom('rules:\n  leadership/oversized-span: { severity: error, max_span: 8 }\n'))[0].severity, 'error');
      assert.deepEqual(check('m.leadership.yaml', text, {}, configFrom('rules:\n  leadership/oversized-span: off\n')), []);
    });
  });

  describe('teacher counts', () => {
    const teams = [
      '  - { id: grade-3, led_by: tl-1, teachers: [Ben Ito, Carla Moss, Dev Patel] }',
      '  - { id: reading, led_by: tl-1, teachers: [Ben Ito] }',
      '  - { id: grade-4, led_by: tl-1, teachers: 4 }',
    ].join('\n');
    const positions = '  - { id: tl-1, role: teacher-leader }';

    it('uncovered-teachers counts unique names and says how many have no development lead', () => {
      const d = check('m.leadership.yaml', model({ school: '{ teachers: 10 }', positions, teams }));
      assert.deepEqual(d.map(at), ['leadership/uncovered-teachers@3:21']);
      assert.match(d[0].message, /^3 teachers have no development lead/);
      assert.deepEqual(check('m.leadership.yaml', model({ school: '{ teachers: 7 }', positions, teams })), []);
      assert.match(check('m.leadership.yaml', model({ school: '{ teachers: 8 }', positions, teams }))[0].message, /^1 teacher has no development lead/);
    });

    it('overcounted-teachers fires when teams hold more than the school', () => {
      const d = check('m.leadership.yaml', model({ school: '{ teachers: 6 }', positions, teams }));
      assert.deepEqual(rulesOf(d), ['leadership/overcounted-teachers']);
      assert.match(d[0].message, /hold 7 teachers but `school.teachers` is 6/);
    });

    it('needs school.teachers', () => {
      assert.deepEqual(check('m.leadership.yaml', model({ positions, teams })), []);
    });

    it('teacher-in-two-teams fires only across different leaders', () => {
      const two = model({
        school: '{ teachers: 4 }',
        positions: `${positions}\n  - { id: ap-1, role: assistant-principal }`,
        teams: '  - { id: grade-3, led_by: tl-1, teachers: [Ben Ito, Carla Moss, Dev Patel] }\n  - { id: english-learners, led_by: ap-1, teachers: [Omar Haddad, BEN ITO] }',
      });
      const d = check('m.leadership.yaml', two);
      assert.deepEqual(d.map(at), ['leadership/teacher-in-two-teams@9:67']);
      assert.match(d[0].message, /BEN ITO is in teams `english-learners` and `grade-3`, led by different leaders: keep BEN ITO in one team/);
      assert.equal(d[0].related?.[0].range.start.line, 7);
    });
  });

  describe('role rules', () => {
    const leading = (role: string) =>
      model({ roles: role, positions: '  - { id: principal, role: principal }\n  - { id: tl-1, role: r, reports_to: principal }', teams: '  - { id: grade-3, led_by: tl-1, teachers: 7 }' });

    it('no-release-time fires for an explicit 0 or 0%, not for a missing value nor for principals and APs', () => {
      for (const zero of ['0', '0%', '"0 %"', '0.0']) {
        const d = check('m.leadership.yaml', leading(`  - { id: r, category: teacher-leader, release_time: ${zero} }`));
        assert.deepEqual(rulesOf(d), ['leadership/no-release-time'], zero);
        assert.match(rationaleOf(d[0].rule)!, /50%/);
      }
      assert.deepEqual(check('m.leadership.yaml', leading('  - { id: r, category: teacher-leader }')), []);
      assert.deepEqual(check('m.leadership.yaml', leading('  - { id: r, category: teacher-leader, release_time: 10% }')), []);
      assert.deepEqual(check('m.leadership.yaml', leading('  - { id: r, category: assistant-principal, release_time: 0 }')), []);
      assert.deepEqual(check('m.leadership.yaml', leading('  - { id: r, category: principal, release_time: 0 }')), []);
    });

    it('coaching-without-authority fires for coaches and observers with evaluation: none; the fix gives input', () => {
      const text = leading('  - { id: r, category: coach, evaluation: none }');
      const d = check('m.leadership.yaml', text);
      assert.deepEqual(d.map(at), ['leadership/coaching-without-authority@4:43']);
      assert.match(rationaleOf(d[0].rule)!, /My coaching has no teeth/);
      assert.match(rationaleOf(d[0].rule)!, /conflicting messages/);
      const fixed = applyFix(text, d[0].fixes![0]);
      assert.match(fixed, /evaluation: input/);
      assert.deepEqual(check('m.leadership.yaml', fixed), []);
      assert.equal(check('m.leadership.yaml', leading('  - { id: r, category: other, evaluation: none, responsibilities: [observation-feedback, goal-setting, motivation, collaboration, evaluation] }')).length, 1);
      assert.deepEqual(check('m.leadership.yaml', leading('  - { id: r, category: other, evaluation: none }')), []);
      assert.deepEqual(check('m.leadership.yaml', leading('  - { id: r, category: coach, evaluation: input }')), []);
    });

    it('fragmented-responsibility fires for some but not all five, only for leading roles with a list', () => {
      const d = check('m.leadership.yaml', leading('  - { id: r, category: teacher-leader, responsibilities: [observation-feedback, collaboration] }'));
      assert.deepEqual(d.map(at), ['leadership/fragmented-responsibility@4:40']);
      assert.equal(d[0].severity, 'info');
      assert.match(d[0].message, /2 of the 5 responsibilities; missing goal-setting, motivation and evaluation/);
      assert.deepEqual(check('m.leadership.yaml', leading('  - { id: r, category: teacher-leader }')), []);
      assert.deepEqual(check('m.leadership.yaml', leading('  - { id: r, category: teacher-leader, responsibilities: [] }')), []);
      const idle = model({ roles: '  - { id: r, responsibilities: [collaboration] }', positions: '  - { id: p, role: r }', teams: '  - { id: t, led_by: other, teachers: 3 }' });
      assert.deepEqual(rulesOf(check('m.leadership.yaml', idle)), ['ref/unknown']);
    });
  });

  describe('leadership/reporting-cycle', () => {
    it('reports each cycle once, from its first position, and not the chains that lead into it', () => {
      const text = model({
        positions: [
          '  - { id: principal, role: principal, reports_to: tl-3 }',
          '  - { id: ap-1, role: assistant-principal, reports_to: tl-1 }',
          '  - { id: tl-1, role: teacher-leader, reports_to: tl-2 }',
          '  - { id: tl-2, role: teacher-leader, reports_to: ap-1 }',
          '  - { id: tl-3, role: teacher-leader, reports_to: ap-1 }',
          '  - { id: coach-1, role: coach, reports_to: coach-1 }',
        ].join('\n'),
        teams: '  - { id: grade-3, led_by: tl-1, teachers: 7 }',
      });
      const d = check('m.leadership.yaml', text);
      assert.deepEqual(d.map(at), ['leadership/reporting-cycle@5:56', 'leadership/reporting-cycle@9:45']);
      assert.match(d[0].message, /ap-1 → tl-1 → tl-2 → ap-1/);
      assert.equal(d[0].related?.length, 2);
      assert.match(d[1].message, /`coach-1` reports to itself: change its `reports_to`/);
      assert.equal(d[0].severity, 'error');
    });
  });

  it('never throws on odd shapes', () => {
    const odd = [
      'kind: leadership-model\nid: x\nroles: {}\npositions: 3\nteams: [1, null, { led_by: [a] }]\n',
      'kind: leadership-model\nid: x\nschool: 5\ndefaults: []\nroles: [null, { id: r, release_time: [0], responsibilities: evaluation }]\npositions: [{ id: p, role: r, reports_to: p }]\nteams: [{ id: t, led_by: p, teachers: { a: 1 } }]\n',
    ];
    for (const text of odd) {
      const d = check('m.leadership.yaml', text);
      assert.ok(!d.some((x) => x.message.startsWith('Internal error')), d.map((x) => x.message).join('\n'));
    }
  });
});

describe('leadership/oversized-span: the split fix', () => {
  const fixOf = (text: string) => {
    const d = check('m.leadership.yaml', text).find((x) => x.rule === 'leadership/oversized-span');
    assert.ok(d, 'an oversized-span diagnostic');
    assert.equal(d.fixes?.length, 1);
    return d.fixes![0];
  };

  it('moves the teams beyond the limit to a new position that reports to the over-limit one', () => {
    const text = model({
      positions: ['  - { id: principal, role: principal }', '  - { id: ap, role: assistant-principal, reports_to: principal }'].join('\n'),
      teams: ['  - { id: kinder, led_by: principal, teachers: 6 }', '  - { id: grade-1, led_by: principal, teachers: 6 }', '  - { id: grade-2, led_by: principal, teachers: 3 }'].join('\n'),
    });
    const fix = fixOf(text);
    assert.match(fix.title, /`grade-1` to `principal-2`/);
    assert.equal(fix.kind, 'suggestion', 'splitting a team is never applied by Fix All');
    const fixed = applyFix(text, fix);
    const doc = parse(fixed) as { positions: Array<Record<string, unknown>>; teams: Array<Record<string, unknown>> };
    assert.deepEqual(doc.positions[2], { id: 'principal-2', role: 'principal', reports_to: 'principal' });
    assert.deepEqual(doc.teams.map((t) => t.led_by), ['principal', 'principal-2', 'principal']);
    assert.deepEqual(rulesOf(check('m.leadership.yaml', fixed)), []);
    assert.equal(spans(doc as unknown as Record<string, unknown>).get('principal')?.teachers, 9);
  });

  it('splits a team larger than the limit, by count or by names, in block lists too', () => {
    const byCount = model({
      roles: TEAM_LEAD,
      positions: '  - id: tl-1\n    role: team-lead',
      teams: '  - id: grade-3\n    led_by: tl-1\n    teachers: 19',
    });
    const fixed = applyFix(byCount, fixOf(byCount));
    const doc = parse(fixed) as { positions: Array<Record<string, unknown>>; teams: Array<Record<string, unknown>> };
    assert.deepEqual(doc.teams, [
      { id: 'grade-3', led_by: 'tl-1', teachers: 8 },
      { id: 'grade-3-2', led_by: 'tl-1-2', teachers: 8 },
      { id: 'grade-3-3', led_by: 'tl-1-3', teachers: 3 },
    ]);
    assert.deepEqual(doc.positions.map((p) => p.id), ['tl-1', 'tl-1-2', 'tl-1-3']);
    assert.ok(!rulesOf(check('m.leadership.yaml', fixed)).includes('leadership/oversized-span'));

    const names = ['Ana', 'Ben', 'Cy', 'Dee', 'Eve', 'Fay', 'Gus', 'Hal', 'Ivy', 'Jo', 'Kim', 'Lou'];
    const byNames = model({ positions: '  - { id: p, role: principal }', teams: `  - { id: t, led_by: p, teachers: [${names.join(', ')}] }` });
    const fixedNames = parse(applyFix(byNames, fixOf(byNames))) as { teams: Array<{ teachers: string[]; led_by: string }> };
    assert.deepEqual(fixedNames.teams[0].teachers, names.slice(0, 10));
    assert.deepEqual(fixedNames.teams[1], { id: 't-2', led_by: 'p-2', teachers: ['Kim', 'Lou'] });
  });

  it('writes into a flow list of positions, and picks ids not taken', () => {
    const text = [
      'kind: leadership-model',
      'id: x',
      'positions: [{ id: p, role: principal }, { id: p-2, role: coach }]',
      'teams: [{ id: a, led_by: p, teachers: 8 }, { id: b, led_by: p, teachers: 8 }]',
      '',
    ].join('\n');
    const fixed = applyFix(text, fixOf(text));
    const doc = parse(fixed) as { positions: Array<Record<string, unknown>>; teams: Array<Record<string, unknown>> };
    assert.deepEqual(doc.positions[2], { id: 'p-3', role: 'principal', reports_to: 'p' });
    assert.equal(doc.teams[1].led_by, 'p-3');
  });
});
