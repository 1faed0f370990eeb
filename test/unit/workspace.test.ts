import * as assert from 'node:assert/strict';
import { Workspace } from '../../src/core/workspace';
import { fromPortable, toPortable } from '../../src/core/parse';
import { at, TEST_TODAY } from '../helpers';

const DRIVER = `kind: driver-diagram
id: k3-reading
aim:
  statement: Raise the share of grade 3 students reading at grade level
  measure: m-reading
  target: 70%
  by: 2027-06-30
primary_drivers:
  - { id: p-coaching, title: Every teacher gets weekly coaching }
secondary_drivers:
  - { id: s-release, title: Team leads have time to coach, supports: [p-coaching] }
change_ideas:
  - { id: c-huddles, title: Twice-weekly data huddles, supports: [s-release], status: testing }
measures:
  - { id: m-reading, name: Reading at grade level, type: outcome }
  - { id: m-load, name: Team lead hours, type: balancing }
`;

const cycle = (id: string, changeIdea: string) => `kind: pdsa-cycle
id: ${id}
change_idea: ${changeIdea}
cycle: 1
status: planning
plan:
  objective: Learn whether one grade team will use a 20-minute data huddle
  start: 2026-04-01
  end: 2026-04-14
`;

function ws(): Workspace {
  return new Workspace({ today: () => TEST_TODAY });
}

describe('workspace index', () => {
  it('resolves references across files and suggests the closest id', () => {
    const w = ws();
    w.setFile('file:///ws/k3.driver.yaml', DRIVER);
    w.setFile('file:///ws/c1.pdsa.yaml', cycle('huddles-c1', 'k3-reading#c-hudles'));
    const ds = w.diagnostics('file:///ws/c1.pdsa.yaml');
    assert.deepEqual(ds.map(at), ['ref/unknown@3:14']);
    assert.match(ds[0].message, /did you mean `k3-reading#c-huddles`/);
    assert.equal(ds[0].related?.[0].uri, 'file:///ws/k3.driver.yaml', 'related information points at the other file');
    assert.deepEqual(ds[0].fixes?.[0].edits[0].newText, 'k3-reading#c-huddles');
  });

  it('re-parses only the changed file, and an unrelated file keeps its results', () => {
    const w = ws();
    w.setFile('file:///ws/k3.driver.yaml', DRIVER);
    w.setFile('file:///ws/c1.pdsa.yaml', cycle('huddles-c1', 'k3-reading#c-huddles'));
    w.setFile('file:///ws/other.message.yaml', 'kind: message-map\nid: parents\nmessages:\n  - text: Tests move online in spring.\n');
    const before = w.diagnostics('file:///ws/other.message.yaml');
    const parses = w.parseCount;
    w.setFile('file:///ws/c1.pdsa.yaml', cycle('huddles-c1', 'k3-reading#c-nothing'));
    assert.equal(w.parseCount, parses + 1, 'one file parsed');
    assert.deepEqual(w.diagnostics('file:///ws/other.message.yaml'), before);
    assert.deepEqual(w.diagnostics('file:///ws/c1.pdsa.yaml').map((d) => d.rule), ['ref/unknown']);
    w.setFile('file:///ws/c1.pdsa.yaml', cycle('huddles-c1', 'k3-reading#c-nothing'));
    assert.equal(w.parseCount, parses + 1, 'unchanged text is not parsed again');
  });

  it('updates dependants when the document they reference changes or goes away', () => {
    const w = ws();
    w.setFile('file:///ws/c1.pdsa.yaml', cycle('huddles-c1', 'k3-reading#c-huddles'));
    assert.deepEqual(w.diagnostics('file:///ws/c1.pdsa.yaml').map((d) => d.rule), ['ref/unknown']);
    w.setFile('file:///ws/k3.driver.yaml', DRIVER);
    assert.deepEqual(w.diagnostics('file:///ws/c1.pdsa.yaml'), []);
    w.removeFile('file:///ws/k3.driver.yaml');
    assert.deepEqual(w.diagnostics('file:///ws/c1.pdsa.yaml').map((d) => d.rule), ['ref/unknown']);
    assert.equal(w.has('file:///ws/k3.driver.yaml'), false);
  });

  it('finds two documents of the workspace sharing an id, with related information', () => {
    const w = ws();
    w.setFile('file:///ws/a.message.yaml', 'kind: message-map\nid: parents\nmessages: [{ text: One }]\n');
    w.setFile('file:///ws/b.message.yaml', 'kind: message-map\nid: parents\nmessages: [{ text: Two }]\n');
    const a = w.diagnostics('file:///ws/a.message.yaml');
    assert.deepEqual(a.map(at), ['ref/duplicate-id@2:5']);
    assert.equal(a[0].related?.[0].uri, 'file:///ws/b.message.yaml');
    assert.deepEqual(w.diagnostics('file:///ws/b.message.yaml').map(at), ['ref/duplicate-id@2:5']);
    w.removeFile('file:///ws/b.message.yaml');
    assert.deepEqual(w.diagnostics('file:///ws/a.message.yaml'), []);
  });

  it('finds duplicate item ids within a document', () => {
    const w = ws();
    w.setFile('file:///ws/k3.driver.yaml', DRIVER.replace('id: m-load', 'id: m-reading'));
    const ds = w.diagnostics('file:///ws/k3.driver.yaml').filter((d) => d.rule === 'ref/duplicate-id');
    assert.deepEqual(ds.map(at), ['ref/duplicate-id@16:11']);
    assert.match(ds[0].message, /m-reading/);
  });

  it('checks roster people only when a roster exists', () => {
    const charter = 'kind: rapid-charter\nid: cab\ndecisions:\n  - id: d1\n    decision: Adopt a grading policy\n    recommend: cao\n    perform: principals\n    decide: sup\n';
    const w = ws();
    w.setFile('file:///ws/cab.rapid.yaml', charter);
    assert.deepEqual(w.diagnostics('file:///ws/cab.rapid.yaml'), []);
    w.setFile('file:///ws/people.roster.yaml', 'kind: roster\nid: cabinet\npeople:\n  - { id: supt, name: Dr. Matt Navo }\n  - { id: cao }\ngroups:\n  - { id: principals }\n');
    const ds = w.diagnostics('file:///ws/cab.rapid.yaml');
    assert.deepEqual(ds.map(at), ['ref/unknown-person@8:13']);
    assert.match(ds[0].message, /did you mean `supt`/);
  });
});

describe('portable parsed files (for worker threads)', () => {
  it('locate every path as the syntax tree does, and give the same diagnostics', () => {
    const files: Record<string, string> = {
      'k3.driver.yaml': DRIVER.replace('supports: [p-coaching]', 'supports: [p-coachin]').replace('type: balancing', 'type: balance'),
      'c1.pdsa.yaml': cycle('huddles-c1', 'k3-reading#c-hudles'),
      'notes.md': '# Notes\n\n```rapid-charter\nid: retreat\ndecisions:\n  - id: d1\n    decision: Pilot team leads\n    decide: [supt, board]\n```\n',
    };
    const direct = ws();
    const viaPortable = ws();
    const other = ws();
    for (const [name, text] of Object.entries(files)) {
      const uri = `file:///ws/${name}`;
      direct.setFile(uri, text);
      const parsed = other.setFile(uri, text);
      viaPortable.setParsedFile(fromPortable(JSON.parse(JSON.stringify(toPortable(parsed)))));
      for (const doc of parsed.documents) {
        const copy = viaPortable.file(uri)!.documents[doc.ordinal];
        for (const key of Object.keys(doc.spanTable())) {
          const path = key === '' ? [] : key.split('\u0001').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
          for (const target of ['key', 'value', 'item'] as const) assert.deepEqual(copy.locate(path, target), doc.locate(path, target), `${name} ${key} ${target}`);
        }
        assert.deepEqual(copy.locate(['no', 'such', 'path']), doc.locate(['no', 'such', 'path']));
      }
    }
    for (const name of Object.keys(files)) {
      const uri = `file:///ws/${name}`;
      const strip = (ds: ReturnType<Workspace['diagnostics']>) => ds.map((d) => ({ ...d, fixes: undefined }));
      assert.deepEqual(strip(viaPortable.diagnostics(uri)), strip(direct.diagnostics(uri)), name);
      assert.ok(direct.diagnostics(uri).length > 0, `${name} has diagnostics to compare`);
    }
  });
});
