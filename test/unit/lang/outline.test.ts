import * as assert from 'node:assert/strict';
import { codeLenses, describeFile, documentSymbols, type DocumentSymbol } from '../../../src/core/lang';
import { workspaceOf } from '../../helpers';
import { DRIVER, LEADERSHIP, PDSA, RAPID, ROSTER, textOf, uriOf } from './util';

/** `name (kind)` with children, for compact comparisons. */
function tree(symbols: DocumentSymbol[]): unknown[] {
  return symbols.map((s) => (s.children.length ? { [`${s.name} (${s.kind})`]: tree(s.children) } : `${s.name} (${s.kind})`));
}

describe('lang: document symbols', () => {
  it('outlines a driver diagram from the aim down to change ideas, with measures', () => {
    const ws = workspaceOf({ 'k.driver.yaml': DRIVER.replace('  - id: c-template', '  - id: c-loose\n    title: Unattached\n    supports: nothing\n  - id: c-template') });
    const [doc] = documentSymbols(ws, uriOf('k.driver.yaml'));
    assert.equal(doc.name, 'K-3 reading');
    assert.equal(doc.detail, 'Driver diagram · k3-reading');
    assert.deepEqual(tree(doc.children), [
      {
        'Raise grade 3 reading proficiency (aim)': [
          { 'Teachers use data to adjust instruction (driver)': [{ 'Data huddles twice a week (driver)': ['One-page huddle template (change-idea)'] }] },
          { 'Protected collaboration time (driver)': [{ 'Data huddles twice a week (driver)': ['One-page huddle template (change-idea)'] }] },
        ],
      },
      { 'Change ideas supporting no driver (section)': ['Unattached (change-idea)'] },
      { 'Measures (section)': ['Grade 3 students proficient (measure)', 'Huddles held per week (measure)'] },
    ]);
    const idea = (doc.children[0].children[0].children[0].children[0]);
    assert.equal(idea.detail, 'c-template · testing');
    const text = ws.file(uriOf('k.driver.yaml'))!.text;
    assert.equal(textOf(text, idea.selectionRange), 'c-template');
  });

  it('lists decisions with their parties, leadership sections, people and plan questions', () => {
    const ws = workspaceOf({ 'c.rapid.yaml': RAPID, 'l.leadership.yaml': LEADERSHIP, 'r.roster.yaml': ROSTER, 'c1.pdsa.yaml': PDSA });
    const [charter] = documentSymbols(ws, uriOf('c.rapid.yaml'));
    assert.deepEqual(tree(charter.children), [
      {
        'Decisions (section)': [
          { 'Adopt a standards-based grading policy (decision)': ['R: cao (party)', 'A: principals (party)', 'P: principals, ana (party)', 'I: ana, cao (party)', 'D: supt (party)'] },
          { 'Set the school calendar (decision)': ['R: ana (party)'] },
        ],
      },
    ]);
    assert.equal(charter.children[0].children[0].detail, 'grading-policy · open');
    const [model] = documentSymbols(ws, uriOf('l.leadership.yaml'));
    assert.deepEqual(model.children.map((s) => `${s.name}:${s.children.map((c) => c.name).join(',')}`), ['Roles:Team Lead', 'Positions:principal,tl-grade3', 'Teams:grade-3,kinder,grade-1']);
    const [roster] = documentSymbols(ws, uriOf('r.roster.yaml'));
    assert.deepEqual(roster.children.map((s) => `${s.name}:${s.children.map((c) => c.name).join(',')}`), ['People:Dana Reyes,Sam Ortiz,Ana Torres', 'Groups:All principals']);
    const [cycle] = documentSymbols(ws, uriOf('c1.pdsa.yaml'));
    assert.deepEqual(tree(cycle.children), [{ 'Plan questions (section)': ['Do huddles fit in 20 minutes? (question)'] }]);
  });

  it('gives one symbol per document of a Markdown file, and none for a file that is not ours', () => {
    const md = '---\nkind: message-map\nid: fm\nmessages:\n  - text: Hello there.\n---\n# Notes\n\n```rapid-charter\nid: inner\ndecisions:\n  - id: a\n    decision: Pick one\n```\n';
    const ws = workspaceOf({ 'n.md': md, 'plain.md': '# Nothing here\n' });
    const symbols = documentSymbols(ws, uriOf('n.md'));
    assert.deepEqual(symbols.map((s) => s.name), ['fm', 'inner']);
    assert.deepEqual(tree(symbols[0].children), [{ 'Messages (section)': ['Hello there. (message)'] }]);
    assert.equal(symbols[1].range.start.line, 9);
    assert.deepEqual(documentSymbols(ws, uriOf('plain.md')), []);
  });
});

describe('lang: code lenses', () => {
  it('summarises the RAPID roles above each decision', () => {
    const ws = workspaceOf({ 'c.rapid.yaml': RAPID });
    const lenses = codeLenses(ws, uriOf('c.rapid.yaml'));
    assert.deepEqual(lenses.map((l) => l.title), ['D: supt · R: cao · A: 1 · P: 2 · I: 2', 'no D · R: ana · A: 0 · P: 0 · I: 0']);
    assert.deepEqual(lenses.map((l) => l.range.start.line), [4, 12]);
    assert.match(lenses[1].tooltip ?? '', /nobody holds the D/);
    const two = workspaceOf({ 'c.rapid.yaml': RAPID.replace('decide: supt', 'decide: [supt, cao]') });
    assert.match(codeLenses(two, uriOf('c.rapid.yaml'))[0].title, /^D: supt \+ cao · /);
  });

  it('shows each position span against its maximum, from spans()', () => {
    const ws = workspaceOf({ 'l.leadership.yaml': LEADERSHIP });
    const lenses = codeLenses(ws, uriOf('l.leadership.yaml'));
    assert.deepEqual(lenses.map((l) => `${l.range.start.line}: ${l.title}`), ['9: span 12 of 10 — over', '10: span 7 of 8']);
    assert.match(lenses[0].tooltip ?? '', /kinder, grade-1/);
  });

  it('works in a fenced block and gives nothing for other kinds', () => {
    const md = '# Notes\n\n```rapid-charter\nid: x\ndecisions:\n  - id: a\n    decision: Pick\n    decide: cao\n```\n';
    const ws = workspaceOf({ 'n.md': md, 'k.driver.yaml': DRIVER });
    assert.deepEqual(codeLenses(ws, uriOf('n.md')).map((l) => `${l.range.start.line}: ${l.title}`), ['5: D: cao · no R · A: 0 · P: 0 · I: 0']);
    assert.deepEqual(codeLenses(ws, uriOf('k.driver.yaml')), []);
  });
});

describe('lang: describeFile', () => {
  it('names what a file was recognised as', () => {
    const md = '---\nkind: message-map\nid: fm\nmessages: []\n---\n# Notes\n\n```rapid-charter\nid: inner\ndecisions: []\n```\n';
    const ws = workspaceOf({ 'c.rapid.yaml': RAPID, 'n.md': md, 'stream.yaml': 'kind: roster\nid: a\n---\nkind: roster\nid: b\n' });
    const one = describeFile(ws, uriOf('c.rapid.yaml'));
    assert.deepEqual([one.text, one.recognised], ['RAPID charter `cabinet-2026`', true]);
    assert.match(one.tooltip, /Cabinet decision rights/);
    const two = describeFile(ws, uriOf('n.md'));
    assert.equal(two.text, '2 Improvekit documents (front matter + 1 fenced block)');
    assert.match(two.tooltip, /Message map `fm`.*front matter, line 2/);
    assert.match(two.tooltip, /RAPID charter `inner`.*fenced block, line 9/);
    assert.equal(describeFile(ws, uriOf('stream.yaml')).text, '2 Improvekit documents (2 YAML documents)');
  });

  it('says why a file is not recognised, and what to do', () => {
    const ws = workspaceOf({ 'notes.yaml': 'title: hello\n', 'plain.md': '# Hi\n' });
    const yaml = describeFile(ws, uriOf('notes.yaml'));
    assert.equal(yaml.recognised, false);
    assert.match(yaml.text, /^Not an Improvekit document: name it \*\.driver\.yaml .* or add `kind:`/);
    assert.match(yaml.tooltip, /no top-level `kind`/);
    assert.match(describeFile(ws, uriOf('plain.md')).text, /fenced block/);
    assert.equal(describeFile(ws, uriOf('absent.yaml')).recognised, false);
  });
});
