import * as assert from 'node:assert/strict';
import { parseFile, LIMITS } from '../../src/core/parse';
import { recognize } from '../../src/core/recognize';
import { LineIndex } from '../../src/core/text';
import { check, at } from '../helpers';

const RAPID = `kind: rapid-charter
id: cabinet-2026
decisions:
  - id: grading-policy
    decision: Adopt a standards-based grading policy
    recommend: cao
    perform: principals
    decide: supt
    statsu: open
`;

describe('recognition', () => {
  it('knows a kind by file name suffix, .yml too', () => {
    assert.equal(recognize('file:///a/cab.rapid.yaml', '').segments[0].kind, 'rapid-charter');
    assert.equal(recognize('file:///a/x.PDSA.yml', '').segments[0].kind, 'pdsa-cycle');
    assert.equal(recognize('file:///a/lincoln.leadership.yaml', '').segments[0].origin, 'suffix');
  });

  it('knows an unsuffixed YAML file by its top-level kind, and ignores other YAML', () => {
    assert.equal(recognize('file:///a/charter.yaml', 'kind: rapid-charter\nid: x\n').segments[0].origin, 'kind');
    const other = recognize('file:///a/ci.yaml', 'jobs:\n  build:\n    kind: thing\n');
    assert.equal(other.segments.length, 0);
    assert.match(other.reason ?? '', /kind/);
    const parsed = parseFile('file:///a/ci.yaml', 'jobs: [\n');
    assert.equal(parsed.documents.length, 0, 'unrelated YAML is never parsed, so never reported');
  });

  it('finds front matter and fenced blocks in Markdown, skipping fences inside other fences', () => {
    const md = [
      '---',
      'kind: message-map',
      'id: parents',
      'messages: [{ text: Hello }]',
      '---',
      '# Workshop',
      '````markdown',
      '```rapid-charter',
      'id: not-a-document',
      '```',
      '````',
      '~~~pdsa-cycle',
      'id: c1',
      '~~~',
      '```yaml',
      'kind: rapid-charter',
      '```',
    ].join('\n');
    const segments = recognize('file:///a/notes.md', md).segments;
    assert.deepEqual(
      segments.map((s) => [s.origin, s.kind]),
      [
        ['front-matter', undefined],
        ['fence', 'pdsa-cycle'],
      ],
    );
  });
});

describe('positions', () => {
  it('point at the offending key (1-based line 9, column 5)', () => {
    const d = check('cab.rapid.yaml', RAPID).find((x) => x.rule === 'schema/invalid');
    assert.ok(d);
    assert.equal(at(d), 'schema/invalid@9:5');
    assert.deepEqual(d.range.end, { line: 8, character: 10 });
  });

  it('are the same with CRLF line ends', () => {
    const d = check('cab.rapid.yaml', RAPID.replace(/\n/g, '\r\n')).find((x) => x.rule === 'schema/invalid');
    assert.equal(d && at(d), 'schema/invalid@9:5');
    assert.deepEqual(d?.range.end, { line: 8, character: 10 });
  });

  it('map from inside a Markdown fence to the line and column of the Markdown file', () => {
    const md = `# Cabinet retreat\n\nNotes from the day.\n\n  \`\`\`rapid-charter\n${RAPID.replace('kind: rapid-charter\n', '')
      .split('\n')
      .map((l) => (l ? `  ${l}` : l))
      .join('\n')}\`\`\`\n`;
    const ds = check('retreat.md', md);
    assert.deepEqual(ds.map(at), ['schema/invalid@13:7']);
  });

  it('map inside front matter and in a CRLF Markdown file', () => {
    const md = `---\r\nkind: message-map\r\nid: parents\r\nmessages:\r\n  - text: Tests move online\r\n    supprt: []\r\n---\r\n# Body\r\n`;
    assert.deepEqual(check('note.md', md).map(at), ['schema/invalid@6:5']);
  });

  it('count a tab or a BOM like the editor does', () => {
    const lines = new LineIndex('\ufeffa\r\nb\rc\n');
    assert.deepEqual(lines.positionAt(4), { line: 1, character: 0 });
    assert.deepEqual(lines.positionAt(6), { line: 2, character: 0 });
    assert.deepEqual(lines.positionAt(3), { line: 0, character: 2 }, 'an offset inside CRLF is the end of its line');
  });
});

describe('hostile and broken input', () => {
  it('reports tabs used for indentation where they are', () => {
    const ds = check('c.pdsa.yaml', 'kind: pdsa-cycle\nid: c1\nplan:\n\tobjective: x\n');
    assert.equal(ds[0].rule, 'yaml/syntax');
    assert.equal(ds[0].range.start.line, 3);
    assert.match(ds[0].message, /spaces/);
  });

  it('stops an alias bomb with a clear message', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++) levels.push(`${'abcdefgh'[i]}: &${'abcdefgh'[i]} [${Array(9).fill(`*${'abcdefgh'[i - 1]}`).join(', ')}]`);
    const ds = check('bomb.rapid.yaml', `kind: rapid-charter\nid: bomb\n${levels.join('\n')}\n`);
    assert.deepEqual(ds.map((d) => d.rule), ['yaml/syntax']);
    assert.match(ds[0].message, /alias/);
  });

  it('refuses deep nesting without exhausting the stack', () => {
    const ds = check('deep.rapid.yaml', `kind: rapid-charter\nid: deep\nx: ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
    assert.deepEqual(ds.map((d) => d.rule), ['yaml/syntax']);
    assert.match(ds[0].message, /nested|deep/);
  });

  it('refuses a file too large to check', () => {
    const ds = check('big.rapid.yaml', `kind: rapid-charter\nid: big\nx: "${'a'.repeat(LIMITS.maxFileChars)}"\n`);
    assert.deepEqual(ds.map((d) => d.rule), ['yaml/syntax']);
    assert.match(ds[0].message, /too large/);
  });

  it('says binary content is not text', () => {
    const ds = check('bin.rapid.yaml', 'kind: rapid-charter\u0000\u0001\u0002');
    assert.deepEqual(ds.map((d) => d.rule), ['yaml/syntax']);
    assert.match(ds[0].message, /binary/);
  });

  it('says what an empty file, a list or a scalar should be', () => {
    for (const text of ['', '- a\n- b\n', 'just text\n', 'null\n']) {
      const ds = check('empty.message.yaml', text);
      assert.equal(ds.length, 1, JSON.stringify(text));
      assert.equal(ds[0].rule, 'schema/invalid');
      assert.match(ds[0].message, /must be a mapping/);
    }
  });

  it('is safe with ids such as __proto__ and constructor', () => {
    const ds = check(
      'proto.driver.yaml',
      `kind: driver-diagram\nid: __proto__\naim: { statement: x }\nprimary_drivers:\n  - { id: constructor, title: a }\n  - { id: toString, title: b }\n  - { id: __proto__, title: c }\n`,
    );
    assert.equal(({} as Record<string, unknown>).title, undefined);
    assert.ok(ds.some((d) => d.rule === 'schema/invalid' && /slug/.test(d.message)), 'the document id is not a slug');
  });

  it('reads YAML streams: each document of a suffixed file is checked', () => {
    const file = parseFile('file:///a/two.rapid.yaml', 'kind: rapid-charter\nid: a\ndecisions: []\n---\nkind: rapid-charter\nid: b\ndecisions: []\n');
    assert.deepEqual(
      file.documents.map((d) => d.id),
      ['a', 'b'],
    );
  });
});

// ---- the fast reader and documents carried across threads (see src/core/fastyaml.ts) ----
import { fromPortable, toPortable, newParseStats, readLenient } from '../../src/core/parse';

describe('fast reading and portable documents', () => {
  const PLAIN = `kind: rapid-charter\nid: cabinet\ndecisions:\n  - id: grading\n    decision: Adopt a policy\n    decide: supt\n    act:\n`;
  const ANCHORED = `kind: rapid-charter\nid: cabinet\ndefaults: &d { status: open }\ndecisions:\n  - id: grading\n    decision: Adopt a policy\n    decide: supt\n    extra: *d\n`;

  it('reads plain documents with the fast reader and the rest with yaml, to the same effect', () => {
    const stats = newParseStats();
    const plain = parseFile('file:///a/cab.rapid.yaml', PLAIN, { stats });
    assert.deepEqual(stats, { fast: 1, yaml: 0 });
    const anchored = parseFile('file:///a/cab.rapid.yaml', ANCHORED, { stats });
    assert.deepEqual(stats, { fast: 1, yaml: 1 });
    parseFile('file:///a/cab.rapid.yaml', PLAIN, { fastPath: false, stats });
    assert.deepEqual(stats, { fast: 1, yaml: 2 }, 'without the fast path, yaml reads every document');
    assert.deepEqual((anchored.documents[0].data?.decisions as Array<{ extra: unknown }>)[0].extra, { status: 'open' });
    assert.deepEqual(plain.documents[0].locate(['decisions', 0, 'decide'], 'value'), { start: PLAIN.indexOf('supt'), end: PLAIN.indexOf('supt') + 4 });
    // A fix inserts from the fast reader's own tree, where yaml's would say.
    const ins = plain.documents[0].insertion(['decisions', 0, 'act'], 'decision', 'adopt');
    assert.ok(ins && ins.text.includes('decision: adopt'));
    assert.deepEqual(ins, parseFile('file:///a/cab.rapid.yaml', PLAIN, { fastPath: false }).documents[0].insertion(['decisions', 0, 'act'], 'decision', 'adopt'));
  });

  it('still reports broken YAML with the friendly messages of yaml', () => {
    const text = 'kind: rapid-charter\nid: a\nid: b\n';
    const file = parseFile('file:///a/cab.rapid.yaml', text);
    assert.deepEqual(file.documents[0].syntax.map((p) => [p.message, p.span]), [['Key `id` appears twice in this mapping: keep one of them.', { start: 26, end: 28 }]]);
  });

  it('finds the duplicate key of a large mapping yaml reads, in the order of the text (its speed: bench row 3)', () => {
    const keys = Array.from({ length: 2_000 }, (_, i) => `k${i}: v${i}`).join('\n');
    const text = `kind: driver-diagram\nid: d\n${keys}\nk7: again\nid: e\n`;
    const file = parseFile('file:///a/big.driver.yaml', text, { fastPath: false });
    // The first of the two duplicates in the text; the second (`id`) is held back behind it.
    assert.deepEqual(file.documents[0].syntax.map((p) => [p.message, p.span]), [['Key `k7` appears twice in this mapping: keep one of them.', { start: text.indexOf('k7: again'), end: text.indexOf('k7: again') + 2 }]]);
  });

  it('carries documents without their spans and locates them by reading the text again', () => {
    for (const text of [PLAIN, ANCHORED]) {
      const original = parseFile('file:///a/cab.rapid.yaml', text);
      const moved = fromPortable(structuredClone(toPortable(original, false)));
      const withSpans = fromPortable(structuredClone(toPortable(original)));
      assert.equal(toPortable(original, false).documents[0].spans, undefined);
      const doc = original.documents[0];
      for (const path of [[], ['id'], ['decisions', 0], ['decisions', 0, 'decide'], ['decisions', 0, 'missing'], ['nowhere']]) {
        for (const target of ['key', 'value', 'item'] as const) {
          assert.deepEqual(moved.documents[0].locate(path, target), doc.locate(path, target), `${JSON.stringify(path)} ${target}`);
          assert.deepEqual(withSpans.documents[0].locate(path, target), doc.locate(path, target), `${JSON.stringify(path)} ${target}`);
        }
        assert.equal(moved.documents[0].has(path), doc.has(path));
      }
      assert.deepEqual(moved.documents[0].value, doc.value);
      assert.deepEqual(moved.documents[0].spanTable(), doc.spanTable());
      assert.deepEqual(moved.documents[0].insertion(['decisions', 0], 'perform', 'x'), doc.insertion(['decisions', 0], 'perform', 'x'));
    }
  });
});

describe('lenient reading', () => {
  it('reads a document being typed, duplicate keys and errors included', () => {
    assert.deepEqual(readLenient('kind: roster\nid: a\nid: b\n'), { kind: 'roster', id: 'b' });
    assert.deepEqual(readLenient('kind: roster\npeople:\n  - id: p\n  - id: [\n'), { kind: 'roster', people: [{ id: 'p' }, { id: [] }] });
  });

  it('keeps the limits of parseFile, and never throws', () => {
    const lines = ['x-a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < 12; i++) lines.push(`x-a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
    assert.equal(readLenient(lines.join('\n')), undefined, 'an alias bomb');
    assert.equal(readLenient(`a: ${'['.repeat(LIMITS.maxDepth + 5)}${']'.repeat(LIMITS.maxDepth + 5)}\n`), undefined, 'too deep');
    assert.equal(readLenient(`a: ${'['.repeat(20_000)}`), undefined, 'deep enough to exhaust the stack');
    assert.equal(readLenient(`a: "${'x'.repeat(LIMITS.maxFileChars)}"\n`), undefined, 'too large');
  });
});
