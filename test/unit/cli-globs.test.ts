/** `improvekit check` takes globs as paths (DESIGN §3): quoted, so the shell leaves them to us. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { scratchTree } from '../helpers';

const BIN = path.join(__dirname, '..', '..', 'dist', 'cli.js');
const BROKEN = 'kind: rapid-charter\nid: NAME\ndecisions:\n  - { id: d1, decision: Adopt it, recommend: cao, perform: principals }\n';

const repo = (files: Record<string, string | Buffer>) => scratchTree(files, { git: true, prefix: 'improvekit-globs-' });

function files(dir: string, ...args: string[]): { status: number | null; files: string[]; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, 'check', ...args, '--format', 'json'], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
  const found = r.stdout ? (JSON.parse(r.stdout) as Array<{ file: string }>).map((f) => f.file) : [];
  return { status: r.status, files: [...new Set(found)].sort(), stderr: r.stderr };
}

describe('improvekit check with globs', function () {
  before(function () {
    if (!fs.existsSync(BIN)) this.skip();
  });
  const dir = () =>
    repo({
      'plans/a.rapid.yaml': BROKEN.replace('NAME', 'a'),
      'plans/deep/b.rapid.yaml': BROKEN.replace('NAME', 'b'),
      'plans/c.message.yaml': 'kind: message-map\nid: c\nmessages: []\n',
      'drafts/d.rapid.yaml': BROKEN.replace('NAME', 'd'),
      'node_modules/x/e.rapid.yaml': BROKEN.replace('NAME', 'e'),
    });

  it('expands `*` in one folder and `**` across folders, and reports only the matches', () => {
    const d = dir();
    assert.deepEqual(files(d, 'plans/*.rapid.yaml').files, ['plans/a.rapid.yaml']);
    assert.deepEqual(files(d, 'plans/**/*.rapid.yaml').files, ['plans/a.rapid.yaml', 'plans/deep/b.rapid.yaml']);
    assert.deepEqual(files(d, '**/*.rapid.yaml').files, ['drafts/d.rapid.yaml', 'plans/a.rapid.yaml', 'plans/deep/b.rapid.yaml'], 'never into node_modules');
  });

  it('says so, with exit code 2, when a glob matches nothing', () => {
    const r = files(dir(), 'plans/*.leadership.yaml');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /No file matches plans\/\*\.leadership\.yaml/);
  });
});
