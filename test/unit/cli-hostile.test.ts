import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { main } from '../../src/cli/main';
import { ALL_RULES, ENGINE_RULES } from '../../src/core/rules/registry';

/*
 * The CLI over a folder of several hundred mutated and hostile files (DESIGN §8, §3): it
 * finishes, prints valid JSON, keeps every range inside its file, reports every hostile file,
 * and exits 1 for what it finds, never 2 (2 is for usage errors only).
 */

const ROOT = path.join(__dirname, '..', '..');
const KNOWN_RULES = new Set([...ALL_RULES.map((r) => r.id), ...ENGINE_RULES.map((r) => r.id)]);
const IS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;

interface Finding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  rule: string;
  message: string;
}

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
