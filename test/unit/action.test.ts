/**
 * The composite action (action.yml) run as GitHub would run its `run:` steps: inputs
 * substituted, each step in bash in a scratch git repository, with the built dist/cli.js in place
 * of `npx improvekit`. `uses:` steps (setup-node, upload-sarif) are checked by name only.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parse } from 'yaml';

const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'dist', 'cli.js');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Action {
  inputs: Record<string, { default?: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as Action;

const BROKEN = 'kind: rapid-charter\nid: cabinet\ndecisions:\n  - id: grading\n    decision: Adopt a grading policy\n    recommend: cao\n    perform: principals\n    decide: supt\n    statsu: open\n';
const SOUND = 'kind: message-map\nid: parents\naudience: parents\nmessages:\n  - text: Your child will take the new tests online in spring.\n';
/** `status: Decided` has a safe fix, its letter case (test/unit/cli-fix.test.ts). */
const CASE = '# Cabinet decisions\nkind: rapid-charter\nid: cabinet\ndecisions:\n  - id: grading   # the spring decision\n    decision: Adopt standards-based grading\n    recommend: cao\n    perform: principals\n    decide: supt\n    status: Decided      # as of March\n    outcome: Adopted for 2026-27\n';
const ROSTER = 'kind: roster\nid: people\npeople:\n  - { id: supt, name: Superintendent }\n  - { id: cao, name: Chief Academic Officer }\n  - { id: principals, name: Principals }\n';

/** Git that reads no user's or machine's configuration, with an identity for the commits a test makes itself. */
const GIT_ENV = { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', HOME: os.tmpdir() };
const SETUP_IDENTITY = { GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.org', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.org' };

function git(dir: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...cleanEnv(), ...GIT_ENV, ...SETUP_IDENTITY } });
  assert.equal(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

/** The runner's environment without this machine's GitHub or git settings. */
function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(GITHUB_|RUNNER_|GIT_)/.test(k)) env[k] = v;
  return env;
}

function write(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
}

function repo(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'improvekit-action-'));
  write(dir, files);
  git(dir, 'init', '-q');
  return dir;
}

/**
 * A checkout as actions/checkout leaves it: a clone of a bare remote whose `main` holds the files,
 * on `branch` (pushed to the remote too). Returns the clone and the remote.
 */
function checkout(files: Record<string, string>, branch: string): { dir: string; remote: string } {
  const seed = repo(files);
  git(seed, 'add', '-A');
  git(seed, 'commit', '-q', '-m', 'Plans');
  const remote = fs.mkdtempSync(path.join(os.tmpdir(), 'improvekit-remote-'));
  git(remote, 'init', '-q', '--bare');
  git(seed, 'push', '-q', remote, 'HEAD:refs/heads/main', `HEAD:refs/heads/${branch}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'improvekit-checkout-'));
  git(dir, 'clone', '-q', '--branch', branch, remote, '.');
  return { dir, remote };
}

/** The remote's branches and the commit each points at. */
function refs(remote: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of git(remote, 'for-each-ref', '--format=%(refname:short) %(objectname)', 'refs/heads').split('\n').filter(Boolean)) {
    const [name, sha] = line.split(' ');
    out[name] = sha;
  }
  return out;
}

/** `${{ inputs.x }}` replaced (in `env:` values only: a script takes its inputs from the environment). */
function expand(text: string, inputs: Record<string, string>): string {
  return text.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, name: string) => inputs[name] ?? '');
}

/** The few `if:` forms the action uses: `inputs.x == 'v'`, `always() && inputs.x == 'v'`. */
function runs(step: Step, inputs: Record<string, string>): boolean {
  if (!step.if) return true;
  const m = /inputs\.([\w-]+) == '([^']*)'/.exec(step.if);
  return m ? inputs[m[1]] === m[2] : true;
}

interface StepResult {
  step: string;
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the action's `run:` steps as GitHub does (`bash --noprofile --norc -eo pipefail`), each step's
 * `env:` with the inputs in it, `github` the runner's variables (GITHUB_REF_NAME…), and the built
 * CLI in place of `npx improvekit`. Like GitHub, stops after a step that fails, except for `always()` steps.
 */
function runAction(dir: string, given: Record<string, string>, github: Record<string, string> = { GITHUB_REF_NAME: 'main', GITHUB_REF_TYPE: 'branch' }): StepResult[] {
  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs)) inputs[name] = given[name] ?? spec.default ?? '';
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'improvekit-bin-'));
  fs.writeFileSync(path.join(bin, 'npx'), `#!/bin/sh\n[ "$1" = --yes ] && shift\n[ "$1" = improvekit ] && shift\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} "$@"\n`, { mode: 0o755 });
  const out: StepResult[] = [];
  let failed = false;
  for (const step of action.runs.steps) {
    if (!step.run || !runs(step, inputs) || (failed && !step.if?.includes('always()'))) continue;
    assert.equal(step.shell, 'bash', `${step.name}: a composite step needs its shell`);
    const env: Record<string, string> = { ...cleanEnv(), ...GIT_ENV, ...github, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` };
    for (const [name, value] of Object.entries(step.env ?? {})) env[name] = expand(String(value), inputs);
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], { cwd: dir, encoding: 'utf8', timeout: 60_000, env });
    out.push({ step: step.name ?? '', status: r.status, stdout: r.stdout, stderr: r.stderr });
    if (r.status !== 0) failed = true;
  }
  return out;
}

describe('action.yml (composite GitHub Action)', () => {
  before(function () {
    if (!fs.existsSync(BIN)) this.skip();
  });

  it('is a composite action with the documented inputs, setting up Node and uploading SARIF', () => {
    assert.equal(action.runs.using, 'composite');
    assert.deepEqual(Object.keys(action.inputs).filter((k) => k !== 'node-version').sort(), ['fix', 'max-warnings', 'paths', 'sarif']);
    assert.equal(action.inputs.fix.default, 'false');
    assert.ok(action.runs.steps.some((s) => s.uses?.startsWith('actions/setup-node@')));
    const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    assert.equal(upload?.with?.sarif_file, 'improvekit.sarif');
    const names = action.runs.steps.map((s) => s.name);
    assert.ok(names.indexOf('Improvekit fix') >= 0 && names.indexOf('Improvekit fix') < names.indexOf('Improvekit check'), 'the fix runs before the check');
  });

  it('passes inputs to its scripts through env:, never as ${{ }} in the script (script injection)', () => {
    for (const step of action.runs.steps.filter((s) => s.run)) {
      assert.doesNotMatch(step.run ?? '', /\$\{\{/, `${step.name} splices an expression into its script`);
    }
    const dir = repo({ 'a b/parents.message.yaml': SOUND });
    const hostile = '"a b" $(touch pwned) `touch pwned2`; touch pwned3';
    const [check] = runAction(dir, { paths: hostile });
    assert.equal(check.status, 2, 'the paths are words handed to the CLI, which finds none of them');
    for (const f of ['pwned', 'pwned2', 'pwned3']) assert.ok(!fs.existsSync(path.join(dir, f)), `${f}: an input was run`);
  });

  it('annotates a broken charter and fails', () => {
    const dir = repo({ 'plans/cabinet.rapid.yaml': BROKEN, 'plans/parents.message.yaml': SOUND });
    const [check] = runAction(dir, { paths: 'plans' });
    assert.equal(check.status, 1, check.stderr);
    assert.match(check.stdout, /^::error file=plans\/cabinet\.rapid\.yaml,line=9,col=5,endLine=9,endColumn=11,title=schema\/invalid::Unknown key `statsu`/m);
  });

  it('passes on sound work, and fails on warnings past max-warnings', () => {
    const dir = repo({ 'parents.message.yaml': SOUND });
    assert.equal(runAction(dir, {})[0].status, 0);
    const long = repo({ 'long.message.yaml': 'kind: message-map\nid: long\nmessages:\n  - text: One.\n  - text: Two.\n  - text: Three.\n  - text: Four.\n' });
    const [lenient] = runAction(long, {});
    assert.equal(lenient.status, 0, lenient.stdout);
    assert.match(lenient.stdout, /^::warning /m);
    assert.equal(runAction(long, { 'max-warnings': '0' })[0].status, 1);
  });

  it('writes improvekit.sarif when sarif is true, even when the check fails', () => {
    const dir = repo({ 'cabinet.rapid.yaml': BROKEN });
    const steps = runAction(dir, { sarif: 'true' });
    assert.equal(steps.length, 2);
    assert.equal(steps[1].status, 0, steps[1].stderr);
    const log = JSON.parse(fs.readFileSync(path.join(dir, 'improvekit.sarif'), 'utf8'));
    assert.equal(log.runs[0].results[0].ruleId, 'schema/invalid');
    assert.equal(runAction(dir, {}).length, 1, 'no SARIF step by default');
  });

  describe('fix: true', () => {
    it('pushes one commit of the safe fixes, by github-actions[bot], to the branch the workflow runs on', () => {
      const { dir, remote } = checkout({ 'plans/cabinet.rapid.yaml': CASE, 'plans/people.roster.yaml': ROSTER }, 'spring-plans');
      const before = refs(remote);
      const steps = runAction(dir, { fix: 'true', paths: 'plans' }, { GITHUB_REF_NAME: 'spring-plans', GITHUB_REF_TYPE: 'branch' });
      assert.deepEqual(steps.map((s) => [s.step, s.status]), [['Improvekit fix', 0], ['Improvekit check', 0]], steps.map((s) => s.stdout + s.stderr).join('\n'));
      assert.match(steps[0].stdout, /pushed the safe fixes of 1 file\(s\) to spring-plans/);
      const after = refs(remote);
      assert.equal(after.main, before.main, 'main is untouched');
      assert.deepEqual(Object.keys(after).sort(), ['main', 'spring-plans'], 'no other branch');
      assert.equal(git(remote, 'rev-list', '--count', `${before['spring-plans']}..${after['spring-plans']}`), '1', 'exactly one commit');
      assert.equal(git(remote, 'rev-parse', `${after['spring-plans']}^`), before['spring-plans']);
      assert.equal(git(remote, 'log', '-1', '--format=%an <%ae>|%cn <%ce>|%s', after['spring-plans']), 'github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>|github-actions[bot] <41898282+github-actions[bot]@users.noreply.github.com>|Apply the safe fixes of improvekit check --fix');
      const diff = git(remote, 'diff', '--unified=0', before['spring-plans'], after['spring-plans']);
      assert.deepEqual(diff.split('\n').filter((l) => /^[-+](?![-+])/.test(l)), ['-    status: Decided      # as of March', '+    status: decided      # as of March']);
      assert.equal(git(remote, 'diff', '--name-only', before['spring-plans'], after['spring-plans']), 'plans/cabinet.rapid.yaml');
      assert.equal(git(dir, 'status', '--porcelain'), '', 'nothing left over');
    });

    it('pushes to the head branch of a pull request, never to the merge ref', () => {
      const { dir, remote } = checkout({ 'cabinet.rapid.yaml': CASE, 'people.roster.yaml': ROSTER }, 'grading');
      const before = refs(remote);
      const [fix] = runAction(dir, { fix: 'true' }, { GITHUB_HEAD_REF: 'grading', GITHUB_REF_NAME: '7/merge', GITHUB_REF_TYPE: 'branch' });
      assert.equal(fix.status, 0, fix.stdout + fix.stderr);
      const after = refs(remote);
      assert.deepEqual(Object.keys(after).sort(), ['grading', 'main']);
      assert.equal(after.main, before.main);
      assert.notEqual(after.grading, before.grading);
    });

    it('pushes nothing when the checkout is not the tip of the branch (a pull request merge commit)', () => {
      const { dir, remote } = checkout({ 'cabinet.rapid.yaml': CASE, 'people.roster.yaml': ROSTER }, 'grading');
      write(dir, { 'notes.md': 'A commit the branch does not have.\n' });
      git(dir, 'add', 'notes.md');
      git(dir, 'commit', '-q', '-m', 'Merge');
      const before = refs(remote);
      const [fix] = runAction(dir, { fix: 'true' }, { GITHUB_HEAD_REF: 'grading', GITHUB_REF_NAME: '7/merge' });
      assert.equal(fix.status, 1);
      assert.match(fix.stdout, /^::error title=Improvekit fix::Check out the tip of grading/m);
      assert.deepEqual(refs(remote), before);
    });

    it('says so and commits nothing when there is nothing safe to fix', () => {
      const { dir, remote } = checkout({ 'cabinet.rapid.yaml': CASE.replace('Decided', 'decided'), 'people.roster.yaml': ROSTER }, 'grading');
      const head = git(dir, 'rev-parse', 'HEAD');
      const before = refs(remote);
      const [fix, check] = runAction(dir, { fix: 'true' }, { GITHUB_REF_NAME: 'grading', GITHUB_REF_TYPE: 'branch' });
      assert.equal(fix.status, 0, fix.stderr);
      assert.match(fix.stdout, /no safe fix to apply; nothing committed/);
      assert.equal(check.status, 0);
      assert.equal(git(dir, 'rev-parse', 'HEAD'), head);
      assert.deepEqual(refs(remote), before);
    });

    it('never applies a suggestion: an unknown person with a close roster id stays as written', () => {
      const text = CASE.replace('decide: supt', 'decide: sup');
      const { dir, remote } = checkout({ 'cabinet.rapid.yaml': text, 'people.roster.yaml': ROSTER }, 'grading');
      const before = refs(remote);
      const [fix, check] = runAction(dir, { fix: 'true' }, { GITHUB_REF_NAME: 'grading', GITHUB_REF_TYPE: 'branch' });
      assert.equal(fix.status, 0, fix.stderr);
      assert.equal(git(remote, 'show', `grading:cabinet.rapid.yaml`), text.replace('status: Decided', 'status: decided').trimEnd(), 'only the case fix is pushed');
      assert.equal(git(remote, 'rev-list', '--count', `${before.grading}..grading`), '1');
      assert.match(check.stdout, /title=ref\/unknown-person::/, 'the suggestion is still reported');
      // Only a suggestion left: nothing more to push.
      const [again] = runAction(dir, { fix: 'true' }, { GITHUB_REF_NAME: 'grading', GITHUB_REF_TYPE: 'branch' });
      assert.match(again.stdout, /nothing committed/);
      assert.equal(git(remote, 'rev-list', '--count', `${before.grading}..grading`), '1');
    });

    it('commits no file that another step had already changed, and says so', () => {
      const other = CASE.replace('id: cabinet', 'id: board');
      const { dir, remote } = checkout({ 'cabinet.rapid.yaml': CASE, 'board.rapid.yaml': other, 'people.roster.yaml': ROSTER }, 'grading');
      write(dir, { 'board.rapid.yaml': `# edited by an earlier step\n${other}` });
      const before = refs(remote);
      const [fix] = runAction(dir, { fix: 'true' }, { GITHUB_REF_NAME: 'grading', GITHUB_REF_TYPE: 'branch' });
      assert.equal(fix.status, 0, fix.stdout + fix.stderr);
      assert.match(fix.stdout, /^::warning file=board\.rapid\.yaml,title=Improvekit fix::Commit this file's other changes first/m);
      assert.equal(git(remote, 'diff', '--name-only', before.grading, 'grading'), 'cabinet.rapid.yaml');
      assert.equal(git(dir, 'status', '--porcelain'), 'M board.rapid.yaml', 'left uncommitted');
      assert.match(fs.readFileSync(path.join(dir, 'board.rapid.yaml'), 'utf8'), /^# edited by an earlier step\n[^]*status: decided/, 'with both changes in the tree');
    });

    it('fixes nothing on a tag', () => {
      const { dir, remote } = checkout({ 'cabinet.rapid.yaml': CASE, 'people.roster.yaml': ROSTER }, 'grading');
      const before = refs(remote);
      const [fix] = runAction(dir, { fix: 'true' }, { GITHUB_REF_NAME: 'v1.0', GITHUB_REF_TYPE: 'tag' });
      assert.equal(fix.status, 0);
      assert.match(fix.stdout, /^::warning title=Improvekit fix::Run on a branch to push fixes/m);
      assert.equal(git(dir, 'status', '--porcelain'), '');
      assert.deepEqual(refs(remote), before);
    });

    it('leaves the tree untouched by default (fix: false)', () => {
      const { dir, remote } = checkout({ 'cabinet.rapid.yaml': CASE, 'people.roster.yaml': ROSTER }, 'grading');
      const head = git(dir, 'rev-parse', 'HEAD');
      const before = refs(remote);
      const steps = runAction(dir, {}, { GITHUB_REF_NAME: 'grading', GITHUB_REF_TYPE: 'branch' });
      assert.deepEqual(steps.map((s) => s.step), ['Improvekit check']);
      assert.match(steps[0].stdout, /Decided/, 'the case is reported, not fixed');
      assert.equal(git(dir, 'status', '--porcelain'), '');
      assert.equal(git(dir, 'rev-parse', 'HEAD'), head);
      assert.deepEqual(refs(remote), before);
    });
  });
});
