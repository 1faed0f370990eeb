import * as assert from 'node:assert/strict';
import { definition, prepareRename, references, rename } from '../../../src/core/lang';
import { applyEdits } from '../../helpers';
import { DRIVER, LEADERSHIP, PDSA, RAPID, ROSTER, textOf, uriOf, withCursor } from './util';

const files = { 'k.driver.yaml': DRIVER, 'r.roster.yaml': ROSTER };

describe('lang: definition and references', () => {
  it('goes from a `doc#item` reference to the change idea in another file, and from its doc part to the document', () => {
    const item = withCursor('c1.pdsa.yaml', PDSA.replace('#c-template', '#c-te|mplate'), files);
    const [loc] = definition(item.ws, item.uri, item.pos);
    assert.equal(loc.uri, uriOf('k.driver.yaml'));
    assert.equal(textOf(DRIVER, loc.range), 'c-template');
    assert.equal(loc.range.start.line, 16);
    const doc = withCursor('c1.pdsa.yaml', PDSA.replace('k3-reading#', 'k3-r|eading#'), files);
    const [d] = definition(doc.ws, doc.uri, doc.pos);
    assert.equal(textOf(DRIVER, d.range), 'k3-reading');
    assert.equal(d.range.start.line, 1);
  });

  it('resolves local references, leadership positions and roster people', () => {
    const local = withCursor('k.driver.yaml', DRIVER.replace('supports: [p-data, p-time]', 'supports: [p-data, p-ti|me]'));
    assert.equal(definition(local.ws, local.uri, local.pos)[0].range.start.line, 9);
    const lead = withCursor('l.leadership.yaml', LEADERSHIP.replace('led_by: tl-grade3', 'led_by: tl-g|rade3'));
    const [pos] = definition(lead.ws, lead.uri, lead.pos);
    assert.equal(textOf(LEADERSHIP, pos.range), 'tl-grade3');
    assert.equal(pos.range.start.line, 10);
    const person = withCursor('c.rapid.yaml', RAPID.replace('decide: supt', 'decide: s|upt'), files);
    const [p] = definition(person.ws, person.uri, person.pos);
    assert.equal(p.uri, uriOf('r.roster.yaml'));
    assert.equal(textOf(ROSTER, p.range), 'supt');
  });

  it('finds nothing on free text, on an unknown id, or off any document', () => {
    const text = withCursor('k.driver.yaml', DRIVER.replace('title: K-3 reading', 'title: K-3 re|ading'));
    assert.deepEqual(definition(text.ws, text.uri, text.pos), []);
    const unknown = withCursor('k.driver.yaml', DRIVER.replace('supports: s-huddles', 'supports: s-nope|'));
    assert.deepEqual(definition(unknown.ws, unknown.uri, unknown.pos), []);
    assert.deepEqual(definition(unknown.ws, uriOf('missing.yaml'), { line: 0, character: 0 }), []);
  });

  it('lists the references to an item across files, with or without its declaration', () => {
    const c2 = PDSA.replace('id: huddles-c1', 'id: huddles-c2').replace('change_idea: k3-reading#c-template', 'change_idea: c-template');
    const at = withCursor('k.driver.yaml', DRIVER.replace('  - id: c-template', '  - id: c-tem|plate'), { 'c1.pdsa.yaml': PDSA, 'c2.pdsa.yaml': c2 });
    const refs = references(at.ws, at.uri, at.pos, false);
    assert.deepEqual(refs.map((r) => r.uri).sort(), [uriOf('c1.pdsa.yaml'), uriOf('c2.pdsa.yaml')]);
    assert.equal(textOf(PDSA, refs.find((r) => r.uri === uriOf('c1.pdsa.yaml'))!.range), 'c-template');
    assert.equal(references(at.ws, at.uri, at.pos, true).length, 3);
    const measure = withCursor('k.driver.yaml', DRIVER.replace('  - id: m-huddles', '  - id: m-hud|dles'));
    assert.deepEqual(references(measure.ws, measure.uri, measure.pos, false).map((r) => r.range.start.line), [19]);
  });

  it('lists the references to a person from every charter and plan, in a Markdown fence too', () => {
    const md = '# Notes\n\n```rapid-charter\nid: md-charter\ndecisions:\n  - id: a\n    decision: Pick\n    decide: cao\n```\n';
    const at = withCursor('r.roster.yaml', ROSTER.replace('  - id: cao', '  - id: c|ao'), { 'c.rapid.yaml': RAPID, 'n.md': md });
    const refs = references(at.ws, at.uri, at.pos, false);
    assert.deepEqual(refs.map((r) => `${r.uri.split('/').pop()}:${r.range.start.line}`).sort(), ['c.rapid.yaml:6', 'c.rapid.yaml:9', 'n.md:7']);
  });
});

describe('lang: rename', () => {
  it('renames a change idea and the item part of every `doc#item` reference', () => {
    const at = withCursor('k.driver.yaml', DRIVER.replace('  - id: c-template', '  - id: c-templ|ate'), { 'c1.pdsa.yaml': PDSA });
    assert.deepEqual(prepareRename(at.ws, at.uri, at.pos)?.placeholder, 'c-template');
    const result = rename(at.ws, at.uri, at.pos, 'c-one-page');
    assert.ok('changes' in result, JSON.stringify(result));
    assert.match(applyEdits(PDSA, result.changes[uriOf('c1.pdsa.yaml')]), /change_idea: k3-reading#c-one-page\n/);
    assert.match(applyEdits(at.text, result.changes[uriOf('k.driver.yaml')]), /- id: c-one-page\n/);
  });

  it('renames a document id and the document part of references, from a reference', () => {
    const at = withCursor('c1.pdsa.yaml', PDSA.replace('k3-reading#', 'k3|-reading#'), files);
    const prep = prepareRename(at.ws, at.uri, at.pos);
    assert.equal(prep?.placeholder, 'k3-reading');
    assert.equal(textOf(at.text, prep!.range), 'k3-reading');
    const result = rename(at.ws, at.uri, at.pos, 'k3-literacy');
    assert.ok('changes' in result);
    assert.match(applyEdits(at.text, result.changes[uriOf('c1.pdsa.yaml')]), /change_idea: k3-literacy#c-template/);
    assert.match(applyEdits(DRIVER, result.changes[uriOf('k.driver.yaml')]), /^id: k3-literacy$/m);
  });

  it('renames a local id with all its references, in flow and block lists', () => {
    const at = withCursor('k.driver.yaml', DRIVER.replace('  - id: p-data', '  - id: p-d|ata'));
    const result = rename(at.ws, at.uri, at.pos, 'p-evidence');
    assert.ok('changes' in result);
    const out = applyEdits(at.text, result.changes[uriOf('k.driver.yaml')]);
    assert.match(out, /- id: p-evidence\n/);
    assert.match(out, /supports: \[p-evidence, p-time\]/);
    const prev = withCursor('c1.pdsa.yaml', PDSA.replace('id: huddles-c1', 'id: huddles|-c1'), { 'c2.pdsa.yaml': PDSA.replace('id: huddles-c1', 'id: huddles-c2').replace('status: done', 'previous: huddles-c1\nstatus: done') });
    const r2 = rename(prev.ws, prev.uri, prev.pos, 'huddles-first');
    assert.ok('changes' in r2);
    assert.equal(r2.changes[uriOf('c2.pdsa.yaml')].length, 1);
    assert.equal(r2.changes[uriOf('c2.pdsa.yaml')][0].newText, 'huddles-first');
  });

  it('renames a roster person where they are an `owner`, of a document and of a change idea', () => {
    const measure = 'kind: measure\nid: huddle-minutes\nowner: supt\ndefinition: Minutes of each huddle\nunit: minutes\n';
    const driver = DRIVER.replace(/(\n {2}- id: c-template\n)/, '$1    owner: cao\n');
    const at = withCursor('r.roster.yaml', ROSTER.replace('  - id: supt', '  - id: su|pt'), { 'm.measure.yaml': measure, 'k.driver.yaml': driver });
    const result = rename(at.ws, at.uri, at.pos, 'superintendent');
    assert.ok('changes' in result, JSON.stringify(result));
    assert.match(applyEdits(measure, result.changes[uriOf('m.measure.yaml')]), /\nowner: superintendent\n/);
    const idea = withCursor('r.roster.yaml', ROSTER.replace('  - id: cao', '  - id: c|ao'), { 'k.driver.yaml': driver });
    const r2 = rename(idea.ws, idea.uri, idea.pos, 'chief-academic');
    assert.ok('changes' in r2, JSON.stringify(r2));
    assert.match(applyEdits(driver, r2.changes[uriOf('k.driver.yaml')]), /\n {4}owner: chief-academic\n/);
  });

  it('refuses an invalid slug and a name already taken, saying why', () => {
    const at = withCursor('l.leadership.yaml', LEADERSHIP.replace('led_by: tl-grade3', 'led_by: tl-gr|ade3'));
    const bad = rename(at.ws, at.uri, at.pos, 'Team Lead');
    assert.ok('error' in bad);
    assert.match(bad.error, /not a valid id/);
    const taken = rename(at.ws, at.uri, at.pos, 'principal');
    assert.ok('error' in taken);
    assert.match(taken.error, /already the id of position 1/);
    const roleNamedLikePosition = rename(at.ws, at.uri, at.pos, 'team-lead');
    assert.ok('changes' in roleNamedLikePosition, 'roles and positions are separate namespaces');
    const doc = withCursor('k.driver.yaml', DRIVER.replace('id: k3-reading', 'id: k3-re|ading'), { 'c1.pdsa.yaml': PDSA });
    const clash = rename(doc.ws, doc.uri, doc.pos, 'huddles-c1');
    assert.ok('error' in clash);
    assert.match(clash.error, /already used by a pdsa-cycle in c1\.pdsa\.yaml/);
  });

  it('has nothing to rename off an id or on an unresolved reference', () => {
    const text = withCursor('k.driver.yaml', DRIVER.replace('title: K-3 reading', 'ti|tle: K-3 reading'));
    assert.equal(prepareRename(text.ws, text.uri, text.pos), undefined);
    assert.ok('error' in rename(text.ws, text.uri, text.pos, 'x'));
    const unknown = withCursor('c.rapid.yaml', RAPID.replace('decide: supt', 'decide: su|pt'));
    assert.equal(prepareRename(unknown.ws, unknown.uri, unknown.pos), undefined, 'no roster: supt names nothing');
  });
});
