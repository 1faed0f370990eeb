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
  with?: Record<string, string>;
}
interface Action {
  inputs: Record<string, { default?: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as Action;

const BROKEN = 'kind: rapid-charter\nid: cabinet\ndecisions:\n  - id: grading\n    decision: Adopt a grading policy\n    recommend: cao\n    perform: principals\n    decide: supt\n    statsu: open\n';
const SOUND = 'kind: message-map\nid: parents\naudience: parents\nmessages:\n  - text: Your child will take the new tests online in spring.\n';

function repo(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'improvekit-action-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  spawnSync('git', ['init', '-q'], { cwd: dir });
  return dir;
}

/** `${{ inputs.x }}` replaced; `npx [--yes] improvekit` is the built CLI. */
function expand(text: string, inputs: Record<string, string>): string {
  return text.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, name: string) => inputs[name] ?? '').replace(/npx (--yes )?improvekit/g, `node ${JSON.stringify(BIN)}`);
}

/** The few `if:` forms the action uses: `always() && inputs.x == 'v'`. */
function runs(step: Step, inputs: Record<string, string>): boolean {
  if (!step.if) return true;
  const m = /inputs\.([\w-]+) == '([^']*)'/.exec(step.if);
  return m ? inputs[m[1]] === m[2] : true;
}

function runAction(dir: string, given: Record<string, string>): Array<{ step: string; status: number | null; stdout: string; stderr: string }> {
  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs)) inputs[name] = given[name] ?? spec.default ?? '';
  const out = [];
  for (const step of action.runs.steps) {
    if (!step.run || !runs(step, inputs)) continue;
    assert.equal(step.shell, 'bash', `${step.name}: a composite step needs its shell`);
    const r = spawnSync('bash', ['-e', '-c', expand(step.run, inputs)], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    out.push({ step: step.name ?? '', status: r.status, stdout: r.stdout, stderr: r.stderr });
  }
  return out;
}

describe('action.yml (composite GitHub Action)', () => {
  before(function () {
    if (!fs.existsSync(BIN)) this.skip();
  });

  it('is a composite action with the documented inputs, setting up Node and uploading SARIF', () => {
    assert.equal(action.runs.using, 'composite');
    assert.deepEqual(Object.keys(action.inputs).filter((k) => k !== 'node-version').sort(), ['max-warnings', 'paths', 'sarif']);
    assert.ok(action.runs.steps.some((s) => s.uses?.startsWith('actions/setup-node@')));
    const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    assert.equal(upload?.with?.sarif_file, 'improvekit.sarif');
    assert.ok(!('fix' in action.inputs), 'fix: true is for later');
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
});
