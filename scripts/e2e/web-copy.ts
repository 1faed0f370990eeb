// A web-only copy of the packaged extension. code-server runs an installed extension in its Node
// extension host whenever it has a `main`; with only a `browser` entry its kind is `web` and the
// workbench runs it in the browser's web worker extension host. (vsce refuses an explicit
// `extensionKind: ["web"]`: the kind follows from the missing `main`.) The copy is the same VSIX
// content with `main` removed, re-packaged with vsce.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './harness';
import { zipEntries, zipRead } from './zip';

export function makeWebOnlyCopy(vsix: string, dir: string): string {
  const zip = fs.readFileSync(vsix);
  const staging = path.join(dir, 'extension');
  fs.rmSync(dir, { recursive: true, force: true });
  for (const entry of zipEntries(zip)) {
    if (!entry.name.startsWith('extension/') || entry.name.endsWith('/')) continue;
    const target = path.join(staging, entry.name.slice('extension/'.length));
    if (!target.startsWith(staging + path.sep)) throw new Error(`the VSIX entry ${entry.name} points outside the extension folder`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, zipRead(zip, entry));
  }
  const manifestFile = path.join(staging, 'package.json');
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Record<string, unknown>;
  if (typeof manifest.browser !== 'string') throw new Error('package.json has no `browser` entry: there is no web extension to run');
  delete manifest.main;
  delete manifest.extensionKind;
  fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
  // vsce renames these on packaging; give them back their source names.
  for (const [from, to] of [['readme.md', 'README.md'], ['changelog.md', 'CHANGELOG.md'], ['LICENSE.txt', 'LICENSE']]) {
    if (fs.existsSync(path.join(staging, from))) fs.renameSync(path.join(staging, from), path.join(staging, to));
  }
  const out = path.join(dir, 'improvekit-web.vsix');
  const vsce = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--out', out], { cwd: staging, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  if (vsce.status !== 0) throw new Error(`vsce could not package the web-only copy:\n${vsce.stdout}\n${vsce.stderr}`);
  return out;
}
