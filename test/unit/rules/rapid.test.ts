import { rationaleOf } from '../../../src/core/rules/rationale';
import * as assert from 'node:assert/strict';
import { applyFix, at, check, configFrom, rulesOf, workspaceOf } from '../../helpers';
import { RAPID_RULES } from '../../../src/core/rules/rapid';
import type { Diagnostic } from '../../../src/core/types';

function only(diagnostics: Diagnostic[], rule: string): Diagnostic[] {
  return diagnostics.filter((d) => d.rule === rule);
}

const ROSTER = `kind: roster
id: district-cabinet
people:
  - { id: supt, name: Dr. Elena Marsh, role: Superintendent }
  - { id: cao, name: Marcus Webb, role: Chief Academic Officer }
  - { id: cfo, name: Priya Natarajan, role: Chief Business Officer }
groups:
  - { id: board, name: Board of Education }
  - { id: principals, name: All principals }
  - { id: governance-team, name: Board and Superintendent }
`;

/** A charter of one decision; `lines` are its role lines, indented under the decision. */
function charter(...lines: string[]): string {
  return ['kind: rapid-charter', 'id: cabinet-2026', 'decisions:', '  - id: grading-policy', '    decision: Adopt a standards-based grading policy for grades 6-12', ...lines.map((l) => `    ${l}`), ''].join('\n');
}

describe('rapid rules', () => {
  it('are the eight rules of DESIGN §2 with their default severities', () => {
    assert.deepEqual(
      RAPID_RULES.map((r) => `${r.id}:${r.severity}`),
      [
        'rapid/missing-decider:error',
        'rapid/multiple-deciders:error',
        'rapid/missing-recommender:warning',
        'rapid/missing-performer:warning',
        'rapid/too-many-agree:warning',
        'rapid/conflicting-roles:warning',
        'rapid/decided-without-outcome:warning',
        'rapid/decider-overload:info',
      ],
    );
    assert.equal(RAPID_RULES.find((r) => r.id === 'rapid/decider-overload')?.scope, 'workspace');
  });

  describe('rapid/missing-decider', () => {
    it('fires for a missing, null and empty-list decide, pointing at the decision or the key', () => {
      assert.deepEqual(check('c.rapid.yaml', charter('recommend: cao', 'perform: principals')).map(at), ['rapid/missing-decider@4:5']);
      assert.deepEqual(check('c.rapid.yaml', charter('recommend: cao', 'perform: principals', 'decide:')).map(at), ['rapid/missing-decider@8:5']);
      assert.deepEqual(check('c.rapid.yaml', charter('recommend: cao', 'perform: principals', 'decide: []')).map(at), ['rapid/missing-decider@8:5']);
      assert.deepEqual(check('c.rapid.yaml', charter('recommend: cao', 'perform: principals', 'decide: ~')).map(at), ['rapid/missing-decider@8:5']);
    });

    it('offers one fix per roster person or group; applying one removes the error', () => {
      const text = charter('recommend: cao', 'perform: principals');
      const d = only(check('c.rapid.yaml', text, { 'cabinet.roster.yaml': ROSTER }), 'rapid/missing-decider')[0];
      assert.deepEqual(d.fixes?.map((f) => f.title), ['supt', 'cao', 'cfo', 'board', 'principals', 'governance-team'].map((id) => `Set \`decide: ${id}\``));
      const fixed = applyFix(text, d.fixes![0]);
      assert.match(fixed, /\n {4}decide: supt\n/);
      assert.deepEqual(check('c.rapid.yaml', fixed, { 'cabinet.roster.yaml': ROSTER }), []);
    });

    it('fills an empty `decide:` in place, after the colon or over `[]`', () => {
      for (const empty of ['decide:', 'decide: []', 'decide: null']) {
        const text = charter('recommend: cao', 'perform: principals', empty, 'status: open');
        const d = only(check('c.rapid.yaml', text, { 'cabinet.roster.yaml': ROSTER }), 'rapid/missing-decider')[0];
        const fixed = applyFix(text, d.fixes![0]);
        assert.match(fixed, /\n {4}decide: supt\n {4}status: open\n/, empty);
        assert.deepEqual(check('c.rapid.yaml', fixed, { 'cabinet.roster.yaml': ROSTER }), [], empty);
      }
    });

    it('offers at most 10 roster ids', () => {
      const people = Array.from({ length: 14 }, (_, i) => `  - { id: p${i} }`).join('\n');
      const d = only(check('c.rapid.yaml', charter('recommend: p1', 'perform: p2'), { 'big.roster.yaml': `kind: roster\nid: big\npeople:\n${people}\n` }), 'rapid/missing-decider')[0];
      assert.equal(d.fixes?.length, 10);
    });

    it('without a roster, offers the parties of the decision and a placeholder key', () => {
      const text = charter('recommend: cao', 'perform: principals');
      const d = check('c.rapid.yaml', text)[0];
      assert.deepEqual(d.fixes?.map((f) => f.title), ['Set `decide: cao`', 'Set `decide: principals`', 'Add an empty `decide:` key to fill in']);
      assert.deepEqual(check('c.rapid.yaml', applyFix(text, d.fixes![0])), []);
      // The placeholder leaves the decision flagged until someone fills it in.
      assert.deepEqual(check('c.rapid.yaml', applyFix(text, d.fixes![2])).map(at), ['rapid/missing-decider@8:5']);
    });

    it('inserts into a flow-style decision', () => {
      const text = 'kind: rapid-charter\nid: c\ndecisions:\n  - { id: d1, decision: Pick a tutoring provider, recommend: cao, perform: cao }\n';
      const d = check('c.rapid.yaml', text)[0];
      const fixed = applyFix(text, d.fixes![0]);
      assert.match(fixed, /perform: cao, decide: cao }/);
      assert.deepEqual(check('c.rapid.yaml', fixed), []);
    });
  });

  describe('rapid/multiple-deciders', () => {
    const fires = (decide: string, others: Record<string, string> = {}) =>
      only(check('c.rapid.yaml', charter('recommend: cao', 'perform: principals', `decide: ${decide}`), others), 'rapid/multiple-deciders');

    it('fires for a list of two or more parties, ignoring repeats', () => {
      assert.equal(fires('[board, supt]').length, 1);
      assert.equal(fires('[supt, Supt]').length, 0);
      assert.equal(fires('[supt]').length, 0);
    });

    it('reads one string that plainly names several parties', () => {
      for (const s of ['Board and Superintendent', 'supt, cao', 'supt; cao', 'CAO/CFO', 'Superintendent & Board', 'cao + cfo', 'the board and the superintendent', 'Dr. Elena Marsh and Marcus Webb', 'supt, cao, and board', 'principals and/or cao']) {
        assert.equal(fires(s).length, 1, s);
      }
      assert.match(fires('supt, cao, and board')[0].message, /3 deciders \(`supt`, `cao` and `board`\)/);
    });

    it('takes "Board of Education" and department names as one party', () => {
      for (const s of ['Board of Education', 'Director of Teaching and Learning', 'Teaching and Learning', 'Family and Community Engagement Office', 'Student Services and Special Education', 'supt']) {
        assert.equal(fires(s).length, 0, s);
      }
    });

    it('takes a string that is a roster name as one party', () => {
      assert.equal(fires('Board and Superintendent', { 'r.roster.yaml': ROSTER }).length, 0);
      assert.equal(fires('Board and Superintendent').length, 1);
    });

    it('recalls the board-vs-superintendent ambiguity from the SCALE report', () => {
      const [d] = fires('Board and Superintendent');
      assert.equal(d.severity, 'error');
      assert.match(d.message, /`grading-policy`/);
      assert.match(rationaleOf(d.rule)!, /superintendent or with the school board/);
      assert.match(rationaleOf(d.rule)!, /exactly one party/);
    });

    it('suggests keeping one decider and moving the others to agree, for strings, flow and block lists', () => {
      const cases: Array<[string[], string, RegExp]> = [
        [['decide: Board and Superintendent'], 'Keep `Superintendent` as decider, move `Board` to agree', /decide: Superintendent\n {4}status: open\n {4}agree: \[Board\]/],
        // One decider is a plain value, whichever way the deciders were listed.
        [['decide: [board, supt, cao]'], 'Keep `supt` as decider, move `board` and `cao` to agree', /decide: supt\n {4}status: open\n {4}agree: \[board, cao\]/],
        [['decide: [board, supt]'], 'Keep `board` as decider, move `supt` to agree', /decide: board\n {4}status: open/],
        [['decide: [supt, board]  # to settle'], 'Keep `supt` as decider, move `board` to agree', /decide: supt {2}# to settle\n/],
        [['decide: [Board and Superintendent]'], 'Keep `Board` as decider, move `Superintendent` to agree', /decide: Board\n {4}status: open/],
        [['decide:', '  - board  # the chair votes', '  - supt', '  - cao'], 'Keep `supt` as decider, move `board` and `cao` to input', /decide: supt\n {6}# the chair votes\n {4}status: open\n {4}input: \[board, cao\]/],
        [['decide: [supt, "board: chair"]'], 'Keep `board: chair` as decider, move `supt` to agree', /decide: "board: chair"\n/],
      ];
      for (const [lines, title, expected] of cases) {
        const text = charter('recommend: cao', 'perform: principals', ...lines, 'status: open');
        const d = only(check('c.rapid.yaml', text), 'rapid/multiple-deciders')[0];
        const fix = d.fixes?.find((f) => f.title === title);
        assert.ok(fix, `${title} among ${d.fixes?.map((f) => f.title)}`);
        assert.equal(fix.kind, 'suggestion', 'choosing the decider is the team\'s call');
        const fixed = applyFix(text, fix);
        assert.match(fixed, expected);
        assert.deepEqual(only(check('c.rapid.yaml', fixed), 'rapid/multiple-deciders'), [], fixed);
      }
    });

    it('keeps one decider as a plain value inside a flow mapping too', () => {
      const text = 'kind: rapid-charter\nid: c\ndecisions:\n  - { id: a, decision: d, recommend: cao, decide: [supt, board], perform: principals }\n';
      const d = only(check('c.rapid.yaml', text), 'rapid/multiple-deciders')[0];
      const fixed = applyFix(text, d.fixes!.find((f) => f.title === 'Keep `board` as decider, move `supt` to input')!);
      assert.equal(fixed, 'kind: rapid-charter\nid: c\ndecisions:\n  - { id: a, decision: d, recommend: cao, decide: board, perform: principals, input: [supt] }\n');
    });
  });

  describe('rapid/too-many-agree', () => {
    const text = charter('recommend: cao', 'agree: [union-president, hr-chief, cfo]', 'perform: principals', 'decide: supt');

    it('fires above 2 parties, on the agree list', () => {
      const d = check('c.rapid.yaml', text);
      assert.deepEqual(d.map(at), ['rapid/too-many-agree@7:12']);
      assert.match(d[0].message, /3 parties/);
      assert.match(d[0].message, /veto/);
    });

    it('reads max_agree and severity from the configuration, and can be turned off', () => {
      assert.deepEqual(check('c.rapid.yaml', text, {}, configFrom('rules:\n  rapid/too-many-agree: { max_agree: 3 }\n')), []);
      const strict = check('c.rapid.yaml', text, {}, configFrom('rules:\n  rapid/too-many-agree: { severity: error, max_agree: 1 }\n'));
      assert.equal(strict[0].severity, 'error');
      assert.match(strict[0].message, /3 parties in `agree` \(each a veto\): keep 1 or fewer, move the rest to `input`/);
      assert.deepEqual(check('c.rapid.yaml', text, {}, configFrom('rules:\n  rapid/too-many-agree: off\n')), []);
    });
  });

  describe('rapid/missing-recommender and rapid/missing-performer', () => {
    it('fire when the role is absent or empty, and offer fixes', () => {
      const text = charter('recommend: []', 'decide: supt');
      const d = check('c.rapid.yaml', text, { 'r.roster.yaml': ROSTER });
      assert.deepEqual(rulesOf(d), ['rapid/missing-performer', 'rapid/missing-recommender']);
      const performer = d.find((x) => x.rule === 'rapid/missing-performer')!;
      const fixed = applyFix(text, performer.fixes!.find((f) => f.title === 'Set `perform: principals`')!);
      assert.deepEqual(rulesOf(check('c.rapid.yaml', fixed, { 'r.roster.yaml': ROSTER })), ['rapid/missing-recommender']);
    });
  });

  describe('rapid/conflicting-roles', () => {
    it('finds one party in agree and input, case-insensitively, and in decide and agree', () => {
      const d = check('c.rapid.yaml', charter('recommend: cao', 'agree: [Union-President, supt]', 'perform: principals', 'input: union-president', 'decide: SUPT'));
      assert.deepEqual(d.map(at), ['rapid/conflicting-roles@7:30', 'rapid/conflicting-roles@9:12']);
      assert.match(d[0].message, /both decides and agrees/);
      assert.match(d[1].message, /is in both `agree` and `input` of decision/);
      assert.equal(d[1].related?.[0].range.start.line, 6);
    });

    it('lets one party recommend and perform', () => {
      assert.deepEqual(check('c.rapid.yaml', charter('recommend: elem-director', 'perform: elem-director', 'input: [principals]', 'decide: supt')), []);
    });
  });

  describe('rapid/decided-without-outcome', () => {
    it('fires only for decided decisions without an outcome', () => {
      assert.deepEqual(check('c.rapid.yaml', charter('recommend: cao', 'perform: principals', 'decide: supt', 'status: decided')).map(at), ['rapid/decided-without-outcome@4:5']);
      assert.deepEqual(check('c.rapid.yaml', charter('recommend: cao', 'perform: principals', 'decide: supt', 'status: decided', 'outcome: "  "')).map(at), ['rapid/decided-without-outcome@10:5']);
      assert.deepEqual(check('c.rapid.yaml', charter('recommend: cao', 'perform: principals', 'decide: supt', 'status: decided', 'outcome: Adopted for grades 6-8')), []);
      assert.deepEqual(check('c.rapid.yaml', charter('recommend: cao', 'perform: principals', 'decide: supt', 'status: open')), []);
    });
  });

  describe('rapid/decider-overload', () => {
    const many = (id: string, decider: string, n: number) =>
      `kind: rapid-charter\nid: ${id}\ndecisions:\n${Array.from({ length: n }, (_, i) => `  - { id: d${i}, decision: Decision ${i}, recommend: cao, perform: principals, decide: ${decider} }`).join('\n')}\n`;

    it('counts the Ds of a party across the workspace and reports once per document', () => {
      const ws = workspaceOf({ 'a.rapid.yaml': many('a', 'supt', 6), 'b.rapid.yaml': many('b', 'supt', 5) });
      const a = ws.diagnostics('file:///ws/a.rapid.yaml');
      assert.deepEqual(a.map(at), ['rapid/decider-overload@4:82']);
      assert.equal(a[0].severity, 'info');
      assert.match(a[0].message, /11 decisions/);
      assert.equal(a[0].related?.[0].uri, 'file:///ws/b.rapid.yaml');
      assert.equal(ws.diagnostics('file:///ws/b.rapid.yaml').length, 1);
      // Editing another charter updates the count here.
      ws.setFile('file:///ws/b.rapid.yaml', many('b', 'cao', 5));
      assert.deepEqual(ws.diagnostics('file:///ws/a.rapid.yaml'), []);
    });

    it('reads max_decisions from the configuration', () => {
      const config = configFrom('rules:\n  rapid/decider-overload: { max_decisions: 2 }\n');
      assert.equal(check('a.rapid.yaml', many('a', 'supt', 3), {}, config).length, 1);
      assert.equal(check('a.rapid.yaml', many('a', 'supt', 2), {}, config).length, 0);
    });
  });

  it('never throws on odd shapes', () => {
    const odd = [
      'kind: rapid-charter\nid: c\ndecisions: nope\n',
      'kind: rapid-charter\nid: c\ndecisions: [1, null, [a], { decide: { who: supt } }]\n',
      'kind: rapid-charter\nid: c\ndecisions:\n  - { id: d, decide: [null, 3, { a: 1 }], agree: { x: 1 }, input: 7, status: 4 }\n',
    ];
    for (const text of odd) {
      const d = check('c.rapid.yaml', text);
      assert.ok(!d.some((x) => x.message.startsWith('Internal error')), d.map((x) => x.message).join('\n'));
    }
  });
});

describe('rapid edits keep every byte they do not mean to change', () => {
  const fill = (text: string) => {
    const d = only(check('c.rapid.yaml', text), 'rapid/missing-decider')[0];
    assert.equal(d.fixes![0].kind, 'suggestion', 'a choice between people is a suggestion');
    return applyFix(text, d.fixes![0]);
  };

  it('puts a new key after a trailing comment, with the file\'s CRLF line endings', () => {
    const text = 'kind: rapid-charter\r\nid: c\r\ndecisions:\r\n  - id: a\r\n    decision: d\r\n    recommend: cao\r\n    perform: p  # the principals\r\n';
    assert.equal(fill(text), text.replace('# the principals\r\n', '# the principals\r\n    decide: cao\r\n'));
  });

  it('writes after the colon of a key written `decide :`', () => {
    const text = 'kind: rapid-charter\nid: c\ndecisions:\n  - id: a\n    decision: d\n    recommend: cao\n    perform: p\n    decide :\n';
    assert.equal(fill(text), text.replace('decide :\n', 'decide : cao\n'));
  });
});
