/**
 * The engine host's robustness against the stand-in `vscode`: reads racing each other, rescans
 * asked for during a scan, the `maxFiles` bound and files that are not regular files.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Module from 'node:module';
import type * as Fake from './fake-vscode';
import type { ExtensionEngineHost } from '../../../src/extension/engine';

type Resolver = (request: string, parent: unknown, ...rest: unknown[]) => string;
const moduleWithResolver = Module as unknown as { _resolveFilename: Resolver };

const roster = (name: string) => `kind: roster\nid: r\npeople:\n  - id: p1\n    name: ${name}\n`;

describe('extension engine host (stand-in vscode)', () => {
  let previousResolve: Resolver;
  let ownResolve: Resolver;
  let vscode: typeof Fake;
  let Host: typeof ExtensionEngineHost;
  let dir: string;
  let host: ExtensionEngineHost;
  let log: { lines: string[] };

  before(() => {
    previousResolve = moduleWithResolver._resolveFilename;
    ownResolve = function (this: unknown, request, parent, ...rest) {
      if (request === 'vscode') return require.resolve('./fake-vscode');
      return previousResolve.call(this, request, parent, ...rest);
    };
    moduleWithResolver._resolveFilename = ownResolve;
    vscode = require('./fake-vscode');
    Host = (require('../../../src/extension/engine') as typeof import('../../../src/extension/engine')).ExtensionEngineHost;
  });

  after(() => {
    if (moduleWithResolver._resolveFilename === ownResolve) moduleWithResolver._resolveFilename = previousResolve;
  });

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'improvekit-engine-'));
    vscode.reset(dir);
    vscode.state.settings['improvekit.trace'] = 'messages';
  });

  afterEach(() => {
    host?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function start(): Promise<void> {
    const channel = vscode.window.createOutputChannel('Improvekit');
    log = channel;
    host = new Host(channel as unknown as import('vscode').LogOutputChannel);
    return host.start();
  }

  const fileWatcher = () => vscode.state.watchers.find((w) => w.glob === '**/*.{yaml,yml,md}')!;
  const uriOf = (name: string) => vscode.Uri.file(path.join(dir, name));
  const tick = () => new Promise((r) => setTimeout(r, 20));

  it('keeps the newest read of a file when an older, slower read finishes last', async () => {
    await start();
    const file = path.join(dir, 'team.roster.yaml');
    const releases: Array<() => void> = [];
    vscode.state.readGate = () => new Promise<void>((resolve) => releases.push(resolve));
    fs.writeFileSync(file, roster('Old'));
    fileWatcher().create.fire(uriOf('team.roster.yaml'));
    await tick();
    fs.writeFileSync(file, roster('New'));
    fileWatcher().change.fire(uriOf('team.roster.yaml'));
    await tick();
    assert.equal(releases.length, 2);
    releases[1]();
    await tick();
    releases[0]();
    await tick();
    assert.match(host.workspace.file(uriOf('team.roster.yaml').toString())!.text, /New/);
  });

  it('runs a rescan asked for during a scan after it, not dropping it', async () => {
    const releases: Array<() => void> = [];
    vscode.state.readGate = () => new Promise<void>((resolve) => releases.push(resolve));
    fs.writeFileSync(path.join(dir, 'a.roster.yaml'), roster('A'));
    const first = start();
    await tick();
    // A file appears while the first scan reads (a folder added, say): the second scan must see it.
    fs.writeFileSync(path.join(dir, 'b.roster.yaml'), roster('B'));
    const second = host.rescan();
    assert.notEqual(second, first);
    vscode.state.readGate = undefined;
    for (const r of releases) r();
    await first;
    await second;
    assert.deepEqual(host.workspace.uris().map((u) => path.basename(vscode.Uri.parse(u).path)).sort(), ['a.roster.yaml', 'b.roster.yaml']);
  });

  it('holds no more than maxFiles files when the watcher reports more, and says so in the trace', async () => {
    vscode.state.settings['improvekit.maxFiles'] = 2;
    for (const n of ['a', 'b']) fs.writeFileSync(path.join(dir, `${n}.roster.yaml`), roster(n));
    await start();
    assert.equal(host.workspace.uris().length, 2);
    fs.writeFileSync(path.join(dir, 'c.roster.yaml'), roster('c'));
    fileWatcher().create.fire(uriOf('c.roster.yaml'));
    await tick();
    assert.equal(host.workspace.uris().length, 2);
    assert.ok(!host.workspace.has(uriOf('c.roster.yaml').toString()));
    assert.ok(log.lines.some((l) => l.includes('c.roster.yaml') && l.includes('maxFiles')), log.lines.join('\n'));
    // A file already held is still re-read when it changes.
    fs.writeFileSync(path.join(dir, 'a.roster.yaml'), roster('Changed'));
    fileWatcher().change.fire(uriOf('a.roster.yaml'));
    await tick();
    assert.match(host.workspace.file(uriOf('a.roster.yaml').toString())!.text, /Changed/);
  });

  it('never reads a document or a configuration that is not a regular file (a pipe, a device)', async () => {
    fs.writeFileSync(path.join(dir, 'pipe.roster.yaml'), roster('P'));
    fs.writeFileSync(path.join(dir, '.improvekit.yaml'), 'spc: mdc\n');
    vscode.state.fileTypes.set(path.join(dir, 'pipe.roster.yaml'), vscode.FileType.Unknown);
    vscode.state.fileTypes.set(path.join(dir, '.improvekit.yaml'), vscode.FileType.Unknown);
    await start();
    fileWatcher().change.fire(uriOf('pipe.roster.yaml'));
    await tick();
    assert.deepEqual(vscode.state.reads, []);
    assert.equal(host.workspace.uris().length, 0);
    assert.ok(log.lines.some((l) => l.includes('not a regular file')), log.lines.join('\n'));
  });
});
