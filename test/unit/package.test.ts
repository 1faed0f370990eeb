// The VSIX users install holds only what runs in the editor (issue: "a VSIX users can install").
// It is packaged into a temporary folder with the project's own vsce and read as the zip it is.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { zipEntries, zipRead, type ZipEntry } from '../../scripts/e2e/zip';

const ROOT = path.resolve(__dirname, '../..');
const VSCE = path.join(ROOT, 'node_modules', '.bin', 'vsce');
/**
 * Large enough for the bundles (the desktop bundle's budget is 400 KB) and assets; small enough to
 * catch node_modules or sources. About 0.95 MB of it is PNG export's rasteriser (dist/resvg.wasm,
 * compressed) and its fonts, loaded lazily when a PNG is drawn, never on activation.
 */
const MAX_VSIX_BYTES = 2 * 1024 * 1024;

/** Files the manifest points at: entry points, contributed schemas, snippets, grammars, icons. */
function referencedFiles(manifest: Record<string, unknown>): string[] {
  const found = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value !== 'string' || /^[a-z]+:/i.test(value) || value.startsWith('$(')) return;
    found.add(path.posix.normalize(value.replace(/^\.\//, '')));
  };
  for (const key of ['main', 'browser', 'icon']) add(manifest[key]);
  const walk = (node: unknown, key: string) => {
    if (Array.isArray(node)) for (const item of node) walk(item, key);
    else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, k);
    else if (['path', 'url', 'icon', 'light', 'dark'].includes(key)) add(node);
  };
  walk(manifest.contributes, '');
  // `main` and `browser` may omit the `.js` extension, as Node's require does.
  return [...found].map((f) => (/^dist\//.test(f) && !/\.[a-z]+$/i.test(f) ? `${f}.js` : f));
}

const ALLOWED: RegExp[] = [
  /^extension\.vsixmanifest$/,
  /^\[Content_Types\]\.xml$/,
  /^extension\/(package\.json|readme\.md|changelog\.md|LICENSE\.txt)$/,
  /^extension\/dist\/(?!cli\.js$)[\w./-]+\.js$/,
  /^extension\/schemas\/[\w.-]+\.json$/,
  /^extension\/snippets\/[\w.-]+\.json$/,
  /^extension\/media\/[\w.-]+\.(png|svg|css|js|ttf|txt)$/,
  // PNG export's rasteriser, read when a PNG is drawn (never on activation).
  /^extension\/dist\/resvg\.wasm$/,
];

const FORBIDDEN = /^extension\/(src|test|node_modules|\.cache|bench|examples|docs|scripts|out|\.vscode-test|test-results)\/|\.map$|\.ts$|\.vsix$|^extension\/(tsconfig\.json|esbuild\.js|package-lock\.json|\.mocharc\.json|\.improvekit\.yaml)$/;

describe('the VSIX', function () {
  this.timeout(120_000);
  let entries: ZipEntry[] = [];
  let vsixSize = 0;
  let vsixManifest: Record<string, unknown> = {};
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;

  before(function () {
    if (!fs.existsSync(VSCE)) {
      console.log(`      skipped: ${path.relative(ROOT, VSCE)} is missing — run npm ci to install @vscode/vsce`);
      this.skip();
    }
    const missing = referencedFiles(manifest).filter((f) => f.startsWith('dist/') && !fs.existsSync(path.join(ROOT, f)));
    if (missing.length) {
      // The manifest names bundles that were never built: build them as `npm run package` would.
      const build = spawnSync(process.execPath, ['esbuild.js', '--quiet'], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(build.status, 0, `node esbuild.js failed:\n${build.stderr}`);
    }
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'improvekit-vsix-')), 'improvekit.vsix');
    const vsce = spawnSync(VSCE, ['package', '--no-dependencies', '--out', out], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
    assert.equal(vsce.status, 0, `vsce package failed (exit ${vsce.status}):\n${vsce.stdout}\n${vsce.stderr}`);
    const zip = fs.readFileSync(out);
    vsixSize = zip.length;
    entries = zipEntries(zip);
    const packaged = entries.find((e) => e.name === 'extension/package.json');
    if (packaged) vsixManifest = JSON.parse(zipRead(zip, packaged).toString('utf8')) as Record<string, unknown>;
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  });

  it('holds only the bundles, contributed assets and Marketplace pages', () => {
    const unexpected = entries.map((e) => e.name).filter((name) => FORBIDDEN.test(name) || !ALLOWED.some((re) => re.test(name)));
    assert.deepEqual(unexpected, [], `files that do not run in the editor are in the VSIX; exclude them in .vscodeignore`);
  });

  it('holds the manifest, README, CHANGELOG, LICENSE and icon', () => {
    const names = new Set(entries.map((e) => e.name));
    for (const name of ['extension/package.json', 'extension/readme.md', 'extension/changelog.md', 'extension/LICENSE.txt', 'extension.vsixmanifest']) {
      assert.ok(names.has(name), `${name} is missing from the VSIX`);
    }
    assert.equal(typeof manifest.icon, 'string', 'package.json has no icon');
    assert.ok(names.has(`extension/${manifest.icon as string}`), `the icon ${manifest.icon as string} is missing from the VSIX`);
  });

  it('holds every file package.json points at (entry points, schemas, snippets, icons)', () => {
    const names = new Set(entries.map((e) => e.name));
    const referenced = referencedFiles(manifest);
    assert.ok(referenced.length > 0, 'package.json references no file');
    const absent = referenced.filter((f) => !names.has(`extension/${f}`));
    assert.deepEqual(absent, [], 'package.json names files the VSIX does not hold; let them in through .vscodeignore');
  });

  it('holds PNG export\'s rasteriser, its fonts and their notices', () => {
    const names = new Set(entries.map((e) => e.name));
    for (const file of ['dist/resvg.wasm', 'media/DejaVuSansCondensed.ttf', 'media/DejaVuSansCondensed-Bold.ttf', 'media/DejaVuSansCondensed-LICENSE.txt', 'media/resvg-NOTICE.txt']) {
      assert.ok(names.has(`extension/${file}`), `${file} is missing from the VSIX`);
    }
  });

  it('holds every schema and snippet file of the project', () => {
    const names = new Set(entries.map((e) => e.name));
    for (const dir of ['schemas', 'snippets']) {
      const full = path.join(ROOT, dir);
      if (!fs.existsSync(full)) continue;
      for (const file of fs.readdirSync(full).filter((f) => f.endsWith('.json'))) {
        assert.ok(names.has(`extension/${dir}/${file}`), `${dir}/${file} is missing from the VSIX`);
      }
    }
  });

  it('has a 128×128 PNG icon, as the Marketplace asks', () => {
    const png = fs.readFileSync(path.join(ROOT, manifest.icon as string));
    assert.equal(png.toString('latin1', 1, 4), 'PNG', `${manifest.icon as string} is not a PNG`);
    // IHDR: width and height are the first two fields after the 8-byte signature and the chunk header.
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  });

  it('carries the manifest of the checkout, with its Marketplace metadata', () => {
    for (const key of ['name', 'publisher', 'version', 'main', 'browser', 'icon', 'categories', 'keywords', 'galleryBanner', 'repository', 'capabilities']) {
      assert.deepEqual(vsixManifest[key], manifest[key], `package.json in the VSIX differs from the checkout at \`${key}\``);
    }
    assert.ok(Array.isArray(manifest.categories) && manifest.categories.includes('Linters'), 'package.json categories lack Linters');
  });

  it(`stays under ${MAX_VSIX_BYTES / 1024 / 1024} MB`, () => {
    assert.ok(vsixSize > 0);
    assert.ok(vsixSize < MAX_VSIX_BYTES, `the VSIX is ${(vsixSize / 1024).toFixed(0)} KB, over the ${MAX_VSIX_BYTES / 1024} KB limit`);
  });
});

describe('zipEntries', () => {
  it('rejects a file that is not a zip archive', () => {
    assert.throws(() => zipEntries(Buffer.alloc(64, 1)), /not a zip archive/);
  });
});
