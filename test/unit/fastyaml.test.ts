/**
 * The fast YAML reader against the `yaml` library: whenever the fast reader accepts a text, the
 * parsed documents (values, spans of every path, located targets, insertions, diagnostics)
 * must be exactly those `yaml` gives. It may refuse anything; `yaml` then reads the text.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseFile, type ParsedFile } from '../../src/core/parse';
import { fastParse, resolvePlain } from '../../src/core/fastyaml';
import { recognize } from '../../src/core/recognize';
import { generateWorkspace, sampleDocuments, largeDriver, largeCharter } from '../../bench/generate';
import type { Path } from '../../src/core/types';

const ROOT = path.join(__dirname, '..', '..');

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(p));
    else if (/\.(ya?ml|md)$/i.test(entry.name)) out.push(p);
  }
  return out;
}

function parseBoth(uri: string, text: string): { slow: ParsedFile; fast: ParsedFile } {
  return { slow: parseFile(uri, text, { fastPath: false }), fast: parseFile(uri, text) };
}

/** Every path into a value, plus paths that do not exist (a missing key, an index too far, a path through a scalar). */
function pathsOf(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (Array.isArray(value)) {
    value.forEach((v, i) => pathsOf(v, [...prefix, i], out));
    out.push([...prefix, value.length], [...prefix, 'id']);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) pathsOf(v, [...prefix, k], out);
    out.push([...prefix, 'no-such-key'], [...prefix, 0]);
  } else {
    out.push([...prefix, 'below']);
  }
  return out;
}

/** Asserts that the two readers agree on a file; returns whether the fast reader read every segment. */
function agree(uri: string, text: string): boolean {
  const { slow, fast } = parseBoth(uri, text);
  const where = `${uri}\n${JSON.stringify(text.slice(0, 400))}`;
  assert.deepEqual(fast.problems, slow.problems, where);
  assert.equal(fast.reason, slow.reason, where);
  assert.equal(fast.documents.length, slow.documents.length, where);
  fast.documents.forEach((f, i) => {
    const s = slow.documents[i];
    assert.deepEqual(
      { kind: f.kind, origin: f.origin, ordinal: f.ordinal, span: f.span, id: f.id, value: f.value, data: f.data, syntax: f.syntax, segment: f.segment },
      { kind: s.kind, origin: s.origin, ordinal: s.ordinal, span: s.span, id: s.id, value: s.value, data: s.data, syntax: s.syntax, segment: s.segment },
      where,
    );
    assert.deepEqual(f.spanTable(), s.spanTable(), where);
    for (const p of pathsOf(s.value)) {
      assert.equal(f.has(p), s.has(p), `${where}\nhas ${JSON.stringify(p)}`);
      for (const target of ['key', 'value', 'item'] as const) {
        assert.deepEqual(f.locate(p, target), s.locate(p, target), `${where}\nlocate ${JSON.stringify(p)} ${target}`);
      }
      assert.deepEqual(f.insertion(p, 'added', 'x'), s.insertion(p, 'added', 'x'), `${where}\ninsertion ${JSON.stringify(p)}`);
    }
  });
  return recognize(uri, text).segments.every((seg) => fastParse(text.slice(seg.span.start, seg.span.end)) !== undefined);
}

/** A small deterministic random source, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}

const PIECES = [
  ' ',
  '  ',
  ':',
  ': ',
  '-',
  '- ',
  '#',
  ' #',
  "'",
  '"',
  '[',
  ']',
  '{',
  '}',
  ',',
  '\n',
  '\r\n',
  '\t',
  '&a ',
  '*a',
  '!',
  '|',
  '>',
  '?',
  '%',
  '@',
  '`',
  '\\',
  'x',
  '0',
  '1.5',
  'null',
  'true',
  '~',
  '---',
  '\u00a0',
  '\u0085',
  'é',
  '\ufeff',
  '0x1F',
  '0o7',
  '.inf',
  '1e3',
  'id',
  'kind',
];

function mutate(text: string, rnd: () => number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)];
  const at = Math.floor(rnd() * (text.length + 1));
  const lines = text.split('\n');
  const li = Math.floor(rnd() * lines.length);
  switch (Math.floor(rnd() * 8)) {
    case 0:
      return text.slice(0, at) + text.slice(at + 1 + Math.floor(rnd() * 3));
    case 1:
    case 2:
      return text.slice(0, at) + pick(PIECES) + text.slice(at);
    case 3:
      lines.splice(li, 0, lines[Math.floor(rnd() * lines.length)]);
      return lines.join('\n');
    case 4:
      lines.splice(li, 1);
      return lines.join('\n');
    case 5:
      lines[li] = rnd() < 0.5 ? `  ${lines[li]}` : lines[li].replace(/^ {1,2}/, '');
      return lines.join('\n');
    case 6:
      lines[li] = `${lines[li]}${pick([' # note', '  ', ' x', ':', ' [a, b]', " 'q'", '\r'])}`;
      return lines.join('\n');
    default:
      lines.splice(li, 0, pick(['# comment', '    # deeper comment', '', '  ', '- x', 'extra: 1', '  extra: [1, 2]', '  - item']));
      return lines.join('\n');
  }
}

describe('fast YAML reader', () => {
  // Mutated texts make `yaml` warn about collection keys; the comparison does not need to hear it.
  const emitWarning = process.emitWarning;
  before(() => {
    process.emitWarning = (() => undefined) as typeof process.emitWarning;
  });
  after(() => {
    process.emitWarning = emitWarning;
  });

  it('resolves plain scalars as YAML 1.2 core schema does', () => {
    assert.equal(resolvePlain('null'), null);
    assert.equal(resolvePlain('~'), null);
    assert.equal(resolvePlain('True'), true);
    assert.equal(resolvePlain('FALSE'), false);
    assert.equal(resolvePlain('42'), 42);
    assert.equal(resolvePlain('-7'), -7);
    assert.equal(resolvePlain('0o17'), 15);
    assert.equal(resolvePlain('0x1F'), 31);
    assert.equal(resolvePlain('1.50'), 1.5);
    assert.equal(resolvePlain('1e3'), 1000);
    assert.ok(Number.isNaN(resolvePlain('.nan') as number));
    assert.equal(resolvePlain('-.inf'), -Infinity);
    assert.equal(resolvePlain('2026-06-30'), '2026-06-30');
    assert.equal(resolvePlain('42%'), '42%');
    assert.equal(resolvePlain('yes'), 'yes');
  });

  it('reads plain documents, and refuses what it leaves to yaml', () => {
    const doc = fastParse('kind: roster\r\nid: a # c\npeople:\n- { id: p, name: "P \\"x\\"" }\n- id: q\n  tags: [a, \'b\'\'c\', 3]\n');
    assert.ok(doc);
    assert.deepEqual(doc.value, {
      kind: 'roster',
      id: 'a',
      people: [
        { id: 'p', name: 'P "x"' },
        { id: 'q', tags: ['a', "b'c", 3] },
      ],
    });
    for (const refused of [
      'a: &x 1\nb: *x\n',
      'a: !tag x\n',
      'a: |\n  text\n',
      'a: b\n  continued\n',
      '---\na: 1\n',
      'a: 1\na: 2\n',
      'a:\tb\n',
      '? a\n: b\n',
      'a: [1,\n  2]\n',
      'a: "x\n  y"\n',
      '- a\n',
      'a: b: c\n',
      '',
      '# only a comment\n',
    ])
      assert.equal(fastParse(refused), undefined, JSON.stringify(refused));
  });

  it('throws what is not a refusal (a bug of the reader), instead of hiding it behind yaml', () => {
    assert.throws(() => fastParse(null as unknown as string), TypeError);
  });

  it('agrees with yaml on every fixture and example', function () {
    this.timeout(120_000);
    const files = [...filesUnder(path.join(ROOT, 'test', 'fixtures')), ...filesUnder(path.join(ROOT, 'examples'))];
    assert.ok(files.length > 20, 'the fixtures are found');
    let fast = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      if (agree(`file:///${path.relative(ROOT, file).split(path.sep).join('/')}`, text)) fast++;
    }
    // Most real documents are plain YAML: the fast reader must be what reads them.
    assert.ok(fast > files.length / 2, `the fast reader read ${fast} of ${files.length} files`);
  });

  it('agrees with yaml on hand-written edge cases of the subset', () => {
    const cases = [
      'kind: roster\nid: a\npeople:\n- { id: p, name: P }\n- id: q\n  name: Q\n',
      'kind: roster\r\nid: a  # the id\r\npeople: []\r\n',
      '# lead comment\n\nkind: roster\nid: a\ngroups:\n  - id: g\n    members: [a, "b", \'c\']\n  # between\n  - id: h\n',
      'kind: roster\nid: a\nx:\n',
      'kind: roster\nid: a\nx:   \ny: 1',
      'kind: roster\nid: a\nx: # nothing yet\n',
      'kind: roster\nid: a\nx:\n  y:\n  z: { a: 1, b: , c: [1, [2, 3], {d: e}] }\n',
      'kind: roster\nid: a\nnote: Protect 7:45-8:05, and a:b\nt: { w: 7:45-8:05 }\n',
      "kind: roster\nid: \"a\\\"b\\u00e9\"\n'q k': 'it''s'\n\"dq\": 0x1F\nn: [~, null, true, 1.50, -3, .inf, 1e3, 0o17]\n",
      'kind: roster\nid: a\nlist:\n  - a\n  - b # c\n# end\n',
      'kind: roster\nid: a\nlist:\n  - a\n  - b\n  # trailing deeper than what follows\nnext: 1\n',
      'kind: roster\nid: a\nx:\n# after an empty value\ny: 1\n',
      'kind: roster\nid: a\nx: [a, b]   \ny: {}\n',
      'kind: roster\nid: a\na:b: c\nurl: https://example.org/a#b\nn: -5\nlist:\n  -   spaced\n  - "q": 1\n    r: 2\n',
      'kind: roster\nid: a\nlist:\n- a\n- b\nafter: 1\nitems:\n  - id: x\n    sub:\n    - 1\n    - 2\n    more: y\n',
      // Null values, where a fix opens a mapping under the key (insertion).
      'kind: roster\nid: a\nx: ~\ny: null\nq: "null"\nz: { a: , b: ~, c: {} }\nw: [~, null]\nv:\n  - id: p\n    act: Null # none yet\n',
      'kind: roster\nid: a\nflow: { id: f, n: 1 }\nempty: {}\nlist: []\n',
    ];
    let fast = 0;
    for (const text of cases) if (agree('file:///edge.roster.yaml', text)) fast++;
    assert.ok(fast >= 13, `the fast reader read ${fast} of ${cases.length} cases`);
  });

  it('agrees with yaml on the benchmark corpus, and reads all of it', function () {
    this.timeout(120_000);
    const files = [...generateWorkspace(40), ...Object.values(sampleDocuments()), { name: 'big.driver.yaml', text: largeDriver(500) }, { name: 'big.rapid.yaml', text: largeCharter(100) }];
    for (const f of files) assert.ok(agree(`file:///bench/${f.name}`, f.text), `${f.name} is read by the fast reader`);
  });

  it('agrees with yaml on thousands of random edits of real documents (it may refuse, never differ)', function () {
    this.timeout(300_000);
    const sources = [...filesUnder(path.join(ROOT, 'examples')), ...filesUnder(path.join(ROOT, 'test', 'fixtures'))]
      .filter((f) => /\.ya?ml$/.test(f))
      .slice(0, 60)
      .map((f) => ({ name: path.basename(f), text: fs.readFileSync(f, 'utf8') }));
    sources.push(...generateWorkspace(10).filter((f) => f.name.endsWith('.yaml')));
    const rnd = random(20260310);
    let accepted = 0;
    let total = 0;
    for (const source of sources) {
      let text = source.text;
      for (let i = 0; i < 30; i++) {
        text = rnd() < 0.3 ? source.text : text;
        text = mutate(text, rnd);
        total++;
        if (agree(`file:///mutated/${source.name}`, text)) accepted++;
      }
    }
    // Many edits keep the text in the subset: the comparison must have exercised the fast reader.
    assert.ok(accepted > total / 5, `the fast reader accepted ${accepted} of ${total} edited texts`);
  });
});
