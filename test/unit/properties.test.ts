import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import type { z } from 'zod';
import { Workspace } from '../../src/core/workspace';
import { parseConfig, CONFIG_FILE, type Config } from '../../src/core/config';
import { ALL_RULES, ENGINE_RULES } from '../../src/core/rules/registry';
import type { Diagnostic, Position, Range } from '../../src/core/types';
import { KIND_SPECS, KINDS } from '../../src/core/kinds';
import { FIXTURES, TEST_TODAY } from '../helpers';
import { def } from '../../src/core/schemas/walk';

/*
 * Properties of the engine over random and mutated documents (DESIGN §8): it never throws,
 * every diagnostic points inside its document, names a known rule and says something, checking
 * is deterministic and independent of the order files arrive in, and every fix applies cleanly.
 */

const ROOT = path.join(__dirname, '..', '..');
const KNOWN_RULES = new Set([...ALL_RULES.map((r) => r.id), ...ENGINE_RULES.map((r) => r.id)]);
/** Runs per property; raise PROPERTY_RUNS for a longer search (e.g. in a nightly job). */
const RUNS = Number(process.env.PROPERTY_RUNS) || 100;
/**
 * The suite runs with a fixed seed, so a test run gives the same verdict every time (CI must not
 * pass or fail by chance). PROPERTY_SEED=random searches afresh (fast-check prints the seed of a
 * failure); PROPERTY_SEED=<n> replays one.
 */
const SEED = process.env.PROPERTY_SEED === 'random' ? undefined : process.env.PROPERTY_SEED ? Number(process.env.PROPERTY_SEED) : 20261124;
const runs = (numRuns: number) => ({ numRuns, ...(SEED === undefined ? {} : { seed: SEED }) });

// ---- real documents, the seeds of mutation ----

interface Sample {
  name: string;
  text: string;
}

function walkFiles(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walkFiles(full, out);
    else if (/\.(ya?ml|md)$/.test(entry.name)) out.push(full);
  }
  return out;
}

const allSamples: Sample[] = [...walkFiles(path.join(ROOT, 'examples')), ...walkFiles(FIXTURES)]
  .sort()
  .map((file) => ({ name: path.basename(file), text: fs.readFileSync(file, 'utf8') }));
const SAMPLES = allSamples.filter((s) => s.name !== CONFIG_FILE);
const CONFIG_SAMPLES = allSamples.filter((s) => s.name === CONFIG_FILE);

// ---- arbitraries ----

/** Ids that collide across documents, and ids that are names of Object.prototype members. */
const ID_POOL = ['a', 'b', 'c-huddles', 'p-coaching', 's-release', 'm-reading', 'k3-reading', 'supt', 'cao', 'principals', 'team-lead', 'tl-grade3', 'q1', 'huddles-c1', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype', 'k3-reading#c-huddles', 'x#y#z', ''];
const WORD_POOL = ['pedagogy', 'summative', 'yes', 'no', 'null', '~', 'true', '1e309', '-0', '.nan', '50%', '2026-02-30', '2026-03-01', 'Ünïcødé ✓', 'a: b', '- x', '#', '"', "'", '\t', '&a', '*a', '!!str', '{', '[', '\u0000', '\r', '\u2028'];

const leafString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...ID_POOL) },
  { weight: 2, arbitrary: fc.constantFrom(...WORD_POOL) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
);
const leafNumber = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: -3, max: 40 }) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, 1e309, -1e309, Number.NaN, 2 ** 53 + 1, 0.5, 1.5) },
);
const anyScalar: fc.Arbitrary<unknown> = fc.oneof(leafString, leafNumber, fc.boolean(), fc.constant(null));
const junk: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: anyScalar },
  { weight: 1, arbitrary: fc.array(anyScalar, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(leafString, anyScalar, { maxKeys: 2 }) },
);

const defOf = def;

/** Sets a key as an own property, even `__proto__`. */
function put(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * Values shaped by a kind's schema (its real keys, enums and lists). Wild values mix in junk of
 * every type and unknown keys; tidy ones keep to the schema, so that the method's rules fire.
 */
function fromSchema(schema: z.ZodType, depth: number, wild: boolean): fc.Arbitrary<unknown> {
  const d = defOf(schema);
  const rightOrWrong = (right: fc.Arbitrary<unknown>) => (wild ? fc.oneof({ weight: 8, arbitrary: right }, { weight: 1, arbitrary: depth > 5 ? anyScalar : junk }) : right);
  switch (d.type) {
    case 'optional':
    case 'nullable':
      return wild ? fc.oneof({ weight: 8, arbitrary: fromSchema(d.innerType!, depth, wild) }, { weight: 1, arbitrary: fc.constant(null) }) : fromSchema(d.innerType!, depth, wild);
    case 'object': {
      const keys = Object.keys(d.shape ?? {});
      const entries = keys.map((k) => fc.option(fromSchema(d.shape![k], depth + 1, wild), { freq: 3, nil: undefined }).map((v) => [k, v] as const));
      const extra = fc.array(fc.tuple(fc.oneof(fc.constantFrom('x-note', 'x-deep', 'statsu', '__proto__', 'constructor', 'toString'), leafString), anyScalar), { maxLength: wild ? 2 : 0 });
      return fc.tuple(fc.tuple(...entries), extra).map(([pairs, more]) => {
        const out: Record<string, unknown> = {};
        for (const [k, v] of pairs) if (v !== undefined) put(out, k, v);
        for (const [k, v] of more) if (typeof k === 'string' && k) put(out, k, v);
        return out;
      });
    }
    case 'array':
      return fc.array(rightOrWrong(fromSchema(d.element!, depth + 1, wild)), { maxLength: depth > 2 ? 2 : 6 });
    case 'union':
      return fc.oneof(...d.options!.map((o) => fromSchema(o, depth, wild)));
    case 'enum':
      return rightOrWrong(fc.constantFrom(...Object.values(d.entries ?? {})));
    case 'literal':
      return wild ? fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...(d.values ?? [])) }, { weight: 1, arbitrary: fc.constantFrom(...KINDS) }) : fc.constantFrom(...(d.values ?? []));
    case 'string':
      return rightOrWrong(wild ? leafString : fc.constantFrom(...ID_POOL.slice(0, -1), '2026-03-01', '2026-04-15', 'huddles-c1', '50%', 'pedagogy'));
    case 'number':
      return rightOrWrong(wild ? leafNumber : fc.integer({ min: 0, max: 40 }));
    case 'boolean':
      return rightOrWrong(fc.boolean());
    default:
      return junk;
  }
}


const yamlOptions = fc.record({
  indent: fc.integer({ min: 1, max: 4 }),
  flowLevel: fc.oneof(fc.constant(undefined), fc.integer({ min: 0, max: 3 })),
  quote: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE') as fc.Arbitrary<'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE'>,
});

function toYaml(value: unknown, o: { indent: number; flowLevel: number | undefined; quote: 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE' }): string {
  const text = stringify(value, { indent: o.indent, defaultStringType: o.quote, lineWidth: 0 });
  if (o.flowLevel === 0) return stringify(value, { collectionStyle: 'flow', lineWidth: 0 });
  return text;
}

/** A generated document of one kind, as a YAML file named for its kind. */
const generatedDoc: fc.Arbitrary<Sample> = fc
  .constantFrom(...KINDS)
  .chain((kind) => fc.tuple(fc.constant(kind), fc.boolean().chain((wild) => fromSchema(KIND_SPECS[kind].schema, 0, wild)), yamlOptions, fc.boolean(), fc.integer({ min: 0, max: 999 })))
  .map(([kind, value, options, bySuffix, n]) => ({
    name: bySuffix ? `gen${n}.${KIND_SPECS[kind].suffix}.yaml` : `gen${n}.yaml`,
    text: toYaml(value, options),
  }));

const INSERTS = [':', '-', '- ', '#', '"', "'", '\t', '&a ', '*a', '!!tag ', '!!binary ', '{', '}', '[', ']', '---\n', '...\n', '? ', '|', '>', '%YAML 1.2\n', '\u0000', '\r', '\r\n', '\ufeff', 'é', '😀', '\ud800', '  ', '```', '~~~', 'kind: rapid-charter\n', 'id: __proto__\n', '<<: *a\n'];

type Mutation =
  | { op: 'delete'; at: number }
  | { op: 'duplicate'; at: number }
  | { op: 'swap'; at: number; with: number }
  | { op: 'insert'; at: number; col: number; text: string }
  | { op: 'indent'; at: number; by: number }
  | { op: 'truncate'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), col: fc.nat(), text: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...INSERTS) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) }) }),
  fc.record({ op: fc.constant('indent' as const), at: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
);

function mutate(text: string, mutations: readonly Mutation[]): string {
  const lines = text.split('\n');
  for (const m of mutations) {
    if (!lines.length) lines.push('');
    const i = m.at % lines.length;
    switch (m.op) {
      case 'delete':
        lines.splice(i, 1);
        break;
      case 'duplicate':
        lines.splice(i, 0, lines[i]);
        break;
      case 'swap': {
        const j = m.with % lines.length;
        [lines[i], lines[j]] = [lines[j], lines[i]];
        break;
      }
      case 'insert': {
        const col = m.col % (lines[i].length + 1);
        lines[i] = lines[i].slice(0, col) + m.text + lines[i].slice(col);
        break;
      }
      case 'indent':
        lines[i] = m.by >= 0 ? ' '.repeat(m.by) + lines[i] : lines[i].replace(new RegExp(`^ {0,${-m.by}}`), '');
        break;
      case 'truncate':
        lines[i] = lines[i].slice(0, m.at % (lines[i].length + 1));
        break;
    }
  }
  return lines.join('\n');
}

const mutatedSample: fc.Arbitrary<Sample> = fc
  .tuple(fc.constantFrom(...SAMPLES), fc.array(mutation, { minLength: 1, maxLength: 6 }))
  .map(([s, ms]) => ({ name: s.name, text: mutate(s.text, ms) }));

const mutatedGenerated: fc.Arbitrary<Sample> = fc.tuple(generatedDoc, fc.array(mutation, { maxLength: 3 })).map(([s, ms]) => ({ name: s.name, text: mutate(s.text, ms) }));

/** Markdown with front matter, fenced blocks of every kind (some unclosed), and prose. */
const markdownDoc: fc.Arbitrary<Sample> = fc
  .tuple(
    fc.option(generatedDoc, { nil: undefined }),
    fc.array(fc.tuple(fc.constantFrom<string>(...KINDS, 'yaml', 'rapid-charter extra'), fc.oneof(generatedDoc, mutatedSample), fc.constantFrom('```', '~~~', '````', '   ```')), { maxLength: 4 }),
    fc.array(fc.constantFrom('# Title', 'Some prose.', '---', '', '```', '> quote', '<script>alert(1)</script>', '[x](javascript:alert(1))'), { maxLength: 4 }),
    fc.boolean(),
    fc.integer({ min: 0, max: 999 }),
  )
  .map(([front, fences, prose, closeLast, n]) => {
    const parts: string[] = [];
    if (front) parts.push(`---\n${front.text}---`);
    fences.forEach(([info, doc, fence], i) => {
      parts.push(prose[i % Math.max(1, prose.length)] ?? '');
      const closed = closeLast || i < fences.length - 1;
      parts.push(`${fence}${info}\n${doc.text}${closed ? fence.trim() : ''}`);
    });
    return { name: `notes${n}.md`, text: parts.join('\n') + '\n' };
  });

const anyDoc: fc.Arbitrary<Sample> = fc.oneof(
  { weight: 3, arbitrary: generatedDoc },
  { weight: 3, arbitrary: mutatedSample },
  { weight: 1, arbitrary: mutatedGenerated },
  { weight: 2, arbitrary: markdownDoc },
  { weight: 1, arbitrary: fc.constantFrom(...SAMPLES) },
);

/** A small workspace: distinct names, so that no file replaces another. */
const workspaceFiles: fc.Arbitrary<Sample[]> = fc.array(anyDoc, { minLength: 1, maxLength: 4 }).map((docs) => docs.map((d, i) => ({ name: `${i}-${d.name}`, text: d.text })));

// ---- checks ----

/** The line table as an editor builds it: CRLF, LF and lone CR end a line. */
function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((l) => l.length);
}

function assertInside(lengths: number[], p: Position, what: string): void {
  assert.ok(Number.isInteger(p.line) && p.line >= 0 && p.line < lengths.length, `${what}: line ${p.line} outside 0..${lengths.length - 1}`);
  assert.ok(Number.isInteger(p.character) && p.character >= 0 && p.character <= lengths[p.line], `${what}: character ${p.character} outside line ${p.line} of length ${lengths[p.line]}`);
}

function assertRange(lengths: number[], r: Range, what: string): void {
  assertInside(lengths, r.start, `${what} start`);
  assertInside(lengths, r.end, `${what} end`);
  assert.ok(r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character), `${what}: start after end ${JSON.stringify(r)}`);
}

function offsetOf(text: string, p: Position): number {
  const re = /\r\n|\r|\n/g;
  let line = 0;
  let start = 0;
  while (line < p.line) {
    const m = re.exec(text);
    if (!m) break;
    start = m.index + m[0].length;
    line++;
  }
  return start + p.character;
}

function assertDiagnostics(texts: ReadonlyMap<string, string>, all: Map<string, Diagnostic[]>): void {
  for (const [uri, diagnostics] of all) {
    const text = texts.get(uri);
    if (text === undefined) {
      // Not a file the test set: a data file (CSV) a document names, which `allDiagnostics` also
      // returns. The workspace has no text for it, so nothing can lie inside it: a missing data
      // file is reported on the document that names it (pdsa/data-unreadable), never on itself.
      assert.deepEqual(diagnostics.map((d) => `${d.rule} ${d.message.slice(0, 80)}`), [], `${uri}: a data file the workspace does not have, yet it has findings`);
      continue;
    }
    const lengths = lineLengths(text);
    for (const d of diagnostics) {
      const what = `${d.rule} in ${uri} (${d.message.slice(0, 80)})`;
      assert.equal(d.uri, uri);
      assert.ok(KNOWN_RULES.has(d.rule), `unknown rule id ${d.rule}`);
      assert.ok(['error', 'warning', 'info', 'hint'].includes(d.severity), `${what}: severity ${String(d.severity)}`);
      assert.ok(typeof d.message === 'string' && d.message.trim().length > 0, `${what}: empty message`);
      assert.doesNotMatch(d.message, /Internal error|undefined is not|Cannot read propert|\[object Object\]|function \w*\(/, `${what}: the message leaks an engine failure`);
      assertRange(lengths, d.range, what);
      for (const r of d.related ?? []) {
        const other = texts.get(r.uri);
        assert.ok(other !== undefined, `${what}: related points at ${r.uri}, not in the workspace`);
        assertRange(lineLengths(other), r.range, `${what} related`);
      }
      for (const fix of d.fixes ?? []) {
        assert.ok(fix.title.trim(), `${what}: fix without a title`);
        const spans = fix.edits.map((e) => {
          assertRange(lengths, e.range, `${what} fix "${fix.title}"`);
          return { start: offsetOf(text, e.range.start), end: offsetOf(text, e.range.end), text: e.newText };
        });
        spans.sort((a, b) => a.start - b.start || a.end - b.end);
        for (let i = 1; i < spans.length; i++) assert.ok(spans[i - 1].end <= spans[i].start, `${what}: fix "${fix.title}" has overlapping edits`);
        let fixed = text;
        for (const s of [...spans].reverse()) fixed = fixed.slice(0, s.start) + s.text + fixed.slice(s.end);
        // The fixed text is checked again: a fix must never leave a file the engine cannot read.
        const again = new Workspace({ today: () => TEST_TODAY });
        again.setFile(uri, fixed);
        assertRangesOnly(fixed, again.diagnostics(uri));
      }
    }
  }
}

function assertRangesOnly(text: string, diagnostics: Diagnostic[]): void {
  const lengths = lineLengths(text);
  for (const d of diagnostics) assertRange(lengths, d.range, `${d.rule} after a fix`);
}

const uriOf = (name: string) => `file:///ws/${name}`;

function checkAll(files: readonly Sample[], config?: Config): Map<string, Diagnostic[]> {
  const ws = new Workspace({ config, today: () => TEST_TODAY });
  for (const f of files) ws.setFile(uriOf(f.name), f.text);
  return ws.allDiagnostics();
}

/** Diagnostics by URI in a canonical order, for comparing runs. */
function canonical(all: Map<string, Diagnostic[]>): Array<[string, Diagnostic[]]> {
  return [...all.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** Compares two runs without a diff of the whole value (assert's diff of large values is slow and huge). */
function assertSame(actual: Array<[string, Diagnostic[]]>, expected: Array<[string, Diagnostic[]]>, what: string): void {
  const a = actual.map(([uri, ds]) => ds.map((d) => `${uri} ${JSON.stringify(d)}`)).flat();
  const e = expected.map(([uri, ds]) => ds.map((d) => `${uri} ${JSON.stringify(d)}`)).flat();
  const i = a.findIndex((x, n) => x !== e[n]);
  if (i >= 0 || a.length !== e.length) {
    const at = i >= 0 ? i : Math.min(a.length, e.length);
    assert.fail(`${what}: ${a.length} vs ${e.length} diagnostics; first difference at ${at}:\n  got      ${(a[at] ?? '(none)').slice(0, 400)}\n  expected ${(e[at] ?? '(none)').slice(0, 400)}`);
  }
}

describe('engine properties (random and mutated documents)', function () {
  this.timeout(60_000);

  it('has real documents to mutate', () => {
    assert.ok(SAMPLES.length > 50, `only ${SAMPLES.length} samples`);
    assert.ok(SAMPLES.some((s) => s.name.endsWith('.md')));
    assert.ok(CONFIG_SAMPLES.length > 0);
  });

  it('never throws, and every diagnostic lies inside its document with a known rule and a message', () => {
    fc.assert(
      fc.property(workspaceFiles, (files) => {
        const texts = new Map(files.map((f) => [uriOf(f.name), f.text]));
        assertDiagnostics(texts, checkAll(files));
      }),
      runs(RUNS),
    );
  });

  it('checks Markdown with front matter and fences of every kind', () => {
    fc.assert(
      fc.property(markdownDoc, (doc) => {
        const all = checkAll([doc]);
        assertDiagnostics(new Map([[uriOf(doc.name), doc.text]]), all);
      }),
      runs(RUNS),
    );
  });

  it('is deterministic: the same files give the same diagnostics, in whatever order they were added', () => {
    fc.assert(
      fc.property(workspaceFiles, (files) => {
        const first = canonical(checkAll(files));
        assertSame(canonical(checkAll(files)), first, 'same input twice');
        assertSame(canonical(checkAll([...files].reverse())), first, 'files added in the reverse order');
      }),
      runs(RUNS),
    );
  });

  it('updates incrementally: editing a file gives what a fresh workspace gives', () => {
    fc.assert(
      fc.property(workspaceFiles, fc.nat(), anyDoc, (files, which, replacement) => {
        const ws = new Workspace({ today: () => TEST_TODAY });
        for (const f of files) ws.setFile(uriOf(f.name), f.text);
        ws.allDiagnostics();
        const edited = files.map((f, i) => (i === which % files.length ? { name: f.name, text: replacement.text } : f));
        ws.setFile(uriOf(edited[which % files.length].name), replacement.text);
        assertSame(canonical(ws.allDiagnostics()), canonical(checkAll(edited)), 'after an edit');
      }),
      runs(RUNS / 2),
    );
  });

  it('reads any .improvekit.yaml without throwing, and checks with whatever configuration results', () => {
    const ruleIds = [...KNOWN_RULES];
    const generatedConfig = fc
      .record({
        rules: fc.dictionary(
          fc.oneof(fc.constantFrom(...ruleIds, 'rapid/*', 'driver/*', 'nope/*', '__proto__', 'constructor', 'toString'), leafString),
          fc.oneof(
            fc.constantFrom('error', 'warning', 'warn', 'info', 'hint', 'off', 'none', 'constructor', 'toString', '__proto__', 'valueOf'),
            fc.boolean(),
            fc.constant(null),
            fc.record({ severity: fc.constantFrom('error', 'off', 'hasOwnProperty'), max_span: leafNumber, threshold: leafNumber, words: fc.array(leafString, { maxLength: 2 }) }, { requiredKeys: [] }),
            junk,
          ),
          { maxKeys: 5 },
        ),
        jargon: fc.oneof(fc.array(leafString, { maxLength: 3 }), junk),
        today: fc.oneof(fc.constantFrom('2026-03-10', '2026-02-30', 'tomorrow'), junk),
      }, { requiredKeys: [] })
      .chain((value) => yamlOptions.map((o) => toYaml(value, o)));
    const configText = fc.oneof(
      generatedConfig,
      fc.tuple(fc.constantFrom(...CONFIG_SAMPLES.map((s) => s.text)), fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([t, ms]) => mutate(t, ms)),
      fc.string({ unit: 'binary', maxLength: 40 }),
    );
    fc.assert(
      fc.property(configText, workspaceFiles, (text, files) => {
        const { config, diagnostics } = parseConfig(text, CONFIG_FILE);
        const lengths = lineLengths(text);
        for (const d of diagnostics) {
          assert.ok(KNOWN_RULES.has(d.rule), d.rule);
          assert.ok(d.message.trim());
          assertRange(lengths, d.range, `${d.rule} in ${CONFIG_FILE}`);
        }
        for (const [id, setting] of Object.entries(config.rules)) {
          assert.ok(KNOWN_RULES.has(id), `configuration names unknown rule ${id}`);
          if (setting.severity !== undefined) assert.ok(['error', 'warning', 'info', 'hint', 'off'].includes(setting.severity), `severity ${String(setting.severity)}`);
        }
        const texts = new Map(files.map((f) => [uriOf(f.name), f.text]));
        assertDiagnostics(texts, checkAll(files, config));
      }),
      runs(RUNS),
    );
  });
});
