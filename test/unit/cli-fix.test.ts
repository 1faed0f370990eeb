/**
 * `improvekit check --fix` (DESIGN §3): applies the safe fixes only — those that cannot change
 * what a document means — writes the files keeping every other byte (line endings, comments, a
 * byte-order mark), reports what it changed, and then reports what remains; a guess or a choice
 * (the closest id, a person, a prediction) is never applied.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { scratchTree } from '../helpers';

const BIN = path.join(__dirname, '..', '..', 'dist', 'cli.js');

const repo = (files: Record<string, string | Buffer>) => scratchTree(files, { git: true, prefix: 'improvekit-fix-' });

function run(dir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, 'check', ...args], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const CHARTER = [
  '# Cabinet decisions',
  'kind: rapid-charter',
  'id: cabinet',
  'decisions:',
  '  - id: grading   # the spring decision',
  '    decision: Adopt standards-based grading',
  '    recommend: cao',
  '    perform: principals',
  '    decide: supt',
  '    status: Decided      # as of March',
  '    outcome: Adopted for 2026-27',
  '',
].join('\r\n');

describe('improvekit check --fix', function () {
  before(function () {
    if (!fs.existsSync(BIN)) this.skip();
  });

  it('applies a safe fix (a letter case), keeps CRLF, comments and the byte-order mark, and says what it changed', () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CHARTER)]);
    const dir = repo({ 'cabinet.rapid.yaml': bom });
    const r = run(dir, '.', '--fix');
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stderr, /1 fix applied in 1 file: cabinet\.rapid\.yaml \(1\)/);
    assert.match(r.stdout, /No problems/);
    const after = fs.readFileSync(path.join(dir, 'cabinet.rapid.yaml'));
    const expected = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CHARTER.replace('status: Decided', 'status: decided'))]);
    assert.ok(after.equals(expected), `the file changed beyond the fix:\n${JSON.stringify(after.toString('utf8'))}`);
  });

  it('never applies a suggestion: an unknown person with a close roster id stays for the user to choose', () => {
    const roster = 'kind: roster\nid: people\npeople:\n  - { id: supt, name: Superintendent }\n  - { id: cao, name: Chief Academic Officer }\n  - { id: principals, name: Principals }\n';
    const text = CHARTER.replace('decide: supt', 'decide: sup');
    const dir = repo({ 'cabinet.rapid.yaml': text, 'people.roster.yaml': roster });
    const r = run(dir, 'cabinet.rapid.yaml', '--fix', '--format', 'json');
    assert.equal(fs.readFileSync(path.join(dir, 'cabinet.rapid.yaml'), 'utf8'), text.replace('status: Decided', 'status: decided'), 'only the case fix is written');
    const findings = JSON.parse(r.stdout) as Array<{ rule: string; line: number }>;
    assert.deepEqual(findings.map((f) => `${f.rule}@${f.line}`), ['ref/unknown-person@9']);
    assert.equal(r.status, 0, 'a warning only: exit 0');
  });

  it('says so when there is nothing safe to fix, and changes no file', () => {
    const text = CHARTER.replace('    decide: supt\r\n', '');
    const dir = repo({ 'cabinet.rapid.yaml': text.replace('status: Decided', 'status: decided') });
    const before = fs.readFileSync(path.join(dir, 'cabinet.rapid.yaml'));
    const r = run(dir, '.', '--fix');
    assert.equal(r.status, 1, 'the missing decider is an error that remains');
    assert.match(r.stderr, /no safe fix to apply/);
    assert.match(r.stdout, /rapid\/missing-decider/);
    assert.ok(fs.readFileSync(path.join(dir, 'cabinet.rapid.yaml')).equals(before));
  });

  it('in a fenced block of flow lists, fixes only the letter case and leaves the choice between deciders to the user', () => {
    const note = [
      '# Cabinet, March',
      '',
      'The decisions we took, as the charter has them:',
      '',
      '```rapid-charter',
      'id: cabinet-march',
      'decisions:',
      '  - { id: grading, decision: Adopt standards-based grading, recommend: cao, perform: principals, decide: [supt, board], status: Open }   # two deciders, on purpose for now',
      '  - { id: calendar, decision: Set the calendar, recommend: [cao], perform: principals, decide: supt, status: open }',
      '```',
      '',
      'Questions go to the cabinet office.',
      '',
    ].join('\n');
    const dir = repo({ 'march.md': note });
    const r = run(dir, 'march.md', '--fix', '--format', 'json');
    const after = fs.readFileSync(path.join(dir, 'march.md'), 'utf8');
    assert.equal(after, note.replace('status: Open }', 'status: open }'), 'only the case of the status is written');
    assert.match(r.stderr, /1 fix applied in 1 file: march\.md \(1\)/);
    const findings = JSON.parse(r.stdout) as Array<{ rule: string; line: number }>;
    assert.deepEqual(findings.map((f) => `${f.rule}@${f.line}`), ['rapid/multiple-deciders@8'], 'the choice between deciders stays a finding');
  });
});
