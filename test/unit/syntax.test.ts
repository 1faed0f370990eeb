/**
 * The mistakes people new to YAML make, each named on its own line with its fix: a tab in the
 * indentation, a key out of line with its siblings, `title:Weekly`, keys typed flush left under
 * the key they belong to, and a value holding `, `, `: ` or ` #` unquoted. One diagnostic per
 * document (its follow-on errors held back), its range on the characters at fault, and a fix
 * that repairs the text and changes no other byte. Only a fix sure of what was meant (`fix`)
 * runs unattended; a guess (`suggestion`) waits in the light bulb.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { applyFix, configFrom, FIXTURES, readFixture, runCli, scratchTree, workspaceOf } from '../helpers';
import { explainSyntax } from '../../src/core/syntax';
import { skeleton } from '../../src/core/documents';
import type { Diagnostic } from '../../src/core/types';

/** The skeleton's driver diagram: what `Improvekit: New Document` writes (the line numbers below count in it from 0). */
const DRIVER = skeleton('driver-diagram', 'k3');

/** A PDSA cycle testing the driver diagram's change idea (line numbers in the cases below count from 0). */
const PDSA = `kind: pdsa-cycle
id: c1
title: First test of a change idea
change_idea: k3#c-first
cycle: 1
status: planning
plan:
  objective: Learn whether one team will use the huddle
  questions:
    - { id: q1, question: Will teachers bring student work?, prediction: Five of seven will }
  tasks:
    - { task: Print a tally sheet, who: lead }
  scale: one team
  data_collection: a tally of who brings work
`;

/** The cycle with a data series under `data:`. */
const PDSA_DATA = `${PDSA}data:
  measure: k3#m-process
  points:
    - { date: 2026-01-05, value: 30 }
    - { date: 2026-01-12, value: 28 }
`;

/** The cycle with its question written as a block, its list's dashes at the column of `questions`. */
const PDSA_COMPACT = PDSA.replace(
  '  questions:\n    - { id: q1, question: Will teachers bring student work?, prediction: Five of seven will }',
  '  questions:\n  - id: q1\n    question: Will teachers bring student work?\n    prediction: Five of seven will',
);

/** The driver diagram's measures have no data in this small workspace: that hint is not what these tests are about. */
const CONFIG = configFrom('rules:\n  driver/measure-without-data: off\n');

function diagnose(name: string, text: string): Diagnostic[] {
  const others: Record<string, string> = name === 'k3.driver.yaml' ? {} : { 'k3.driver.yaml': DRIVER };
  return workspaceOf({ ...others, [name]: text }, CONFIG).diagnostics(`file:///ws/${name}`);
}

const show = (ds: Diagnostic[]) => ds.map((d) => `${d.rule} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`).join('\n') || 'none';

interface Mistake {
  what: string;
  file: string;
  /** The text with the mistake. */
  text: string;
  rule: 'yaml/syntax' | 'schema/invalid';
  /** Line, first and last-plus-one character of the range (on one line). */
  range: [number, number, number];
  message: string;
  fix: { kind: 'fix' | 'suggestion'; title: string; /** The text once applied. */ after: string };
}

const MISTAKES: Mistake[] = [
  {
    what: 'a key of a list item indented 3 spaces instead of 4',
    file: 'k3.driver.yaml',
    text: DRIVER.replace('    supports: [s-first]', '   supports: [s-first]'),
    rule: 'yaml/syntax',
    range: [17, 3, 11],
    message: 'Key `supports` is indented 3 spaces, its siblings 4: align it',
    fix: { kind: 'suggestion', title: 'Indent `supports` 4 spaces, as its siblings', after: DRIVER },
  },
  {
    what: 'a key indented one space more than its siblings',
    file: 'c1.pdsa.yaml',
    text: PDSA.replace('  scale: one team', '   scale: one team'),
    rule: 'yaml/syntax',
    range: [12, 3, 8],
    message: 'Key `scale` is indented 3 spaces, its siblings 2: align it',
    fix: { kind: 'suggestion', title: 'Indent `scale` 2 spaces, as its siblings', after: PDSA },
  },
  {
    what: 'a tab used for indentation',
    file: 'c1.pdsa.yaml',
    text: PDSA.replace('  scale: one team', '\tscale: one team'),
    rule: 'yaml/syntax',
    range: [12, 0, 1],
    message: 'Tabs are not allowed as indentation: replace the tab with spaces',
    fix: { kind: 'fix', title: 'Replace the tab with 2 spaces', after: PDSA },
  },
  {
    what: 'a tab used for indentation, in a file with CRLF line ends',
    file: 'c1.pdsa.yaml',
    text: PDSA.replace('  scale: one team', '\tscale: one team').replace(/\n/g, '\r\n'),
    rule: 'yaml/syntax',
    range: [12, 0, 1],
    message: 'Tabs are not allowed as indentation: replace the tab with spaces',
    fix: { kind: 'fix', title: 'Replace the tab with 2 spaces', after: PDSA.replace(/\n/g, '\r\n') },
  },
  {
    what: 'tabs indenting the first keys of a block, the way its siblings are',
    file: 'c1.pdsa.yaml',
    text: PDSA.replace('  objective:', '\tobjective:').replace('  questions:', '\tquestions:').replace('    - { id: q1', '\t  - { id: q1'),
    rule: 'yaml/syntax',
    range: [7, 0, 1],
    message: 'Tabs are not allowed as indentation: replace the tab with spaces',
    fix: { kind: 'fix', title: 'Replace the tab with 2 spaces', after: PDSA },
  },
  {
    what: 'no space after the colon of a key',
    file: 'c1.pdsa.yaml',
    text: PDSA.replace('title: First', 'title:First'),
    rule: 'yaml/syntax',
    range: [2, 0, 11],
    message: 'Add a space after the colon in `title:First`',
    fix: { kind: 'fix', title: 'Add a space after `title:`', after: PDSA },
  },
  {
    what: 'no space after the colon of a key in a flow mapping',
    file: 'c1.pdsa.yaml',
    text: PDSA.replace('{ id: q1,', '{ id:q1,'),
    rule: 'schema/invalid',
    range: [9, 8, 13],
    message: 'Add a space after the colon in `id:q1`',
    fix: { kind: 'fix', title: 'Add a space after `id:`', after: PDSA },
  },
  {
    what: 'keys typed flush left under the key they belong to',
    file: 'c1.pdsa.yaml',
    text: PDSA_DATA.replace('\n  measure:', '\nmeasure:').replace('\n  points:', '\npoints:').replace(/\n {4}- \{ date/g, '\n  - { date'),
    rule: 'schema/invalid',
    range: [15, 0, 7],
    message: '`measure` and `points` belong under `data:`: indent them',
    fix: { kind: 'suggestion', title: 'Indent 2 keys under `data:`', after: PDSA_DATA },
  },
  {
    what: 'one key typed flush left under the key it belongs to',
    file: 'c1.pdsa.yaml',
    text: `${PDSA}data:\nmeasure: k3#m-process\n`,
    rule: 'schema/invalid',
    range: [15, 0, 7],
    message: '`measure` belongs under `data:`: indent it',
    fix: { kind: 'suggestion', title: 'Indent `measure` under `data:`', after: `${PDSA}data:\n  measure: k3#m-process\n` },
  },
  {
    what: 'the keys of a mapping typed flush left under it, where one of them is required',
    file: 'k3.driver.yaml',
    text: DRIVER.replace(/^ {2}(statement|measure|baseline|target|by|population):/gm, '$1:'),
    rule: 'schema/invalid',
    range: [4, 0, 9],
    message: '`statement` and 5 more keys belong under `aim:`: indent them',
    fix: { kind: 'suggestion', title: 'Indent 6 keys under `aim:`', after: DRIVER },
  },
  {
    what: 'an unquoted comma in a title, in the skeleton’s own `{ id: …, title: … }` style',
    file: 'k3.driver.yaml',
    text: DRIVER.replace('{ id: p-first, title: A primary driver }', '{ id: p-first, title: Weekly huddles, debrief }'),
    rule: 'schema/invalid',
    range: [11, 42, 49],
    message: '`debrief` is part of the title: quote the title, it holds `, `',
    fix: { kind: 'suggestion', title: 'Quote the title', after: DRIVER.replace('{ id: p-first, title: A primary driver }', '{ id: p-first, title: "Weekly huddles, debrief" }') },
  },
  {
    what: 'an unquoted `: ` in a value',
    file: 'k3.driver.yaml',
    text: DRIVER.replace('title: Our improvement aim', 'title: Goal: raise reading'),
    rule: 'yaml/syntax',
    range: [2, 7, 26],
    message: 'The title holds `: `, which YAML reads as a key: quote the title',
    fix: { kind: 'suggestion', title: 'Quote the title', after: DRIVER.replace('title: Our improvement aim', 'title: "Goal: raise reading"') },
  },
  {
    what: 'an unquoted ` #` in a flow mapping',
    file: 'k3.driver.yaml',
    text: DRIVER.replace('title: A primary driver }', 'title: Huddle #2 }'),
    rule: 'yaml/syntax',
    range: [11, 26, 35],
    message: 'The title holds ` #`, which YAML reads as a comment: quote the title',
    fix: { kind: 'suggestion', title: 'Quote the title', after: DRIVER.replace('title: A primary driver }', 'title: "Huddle #2" }') },
  },
  {
    what: 'an unquoted `: ` in a flow mapping',
    file: 'c1.pdsa.yaml',
    text: PDSA.replace('prediction: Five of seven will }', 'prediction: Yes: five of seven }'),
    rule: 'yaml/syntax',
    range: [9, 73, 91],
    message: 'The prediction holds `: `, which YAML reads as a key: quote the prediction',
    fix: { kind: 'suggestion', title: 'Quote the prediction', after: PDSA.replace('prediction: Five of seven will }', 'prediction: "Yes: five of seven" }') },
  },
];

describe('newcomer syntax mistakes', () => {
  it('start from documents with no finding', () => {
    assert.deepEqual(diagnose('k3.driver.yaml', DRIVER), []);
    assert.deepEqual(diagnose('c1.pdsa.yaml', PDSA), []);
    assert.deepEqual(diagnose('c1.pdsa.yaml', PDSA_DATA), []);
    assert.deepEqual(diagnose('c1.pdsa.yaml', PDSA_COMPACT), []);
  });

  for (const m of MISTAKES) {
    describe(m.what, () => {
      it('gives one diagnostic, on the characters at fault, that says what is wrong and what to do', () => {
        const ds = diagnose(m.file, m.text);
        assert.equal(ds.length, 1, show(ds));
        const [d] = ds;
        assert.equal(d.rule, m.rule);
        assert.deepEqual(d.range, { start: { line: m.range[0], character: m.range[1] }, end: { line: m.range[0], character: m.range[2] } }, show(ds));
        assert.equal(d.message, m.message);
        assert.ok(d.message.length <= 120, `${d.message.length} characters`);
      });

      it(`offers a ${m.fix.kind} that repairs it and changes no other byte`, () => {
        const [d] = diagnose(m.file, m.text);
        assert.deepEqual(
          d.fixes?.map((f) => [f.kind, f.title]),
          [[m.fix.kind, m.fix.title]],
        );
        const after = applyFix(m.text, d.fixes![0]);
        assert.equal(after, m.fix.after);
        assert.deepEqual(diagnose(m.file, after), [], 'no finding is left, none is new');
      });
    });
  }

  it('reports only the first mistake of a document and holds back the rest', () => {
    const text = PDSA.replace('title: First', 'title:First').replace('  scale: one team', '\tscale: one team');
    const ds = diagnose('c1.pdsa.yaml', text);
    assert.equal(show(ds), 'yaml/syntax 2:0-2:11 Add a space after the colon in `title:First`');
    // Once it is fixed, the next one shows.
    const next = diagnose('c1.pdsa.yaml', applyFix(text, ds[0].fixes![0]));
    assert.equal(show(next), 'yaml/syntax 12:0-12:1 Tabs are not allowed as indentation: replace the tab with spaces');
  });

  it('reports one mistake in each document of a file', () => {
    const second = PDSA.replace('id: c1', 'id: c2').replace('cycle: 1', 'cycle: 2').replace('title: First', 'title:First');
    const text = `${PDSA.replace('  scale: one team', '\tscale: one team')}---\n${second}`;
    const ds = diagnose('c1.pdsa.yaml', text);
    assert.deepEqual(
      ds.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.message}`),
      ['12:0 Tabs are not allowed as indentation: replace the tab with spaces', '17:0 Add a space after the colon in `title:First`'],
    );
  });

  it('names the mistake in a fenced block of Markdown, on the file’s lines', () => {
    const text = `# Notes\n\n\`\`\`pdsa-cycle\n${PDSA.replace('  scale: one team', '\tscale: one team')}\`\`\`\n`;
    const [d, ...rest] = diagnose('notes.md', text);
    assert.deepEqual(rest, []);
    assert.equal(`${d.rule} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`, 'yaml/syntax 15:0-15:1');
    assert.equal(applyFix(text, d.fixes![0]), `# Notes\n\n\`\`\`pdsa-cycle\n${PDSA}\`\`\`\n`);
  });

  it('reports a document the parser refuses even when only its `kind:` line tells its kind', () => {
    const ds = diagnose('cycle.yaml', PDSA.replace('  scale: one team', '\tscale: one team'));
    assert.equal(show(ds), 'yaml/syntax 12:0-12:1 Tabs are not allowed as indentation: replace the tab with spaces');
  });

  it('offers a fix only for a tab whose column is sure, else a suggestion', () => {
    // After a list item's keys, a tab could mean the item (6) or the plan (2).
    const text = PDSA.replace('    - { task: Print a tally sheet, who: lead }', '    - task: Print a tally sheet\n      who: lead').replace('  scale: one team', '\tscale: one team');
    const [d] = diagnose('c1.pdsa.yaml', text);
    assert.equal(d.message, 'Tabs are not allowed as indentation: replace the tab with spaces');
    assert.deepEqual(d.fixes?.map((f) => f.kind), ['suggestion']);
  });

  it('offers a suggestion only for `key:value` whose key the mapping does not know', () => {
    const [d] = diagnose('c1.pdsa.yaml', PDSA.replace('  scale: one team', '  scales:one team'));
    assert.equal(d.message, 'Add a space after the colon in `scales:one`');
    assert.deepEqual(d.fixes?.map((f) => f.kind), ['suggestion']);
  });

  it('moves the lines a misaligned key opens along with it', () => {
    const text = PDSA.replace('  tasks:\n    - { task', ' tasks:\n  - { task');
    const [d, ...rest] = diagnose('c1.pdsa.yaml', text);
    assert.deepEqual(rest, []);
    assert.equal(d.message, 'Key `tasks` is indented 1 space, its siblings 2: align it');
    // Its list keeps its place under it: one column deeper, as it was.
    const after = applyFix(text, d.fixes![0]);
    assert.equal(after, PDSA.replace('  tasks:\n    - { task', '  tasks:\n   - { task'));
    assert.deepEqual(diagnose('c1.pdsa.yaml', after), []);
  });

  it('says what else the parser finds in fewer words, on the line’s characters rather than its first column', () => {
    const ds = diagnose('c1.pdsa.yaml', PDSA.replace('  scale: one team', '  scale: [one team'));
    assert.equal(ds.length, 1, show(ds));
    assert.equal(ds[0].rule, 'yaml/syntax');
    assert.ok(ds[0].range.start.character > 0 || ds[0].range.start.line !== 12, show(ds));
  });

  describe('valid documents', () => {
    function yamlFiles(dir: string): string[] {
      return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? yamlFiles(path.join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [path.join(dir, e.name)] : []));
    }
    const files = [...yamlFiles(path.join(__dirname, '..', '..', 'examples')), ...yamlFiles(FIXTURES)];

    it('hold no mistake for the walk to find: every line of every example and fixture reads as written', () => {
      let documents = 0;
      for (const file of files) {
        const text = fs.readFileSync(file, 'utf8').replace(/\r(?!\n)/g, '\n');
        for (const doc of parseAllDocuments(text)) {
          if (doc.errors.length) continue;
          documents++;
          // An error at the very end: the walk reads every line before it.
          const explained = explainSyntax(text, doc.range, [{ code: 'END', message: 'the end', pos: [doc.range[1], doc.range[1]] }], undefined);
          assert.match(explained.message, /^the end/, `${path.relative(FIXTURES, file)}: ${explained.message}`);
        }
      }
      assert.ok(documents > 100, `${documents} documents`);
    });

    it('gain no schema finding of a slip of layout', () => {
      for (const file of yamlFiles(path.join(__dirname, '..', '..', 'examples'))) {
        const name = path.basename(file);
        const ds = workspaceOf({ [name]: fs.readFileSync(file, 'utf8') }).diagnostics(`file:///ws/${name}`);
        assert.deepEqual(ds.filter((d) => d.rule === 'yaml/syntax' || /belongs? under|is part of the|Add a space after/.test(d.message)), [], name);
      }
    });

    it('the tab fixture keeps its diagnostic, now with a fix', () => {
      const text = readFixture('rapid-charter', 'yaml-syntax.rapid.yaml');
      const [d, ...rest] = workspaceOf({ 'a.rapid.yaml': text }).diagnostics('file:///ws/a.rapid.yaml');
      assert.deepEqual(rest, []);
      assert.deepEqual(d.fixes?.map((f) => [f.kind, f.title]), [['fix', 'Replace the tab with 4 spaces']]);
      assert.equal(applyFix(text, d.fixes![0]), text.replace('\tstatus: open', '    status: open'));
    });
  });

  it('names keys of a list item typed at its dash’s column as the item’s, and holds back the missing `question`', () => {
    const text = PDSA_COMPACT.replace('    question: Will', '  question: Will').replace('    prediction: Five', '  prediction: Five');
    const ds = diagnose('c1.pdsa.yaml', text);
    // The question rule reads the item as it stands (it has no prediction): that is its own finding.
    assert.equal(
      show(ds),
      [
        'pdsa/question-without-prediction 9:4-9:10 Question `q1` has no prediction: add `prediction:` with what you expect to happen',
        'schema/invalid 10:2-10:10 `question` and `prediction` belong to the item above: line them up with `id`',
      ].join('\n'),
    );
    const [fix] = ds[1].fixes!;
    assert.deepEqual([fix.kind, fix.title], ['suggestion', 'Indent 2 keys into the item above']);
    assert.equal(applyFix(text, fix), PDSA_COMPACT);
  });

  it('says a comment inside `{ … }` hides its brace, where the value is no text to quote', () => {
    const text = PDSA.replace('who: lead }', 'who: lead, done: false # not yet }');
    const [d, ...rest] = diagnose('c1.pdsa.yaml', text);
    assert.deepEqual(rest, []);
    assert.equal(`${d.range.start.line}:${d.range.start.character}-${d.range.end.character} ${d.message}`, '11:52-67 A comment inside `{ … }` hides its closing `}`: move it after the `}`');
    assert.equal(d.fixes, undefined);
  });

  it('closes a bracket or quote left open, where its line ends', () => {
    const text = PDSA.replace('who: lead }', 'who: lead');
    const [d, ...rest] = diagnose('c1.pdsa.yaml', text);
    assert.deepEqual(rest, []);
    assert.equal(`${d.range.start.line}:${d.range.start.character}-${d.range.end.character} ${d.message}`, '11:6-44 The mapping opened with `{` is not closed: end it with `}`');
    assert.deepEqual(d.fixes?.map((f) => f.kind), ['suggestion']);
    assert.equal(applyFix(text, d.fixes![0]), PDSA.replace('who: lead }', 'who: lead}'));
  });

  it('aligns a list item with the items above, and its own keys with it', () => {
    const text = DRIVER.replace('  - { id: m-process,', '   - { id: m-process,');
    const [d, ...rest] = diagnose('k3.driver.yaml', text);
    assert.deepEqual(rest, []);
    assert.equal(`${d.range.start.line}:${d.range.start.character}-${d.range.end.character} ${d.message}`, '22:3-4 List item is indented 3 spaces, the items above 2: align it');
    assert.equal(applyFix(text, d.fixes![0]), DRIVER);
  });

  it('names the first key of a block as out of line when the keys after it agree with each other', () => {
    const text = PDSA_DATA.replace('  measure: k3#m-process', '   measure: k3#m-process');
    const [d, ...rest] = diagnose('c1.pdsa.yaml', text);
    assert.deepEqual(rest, []);
    assert.equal(`${d.range.start.line}:${d.range.start.character}-${d.range.end.character} ${d.message}`, '15:3-10 Key `measure` is indented 3 spaces, its siblings 2: align it');
    assert.equal(applyFix(text, d.fixes![0]), PDSA_DATA);
  });

  it('on every line of the examples, one space too many or too few is named on that line, with a suggestion that undoes it', function () {
    this.timeout(120_000);
    const dir = path.join(__dirname, '..', '..', 'examples');
    let named = 0;
    for (const name of fs.readdirSync(dir).filter((f) => /^[^.].*\.ya?ml$/.test(f))) {
      const original = fs.readFileSync(path.join(dir, name), 'utf8');
      const lines = original.split('\n');
      lines.forEach((line, i) => {
        if (!/^ *[^\s#]/.test(line)) return;
        for (const changed of [` ${line}`, ...(line.startsWith(' ') ? [line.slice(1)] : [])]) {
          const text = [...lines.slice(0, i), changed, ...lines.slice(i + 1)].join('\n');
          const syntax = workspaceOf({ [name]: text }).diagnostics(`file:///ws/${name}`).filter((d) => d.rule === 'yaml/syntax');
          if (!syntax.length) continue;
          named++;
          const where = `${name}:${i + 1} ${JSON.stringify(changed)}`;
          assert.equal(syntax.length, 1, `${where}: ${show(syntax)}`);
          assert.equal(syntax[0].range.start.line, i, `${where}: ${show(syntax)}`);
          assert.ok(syntax[0].fixes?.some((f) => applyFix(text, f) === original), `${where}: ${show(syntax)}`);
        }
      });
    }
    assert.ok(named > 300, `${named} mistakes named`);
  });

  it('on every indented line of the examples, a tab instead of the first two spaces is named there, and a fix puts them back', function () {
    this.timeout(120_000);
    const dir = path.join(__dirname, '..', '..', 'examples');
    let fixed = 0;
    for (const name of fs.readdirSync(dir).filter((f) => /^[^.].*\.ya?ml$/.test(f))) {
      const original = fs.readFileSync(path.join(dir, name), 'utf8');
      const lines = original.split('\n');
      lines.forEach((line, i) => {
        if (!/^ {2,}[^\s#]/.test(line)) return;
        const text = [...lines.slice(0, i), line.replace(/^( *) {2}/, '$1\t'), ...lines.slice(i + 1)].join('\n');
        const [d, ...rest] = workspaceOf({ [name]: text }).diagnostics(`file:///ws/${name}`).filter((x) => x.rule === 'yaml/syntax');
        const where = `${name}:${i + 1}`;
        assert.ok(d && !rest.length && d.range.start.line === i, `${where}: ${show(d ? [d, ...rest] : [])}`);
        assert.match(d.message, /^Tabs are not allowed as indentation/);
        const fix = d.fixes?.find((f) => f.kind === 'fix');
        if (fix) {
          fixed++;
          assert.equal(applyFix(text, fix), original, `${where}: a fix runs unattended, so it must be what was meant`);
        }
      });
    }
    assert.ok(fixed > 200, `${fixed} tabs fixed`);
  });

  it('keeps its messages short: none over 120 characters', () => {
    for (const m of MISTAKES) for (const d of diagnose(m.file, m.text)) assert.ok(d.message.length <= 120, d.message);
  });

  describe('improvekit check --fix', () => {
    it('applies the tab fix and the known key’s space, never a suggestion, and keeps CRLF', async () => {
      const tab = PDSA.replace('  scale: one team', '\tscale: one team').replace(/\n/g, '\r\n');
      const noSpace = PDSA.replace('id: c1', 'id: c2').replace('cycle: 1', 'cycle: 2').replace('title: First', 'title:First');
      const misaligned = PDSA.replace('id: c1', 'id: c4').replace('cycle: 1', 'cycle: 4').replace('  scale: one team', '   scale: one team');
      const comma = PDSA.replace('id: c1', 'id: c3').replace('cycle: 1', 'cycle: 3').replace('{ task: Print a tally sheet, who: lead }', '{ task: Print, then hand out a tally sheet, who: lead }');
      const dir = scratchTree({ '.improvekit.yaml': 'rules:\n  driver/measure-without-data: off\n', 'k3.driver.yaml': DRIVER, 'c4.pdsa.yaml': misaligned, 'c1.pdsa.yaml': tab, 'c2.pdsa.yaml': noSpace, 'c3.pdsa.yaml': comma }, { git: true });
      const r = await runCli(dir, 'check', '.', '--fix', '--format', 'json');
      assert.equal(fs.readFileSync(path.join(dir, 'c1.pdsa.yaml'), 'utf8'), PDSA.replace(/\n/g, '\r\n'));
      assert.equal(fs.readFileSync(path.join(dir, 'c2.pdsa.yaml'), 'utf8'), noSpace.replace('title:First', 'title: First'));
      assert.equal(fs.readFileSync(path.join(dir, 'c4.pdsa.yaml'), 'utf8'), misaligned, 'a suggestion is not applied');
      assert.equal(fs.readFileSync(path.join(dir, 'c3.pdsa.yaml'), 'utf8'), comma, 'a suggestion is not applied');
      assert.match(r.stderr, /2 fixes applied in 2 files/);
      const findings = JSON.parse(r.stdout) as Array<{ rule: string; file: string; message: string }>;
      assert.deepEqual(
        findings.map((f) => `${path.basename(f.file)} ${f.rule} ${f.message}`).sort(),
        ['c3.pdsa.yaml schema/invalid `then hand out a tally sheet` is part of the task: quote the task, it holds `, `', 'c4.pdsa.yaml yaml/syntax Key `scale` is indented 3 spaces, its siblings 2: align it'],
      );
    });
  });
});

describe('a key flush left under an empty key further up', () => {
  it('says to move it there, with no quick fix, when a key of the mapping stands between', () => {
    const text = 'kind: measure\nid: m1\ntitle: Huddle minutes\ndata:\nmeasure: k3#m-minutes\npoints:\n  - { date: 2026-01-05, value: 20 }\n';
    const ds = diagnose('m.measure.yaml', text).filter((d) => d.rule === 'schema/invalid');
    assert.equal(show(ds), 'schema/invalid 5:0-5:6 `points` belongs under `data:`: move it below `data:` and indent it');
    assert.equal(ds[0].fixes?.length ?? 0, 0);
  });
});
