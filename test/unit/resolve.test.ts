import * as assert from 'node:assert/strict';
import { Workspace } from '../../src/core/workspace';
import { LIMITS } from '../../src/core/parse';
import {
  configFor,
  EXCLUDE_GLOB,
  findWorkspaceRoot,
  folderConfigs,
  isInSkippedFolder,
  isSkippedFolder,
  isUnder,
  joinUri,
  loadConfigAt,
  loadConfigs,
  parentUri,
  SCAN_LIMITS,
  SKIP_FOLDERS,
  type WorkspaceFs,
} from '../../src/core/resolve';

/** An in-memory file system: file URIs → text; folders exist where a file is below them. */
function memoryFs(files: Record<string, string>): WorkspaceFs & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    async readText(uri) {
      reads.push(uri);
      return Object.hasOwn(files, uri) ? files[uri] : undefined;
    },
    async exists(uri) {
      return Object.hasOwn(files, uri) || Object.keys(files).some((f) => f.startsWith(`${uri}/`));
    },
  };
}

const badKey = (id: string) => `kind: message-map\nid: ${id}\nmesages: []\n`;

describe('workspace resolution (core/resolve)', () => {
  describe('URI strings', () => {
    it('finds parents up to the root of the path, and joins one segment', () => {
      assert.equal(parentUri('file:///a/b/c.yaml'), 'file:///a/b');
      assert.equal(parentUri('file:///a/b/'), 'file:///a');
      assert.equal(parentUri('file:///a'), 'file:///');
      assert.equal(parentUri('file:///'), undefined);
      assert.equal(parentUri('vscode-vfs://github/owner/repo'), 'vscode-vfs://github/owner');
      assert.equal(parentUri('vscode-vfs://github/owner'), 'vscode-vfs://github/');
      assert.equal(parentUri('vscode-vfs://github/'), undefined);
      assert.equal(joinUri('file:///a/b/', '.git'), 'file:///a/b/.git');
      assert.equal(joinUri('file:///', '.git'), 'file:///.git');
    });

    it('tells a folder from a folder whose name starts the same', () => {
      assert.ok(isUnder('file:///a/b/c.yaml', 'file:///a/b'));
      assert.ok(isUnder('file:///a/b/c.yaml', 'file:///a/b/'));
      assert.ok(isUnder('file:///a/b', 'file:///a/b'));
      assert.ok(!isUnder('file:///a/bc/c.yaml', 'file:///a/b'));
      assert.ok(isUnder('file:///x.yaml', 'file:///'));
    });
  });

  describe('the workspace root', () => {
    it('is the nearest folder with .improvekit.yaml outside a repository', async () => {
      const fs = memoryFs({ 'file:///r/.improvekit.yaml': '', 'file:///r/a/.improvekit.yaml': '', 'file:///r/a/b/c.pdsa.yaml': '' });
      assert.equal(await findWorkspaceRoot('file:///r/a/b', fs, 'file:///cwd'), 'file:///r/a');
      assert.equal(await findWorkspaceRoot('file:///r/x', fs, 'file:///cwd'), 'file:///r');
    });

    it('inside a repository, is the outermost folder with .improvekit.yaml there: a nested one configures a subtree of the same workspace', async () => {
      const fs = memoryFs({ 'file:///r/.git/HEAD': '', 'file:///r/.improvekit.yaml': '', 'file:///r/a/.improvekit.yaml': '', 'file:///r/a/b/c.pdsa.yaml': '' });
      assert.equal(await findWorkspaceRoot('file:///r/a/b', fs, 'file:///cwd'), 'file:///r');
      assert.equal(await findWorkspaceRoot('file:///r/a/', fs, 'file:///cwd'), 'file:///r');
      const nestedOnly = memoryFs({ 'file:///r/.git/HEAD': '', 'file:///r/a/.improvekit.yaml': '', 'file:///r/a/b/c.pdsa.yaml': '' });
      assert.equal(await findWorkspaceRoot('file:///r/a/b', nestedOnly, 'file:///cwd'), 'file:///r/a');
    });

    it('else the repository root (a .git folder, or a .git file in a worktree)', async () => {
      const fs = memoryFs({ 'file:///r/.git/HEAD': '', 'file:///r/a/b/c.pdsa.yaml': '' });
      assert.equal(await findWorkspaceRoot('file:///r/a/b', fs, 'file:///cwd'), 'file:///r');
      const worktree = memoryFs({ 'file:///w/.git': 'gitdir: /r/.git/worktrees/w\n', 'file:///w/sub/.git': 'gitdir: …', 'file:///w/sub/deep/x.yaml': '' });
      assert.equal(await findWorkspaceRoot('file:///w/sub/deep', worktree, 'file:///cwd'), 'file:///w/sub', 'the nearest repository');
    });

    it('never looks above the repository root: a configuration in the home folder does not make it the workspace', async () => {
      const fs = memoryFs({ 'file:///home/.improvekit.yaml': '', 'file:///home/r/.git/HEAD': '', 'file:///home/r/a/x.yaml': '' });
      assert.equal(await findWorkspaceRoot('file:///home/r/a', fs, 'file:///cwd'), 'file:///home/r');
    });

    it('else the fallback folder', async () => {
      const fs = memoryFs({ 'file:///r/a/b/c.pdsa.yaml': '' });
      assert.equal(await findWorkspaceRoot('file:///r/a/b', fs, 'file:///r/a/'), 'file:///r/a');
    });
  });

  describe('configuration files', () => {
    it('reads a folder\'s .improvekit.yaml with its problems, and nothing for a folder without one', async () => {
      const fs = memoryFs({ 'file:///r/.improvekit.yaml': '\ufeffrules:\n  schema/invalidd: off\ntoday: 2026-03-10\n' });
      const loaded = await loadConfigAt('file:///r/', fs);
      assert.equal(loaded?.folderUri, 'file:///r');
      assert.equal(loaded?.uri, 'file:///r/.improvekit.yaml');
      assert.equal(loaded?.config.today, '2026-03-10');
      assert.equal(loaded?.diagnostics.length, 1);
      assert.equal(loaded?.diagnostics[0].uri, 'file:///r/.improvekit.yaml');
      assert.match(loaded!.diagnostics[0].message, /did you mean `schema\/invalid`/);
      assert.equal(await loadConfigAt('file:///elsewhere', fs), undefined);
    });

    it('loads each folder once, in URI order, skipping folders without one', async () => {
      const fs = memoryFs({ 'file:///r/.improvekit.yaml': 'today: 2026-01-01\n', 'file:///r/b/.improvekit.yaml': 'today: 2026-02-02\n' });
      const loaded = await loadConfigs(['file:///r/b', 'file:///r', 'file:///r/', 'file:///r/none'], fs);
      assert.deepEqual(
        loaded.map((l) => l.folderUri),
        ['file:///r', 'file:///r/b'],
      );
      assert.equal(fs.reads.filter((u) => u === 'file:///r/.improvekit.yaml').length, 1);
      assert.equal(configFor('file:///r/b/c/x.yaml', loaded)?.folderUri, 'file:///r/b');
      assert.equal(configFor('file:///r/bc/x.yaml', loaded)?.folderUri, 'file:///r');
      assert.equal(configFor('file:///s/x.yaml', loaded), undefined);
    });

    it('applies a nested configuration to its subtree only, through the workspace', async () => {
      const fs = memoryFs({ 'file:///r/.improvekit.yaml': 'rules:\n  schema/invalid: warning\n', 'file:///r/team/.improvekit.yaml': 'rules:\n  schema/invalid: off\n' });
      const [root, ...nested] = await loadConfigs(['file:///r', 'file:///r/team'], fs);
      const ws = new Workspace({ config: root.config, today: () => '2026-03-10' });
      ws.setFolderConfigs(folderConfigs(nested));
      for (const name of ['top.message.yaml', 'team/a.message.yaml', 'team/deep/b.message.yaml', 'teams/c.message.yaml']) ws.setFile(`file:///r/${name}`, badKey(name.replace(/\W/g, '-')));
      const severities = (name: string) => [...new Set(ws.diagnostics(`file:///r/${name}`).map((d) => `${d.rule}:${d.severity}`))];
      assert.deepEqual(severities('top.message.yaml'), ['schema/invalid:warning']);
      assert.deepEqual(severities('teams/c.message.yaml'), ['schema/invalid:warning']);
      assert.deepEqual(severities('team/a.message.yaml'), []);
      assert.deepEqual(severities('team/deep/b.message.yaml'), []);
    });

    it('passes each configuration through the settings when asked', async () => {
      const fs = memoryFs({ 'file:///r/.improvekit.yaml': 'today: 2026-01-01\n' });
      const map = folderConfigs(await loadConfigs(['file:///r'], fs), (c) => ({ ...c, today: '2027-07-07' }));
      assert.equal(map.get('file:///r')?.today, '2027-07-07');
    });
  });

  describe('the skip list and limits', () => {
    it('skips the tool folders and every dot-folder, but not the current folder', () => {
      for (const name of SKIP_FOLDERS) assert.ok(isSkippedFolder(name), name);
      for (const name of ['.github', '.vscode', '.cache']) assert.ok(isSkippedFolder(name), name);
      for (const name of ['docs', 'cycles', '.', 'distillery', 'output']) assert.ok(!isSkippedFolder(name), name);
      assert.ok(isInSkippedFolder('node_modules/pkg/a.yaml'));
      assert.ok(isInSkippedFolder('docs/.drafts/a.yaml'));
      assert.ok(!isInSkippedFolder('docs/a.yaml'));
      assert.ok(!isInSkippedFolder('.improvekit.yaml'), 'a dot-file is not a dot-folder');
    });

    it('builds the editor exclude glob from the same list', () => {
      assert.equal(EXCLUDE_GLOB, '**/{node_modules,.git,.hg,.svn,dist,out,.vscode-test}/**');
      assert.doesNotMatch(EXCLUDE_GLOB, /\.\*/, 'no `.*`: it would exclude .improvekit.yaml itself');
    });

    it('takes the size limit from the engine', () => {
      assert.equal(SCAN_LIMITS.maxBytes, LIMITS.maxFileChars);
      assert.equal(SCAN_LIMITS.maxFiles, 5000);
    });
  });
});
