import * as assert from 'node:assert/strict';
import { LIMITS } from '../../src/core/parse';
import { parseConfig, CONFIG_FILE } from '../../src/core/config';
import type { Diagnostic } from '../../src/core/types';
import { check, workspaceOf } from '../helpers';

/*
 * Hostile input (DESIGN §8): each case gets a clear diagnostic in bounded time. Nothing here
 * measures time; the inputs are big enough that an exponential or quadratic path would run
 * past the timeout below.
 */

function only(diagnostics: Diagnostic[], rule: string): Diagnostic[] {
  const found = diagnostics.filter((d) => d.rule === rule);
  assert.ok(found.length > 0, `expected ${rule}, got ${JSON.stringify(diagnostics.map((d) => `${d.rule}: ${d.message}`))}`);
  return found;
}

function noInternalErrors(diagnostics: Diagnostic[]): void {
  for (const d of diagnostics) assert.doesNotMatch(d.message, /Internal error|Cannot read propert|is not a function|\[object Object\]/, d.message);
}

/** The same document with one key misspelt, so that a diagnostic's position can be compared. */
const MESSAGE_LF = 'kind: message-map\nid: parents\nmessages:\n  - text: Your child takes the new tests online.\n    suport: [Practice tests in March]\n';

/** A deterministic stream of pseudo-random bytes (xorshift), so a failure can be replayed. */
function randomBytes(n: number, seed = 2463534242): string {
  let x = seed;
  let out = '';
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out += String.fromCharCode((x >>> 0) & 0xff);
  }
  return out;
}

const PROTO_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'prototype', 'valueOf'];

function prototypeSnapshot(): Map<string, unknown> {
  return new Map(Object.getOwnPropertyNames(Object.prototype).map((n) => [n, (Object.prototype as Record<string, unknown>)[n]]));
}

describe('hostile input', function () {
  this.timeout(10_000);

  describe('size and structure', () => {
    it('stops a billion-laughs alias bomb and says what to do', () => {
      const lines = ['kind: message-map', 'id: lol', 'x-a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
      for (let i = 1; i < 12; i++) lines.push(`x-a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
      lines.push('messages: *a11');
      const [d] = only(check('lol.message.yaml', lines.join('\n')), 'yaml/syntax');
      assert.match(d.message, new RegExp(`more than ${LIMITS.maxAliasCount}`));
      assert.match(d.message, /Write the values out/);
    });

    it('stops an alias bomb inside a Markdown fence too', () => {
      const lines = ['```message-map', 'id: lol', 'x-a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
      for (let i = 1; i < 12; i++) lines.push(`x-a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
      lines.push('messages: *a11', '```', '');
      const [d] = only(check('notes.md', lines.join('\n')), 'yaml/syntax');
      assert.match(d.message, /alias bomb/);
      assert.equal(d.range.start.line, 1, 'points into the fence');
    });

    it('refuses a 5 MB file with one diagnostic that says to split it', () => {
      const text = 'kind: message-map\nid: big\nmessages:\n' + '  - text: Your child will take the new tests online in spring.\n'.repeat(90_000);
      assert.ok(text.length > 5_000_000);
      const diagnostics = check('big.message.yaml', text);
      assert.equal(diagnostics.length, 1);
      assert.equal(diagnostics[0].rule, 'yaml/syntax');
      assert.match(diagnostics[0].message, /too large.*limit is 2 million.*Split it/);
      assert.deepEqual(diagnostics[0].range.start, { line: 0, character: 0 });
    });

    for (const [name, nested] of [
      ['flow sequences', `${'['.repeat(5000)}${']'.repeat(5000)}`],
      ['flow mappings', `${'{a: '.repeat(5000)}1${'}'.repeat(5000)}`],
      ['block sequences on one line', `\n  ${'- '.repeat(5000)}x`],
    ] as const) {
      it(`reports 5,000-deep ${name} as too deep to read, with advice`, () => {
        const text = `kind: message-map\nid: deep\nmessages: [{ text: hi }]\nx-deep: ${nested}\n`;
        const diagnostics = check('deep.message.yaml', text);
        const syntax = only(diagnostics, 'yaml/syntax');
        assert.equal(syntax.length, 1, 'one diagnostic, not one per level');
        assert.match(syntax[0].message, /nested too deeply|more than 100 levels|Simplify/);
        assert.match(syntax[0].message, /flatten it|Simplify the structure/);
        assert.deepEqual(check('deep.message.yaml', text), diagnostics, 'the same diagnostic every time');
      });
    }

    it('reports block indentation nested 1,000 deep, and 5,000 deep (over the size limit)', () => {
      let text = 'kind: message-map\nid: deep\nx-deep:\n';
      for (let i = 1; i <= 1000; i++) text += `${' '.repeat(i)}k${i}:\n`;
      const [d] = only(check('deep.message.yaml', text), 'yaml/syntax');
      assert.match(d.message, /flatten it|Simplify/);
      let huge = 'kind: message-map\nid: deep\nx-deep:\n';
      for (let i = 1; i <= 5000; i++) huge += `${' '.repeat(i)}k${i}:\n`;
      const [h] = only(check('deeper.message.yaml', huge), 'yaml/syntax');
      assert.match(h.message, /too large|flatten it|Simplify/);
    });

    it('accepts deeply nested x- keys below the depth limit without a word, and stops above it', () => {
      let text = 'kind: message-map\nid: notes\nmessages: [{ text: Tests move online in spring. }]\nx-a:\n';
      for (let i = 1; i <= 90; i++) text += `${' '.repeat(i * 2)}x-k${i}:\n`;
      text += `${' '.repeat(182)}x-leaf: 1\n`;
      assert.deepEqual(check('notes.message.yaml', text), []);
      let deeper = 'kind: message-map\nid: notes\nmessages: [{ text: Tests move online in spring. }]\nx-a:\n';
      for (let i = 1; i <= 150; i++) deeper += `${' '.repeat(i * 2)}x-k${i}:\n`;
      const [d] = only(check('notes.message.yaml', deeper), 'yaml/syntax');
      assert.match(d.message, new RegExp(`more than ${LIMITS.maxDepth} levels|nested too deeply`));
      assert.match(d.message, /flatten it/);
    });

    it('checks a line of a million characters', () => {
      const text = `kind: message-map\nid: long\nmessages:\n  - text: ${'word '.repeat(250_000)}\n`;
      const [d] = only(check('long.message.yaml', text), 'message/too-many-words');
      assert.match(d.message, /250000 words/);
      assert.match(d.message, /keep them to 27 words/);
    });

    it('suggests nothing for very long unknown ids, quickly', () => {
      const long = (i: number) => `id-${String(i).padStart(4, '0')}${'x'.repeat(5000)}`;
      let text = 'kind: driver-diagram\nid: long\naim: { statement: Reading }\nprimary_drivers:\n';
      for (let i = 0; i < 60; i++) text += `  - { id: ${long(i)}, title: Coaching }\n`;
      text += 'secondary_drivers:\n';
      for (let i = 0; i < 60; i++) text += `  - { id: s${i}, title: Time, supports: [${long(i + 100)}] }\n`;
      const unknown = only(check('long.driver.yaml', text), 'ref/unknown');
      assert.equal(unknown.length, 60);
      assert.match(unknown[0].message, /^`[^`]+` names no primary driver: use the id of an existing one, or add it$/);
    });

    it('checks thousands of items with unknown references in bounded time', () => {
      let text = 'kind: driver-diagram\nid: many\naim: { statement: Reading }\nprimary_drivers:\n';
      for (let i = 0; i < 4000; i++) text += `  - { id: p${i}, title: Coaching }\n`;
      text += 'secondary_drivers:\n';
      for (let i = 0; i < 4000; i++) text += `  - { id: s${i}, title: Time, supports: [q${i}] }\n`;
      const unknown = only(check('many.driver.yaml', text), 'ref/unknown');
      assert.equal(unknown.length, 4000);
      assert.match(unknown[0].message, /`q0` names no primary driver/);
    });

    it('checks many documents in one Markdown file, each on its own lines', () => {
      const blocks = Array.from({ length: 3000 }, (_, i) => `\`\`\`message-map\nid: m${i}\nmessages: [{ text: Tests move online. }]\nstatsu: draft\n\`\`\`\n`);
      const diagnostics = check('notes.md', blocks.join('\n'));
      const unknown = only(diagnostics, 'schema/invalid');
      assert.equal(unknown.length, 3000);
      unknown.forEach((d, i) => assert.equal(d.range.start.line, 3 + i * 6));
      assert.match(unknown[0].message, /Unknown key `statsu`: remove it, or start it with `x-`/);
    });
  });

  describe('encoding and text', () => {
    it('reports NUL bytes and control characters as binary content, wherever they are', () => {
      for (const text of ['kind: message-map\u0000\u0001\u0002', `kind: message-map\nid: a\nmessages:\n${'  - text: hello\n'.repeat(6000)}  - text: a\u0000b\n`]) {
        const [d] = only(check('bin.message.yaml', text), 'yaml/syntax');
        assert.match(d.message, /binary content.*Save it as UTF-8 text/);
      }
    });

    it('reports random bytes as binary content', () => {
      const [d] = only(check('noise.rapid.yaml', randomBytes(200_000)), 'yaml/syntax');
      assert.match(d.message, /binary content/);
    });

    it('reads a file with a byte-order mark like one without', () => {
      const plain = check('a.message.yaml', MESSAGE_LF);
      const bom = check('a.message.yaml', `\ufeff${MESSAGE_LF}`);
      assert.deepEqual(bom.map((d) => [d.rule, d.range.start.line, d.message]), plain.map((d) => [d.rule, d.range.start.line, d.message]));
      assert.match(only(bom, 'schema/invalid')[0].message, /Unknown key `suport` — did you mean `support`\?/);
    });

    for (const [name, eol] of [
      ['CRLF', '\r\n'],
      ['lone CR', '\r'],
    ] as const) {
      it(`reports the same diagnostics at the same positions with ${name} line ends`, () => {
        const plain = check('a.message.yaml', MESSAGE_LF);
        const other = check('a.message.yaml', MESSAGE_LF.replace(/\n/g, eol));
        assert.equal(plain.length, 1);
        assert.deepEqual(other.map((d) => [d.rule, d.range, d.message]), plain.map((d) => [d.rule, d.range, d.message]));
        assert.deepEqual(other[0].range.start, { line: 4, character: 4 });
      });
    }

    it('says to indent with spaces when tabs indent', () => {
      const [d] = only(check('a.message.yaml', 'kind: message-map\nid: tabs\nmessages:\n\t- text: hi\n'), 'yaml/syntax');
      assert.match(d.message, /[Tt]abs?.*replace the tab with spaces/);
      assert.equal(d.range.start.line, 3);
    });

    it('says what belongs in an empty file, a whitespace-only file, a list and a scalar', () => {
      for (const [text, shape] of [
        ['', 'empty'],
        ['  \n\n \t\n', 'empty'],
        ['- a\n- b\n', 'a list'],
        ['hello\n', 'a single value'],
        ['42\n', 'a single value'],
      ] as const) {
        const [d] = only(check('a.rapid.yaml', text), 'schema/invalid');
        assert.match(d.message, new RegExp(`is ${shape}`));
        assert.match(d.message, /start it with `kind: rapid-charter` and `id: …`/);
      }
    });

    it('says which key is duplicated and to keep one', () => {
      const [d] = only(check('a.message.yaml', 'kind: message-map\nid: a\nid: b\nmessages: []\n'), 'yaml/syntax');
      assert.match(d.message, /keep one of them/);
      assert.equal(d.range.start.line, 2);
    });
  });

  describe('values', () => {
    const NULL_LISTS: Record<string, string> = {
      'a.roster.yaml': 'kind: roster\nid: r\npeople: [null]\ngroups: [~]\n',
      'a.driver.yaml': 'kind: driver-diagram\nid: d\naim: { statement: s }\nprimary_drivers: [null]\nsecondary_drivers: [null]\nchange_ideas: [null]\nmeasures: [null]\ntags: [null]\n',
      'a.pdsa.yaml': 'kind: pdsa-cycle\nid: c\nchange_idea: d#x\nplan: { questions: [null], tasks: [null] }\nstudy: { results: [null] }\ndata: { points: [null] }\n',
      'a.rapid.yaml': 'kind: rapid-charter\nid: k\ndecisions: [null, { id: a, decision: d, decide: [null], agree: [null], input: [null], perform: [null], recommend: [null] }]\n',
      'a.leadership.yaml': 'kind: leadership-model\nid: l\nroles: [null, { id: r, title: R, category: coach, responsibilities: [null] }]\npositions: [null]\nteams: [null, { id: t, led_by: p, teachers: [null] }]\n',
      'a.message.yaml': 'kind: message-map\nid: m\nmessages: [null, { text: a, support: [null] }]\n',
    };
    for (const [name, text] of Object.entries(NULL_LISTS)) {
      it(`reports null items in every list of ${name} as schema problems`, () => {
        const diagnostics = check(name, text);
        noInternalErrors(diagnostics);
        const schema = only(diagnostics, 'schema/invalid');
        const nulls = (text.match(/null|~/g) ?? []).length;
        assert.ok(schema.length >= nulls, `${schema.length} schema diagnostics for ${nulls} null items`);
        assert.ok(schema.some((d) => /empty \(null\)/.test(d.message)));
      });
    }

    it('names non-finite and huge numbers in counts and thresholds', () => {
      const text = 'kind: leadership-model\nid: nums\nschool: { teachers: 1e309, students: -0 }\ndefaults: { max_span: .nan }\nroles:\n  - { id: r, title: R, category: coach, release_time: -.inf, max_span: 123456789012345678901234567890 }\npositions:\n  - { id: p, role: r }\nteams:\n  - { id: t, led_by: p, teachers: .inf }\n';
      const diagnostics = check('nums.leadership.yaml', text);
      noInternalErrors(diagnostics);
      const schema = only(diagnostics, 'schema/invalid');
      assert.ok(schema.some((d) => /`school\.teachers` should be a whole number of 0 or more, but it is the number Infinity/.test(d.message)));
      assert.ok(schema.some((d) => /defaults\.max_span/.test(d.message) && /NaN/.test(d.message)));
    });

    it('keeps non-finite run-chart values out of the analysis', () => {
      const points = ['1e309', '-0', '.nan', '-.inf', '123456789012345678901234567890', '.inf', '1', '2', '3', '4', '5', '6'];
      const text = `kind: pdsa-cycle\nid: nums\nchange_idea: k3#c\ncycle: 1e309\ndata:\n  points:\n${points.map((v, i) => `    - { date: 2026-03-${String(i + 1).padStart(2, '0')}, value: ${v} }\n`).join('')}`;
      const diagnostics = check('nums.pdsa.yaml', text);
      noInternalErrors(diagnostics);
      assert.ok(only(diagnostics, 'schema/invalid').some((d) => /`cycle`/.test(d.message)));
      for (const d of diagnostics) assert.doesNotMatch(d.message, /NaN points|Infinity points|median NaN/);
    });
  });

  describe('names of Object.prototype members', () => {
    let before: Map<string, unknown>;
    beforeEach(() => {
      before = prototypeSnapshot();
    });
    afterEach(() => {
      assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype polluted');
      assert.deepEqual(prototypeSnapshot(), before, 'Object.prototype changed');
    });

    it('treats them as ordinary ids of documents, items, people, keys and references', () => {
      const files = {
        'people.roster.yaml': `kind: roster\nid: constructor\npeople:\n${PROTO_NAMES.map((n) => `  - { id: ${n}, name: ${n} person }`).join('\n')}\n`,
        'proto.rapid.yaml': [
          'kind: rapid-charter',
          'id: __proto__',
          '__proto__: { polluted: yes }',
          'decisions:',
          '  - { id: __proto__, decision: One, recommend: constructor, agree: [toString], input: [hasOwnProperty], perform: prototype, decide: __proto__ }',
          '  - { id: constructor, decision: Two, recommend: toString, perform: toString, decide: isPrototypeOf }',
          '  - { id: __proto__, decision: Three, recommend: valueOf, perform: valueOf, decide: valueOf }',
          '',
        ].join('\n'),
        'proto.driver.yaml': [
          'kind: driver-diagram',
          'id: toString',
          'aim: { statement: Reading, measure: constructor, target: 70%, by: 2027-06-30 }',
          'primary_drivers: [{ id: __proto__, title: Coaching }]',
          'secondary_drivers: [{ id: hasOwnProperty, title: Time, supports: [__proto__, valueOf] }]',
          'change_ideas: [{ id: prototype, title: Huddles, supports: [hasOwnProperty], measures: [constructor], status: idea }]',
          'measures: [{ id: constructor, name: Reading, type: outcome }, { id: toString, name: Load, type: balancing }]',
          '',
        ].join('\n'),
        'proto.pdsa.yaml': 'kind: pdsa-cycle\nid: hasownproperty\nchange_idea: toString#prototype\nprevious: toString\nplan:\n  questions:\n    - { id: __proto__, question: Will it work?, prediction: Yes }\nstudy:\n  results:\n    - { question: constructor, result: r }\n',
      };
      const ws = workspaceOf(files);
      const all = ws.allDiagnostics();
      for (const list of all.values()) noInternalErrors(list);
      const rapid = all.get('file:///ws/proto.rapid.yaml')!;
      assert.ok(rapid.some((d) => d.rule === 'schema/invalid' && /Unknown key `__proto__`/.test(d.message)), 'a `__proto__` key is an unknown key');
      assert.ok(rapid.some((d) => d.rule === 'ref/duplicate-id' && /__proto__/.test(d.message)), 'duplicate `__proto__` items');
      const unknownPeople = rapid.filter((d) => d.rule === 'ref/unknown-person').map((d) => d.message);
      assert.ok(unknownPeople.some((m) => /isPrototypeOf/.test(m)), 'a name on Object.prototype is no person');
      assert.ok(!unknownPeople.some((m) => /^`(__proto__|constructor|toString|hasOwnProperty|prototype|valueOf)` is not/.test(m)), `roster people resolve: ${unknownPeople.join(' | ')}`);
      const driver = all.get('file:///ws/proto.driver.yaml')!;
      const unknown = driver.filter((d) => d.rule === 'ref/unknown').map((d) => d.message);
      assert.equal(unknown.length, 1, unknown.join(' | '));
      assert.match(unknown[0], /`valueOf` names no primary driver/);
      assert.ok(!driver.some((d) => d.rule === 'driver/orphan-change-idea' || d.rule === 'driver/primary-without-secondary'));
      const pdsa = all.get('file:///ws/proto.pdsa.yaml')!;
      assert.ok(pdsa.some((d) => d.rule === 'pdsa/broken-chain' && /toString/.test(d.message)), '`previous: toString` names a driver diagram, not a cycle');
      assert.ok(pdsa.some((d) => d.rule === 'ref/unknown' && /`constructor` names no plan question/.test(d.message)));
      assert.ok(!pdsa.some((d) => d.rule === 'ref/unknown' && /change idea/.test(d.message)), 'toString#prototype resolves');
    });

    it('counts deciders named after Object.prototype members like any other', () => {
      const decisions = Array.from({ length: 11 }, (_, i) => `  - { id: d${i}, decision: Decision ${i}, recommend: a, perform: b, decide: constructor }`).join('\n');
      const diagnostics = check('load.rapid.yaml', `kind: rapid-charter\nid: load\ndecisions:\n${decisions}\n`);
      const [d] = only(diagnostics, 'rapid/decider-overload');
      assert.match(d.message, /constructor/);
    });

    it('refuses them as rule ids and severities in .improvekit.yaml', () => {
      const { config, diagnostics } = parseConfig('rules:\n  constructor: off\n  __proto__: error\n  schema/invalid: constructor\n  ref/unknown: { severity: toString }\n  message/jargon: hasOwnProperty\n', CONFIG_FILE);
      assert.equal(diagnostics.filter((d) => d.rule === 'config/invalid').length, 5, JSON.stringify(diagnostics.map((d) => d.message)));
      assert.ok(diagnostics.some((d) => /Unknown rule `constructor`/.test(d.message)));
      assert.ok(diagnostics.some((d) => /`constructor` is not a severity\. Use one of error, warning, info, hint or off/.test(d.message)));
      for (const setting of Object.values(config.rules)) assert.equal(setting.severity, undefined);
      assert.equal(Object.getPrototypeOf(config.rules), Object.prototype);
    });
  });
});
