import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { main } from '../../src/cli/main';
import { ALL_RULES, ENGINE_RULES } from '../../src/core/rules/registry';
import type { Finding } from '../../src/cli/format';

/*
 * The CLI over a folder of several hundred mutated and hostile files (DESIGN §8, §3): it
 * finishes, prints valid JSON, keeps every range inside its file, reports every hostile file,
 * and exits 1 for what it finds, never 2 (2 is for usage errors only).
 */

const ROOT = path.join(__dirname, '..', '..');
const KNOWN_RULES = new Set([...ALL_RULES.map((r) => r.id), ...ENGINE_RULES.map((r) => r.id)]);
const IS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;


async function run(cwd: string, ...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { cwd, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), color: false });
  return { code, stdout, stderr };
}

/** Deterministic pseudo-random numbers (xorshift), so that a failing folder can be rebuilt. */
function prng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}

function samples(): Array<{ name: string; text: string }> {
  const out: Array<{ name: string; text: string }> = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.(ya?ml|md)$/.test(e.name) && e.name !== '.improvekit.yaml') out.push({ name: e.name, text: fs.readFileSync(full, 'utf8') });
    }
  };
  walk(path.join(ROOT, 'examples'));
  walk(path.join(ROOT, 'test', 'fixtures'));
  return out.sort((a, b) => (a.name < b.name ? -1 : 1));
}

const INSERTS = [':', '- ', '#', '"', "'", '\t', '&a ', '*a', '!!tag ', '{', '[', ']', '}', 'é', '😀', '\r', '---\n', '```\n', 'id: __proto__\n', '  ', '? '];

function mutate(text: string, random: () => number): string {
  const lines = text.split('\n');
  const n = 1 + Math.floor(random() * 5);
  for (let k = 0; k < n; k++) {
    const i = Math.floor(random() * lines.length);
    const op = Math.floor(random() * 5);
    if (op === 0) lines.splice(i, 1);
    else if (op === 1) lines.splice(i, 0, lines[i] ?? '');
    else if (op === 2) {
      const j = Math.floor(random() * lines.length);
      [lines[i], lines[j]] = [lines[j], lines[i]];
    } else if (op === 3) {
      const line = lines[i] ?? '';
      const col = Math.floor(random() * (line.length + 1));
      lines[i] = line.slice(0, col) + INSERTS[Math.floor(random() * INSERTS.length)] + line.slice(col);
    } else lines[i] = ' '.repeat(Math.floor(random() * 4)) + (lines[i] ?? '');
  }
  return lines.join('\n');
}

const deepFlow = `kind: message-map\nid: deep\nmessages: [{ text: hi }]\nx-deep: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
const aliasBomb = (() => {
  const lines = ['kind: message-map', 'id: lol', 'x-a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i < 12; i++) lines.push(`x-a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\nmessages: *a11\n`;
})();

/** Hostile files, each with the rule that must report it. */
const HOSTILE: Record<string, { content: string | Buffer; rule: string; message?: RegExp }> = {
  'hostile/bomb.message.yaml': { content: aliasBomb, rule: 'yaml/syntax', message: /alias/ },
  'hostile/huge.message.yaml': { content: `kind: message-map\nid: huge\nmessages:\n${'  - text: Your child takes the new tests online.\n'.repeat(120_000)}`, rule: 'yaml/syntax', message: /too large/ },
  'hostile/deep.message.yaml': { content: deepFlow, rule: 'yaml/syntax', message: /nested/ },
  'hostile/binary.rapid.yaml': { content: Buffer.from([0x6b, 0x69, 0x6e, 0x64, 0x3a, 0x00, 0x01, 0x02, 0x0a]), rule: 'yaml/syntax', message: /binary/ },
  'hostile/latin1.rapid.yaml': { content: Buffer.from('kind: rapid-charter\nid: caf\xe9\n', 'latin1'), rule: 'file/unreadable', message: /UTF-8/ },
  'hostile/tabs.message.yaml': { content: 'kind: message-map\nid: tabs\nmessages:\n\t- text: hi\n', rule: 'yaml/syntax', message: /spaces/ },
  'hostile/empty.pdsa.yaml': { content: '', rule: 'schema/invalid', message: /empty/ },
  'hostile/blank.pdsa.yaml': { content: ' \n\t\n', rule: 'schema/invalid', message: /empty/ },
  'hostile/list.roster.yaml': { content: '- a\n- b\n', rule: 'schema/invalid', message: /a list/ },
  'hostile/scalar.driver.yaml': { content: 'hello\n', rule: 'schema/invalid', message: /single value/ },
  'hostile/nulls.rapid.yaml': { content: 'kind: rapid-charter\nid: nulls\ndecisions: [null, ~]\n', rule: 'schema/invalid', message: /null/ },
  'hostile/proto.rapid.yaml': { content: 'kind: rapid-charter\nid: __proto__\n__proto__: { polluted: yes }\ndecisions:\n  - { id: constructor, decision: d, decide: toString }\n', rule: 'schema/invalid', message: /__proto__/ },
  'hostile/numbers.leadership.yaml': { content: 'kind: leadership-model\nid: nums\nschool: { teachers: 1e309, students: -0 }\ndefaults: { max_span: .nan }\n', rule: 'schema/invalid', message: /Infinity/ },
  'hostile/dup.message.yaml': { content: 'kind: message-map\nid: a\nid: b\nmessages: []\n', rule: 'yaml/syntax', message: /keep one/ },
  'hostile/bom-crlf.message.yaml': { content: '\ufeffkind: message-map\r\nid: crlf\r\nmessages:\r\n  - txt: hi\r\n', rule: 'schema/invalid', message: /txt/ },
  'hostile/cr.message.yaml': { content: 'kind: message-map\rid: cr\rmessages:\r  - txt: hi\r', rule: 'schema/invalid', message: /txt/ },
  'hostile/long-line.message.yaml': { content: `kind: message-map\nid: long\nmessages:\n  - text: ${'word '.repeat(200_000)}\n`, rule: 'message/too-many-words' },
  'hostile/notes.md': { content: Array.from({ length: 500 }, (_, i) => `\`\`\`message-map\nid: m${i}\nmessages: [{ text: hi }]\nstatsu: 1\n\`\`\`\n`).join('\n'), rule: 'schema/invalid', message: /statsu/ },
  'x.rapid.yaml/inside.rapid.yaml': { content: 'kind: rapid-charter\nid: inside\ndecisions: [{ id: a, decision: d, decide: [supt, board] }]\n', rule: 'rapid/multiple-deciders' },
};

/** Lines of a file as the CLI reads it (UTF-8, BOM dropped; CRLF, LF and lone CR end lines). */
function linesOf(file: string): string[] {
  let text = new TextDecoder('utf-8').decode(fs.readFileSync(file));
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text.split(/\r\n|\r|\n/);
}

describe('improvekit check over hostile folders', function () {
  this.timeout(120_000);
  let dir: string;
  const unreadable: string[] = [];

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'improvekit-hostile-'));
    const random = prng(20260310);
    const all = samples();
    // Several hundred mutated copies of the real documents, spread over folders.
    for (let i = 0; i < 360; i++) {
      const s = all[i % all.length];
      const file = path.join(dir, `mutated/${i % 12}`, `${i}-${s.name}`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, mutate(s.text, random));
    }
    for (const [name, { content }] of Object.entries(HOSTILE)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), content);
    }
    // A link to an ancestor folder, a pair of links to each other, a link to nothing.
    fs.symlinkSync(dir, path.join(dir, 'hostile', 'ancestor'));
    fs.symlinkSync(path.join(dir, 'hostile', 'loop-b.rapid.yaml'), path.join(dir, 'hostile', 'loop-a.rapid.yaml'));
    fs.symlinkSync(path.join(dir, 'hostile', 'loop-a.rapid.yaml'), path.join(dir, 'hostile', 'loop-b.rapid.yaml'));
    fs.symlinkSync(path.join(dir, 'nowhere.rapid.yaml'), path.join(dir, 'hostile', 'dangling.rapid.yaml'));
    unreadable.push('hostile/loop-a.rapid.yaml', 'hostile/loop-b.rapid.yaml', 'hostile/dangling.rapid.yaml');
    // A pipe with a document's name: reading it would block for ever.
    if (spawnSync('mkfifo', [path.join(dir, 'hostile', 'pipe.rapid.yaml')]).status === 0) unreadable.push('hostile/pipe.rapid.yaml');
    // A file without read permission; root reads it anyway, so then it is not expected to fail.
    const locked = path.join(dir, 'hostile', 'locked.rapid.yaml');
    fs.writeFileSync(locked, 'kind: rapid-charter\nid: locked\ndecisions: []\n');
    fs.chmodSync(locked, 0o000);
    if (!IS_ROOT) unreadable.push('hostile/locked.rapid.yaml');
    if (process.env.KEEP_HOSTILE_DIR) console.log(dir);
  });

  after(() => {
    if (process.env.KEEP_HOSTILE_DIR) return;
    fs.chmodSync(path.join(dir, 'hostile', 'locked.rapid.yaml'), 0o644);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function assertFindings(findings: Finding[]): void {
    assert.ok(Array.isArray(findings));
    const lineCache = new Map<string, string[]>();
    for (const f of findings) {
      assert.deepEqual(Object.keys(f).sort(), ['column', 'endColumn', 'endLine', 'file', 'line', 'message', 'rule', 'severity']);
      assert.ok(KNOWN_RULES.has(f.rule), `unknown rule ${f.rule}`);
      assert.ok(['error', 'warning', 'info', 'hint'].includes(f.severity));
      assert.ok(f.message.trim(), `${f.file}: empty message`);
      assert.doesNotMatch(f.message, /Internal error/, `${f.file}: ${f.message}`);
      assert.ok(!path.isAbsolute(f.file) && !f.file.includes('\\'), `${f.file} is not relative with forward slashes`);
      if (f.rule === 'file/unreadable') continue;
      const abs = path.join(dir, f.file);
      if (!lineCache.has(abs)) lineCache.set(abs, linesOf(abs));
      const lines = lineCache.get(abs)!;
      const where = `${f.file}:${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.rule}`;
      for (const [line, column] of [
        [f.line, f.column],
        [f.endLine, f.endColumn],
      ]) {
        assert.ok(Number.isInteger(line) && line >= 1 && line <= lines.length, `${where}: line outside 1..${lines.length}`);
        assert.ok(Number.isInteger(column) && column >= 1 && column <= lines[line - 1].length + 1, `${where}: column outside the line`);
      }
      assert.ok(f.line < f.endLine || (f.line === f.endLine && f.column <= f.endColumn), `${where}: start after end`);
    }
  }

  function assertHostileReported(findings: Finding[]): void {
    for (const [name, { rule, message }] of Object.entries(HOSTILE)) {
      const found = findings.filter((f) => f.file === name && f.rule === rule);
      assert.ok(found.length, `${name}: no ${rule} in ${JSON.stringify(findings.filter((f) => f.file === name))}`);
      if (message) assert.ok(found.some((f) => message.test(f.message)), `${name}: ${found.map((f) => f.message).join(' | ')}`);
    }
    for (const name of unreadable) {
      const f = findings.find((x) => x.file === name);
      assert.equal(f?.rule, 'file/unreadable', `${name} is reported as unreadable`);
      assert.match(f!.message, /skipped|cannot be read/);
    }
    assert.ok(!findings.some((f) => f.file.startsWith('hostile/ancestor/')), 'the link to an ancestor folder is not followed twice');
  }

  it('finishes with valid JSON, every range inside its file, every hostile file reported, and exit code 1', async () => {
    const r = await run(dir, 'check', '--format', 'json');
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stderr, '');
    const findings = JSON.parse(r.stdout) as Finding[];
    assert.ok(findings.length > 300, `only ${findings.length} findings`);
    assertFindings(findings);
    assertHostileReported(findings);
    const mutatedFiles = new Set(findings.filter((f) => f.file.startsWith('mutated/')).map((f) => f.file));
    assert.ok(mutatedFiles.size > 100, `findings in ${mutatedFiles.size} mutated files`);
  });

  it('prints SARIF and text for the same folder, with the same number of findings', async () => {
    const json = JSON.parse((await run(dir, 'check', '--format', 'json')).stdout) as Finding[];
    const sarif = await run(dir, 'check', '--format', 'sarif');
    assert.equal(sarif.code, 1, sarif.stderr);
    const log = JSON.parse(sarif.stdout) as { runs: Array<{ results: unknown[] }> };
    assert.equal(log.runs[0].results.length, json.length);
    const again = JSON.parse((await run(dir, 'check', '--format', 'json')).stdout) as Finding[];
    const key = (f: Finding) => `${f.file}:${f.line}:${f.column} ${f.rule} ${f.message}`;
    const firstKeys = new Set(json.map(key));
    assert.deepEqual(again.map(key).filter((k) => !firstKeys.has(k)), [], 'a second run finds the same');
    const text = await run(dir, 'check', '--no-color');
    assert.equal(text.code, 1, text.stderr);
    assert.match(text.stdout, new RegExp(`${json.length} problems \\(`), text.stdout.split('\n').slice(-3).join('\n'));
  });

  it('checks hostile files named one by one, and a pipe or a loop named directly', async () => {
    const named = ['hostile/bomb.message.yaml', 'hostile/latin1.rapid.yaml', 'hostile/loop-a.rapid.yaml', 'hostile/dangling.rapid.yaml', ...unreadable.filter((u) => u.endsWith('pipe.rapid.yaml'))];
    const r = await run(dir, 'check', '--format', 'json', ...named);
    assert.equal(r.code, 1, r.stderr);
    const findings = JSON.parse(r.stdout) as Finding[];
    for (const name of named) assert.ok(findings.some((f) => f.file === name), `${name} not reported`);
    assert.equal(findings.find((f) => f.file === 'hostile/loop-a.rapid.yaml')?.rule, 'file/unreadable');
  });

  it('runs as the bundled binary on both threads with the same findings', function () {
    const bin = path.join(ROOT, 'dist', 'cli.js');
    if (!fs.existsSync(bin)) this.skip();
    const r = spawnSync(process.execPath, [bin, 'check', '--format', 'json'], { cwd: dir, encoding: 'utf8', env: { ...process.env, IMPROVEKIT_THREADS: '2' }, maxBuffer: 256 * 1024 * 1024, timeout: 60_000 });
    assert.equal(r.status, 1, r.stderr);
    const findings = JSON.parse(r.stdout) as Finding[];
    assertFindings(findings);
    assertHostileReported(findings);
  });

  it('exits 2 with a message on stderr for usage errors only', async () => {
    for (const argv of [['check', '--format'], ['check', '--format', 'yaml'], ['check', '--max-warnings', '-x'], ['check', '--config', 'missing.yaml'], ['check', 'no/such/folder'], ['lint'], ['check', '-q']]) {
      const r = await run(dir, ...argv);
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(r.stderr, /^improvekit: \S/, argv.join(' '));
      assert.doesNotMatch(r.stderr, /internal error/, argv.join(' '));
      assert.equal(r.stdout, '');
    }
  });

  it('exits 2 for usage errors of render, as the bundled binary', function () {
    const bin = path.join(ROOT, 'dist', 'cli.js');
    if (!fs.existsSync(bin)) this.skip();
    for (const argv of [['render'], ['render', 'a', 'b'], ['render', 'hostile/latin1.rapid.yaml'], ['render', 'hostile/bomb.message.yaml', '--format', 'pdf']]) {
      const r = spawnSync(process.execPath, [bin, ...argv], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
      assert.equal(r.status, 2, argv.join(' '));
      assert.match(r.stderr, /^improvekit: \S/, argv.join(' '));
      assert.doesNotMatch(r.stderr, /internal error/, argv.join(' '));
    }
  });
});

describe('improvekit check: hostile configuration, names and output', () => {
  const scratch = (files: Record<string, string>): string => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'improvekit-hostile2-'));
    for (const [name, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(d, name)), { recursive: true });
      fs.writeFileSync(path.join(d, name), content);
    }
    return d;
  };
  const CHARTER = 'kind: rapid-charter\nid: cabinet\ndecisions:\n  - id: grading\n    decision: Adopt a grading policy\n    recommend: cao\n    perform: principals\n    decide: supt\n    statsu: open\n';
  const json = (r: { stdout: string }) => JSON.parse(r.stdout) as Finding[];

  it('reports a .improvekit.yaml that links to /dev/zero or is a FIFO, without reading it', async function () {
    this.timeout(20_000);
    const zero = scratch({ 'a.rapid.yaml': CHARTER });
    fs.symlinkSync('/dev/zero', path.join(zero, '.improvekit.yaml'));
    const r = await run(zero, 'check', '--format', 'json');
    assert.equal(r.code, 1, r.stderr);
    assert.ok(json(r).some((f) => f.rule === 'config/invalid' && /not a regular file/.test(f.message) && f.file === '.improvekit.yaml'), r.stdout);
    assert.ok(json(r).some((f) => f.rule === 'schema/invalid'), 'the documents are still checked');
    const explicit = await run(zero, 'check', '--config', '.improvekit.yaml');
    assert.equal(explicit.code, 2);
    assert.match(explicit.stderr, /not a regular file/);
    const fifo = scratch({ 'a.rapid.yaml': CHARTER });
    if (spawnSync('mkfifo', [path.join(fifo, '.improvekit.yaml')]).status !== 0) return;
    const f = await run(fifo, 'check', '--format', 'json');
    assert.ok(json(f).some((x) => x.rule === 'config/invalid' && /not a regular file/.test(x.message)), f.stdout);
  });

  it('refuses jargon entries over 200 characters and lists over 1000 entries', async () => {
    const message = 'kind: message-map\nid: m\naudience: parents\nmessages:\n  - text: Your child will take the new tests online in spring.\n';
    const long = scratch({ '.improvekit.yaml': `jargon: [${'a'.repeat(100_000)}]\n`, 'm.message.yaml': message });
    const r = await run(long, 'check', '--format', 'json');
    assert.ok(json(r).some((f) => f.rule === 'config/invalid' && /longer than 200/.test(f.message)), r.stdout.slice(0, 500));
    const many = scratch({ '.improvekit.yaml': `jargon: [${Array.from({ length: 1001 }, (_, i) => `w${i}`).join(', ')}]\n`, 'm.message.yaml': message });
    assert.ok(json(await run(many, 'check', '--format', 'json')).some((f) => f.rule === 'config/invalid' && /1001 entries/.test(f.message)));
  });

  it('checks files named with #, ? and spaces', async () => {
    const d = scratch({ 'sprint#3.rapid.yaml': CHARTER, 'what?.rapid.yaml': CHARTER.replace('id: cabinet', 'id: what'), 'a b.rapid.yaml': CHARTER.replace('id: cabinet', 'id: ab') });
    const files = new Set(json(await run(d, 'check', '--format', 'json')).filter((f) => f.rule === 'schema/invalid').map((f) => f.file));
    assert.deepEqual([...files].sort(), ['a b.rapid.yaml', 'sprint#3.rapid.yaml', 'what?.rapid.yaml']);
    const named = json(await run(d, 'check', '--format', 'json', 'sprint#3.rapid.yaml'));
    assert.ok(named.some((f) => f.file === 'sprint#3.rapid.yaml' && f.rule === 'schema/invalid'));
  });

  it('reports a folder named like a document as file/unreadable and still searches it', async () => {
    const d = scratch({ 'x.rapid.yaml/inner.rapid.yaml': CHARTER });
    const findings = json(await run(d, 'check', '--format', 'json'));
    assert.ok(findings.some((f) => f.file === 'x.rapid.yaml' && f.rule === 'file/unreadable' && /folder with a document-like name/.test(f.message)), JSON.stringify(findings));
    assert.ok(findings.some((f) => f.file === 'x.rapid.yaml/inner.rapid.yaml'));
  });

  it('escapes control characters of messages and paths in text output', async () => {
    const d = scratch({ 'evil\x1b[2J.rapid.yaml': CHARTER.replace('statsu: open', 'st\x1b]0;pwned\x07su: open') });
    const r = await run(d, 'check', '--no-color');
    assert.equal(r.code, 1);
    assert.doesNotMatch(r.stdout, /[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    assert.match(r.stdout, /evil\\u001b\[2J\.rapid\.yaml/);
  });

  it('does not read a document file over the size limit, and reports it as too large', async function () {
    this.timeout(30_000);
    const d = scratch({});
    const file = path.join(d, 'huge.rapid.yaml');
    fs.writeFileSync(file, 'kind: rapid-charter\n');
    fs.truncateSync(file, 9_000_000); // sparse: 9 MB of NULs would cost 9 MB to read
    const r = await run(d, 'check', '--format', 'json');
    const finding = json(r).find((f) => f.file === 'huge.rapid.yaml');
    assert.equal(finding?.rule, 'yaml/syntax', r.stdout);
    assert.match(finding!.message, /too large to check/);
  });

  it('ends quietly when the reader of its output goes away (check | head)', async function () {
    this.timeout(60_000);
    const bin = path.join(ROOT, 'dist', 'cli.js');
    if (!fs.existsSync(bin)) this.skip();
    const files: Record<string, string> = {};
    for (let i = 0; i < 400; i++) files[`c${i}.rapid.yaml`] = CHARTER.replace('id: cabinet', `id: c${i}`);
    const d = scratch(files);
    const r = spawnSync('bash', ['-c', `set -o pipefail; node ${JSON.stringify(bin)} check --no-color | head -1 >/dev/null`], { cwd: d, encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.stderr, '', 'no stack trace');
    assert.equal(r.status, 1, 'the exit code of the check (errors found), not a crash');
  });
});
