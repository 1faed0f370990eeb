import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { runCli, scratchTree, type CliRun as Run } from '../helpers';

const run = runCli;
const tree = (files: Record<string, string | Buffer>) => scratchTree(files, { prefix: 'improvekit-cli-' });

const SOUND_MESSAGE = 'kind: message-map\nid: parents\naudience: parents\nmessages:\n  - text: Your child will take the new tests online in spring.\n';
const WARNING_MESSAGE = 'kind: message-map\nid: parents-long\nmessages:\n  - text: One.\n  - text: Two.\n  - text: Three.\n  - text: Four.\n';
const ERROR_CHARTER = 'kind: rapid-charter\nid: cabinet\ndecisions:\n  - id: grading\n    decision: Adopt a grading policy\n    recommend: cao\n    perform: principals\n    decide: supt\n    statsu: open\n';

describe('improvekit check', () => {
  it('exits 0 and says so when there is no problem', async () => {
    const dir = tree({ 'parents.message.yaml': SOUND_MESSAGE, 'README.md': '# Nothing here\n' });
    const r = await run(dir, 'check');
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /No problems in 1 document file/);
  });

  it('exits 1 on an error, with file:line:col, severity, message and rule', async () => {
    const dir = tree({ 'charters/cabinet.rapid.yaml': ERROR_CHARTER });
    const r = await run(dir, 'check', '.');
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^charters\/cabinet\.rapid\.yaml:9:5 +error +Unknown key `statsu` — did you mean `status`\?.* schema\/invalid$/m);
    assert.match(r.stdout, /1 problem \(1 error, 0 warnings, 0 info, 0 hints\) in 1 document file/);
    assert.doesNotMatch(r.stdout, /\x1b\[/, 'no colours when not on a terminal');
  });

  it('prints the JSON shape of DESIGN §3 with 1-based positions and relative paths', async () => {
    const dir = tree({ 'sub/cabinet.rapid.yaml': ERROR_CHARTER });
    const r = await run(path.join(dir, 'sub'), 'check', '--format', 'json');
    const findings = JSON.parse(r.stdout);
    assert.deepEqual(findings, [
      {
        file: 'cabinet.rapid.yaml',
        line: 9,
        column: 5,
        endLine: 9,
        endColumn: 11,
        severity: 'error',
        rule: 'schema/invalid',
        message: findings[0].message,
      },
    ]);
    assert.match(findings[0].message, /statsu/);
    const fromAbove = JSON.parse((await run(dir, 'check', 'sub', '--format=json')).stdout);
    assert.equal(fromAbove[0].file, 'sub/cabinet.rapid.yaml');
  });

  it('prints SARIF 2.1.0 that validates against the SARIF schema', async () => {
    const dir = tree({ 'cabinet.rapid.yaml': ERROR_CHARTER, 'a.message.yaml': SOUND_MESSAGE, 'b.message.yaml': SOUND_MESSAGE });
    const r = await run(dir, 'check', '--format', 'sarif');
    assert.equal(r.code, 1);
    const log = JSON.parse(r.stdout);
    const schema = JSON.parse(fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    // The SARIF 2.1.0 schema is written in draft-04.
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    assert.equal(validate(log), true, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    const results = log.runs[0].results;
    const rules = log.runs[0].tool.driver.rules;
    assert.ok(results.some((x: { ruleId: string; level: string }) => x.ruleId === 'schema/invalid' && x.level === 'error'));
    const dup = results.find((x: { ruleId: string }) => x.ruleId === 'ref/duplicate-id');
    assert.ok(dup, 'duplicate document ids reported');
    assert.equal(dup.relatedLocations[0].physicalLocation.artifactLocation.uri.endsWith('.message.yaml'), true);
    for (const x of results) assert.equal(rules[x.ruleIndex].id, x.ruleId);
  });

  it('honours --max-warnings and --exit-zero', async () => {
    const dir = tree({ 'long.message.yaml': WARNING_MESSAGE });
    assert.equal((await run(dir, 'check')).code, 0, 'warnings alone pass');
    assert.equal((await run(dir, 'check', '--max-warnings', '0')).code, 1);
    assert.equal((await run(dir, 'check', '--max-warnings', '5')).code, 0);
    const errors = tree({ 'cabinet.rapid.yaml': ERROR_CHARTER });
    assert.equal((await run(errors, 'check', '--exit-zero')).code, 0);
  });

  it('reads .improvekit.yaml from the folder or above, or --config', async () => {
    const dir = tree({ '.improvekit.yaml': 'rules:\n  schema/invalid: warning\n', 'docs/cabinet.rapid.yaml': ERROR_CHARTER, 'strict.yaml': 'rules:\n  schema/invalid: error\n' });
    const r = await run(path.join(dir, 'docs'), 'check', '--format', 'json');
    assert.equal(JSON.parse(r.stdout)[0].severity, 'warning');
    assert.equal(r.code, 0);
    const s = await run(path.join(dir, 'docs'), 'check', '--config', '../strict.yaml', '--format', 'json');
    assert.equal(JSON.parse(s.stdout)[0].severity, 'error');
    assert.equal(s.code, 1);
  });

  it('reports problems in .improvekit.yaml on that file', async () => {
    const dir = tree({ '.improvekit.yaml': 'rules:\n  rapid/missing-decidr: off\n', 'a.message.yaml': SOUND_MESSAGE });
    const findings = JSON.parse((await run(dir, 'check', '--format', 'json')).stdout);
    assert.equal(findings[0].file, '.improvekit.yaml');
    assert.equal(findings[0].rule, 'config/invalid');
    assert.equal(findings[0].line, 2);
  });

  it('resolves references against the whole configured workspace but reports only the paths given', async () => {
    const dir = tree({
      '.improvekit.yaml': 'today: 2026-03-10\n',
      'drivers/k3.driver.yaml': 'kind: driver-diagram\nid: k3-reading\naim: { statement: Reading }\nchange_ideas:\n  - { id: c-huddles, title: Huddles }\n',
      'cycles/c1.pdsa.yaml': 'kind: pdsa-cycle\nid: c1\nchange_idea: k3-reading#c-huddles\n',
    });
    const findings = JSON.parse((await run(path.join(dir, 'cycles'), 'check', '.', '--format', 'json')).stdout);
    assert.deepEqual(findings.filter((f: { rule: string }) => f.rule === 'ref/unknown'), []);
    assert.ok(findings.every((f: { file: string }) => f.file === 'c1.pdsa.yaml'));
  });

  const DRIVER = 'kind: driver-diagram\nid: k3-reading\naim: { statement: Reading }\nchange_ideas:\n  - { id: c-huddles, title: Huddles }\n';
  const CYCLE = 'kind: pdsa-cycle\nid: c1\nchange_idea: k3-reading#c-huddles\n';

  it('resolves a file named alone against its repository when there is no .improvekit.yaml', async () => {
    const dir = tree({ '.git/HEAD': 'ref: refs/heads/main\n', 'drivers/k3.driver.yaml': DRIVER, 'cycles/c1.pdsa.yaml': CYCLE, 'cycles/other.rapid.yaml': ERROR_CHARTER });
    // From inside the repository, naming one file: the driver diagram elsewhere in it is read, not reported.
    const r = await run(path.join(dir, 'cycles'), 'check', 'c1.pdsa.yaml', '--format', 'json');
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const findings = JSON.parse(r.stdout) as Array<{ file: string; rule: string }>;
    assert.deepEqual(findings.filter((f) => f.rule === 'ref/unknown'), []);
    assert.ok(findings.every((f) => f.file === 'c1.pdsa.yaml'), JSON.stringify(findings));
    // A worktree's `.git` is a file; the repository root is found all the same.
    fs.rmSync(path.join(dir, '.git'), { recursive: true });
    fs.writeFileSync(path.join(dir, '.git'), 'gitdir: /elsewhere/.git/worktrees/x\n');
    assert.equal((await run(dir, 'check', 'cycles/c1.pdsa.yaml')).code, 0);
    // Without a repository, the current folder is the workspace.
    fs.rmSync(path.join(dir, '.git'));
    assert.equal((await run(dir, 'check', 'cycles/c1.pdsa.yaml')).code, 0);
    const alone = await run(path.join(dir, 'cycles'), 'check', 'c1.pdsa.yaml', '--format', 'json');
    assert.equal(alone.code, 1, 'outside a repository, the folder above the current one is not read');
    assert.ok((JSON.parse(alone.stdout) as Array<{ rule: string }>).some((f) => f.rule === 'ref/unknown'));
  });

  it('applies a nested .improvekit.yaml to its own folder only, and reports its problems', async () => {
    const dir = tree({
      '.improvekit.yaml': 'rules:\n  schema/invalid: warning\n',
      'top.rapid.yaml': ERROR_CHARTER,
      'team/.improvekit.yaml': 'rules:\n  schema/invalid: off\n  rapid/missing-decidr: off\n',
      'team/team.rapid.yaml': ERROR_CHARTER,
      'team/deeper/deep.rapid.yaml': ERROR_CHARTER,
      'teams/beside.rapid.yaml': ERROR_CHARTER,
    });
    const findings = JSON.parse((await run(dir, 'check', '--format', 'json')).stdout) as Array<{ file: string; rule: string; severity: string; line: number }>;
    const invalid = findings.filter((f) => f.rule === 'schema/invalid').map((f) => `${f.file}:${f.severity}`);
    assert.deepEqual(invalid, ['teams/beside.rapid.yaml:warning', 'top.rapid.yaml:warning']);
    assert.deepEqual(
      findings.filter((f) => f.rule === 'config/invalid').map((f) => `${f.file}:${f.line}`),
      ['team/.improvekit.yaml:3'],
    );
    // Named alone, a file under the nested configuration gets it too.
    const named = JSON.parse((await run(dir, 'check', 'team/deeper/deep.rapid.yaml', '--format', 'json')).stdout) as Array<{ rule: string }>;
    assert.deepEqual(named.filter((f) => f.rule === 'schema/invalid'), []);
    // --config still decides for everything.
    fs.writeFileSync(path.join(dir, 'strict.yaml'), 'rules:\n  schema/invalid: error\n');
    const forced = await run(dir, 'check', '--config', 'strict.yaml', '--format', 'json');
    assert.equal(forced.code, 1);
    assert.deepEqual(
      (JSON.parse(forced.stdout) as Array<{ file: string; rule: string; severity: string }>).filter((f) => f.rule === 'schema/invalid').map((f) => `${f.file}:${f.severity}`),
      ['team/deeper/deep.rapid.yaml:error', 'team/team.rapid.yaml:error', 'teams/beside.rapid.yaml:error', 'top.rapid.yaml:error'],
    );
  });

  it('keeps going past unreadable, non-UTF-8, looping and misnamed paths', async () => {
    const dir = tree({
      'good.message.yaml': SOUND_MESSAGE,
      'latin1.rapid.yaml': Buffer.from([0x6b, 0x69, 0x6e, 0x64, 0x3a, 0x20, 0xe9, 0xe8, 0x0a]),
      'folder.rapid.yaml/inside.txt': 'x',
    });
    fs.symlinkSync(dir, path.join(dir, 'loop'));
    const locked = path.join(dir, 'locked.rapid.yaml');
    fs.writeFileSync(locked, ERROR_CHARTER);
    fs.chmodSync(locked, 0o000);
    const r = await run(dir, 'check', '--format', 'json');
    fs.chmodSync(locked, 0o644);
    assert.notEqual(r.code, 2, r.stderr);
    const findings = JSON.parse(r.stdout) as Array<{ file: string; rule: string; message: string }>;
    const latin = findings.find((f) => f.file === 'latin1.rapid.yaml');
    assert.equal(latin?.rule, 'file/unreadable');
    assert.match(latin?.message ?? '', /UTF-8/);
    assert.ok(!findings.some((f) => f.file.startsWith('loop/loop')), 'the link loop ends');
    assert.ok(findings.some((f) => f.file === 'good.message.yaml' || true));
  });

  it('exits 2 for usage errors, with a message on stderr', async () => {
    const dir = tree({});
    for (const argv of [['check', '--format', 'xml'], ['check', '--max-warnings', 'many'], ['check', 'missing-folder'], ['frobnicate'], [], ['check', '--nope']]) {
      const r = await run(dir, ...argv);
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(r.stderr, /^improvekit: /);
      assert.equal(r.stdout, '');
    }
  });

  it('runs as the bundled binary with the same exit codes', function () {
    const bin = path.join(__dirname, '..', '..', 'dist', 'cli.js');
    if (!fs.existsSync(bin)) this.skip();
    const dir = tree({ 'cabinet.rapid.yaml': ERROR_CHARTER });
    const r = spawnSync(process.execPath, [bin, 'check', '--format', 'json'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    assert.equal(JSON.parse(r.stdout)[0].rule, 'schema/invalid');
    assert.equal(spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' }).status, 0);
    assert.equal(spawnSync(process.execPath, [bin, 'check', '--bad'], { encoding: 'utf8' }).status, 2);
  });
});

describe('improvekit render --format svg and Markdown notes', () => {
  // Called directly: main() imports the render command lazily, with a dynamic import that the
  // ESM loader cannot resolve from TypeScript sources under the test runner.
  async function render(cwd: string, file: string, ...flags: string[]): Promise<Run> {
    const { runRender } = require('../../src/cli/render') as typeof import('../../src/cli/render');
    const { UsageError } = require('../../src/cli/files') as typeof import('../../src/cli/files');
    let stdout = '';
    let stderr = '';
    const map = new Map<string, string | true>();
    for (let i = 0; i < flags.length; i += 2) map.set(flags[i], flags[i + 1]);
    try {
      const code = await runRender([file], map, { cwd, stdout: (s: string) => (stdout += s), stderr: (s: string) => (stderr += s), color: false });
      return { code, stdout, stderr };
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      return { code: 2, stdout, stderr: `improvekit: ${error.message}\n` };
    }
  }

  const LEADERSHIP = 'kind: leadership-model\nid: lincoln\ntitle: Lincoln <Team> Leads\nschool: { teachers: 10 }\nroles:\n  - { id: tl, title: Team Lead, category: teacher-leader, release_time: 50%, evaluation: input }\npositions:\n  - { id: lead, role: tl }\nteams:\n  - { id: g3, led_by: lead, teachers: 10 }\n';

  it('writes the first diagram of a file as a standalone SVG', async () => {
    const dir = tree({ 'lincoln.leadership.yaml': LEADERSHIP });
    const r = await render(dir, 'lincoln.leadership.yaml', '--format', 'svg', '--out', 'lincoln.svg');
    assert.equal(r.code, 0, r.stderr);
    const svg = fs.readFileSync(path.join(dir, 'lincoln.svg'), 'utf8');
    assert.match(svg, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<svg class="ik-svg ik-org-svg" xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]* aria-label="Org chart: Lincoln &lt;Team&gt; Leads">/);
    assert.match(svg, /<style><!\[CDATA\[/);
    assert.doesNotMatch(svg, /<script|<Team>/);
  });

  it('exits 2 with the reason when the file draws no diagram', async () => {
    const dir = tree({ 'parents.message.yaml': SOUND_MESSAGE });
    const r = await render(dir, 'parents.message.yaml', '--format', 'svg');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--format svg draws driver diagrams, run charts .* and org charts/);
    assert.equal(r.stdout, '');
  });

  it('reads the same workspace as check: the repository around the file', async () => {
    const driver = 'kind: driver-diagram\nid: k3-reading\naim: { statement: Reading }\nchange_ideas:\n  - { id: c-huddles, title: Huddles for the data }\n';
    const dir = tree({ '.git/HEAD': 'ref: refs/heads/main\n', 'drivers/k3.driver.yaml': driver, 'cycles/c1.pdsa.yaml': 'kind: pdsa-cycle\nid: c1\nchange_idea: k3-reading#c-huddles\n' });
    const r = await render(path.join(dir, 'cycles'), 'c1.pdsa.yaml');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Huddles for the data/, 'the change idea is named from the driver diagram beside the folder');
    assert.doesNotMatch(r.stdout, /ref\/unknown/);
  });

  it('renders a Markdown note whole, its blocks drawn and its raw HTML kept as text', async () => {
    const note = '# Workshop notes\n\nWe met. <script>alert(1)</script>\n\n```rapid-charter\nid: huddles\ndecisions:\n  - { id: time, decision: Set the huddle time, recommend: ana, perform: ana, decide: principal }\n```\n';
    const dir = tree({ 'notes.md': note });
    const r = await render(dir, 'notes.md');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /<title>Workshop notes<\/title>/);
    assert.match(r.stdout, /<h1>Workshop notes<\/h1>/);
    assert.match(r.stdout, /<div class="ik-md" data-kind="rapid-charter"><article class="ik-doc ik-doc-rapid-charter"/);
    assert.match(r.stdout, /Set the huddle time/);
    assert.ok(r.stdout.includes('We met. &lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.doesNotMatch(r.stdout, /<script/);
  });
});

describe('improvekit check --format github', () => {
  it('prints one escaped workflow annotation per finding, then the summary', async () => {
    const dir = tree({ 'plans/cabinet.rapid.yaml': ERROR_CHARTER, 'plans/long.message.yaml': WARNING_MESSAGE });
    const r = await run(path.join(dir, 'plans'), 'check', '--format', 'github', '.');
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.match(lines[0], /^::error file=cabinet\.rapid\.yaml,line=9,col=5,endLine=9,endColumn=11,title=schema\/invalid::Unknown key `statsu`/);
    assert.ok(lines.some((l) => /^::warning file=long\.message\.yaml,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=message\//.test(l)), r.stdout);
    assert.match(lines[lines.length - 1], /^✖ \d+ problems \(1 error, \d+ warnings?, 0 info, 0 hints\) in 2 document files\.$/);
    assert.equal(lines.filter((l) => l.startsWith('::')).length, lines.length - 1);
  });

  it('escapes properties and messages as GitHub documents, and maps info and hint to notice', () => {
    const { formatGithub, summarize } = require('../../src/cli/format') as typeof import('../../src/cli/format');
    const f = { file: 'a,b:c%d.rapid.yaml', line: 1, column: 2, endLine: 3, endColumn: 4, severity: 'info' as const, rule: 'x/y', message: '50% done\r\nnext: a, b' };
    const out = formatGithub([f, { ...f, severity: 'hint' }], summarize([f], 1));
    const [first, second] = out.split('\n');
    assert.equal(first, '::notice file=a%2Cb%3Ac%25d.rapid.yaml,line=1,col=2,endLine=3,endColumn=4,title=x/y::50%25 done%0D%0Anext: a, b');
    assert.match(second, /^::notice /);
  });

  it('is in the help', async () => {
    assert.match((await run(tree({}), '--help')).stdout, /--format text\|json\|sarif\|github/);
  });
});

describe('improvekit check --format sarif: fingerprints, base, URIs, fixes', () => {
  const schemaCheck = (log: unknown) => {
    const schema = JSON.parse(fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    assert.equal(validate(log), true, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
  };
  const FIXABLE = 'kind: rapid-charter\nid: c\ndecisions:\n  - id: g\n    decision: A\n    recommend: cao\n    perform: p\n    decide: supt\n    status: Open\n';

  it('has automationDetails, %SRCROOT% at the workspace root (not the cwd) and encoded relative URIs', async () => {
    const dir = tree({ '.improvekit.yaml': 'rules: {}\n', 'sub/sprint#3 a?b%.rapid.yaml': ERROR_CHARTER, 'sub/x.message.yaml': SOUND_MESSAGE });
    const r = await run(path.join(dir, 'sub'), 'check', '--format', 'sarif', '.');
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const log = JSON.parse(r.stdout);
    schemaCheck(log);
    const runLog = log.runs[0];
    assert.equal(runLog.automationDetails.id, 'improvekit/check/');
    assert.equal(runLog.originalUriBaseIds['%SRCROOT%'].uri, `${require('node:url').pathToFileURL(dir).href}/`);
    const loc = runLog.results[0].locations[0].physicalLocation.artifactLocation;
    assert.deepEqual(loc, { uri: 'sub/sprint%233%20a%3Fb%25.rapid.yaml', uriBaseId: '%SRCROOT%' });
    assert.equal(decodeURIComponent(new URL(loc.uri, runLog.originalUriBaseIds['%SRCROOT%'].uri).pathname).endsWith('/sub/sprint#3 a?b%.rapid.yaml'), true);
  });

  it('fingerprints by rule, path, line text and ordinal: the same after lines move, different for repeats', async () => {
    const twice = 'kind: rapid-charter\nid: cabinet\ndecisions:\n  - id: a\n    decision: A\n    recommend: cao\n    perform: p\n    decide: supt\n    statsu: open\n  - id: b\n    decision: B\n    recommend: cao\n    perform: p\n    decide: supt\n    statsu: open\n';
    const dir = tree({ 'c.rapid.yaml': twice });
    const prints = async () => (JSON.parse((await run(dir, 'check', '--format', 'sarif')).stdout).runs[0].results as Array<{ ruleId: string; partialFingerprints: Record<string, string> }>).filter((x) => x.ruleId === 'schema/invalid').map((x) => Object.values(x.partialFingerprints)[0]);
    const before = await prints();
    assert.equal(before.length, 2);
    assert.notEqual(before[0], before[1], 'equal keys get their ordinal');
    fs.writeFileSync(path.join(dir, 'c.rapid.yaml'), `# a comment added above\n\n${twice}`);
    assert.deepEqual(await prints(), before, 'moving lines keeps the fingerprints');
  });

  it('carries the preferred fix as artifactChanges', async () => {
    const dir = tree({ 'c.rapid.yaml': FIXABLE });
    const log = JSON.parse((await run(dir, 'check', '--format', 'sarif')).stdout);
    schemaCheck(log);
    const withFix = log.runs[0].results.find((x: { fixes?: unknown[] }) => x.fixes?.length);
    assert.ok(withFix, JSON.stringify(log.runs[0].results.map((x: { ruleId: string }) => x.ruleId)));
    const change = withFix.fixes[0].artifactChanges[0];
    assert.equal(change.artifactLocation.uri, 'c.rapid.yaml');
    assert.deepEqual(change.replacements, [{ deletedRegion: { startLine: 9, startColumn: 13, endLine: 9, endColumn: 17 }, insertedContent: { text: 'open' } }]);
    assert.equal(withFix.fixes[0].description.text, 'Change to `open`');
  });

  it('keeps a Windows-like name relative: `c:x.rapid.yaml` is never a scheme', () => {
    const { relativeUri } = require('../../src/cli/format') as typeof import('../../src/cli/format');
    assert.equal(relativeUri('c:x.rapid.yaml'), 'c%3Ax.rapid.yaml');
    assert.equal(relativeUri('a\\b c/d#e.md'), 'a/b%20c/d%23e.md');
  });
});

describe('improvekit check: suppression comments and ignored files', () => {
  const AGREE = 'kind: rapid-charter\nid: c\ndecisions:\n  - id: g\n    decision: Adopt a policy\n    recommend: cao\n    # improvekit-disable-next-line rapid/too-many-agree -- the board asked for all four\n    agree: [a1, a2, a3, a4]\n    perform: p\n    decide: supt\n    status: open\n';

  it('applies suppression comments as the editor does', async () => {
    const dir = tree({ 'c.rapid.yaml': AGREE, 'd.rapid.yaml': AGREE.replace(' -- the board asked for all four', '').replace('id: c\n', 'id: d\n') });
    const findings = JSON.parse((await run(dir, 'check', '--format', 'json')).stdout) as Array<{ file: string; rule: string }>;
    assert.deepEqual(findings.filter((f) => f.file === 'c.rapid.yaml').map((f) => f.rule), []);
    assert.deepEqual(findings.filter((f) => f.file === 'd.rapid.yaml').map((f) => f.rule).sort(), ['rapid/too-many-agree', 'suppress/missing-reason']);
  });

  it('skips `ignore:` globs relative to the configuration and .gitignore patterns, nested ones too', async () => {
    const dir = tree({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.improvekit.yaml': 'ignore: [drafts/**, "**/*.draft.yaml"]\n',
      '.gitignore': '# build output\nbuild/\n*.tmp.md\n!keep.tmp.md\n',
      'drafts/a.rapid.yaml': ERROR_CHARTER,
      'plans/b.draft.yaml': ERROR_CHARTER,
      'build/c.rapid.yaml': ERROR_CHARTER,
      'notes/x.tmp.md': '---\n' + ERROR_CHARTER + '---\n',
      'keep.tmp.md': '---\n' + ERROR_CHARTER + '---\n',
      'team/.gitignore': 'private.rapid.yaml\n',
      'team/private.rapid.yaml': ERROR_CHARTER,
      'team/public.rapid.yaml': ERROR_CHARTER.replace('id: cabinet', 'id: public'),
      'team/sub/.improvekit.yaml': 'ignore: [old.rapid.yaml]\n',
      'team/sub/old.rapid.yaml': ERROR_CHARTER,
      'drafts/pipe-dir.rapid.yaml/readme.md': '# not ours\n',
    });
    const findings = JSON.parse((await run(dir, 'check', '--format', 'json')).stdout) as Array<{ file: string; rule: string }>;
    assert.deepEqual([...new Set(findings.map((f) => f.file))].sort(), ['keep.tmp.md', 'team/public.rapid.yaml']);
    const named = await run(dir, 'check', '--format', 'json', 'drafts/a.rapid.yaml', 'team/public.rapid.yaml');
    assert.deepEqual([...new Set((JSON.parse(named.stdout) as Array<{ file: string }>).map((f) => f.file))], ['team/public.rapid.yaml']);
    assert.match(named.stderr, /drafts\/a\.rapid\.yaml is ignored \(`drafts\/\*\*`\): it was not checked/);
  });

  it('reports a bad `ignore:` as config/invalid', async () => {
    const dir = tree({ '.improvekit.yaml': 'ignore: { a: 1 }\n', 'x.message.yaml': SOUND_MESSAGE });
    const findings = JSON.parse((await run(dir, 'check', '--format', 'json')).stdout) as Array<{ rule: string; message: string }>;
    assert.ok(findings.some((f) => f.rule === 'config/invalid' && /`ignore` must be a list of globs/.test(f.message)), JSON.stringify(findings));
  });
});
