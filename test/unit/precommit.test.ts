/**
 * The pre-commit hook (.pre-commit-hooks.yaml) through the real `pre-commit` (Debian: `apt-get
 * install -y pre-commit`), in a scratch repository: a `repo: local` hook with the published
 * hook's entry, files and pass_filenames, but `language: system` and dist/cli.js for
 * `improvekit`. Skipped when pre-commit is missing, except under CI=true, where that fails.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parse, stringify } from 'yaml';

const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'dist', 'cli.js');

interface Hook {
  id: string;
  entry: string;
  language: string;
  files: string;
  pass_filenames: boolean;
}

const hooks = parse(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
const BROKEN = 'kind: rapid-charter\nid: cabinet\ndecisions:\n  - id: grading\n    decision: Adopt a grading policy\n    recommend: cao\n    perform: principals\n    decide: supt\n    statsu: open\n';
const SOUND = 'kind: message-map\nid: parents\naudience: parents\nmessages:\n  - text: Your child will take the new tests online in spring.\n';

function git(dir: string, ...args: string[]): void {
  const r = spawnSync('git', ['-c', 'user.email=t@example.org', '-c', 'user.name=t', ...args], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
}

describe('.pre-commit-hooks.yaml', () => {
  const hook = hooks.find((h) => h.id === 'improvekit')!;

  it('publishes the improvekit hook as documented', () => {
    assert.deepEqual(
      { entry: hook.entry, language: hook.language, files: hook.files, pass_filenames: hook.pass_filenames },
      { entry: 'improvekit check --max-warnings 0', language: 'node', files: '\\.(ya?ml|md|csv)$', pass_filenames: true },
    );
    const re = new RegExp(hook.files);
    assert.ok(['a.rapid.yaml', 'b.yml', 'note.md', 'data/h.csv'].every((f) => re.test(f)));
    assert.ok(!re.test('src/x.ts'));
  });

  describe('run by pre-commit', function () {
    this.timeout(120_000);
    let dir = '';
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'improvekit-pre-commit-home-'));
    const preCommit = (...args: string[]) => spawnSync('pre-commit', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, PRE_COMMIT_HOME: home, PRE_COMMIT_COLOR: 'never' }, timeout: 90_000 });

    before(function () {
      if (spawnSync('pre-commit', ['--version']).status !== 0) {
        if (process.env.CI === 'true') throw new Error('pre-commit is not installed: apt-get install -y pre-commit');
        console.log('    (skipped: pre-commit is not installed; apt-get install -y pre-commit)');
        this.skip();
      }
      if (!fs.existsSync(BIN)) this.skip();
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'improvekit-pre-commit-'));
      git(dir, 'init', '-q');
      const local = { ...hook, entry: hook.entry.replace(/^improvekit\b/, `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)}`), language: 'system' };
      fs.writeFileSync(path.join(dir, '.pre-commit-config.yaml'), stringify({ repos: [{ repo: 'local', hooks: [local] }] }));
      // A broken charter already committed: not changed, so never checked.
      fs.writeFileSync(path.join(dir, 'old.rapid.yaml'), BROKEN);
      git(dir, 'add', '.');
      git(dir, 'commit', '-q', '--no-verify', '-m', 'start');
    });

    it('passes sound changed work, without checking an unchanged broken file', () => {
      fs.writeFileSync(path.join(dir, 'parents.message.yaml'), SOUND);
      git(dir, 'add', 'parents.message.yaml');
      const r = preCommit('run');
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /improvekit check\.+Passed/);
    });

    it('fails on a broken charter that is staged, and names it', () => {
      fs.writeFileSync(path.join(dir, 'new.rapid.yaml'), BROKEN.replace('id: cabinet', 'id: cabinet-new'));
      git(dir, 'add', 'new.rapid.yaml');
      const r = preCommit('run');
      assert.equal(r.status, 1, r.stdout + r.stderr);
      assert.match(r.stdout, /new\.rapid\.yaml:9:5 +error/);
      assert.doesNotMatch(r.stdout, /old\.rapid\.yaml/);
    });

    it('fails on --all-files, which includes the committed broken charter', () => {
      const r = preCommit('run', '--all-files');
      assert.equal(r.status, 1);
      assert.match(r.stdout, /old\.rapid\.yaml:9:5/);
    });
  });
});
