import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Workspace } from '../../src/core/workspace';
import type { Diagnostic } from '../../src/core/types';
import { KIND_SPECS, KINDS, type Kind } from '../../src/core/kinds';
import { KIND_SNIPPETS } from '../../src/core/kinds/snippets';
import { completions, type CompletionItem } from '../../src/core/lang';
import { workspaceOf } from '../helpers';
import * as UTIL from './lang/util';
import { withCursor } from './lang/util';

const ROOT = path.join(__dirname, '..', '..');

interface Snippet {
  prefix: string | string[];
  description: string;
  body: string | string[];
}

function load(name: string): Record<string, Snippet> {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'snippets', name), 'utf8')) as Record<string, Snippet>;
}

/** The text a snippet inserts when the user accepts every placeholder's default (a choice's first option). */
export function expand(body: string | string[]): string {
  let text = Array.isArray(body) ? body.join('\n') : body;
  text = text.replace(/\$\{\d+\|([^|]*)\|\}/g, (_, choices: string) => choices.split(',')[0]);
  for (let before = ''; before !== text; ) {
    before = text;
    text = text.replace(/\$\{\d+:([^${}]*)\}/g, '$1');
  }
  return text.replace(/\$\{\d+\}|\$\d+/g, '');
}

const yamlSnippets = load('yaml.json');
const markdownSnippets = load('markdown.json');

/** The whole-document snippet of a kind (its first line is `kind: <kind>`). */
function wholeDocument(kind: Kind): string {
  const found = Object.values(yamlSnippets).find((s) => expand(s.body).startsWith(`kind: ${kind}\n`));
  assert.ok(found, `no whole-document YAML snippet for ${kind}`);
  return expand(found.body);
}

const FILE_OF: Record<Kind, string> = {
  'driver-diagram': 'plan.driver.yaml',
  'pdsa-cycle': 'test.pdsa.yaml',
  'rapid-charter': 'charter.rapid.yaml',
  'leadership-model': 'school.leadership.yaml',
  'message-map': 'families.message.yaml',
  roster: 'people.roster.yaml',
  measure: 'minutes.measure.yaml',
};

/** A workspace of every whole-document snippet, with some files replaced or left out. */
function check(replace: Record<string, string>, leaveOut: Kind[] = []): { ws: Workspace; diagnostics: (name: string) => Diagnostic[] } {
  const ws = new Workspace({ today: () => '2026-03-10' });
  for (const kind of KINDS) if (!leaveOut.includes(kind)) ws.setFile(`file:///ws/${FILE_OF[kind]}`, wholeDocument(kind));
  for (const [name, text] of Object.entries(replace)) ws.setFile(`file:///ws/${name}`, text);
  return { ws, diagnostics: (name) => ws.diagnostics(`file:///ws/${name}`) };
}

function errorsOf(list: Diagnostic[]): string[] {
  return list.filter((d) => d.severity === 'error').map((d) => `${d.rule}@${d.range.start.line + 1}: ${d.message}`);
}

/**
 * Puts an item snippet at the end of the list under `key` (the first line at `indent` spaces),
 * indenting its lines as VS Code does: each line gains the indentation of the insertion point.
 */
function insertItem(host: string, key: string, indent: number, item: string): string {
  const lines = host.split('\n');
  const at = lines.findIndex((l) => l === `${' '.repeat(indent)}${key}:`);
  assert.ok(at >= 0, `the host document has no \`${key}:\` at indent ${indent}`);
  let end = at + 1;
  while (end < lines.length && (lines[end].trim() === '' || lines[end].length - lines[end].trimStart().length > indent)) end++;
  while (end > at + 1 && lines[end - 1].trim() === '') end--;
  const pad = ' '.repeat(indent + 2);
  const inserted = item.replace(/\n+$/, '').split('\n').map((l) => pad + l);
  return [...lines.slice(0, end), ...inserted, ...lines.slice(end)].join('\n');
}

describe('snippets', () => {
  it('have a whole YAML document and a Markdown fenced block for every kind', () => {
    for (const kind of KINDS) {
      wholeDocument(kind);
      const fence = Object.values(markdownSnippets).find((s) => expand(s.body).startsWith('```' + kind + '\n'));
      assert.ok(fence, `no Markdown fenced-block snippet for ${kind}`);
    }
  });

  it('give every snippet a prefix starting with ik- or improvekit- and a description', () => {
    for (const [name, s] of [...Object.entries(yamlSnippets), ...Object.entries(markdownSnippets)]) {
      const prefixes = Array.isArray(s.prefix) ? s.prefix : [s.prefix];
      assert.ok(prefixes.length && prefixes.every((p) => /^(ik|improvekit)-[a-z-]+$/.test(p)), `${name}: prefix ${JSON.stringify(s.prefix)}`);
      assert.match(s.description, /^Improvekit: /, name);
      assert.ok(/\$\{1[:|]/.test(Array.isArray(s.body) ? s.body.join('\n') : s.body), `${name} has no first placeholder to fill`);
    }
  });

  for (const kind of KINDS) {
    it(`the ${kind} document snippet, filled with its defaults, is recognised and has no error`, () => {
      const name = `new.${FILE_OF[kind].split('.').slice(1).join('.')}`;
      // The other kinds' snippets stay in the workspace so that references (a PDSA's change idea) resolve.
      const { ws, diagnostics } = check({ [name]: wholeDocument(kind) }, [kind]);
      const file = ws.file(`file:///ws/${name}`)!;
      assert.equal(file.documents.length, 1);
      assert.equal(file.documents[0].kind, kind);
      assert.deepEqual(errorsOf(diagnostics(name)), []);
    });

    it(`the ${kind} fenced-block snippet is a document of its own in Markdown, with no error`, () => {
      const fence = Object.values(markdownSnippets).find((s) => expand(s.body).startsWith('```' + kind + '\n'))!;
      const notes = `# Workshop notes\n\nWhat we decided:\n\n${expand(fence.body)}\nMore notes.\n`;
      const { ws, diagnostics } = check({ 'notes.md': notes }, [kind]);
      const docs = ws.file('file:///ws/notes.md')!.documents;
      assert.deepEqual(
        docs.map((d) => [d.kind, d.origin]),
        [[kind, 'fence']],
      );
      assert.deepEqual(errorsOf(diagnostics('notes.md')), []);
    });
  }

  const ITEMS: Array<{ snippet: string; kind: Kind; key: string; indent: number; host?: (doc: string) => string; expectIn: string }> = [
    { snippet: 'Change idea', kind: 'driver-diagram', key: 'change_ideas', indent: 0, expectIn: 'change_ideas' },
    { snippet: 'Secondary driver', kind: 'driver-diagram', key: 'secondary_drivers', indent: 0, expectIn: 'secondary_drivers' },
    { snippet: 'Measure', kind: 'driver-diagram', key: 'measures', indent: 0, expectIn: 'measures' },
    { snippet: 'PDSA question', kind: 'pdsa-cycle', key: 'questions', indent: 2, expectIn: 'plan.questions' },
    {
      snippet: 'PDSA study result',
      kind: 'pdsa-cycle',
      key: 'results',
      indent: 2,
      host: (doc) => `${doc.trimEnd()}\nstudy:\n  results:\n  learning: What we learned\n`,
      expectIn: 'study.results',
    },
    { snippet: 'RAPID decision', kind: 'rapid-charter', key: 'decisions', indent: 0, expectIn: 'decisions' },
    { snippet: 'Roster person', kind: 'roster', key: 'people', indent: 0, expectIn: 'people' },
    { snippet: 'Roster group', kind: 'roster', key: 'groups', indent: 0, expectIn: 'groups' },
    { snippet: 'Leadership role', kind: 'leadership-model', key: 'roles', indent: 0, expectIn: 'roles' },
    { snippet: 'Leadership position', kind: 'leadership-model', key: 'positions', indent: 0, expectIn: 'positions' },
    { snippet: 'Leadership team', kind: 'leadership-model', key: 'teams', indent: 0, expectIn: 'teams' },
    { snippet: 'Key message', kind: 'message-map', key: 'messages', indent: 0, expectIn: 'messages' },
  ];

  for (const item of ITEMS) {
    it(`the "${item.snippet}" item snippet adds one item to ${item.expectIn} of a ${item.kind}, with no error`, () => {
      const snippet = yamlSnippets[item.snippet];
      assert.ok(snippet, `snippets/yaml.json has no "${item.snippet}"`);
      const host = (item.host ?? ((d: string) => d))(wholeDocument(item.kind));
      const name = FILE_OF[item.kind];
      const before = check({ [name]: host });
      const after = check({ [name]: insertItem(host, item.key, item.indent, expand(snippet.body)) });
      const listOf = (ws: Workspace) => {
        let value: unknown = ws.file(`file:///ws/${name}`)!.documents[0].data;
        for (const part of item.expectIn.split('.')) value = (value as Record<string, unknown> | undefined)?.[part];
        return Array.isArray(value) ? value.length : 0;
      };
      assert.equal(listOf(after.ws), listOf(before.ws) + 1);
      assert.deepEqual(errorsOf(after.diagnostics(name)), []);
    });
  }
});

describe('snippets served by completion', () => {
  const { DRIVER, ROSTER, RAPID, LEADERSHIP, PDSA } = UTIL;
  const served = (name: string, marked: string, others: Record<string, string> = {}) => {
    const { ws, uri, pos, text } = withCursor(name, marked, others);
    const items = completions(ws, uri, pos).filter((c) => c.kind === 'snippet');
    for (const item of items) assert.equal(item.snippet, true, item.label);
    return { items, ws, uri, pos, text };
  };
  /** The text after accepting a served snippet with its defaults, indented as VS Code indents it (each next line gains the line's indentation). */
  const accept = (text: string, item: CompletionItem): string => {
    const lines = text.split('\n');
    const { start, end } = item.range;
    const indent = /^\s*/.exec(lines[start.line])![0];
    const inserted = expand(item.insertText!).split('\n').map((l, i) => (i === 0 ? l : indent + l)).join('\n');
    lines[start.line] = lines[start.line].slice(0, start.character) + inserted + lines[end.line].slice(end.character);
    return lines.join('\n');
  };
  const refProblems = (ws: Workspace, uri: string) => ws.diagnostics(uri).filter((d) => /^ref\//.test(d.rule)).map((d) => `${d.rule}: ${d.message}`);

  it('offers the whole documents only at the top of an empty document', () => {
    assert.deepEqual(served('notes.yaml', '|').items.map((c) => c.label), KINDS.map((k) => KIND_SNIPPETS[k].document.prefix[0]));
    assert.deepEqual(served('notes.yaml', '\n\n|\n').items.map((c) => c.label).length, KINDS.length);
    assert.deepEqual(served('plan.driver.yaml', '|').items.map((c) => c.label), ['improvekit-driver-diagram'], 'the file name says the kind');
    const named = withCursor('plan.driver.yaml', '|');
    assert.ok(completions(named.ws, named.uri, named.pos).some((c) => c.label === 'kind' && c.kind === 'key'), 'beside the keys of the document it already is');
    assert.deepEqual(served('k.driver.yaml', DRIVER.replace('status: testing', 'status: |')).items, [], 'not at a value');
    assert.deepEqual(served('k.driver.yaml', `${DRIVER}|`).items, [], 'not beside the keys of a document');
    assert.deepEqual(served('k.driver.yaml', DRIVER.replace('title: K-3 reading', 'title: |')).items, []);
    assert.deepEqual(served('other.yaml', 'services:\n  web: |\n').items, [], 'nothing in YAML that is no Improvekit document');
  });

  it('offers a fenced block in Markdown prose, the body of an empty fence, and whole documents in empty front matter', () => {
    const prose = served('notes.md', '# Workshop\n\n|\n').items;
    assert.equal(prose.length, KINDS.length);
    assert.ok(prose.every((c, i) => c.insertText!.startsWith('```' + KINDS[i] + '\n') && c.insertText!.includes('\n```')));
    const fence = served('notes.md', '# Workshop\n\n```rapid-charter\n|\n```\n').items;
    assert.deepEqual(fence.map((c) => c.label), ['improvekit-rapid-charter']);
    assert.match(fence[0].insertText!, /^id: \$\{1:cabinet-2026\}\n/);
    assert.equal(served('notes.md', '---\n|\n---\n# Notes\n').items.length, KINDS.length);
    assert.deepEqual(served('notes.md', '# Workshop\n\n```js\n|\n```\n').items, [], 'not in a code block');
    assert.deepEqual(served('notes.md', '# Workshop\n\nSome text |\n').items, [], 'not in a sentence');
    const indenting = withCursor('notes.md', '# Workshop\n\n  |\n');
    assert.deepEqual(completions(indenting.ws, indenting.uri, indenting.pos, ' '), [], 'a space typed is indentation, not a request');
    assert.equal(completions(indenting.ws, indenting.uri, indenting.pos).length, KINDS.length, 'asked for, they are there');
  });

  it('makes each reference placeholder a choice of the workspace\'s ids, the written default first when it is one', () => {
    const pdsa = served('new.pdsa.yaml', '|', { 'k.driver.yaml': DRIVER, 'r.roster.yaml': ROSTER }).items[0].insertText!;
    assert.match(pdsa, /^change_idea: \$\{2\|k3-reading#c-template\|\}$/m);
    assert.match(pdsa, /who: \$\{9\|ana,supt,cao,principals\|\}/, 'ana, the written default, first');
    const rapid = served('new.rapid.yaml', '|', { 'r.roster.yaml': ROSTER }).items[0].insertText!;
    const first = (n: number) => new RegExp(`\\$\\{${n}\\|([^,|]+)`).exec(rapid)?.[1];
    assert.deepEqual([5, 6, 7, 8, 9].map(first), ['cao', 'ana', 'principals', 'supt', 'supt'], 'recommend cao, perform principals and decide supt as written; agree the party no role has yet');
    assert.equal(new Set([first(5), first(6), first(7), first(9)]).size, 4, 'the roles start with different parties');
    const idea = served('k.driver.yaml', DRIVER.replace('change_ideas:\n', 'change_ideas:\n  |\n')).items;
    assert.deepEqual(idea.map((c) => c.label), ['ik-change-idea']);
    assert.match(idea[0].insertText!, /supports: \[\$\{3\|s-huddles,p-data,p-time\|\}\]/);
    assert.match(idea[0].insertText!, /measures: \[\$\{4\|m-proficiency,m-huddles\|\}\]/);
    const team = served('l.leadership.yaml', LEADERSHIP.replace('teams:\n', 'teams:\n  |\n')).items[0].insertText!;
    assert.equal(team, '- { id: ${1:grade-4}, led_by: ${2|tl-grade3,principal|}, teachers: ${3:0} }');
    const result = served('c1.pdsa.yaml', PDSA.replace('plan:\n  questions:\n', 'plan:\n  questions:\n    - { id: q-size, question: How many come? }\n').replace('  results:\n', '  results:\n    |\n')).items[0].insertText!;
    assert.match(result, /question: \$\{1\|q-size\|\}/, 'a question already answered is no choice');
  });

  it('with no id to offer, keeps a person as free text, leaves a reference blank or leaves out an optional one', () => {
    const pdsa = served('new.pdsa.yaml', '|').items[0].insertText!;
    assert.match(pdsa, /^change_idea: \$\{2\}$/m);
    assert.match(pdsa, /who: \$\{9:ana\}/, 'no roster: people are free text');
    const measure = served('new.measure.yaml', '|').items[0].insertText!;
    assert.doesNotMatch(measure, /^measure:/m);
    assert.match(served('new.measure.yaml', '|', { 'k.driver.yaml': DRIVER }).items[0].insertText!, /^measure: \$\{3\|k3-reading#m-proficiency,k3-reading#m-huddles\|\}$/m);
    const position = served('l.leadership.yaml', 'kind: leadership-model\nid: l\npositions:\n  |\n').items[0].insertText!;
    assert.equal(position, '- { id: ${1:tl-grade4}, role: ${2|principal,assistant-principal,teacher-leader,coach,other|} }', 'no position to report to: no reports_to');
  });

  it('gives the document and its items ids the workspace does not have yet', () => {
    assert.match(served('new.driver.yaml', '|', { 'k.driver.yaml': DRIVER.replace('id: k3-reading', 'id: k3-reading') }).items[0].insertText!, /^id: \$\{1:k3-reading-2\}$/m);
    assert.match(served('new.driver.yaml', '|').items[0].insertText!, /^id: \$\{1:k3-reading\}$/m);
    const taken = DRIVER.replace('  - id: c-template', '  - id: c-new\n    title: Taken\n  - id: c-template').replace('change_ideas:\n', 'change_ideas:\n  |\n');
    assert.match(served('k.driver.yaml', taken).items[0].insertText!, /^- id: \$\{1:c-new-2\}$/m);
  });

  const WORKSPACES: Array<[string, Record<string, string>]> = [
    ['an empty workspace', {}],
    ['a workspace with a driver diagram and a roster', { 'k.driver.yaml': DRIVER, 'r.roster.yaml': ROSTER }],
  ];
  for (const [where, others] of WORKSPACES) {
    it(`inserts every whole document, with its defaults, with no ref/ problem, in ${where}`, () => {
      for (const kind of KINDS) {
        const name = `new.${KIND_SPECS[kind].suffix}.yaml`;
        const { items, text } = served(name, '|', others);
        assert.equal(items.length, 1, kind);
        const ws = workspaceOf({ ...others, [name]: accept(text, items[0]) });
        assert.equal(ws.file(`file:///ws/${name}`)!.documents[0].kind, kind);
        assert.deepEqual(refProblems(ws, `file:///ws/${name}`), [], kind);
      }
    });
  }

  const ITEM_HOSTS: Array<{ name: string; marked: string; others?: Record<string, string> }> = [
    { name: 'k.driver.yaml', marked: DRIVER.replace('change_ideas:\n', 'change_ideas:\n  |\n') },
    { name: 'k.driver.yaml', marked: DRIVER.replace('secondary_drivers:\n', 'secondary_drivers:\n  - |\n') },
    { name: 'k.driver.yaml', marked: 'kind: driver-diagram\nid: lone\nchange_ideas:\n  |\n' },
    { name: 'c.rapid.yaml', marked: RAPID.replace('decisions:\n', 'decisions:\n  |\n'), others: { 'r.roster.yaml': ROSTER } },
    { name: 'l.leadership.yaml', marked: LEADERSHIP.replace('positions:\n', 'positions:\n  |\n') },
    { name: 'l.leadership.yaml', marked: LEADERSHIP.replace('teams:\n', 'teams:\n  - |\n') },
    { name: 'c1.pdsa.yaml', marked: PDSA.replace('  results:\n', '  results:\n    |\n').replace('    - id: q-time', '    - id: q-size\n      question: How many?\n    - id: q-time') },
    { name: 'c1.pdsa.yaml', marked: PDSA.replace('  questions:\n', '  questions:\n    |\n') },
  ];
  for (const host of ITEM_HOSTS) {
    it(`inserts the item snippet at ${JSON.stringify(host.marked.slice(host.marked.indexOf('|') - 30, host.marked.indexOf('|') + 1))} with no ref/ problem`, () => {
      const { items, text } = served(host.name, host.marked, host.others);
      assert.equal(items.length, 1);
      const ws = workspaceOf({ ...host.others, [host.name]: accept(text, items[0]) });
      const before = workspaceOf({ ...host.others, [host.name]: text });
      const count = (w: Workspace) => w.file(`file:///ws/${host.name}`)!.documents[0].data;
      assert.ok(count(ws), `the document still parses:\n${accept(text, items[0])}`);
      assert.deepEqual(refProblems(ws, `file:///ws/${host.name}`), refProblems(before, `file:///ws/${host.name}`));
    });
  }
});
