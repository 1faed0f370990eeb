import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Workspace } from '../../src/core/workspace';
import type { Diagnostic } from '../../src/core/types';
import { KINDS, type Kind } from '../../src/core/kinds';

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
