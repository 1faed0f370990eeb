import * as assert from 'node:assert/strict';
import { at, check, workspaceOf } from '../helpers';
import { Parties, partiesOf, splitParties } from '../../src/core/model/parties';
import type { Diagnostic } from '../../src/core/types';

function only(diagnostics: Diagnostic[], rule: string): Diagnostic[] {
  return diagnostics.filter((d) => d.rule === rule);
}

// Held-out documents: not the fixtures the rules were written against.
const ROSTER = `kind: roster
id: west-district
people:
  - { id: supt, name: Dr. Elena Marsh, role: Superintendent }
  - { id: cao, name: Marcus Webb }
  - { id: ta-president, name: Teachers Association }
groups:
  - { id: school-board, name: School Board }
  - { id: parent-council, name: Parent Council }
`;

function charter(...lines: string[]): string {
  return ['kind: rapid-charter', 'id: west-2027', 'decisions:', '  - id: calendar', '    decision: Set the school calendar', '    recommend: cao', '    perform: cao', ...lines.map((l) => `    ${l}`), ''].join('\n');
}

describe('parties: one notion of a party', () => {
  it('keys a roster id, its name and case variants alike; other text trimmed, lower case, spaces collapsed', () => {
    const p = new Parties([{ id: 'supt', name: 'Dr. Elena Marsh' }, { id: 'board', name: 'Board of Education' }]);
    assert.equal(p.key('supt'), 'supt');
    assert.equal(p.key('SUPT'), 'supt');
    assert.equal(p.key(' dr.  elena MARSH '), 'supt');
    assert.equal(p.key('Board of Education'), 'board');
    assert.equal(p.key('  Parent   Council '), 'parent council');
    assert.ok(p.has('DR. ELENA MARSH') && !p.has('cfo'));
  });

  it('splits a role value the same way wherever it is written', () => {
    assert.deepEqual(splitParties('Teachers Association, School Board, Parent Council'), ['Teachers Association', 'School Board', 'Parent Council']);
    assert.deepEqual(splitParties('Director of Teaching and Learning'), ['Director of Teaching and Learning']);
    assert.deepEqual(splitParties('CAO/CFO'), ['CAO', 'CFO']);
    assert.deepEqual(partiesOf(['supt', 'Board; Parent Council']), ['supt', 'Board', 'Parent Council']);
    const p = new Parties([{ id: 'supt', name: 'Dr. Elena Marsh' }]);
    assert.deepEqual(partiesOf(['supt', 'Dr. Elena Marsh'], (t) => p.has(t), (t) => p.key(t)), ['supt']);
  });

  it('too-many-agree counts the parties of a string', () => {
    const d = only(check('c.rapid.yaml', charter('agree: Teachers Association, School Board, Parent Council', 'decide: supt'), { 'r.roster.yaml': ROSTER }), 'rapid/too-many-agree');
    assert.equal(d.length, 1);
    assert.match(d[0].message, /3 parties in `agree`/);
    // Without a roster too.
    assert.equal(only(check('c.rapid.yaml', charter('agree: Teachers Association, School Board, Parent Council', 'decide: supt')), 'rapid/too-many-agree').length, 1);
  });

  it('conflicting-roles sees a person by id in one role and by name in another', () => {
    const d = only(check('c.rapid.yaml', charter('decide: supt', 'agree: [Dr. Elena Marsh]'), { 'r.roster.yaml': ROSTER }), 'rapid/conflicting-roles');
    assert.deepEqual(d.map(at), ['rapid/conflicting-roles@9:13']);
    assert.match(d[0].message, /`Dr. Elena Marsh` both decides and agrees/);
    const ai = only(check('c.rapid.yaml', charter('decide: supt', 'agree: School Board, cao', 'input: school-board'), { 'r.roster.yaml': ROSTER }), 'rapid/conflicting-roles');
    assert.equal(ai.length, 1);
    assert.match(ai[0].message, /`school-board` is in both `agree` and `input`/);
  });

  it('multiple-deciders: one party by id and by name is one decider; a string of several is several', () => {
    assert.deepEqual(only(check('c.rapid.yaml', charter('decide: [supt, DR. ELENA MARSH]'), { 'r.roster.yaml': ROSTER }), 'rapid/multiple-deciders'), []);
    const d = only(check('c.rapid.yaml', charter('decide: [supt, School Board]'), { 'r.roster.yaml': ROSTER }), 'rapid/multiple-deciders');
    assert.equal(d.length, 1);
    assert.match(d[0].message, /2 deciders/);
  });

  it('decider-overload adds up supt, SUPT and Dr. Elena Marsh', () => {
    const many = (id: string, decider: string, n: number) =>
      `kind: rapid-charter\nid: ${id}\ndecisions:\n${Array.from({ length: n }, (_, i) => `  - { id: d${i}, decision: Decision ${i}, recommend: cao, perform: cao, decide: ${decider} }`).join('\n')}\n`;
    const files = { 'a.rapid.yaml': many('a', 'supt', 4), 'b.rapid.yaml': many('b', 'SUPT', 4), 'c.rapid.yaml': many('c', 'Dr. Elena Marsh', 3) };
    const ws = workspaceOf({ ...files, 'r.roster.yaml': ROSTER });
    const a = only(ws.diagnostics('file:///ws/a.rapid.yaml'), 'rapid/decider-overload');
    assert.equal(a.length, 1);
    assert.match(a[0].message, /decides 11 decisions/);
    assert.equal(only(ws.diagnostics('file:///ws/c.rapid.yaml'), 'rapid/decider-overload').length, 1);
    // Without the roster, the name is another party: 8 decisions, under the threshold.
    const bare = workspaceOf(files);
    assert.deepEqual(only(bare.diagnostics('file:///ws/a.rapid.yaml'), 'rapid/decider-overload'), []);
    // Removing the roster updates the count.
    ws.removeFile('file:///ws/r.roster.yaml');
    assert.deepEqual(only(ws.diagnostics('file:///ws/a.rapid.yaml'), 'rapid/decider-overload'), []);
  });

  it('ref/unknown-person checks each party of a string on its own, on its own words', () => {
    const text = charter('agree: School Board, Parnet Council', 'decide: supt');
    const d = only(check('c.rapid.yaml', text, { 'r.roster.yaml': ROSTER }), 'ref/unknown-person');
    assert.equal(d.length, 1);
    assert.match(d[0].message, /`Parnet Council` is not in any roster: did you mean/);
    const start = text.indexOf('Parnet Council');
    const edit = d[0].fixes![0].edits[0];
    assert.equal(edit.range.start.character, start - text.lastIndexOf('\n', start) - 1);
    assert.deepEqual(only(check('c.rapid.yaml', charter('agree: Teachers Association, School Board, Parent Council', 'decide: supt'), { 'r.roster.yaml': ROSTER }), 'ref/unknown-person'), []);
  });
});
