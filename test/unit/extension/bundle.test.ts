import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..', '..');

/** The bundles VS Code's Node extension host loads (the desktop extension and what it requires on first use). */
const DESKTOP_BUNDLES = ['dist/extension.js', 'dist/preview.js', 'dist/rationale.js', 'dist/csv.js', 'dist/language.js'];

describe('desktop bundles', () => {
  before(function () {
    this.timeout(120_000);
    if (DESKTOP_BUNDLES.every((f) => fs.existsSync(path.join(ROOT, f)))) return;
    const build = spawnSync(process.execPath, ['esbuild.js', '--quiet'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(build.status, 0, `node esbuild.js failed:\n${build.stderr}`);
  });

  // VS Code's Node extension host logs every read of the global `navigator` as an error in the
  // extension host log (zod's runtime checks read it); esbuild.js defines it away for Node bundles.
  for (const bundle of DESKTOP_BUNDLES) {
    it(`${bundle} reads no global \`navigator\``, () => {
      const code = fs.readFileSync(path.join(ROOT, bundle), 'utf8');
      const reads = [...code.matchAll(/[^.\w$]navigator\b/g)].map((m) => code.slice(Math.max(0, m.index - 40), m.index + 50));
      assert.deepEqual(reads, []);
    });
  }

  // The language features are dist/language.js, required on the first request (esbuild.js's
  // `lazy-language`): the stand-in in dist/extension.js names each function the editor calls.
  it('dist/language.js holds every language feature the editor calls, and dist/extension.js none of them', () => {
    const features = require(path.join(ROOT, 'dist', 'language.js')) as Record<string, unknown>;
    const called = [...fs.readFileSync(path.join(ROOT, 'src', 'extension', 'language.ts'), 'utf8').matchAll(/\blang\.(\w+)\(/g)].map((m) => m[1]);
    assert.ok(called.length >= 8, `found ${called.length} calls`);
    for (const name of new Set(called)) assert.equal(typeof features[name], 'function', `dist/language.js lacks ${name}`);
    const extension = fs.readFileSync(path.join(ROOT, 'dist', 'extension.js'), 'utf8');
    assert.match(extension, /language\.js/);
    // A phrase only the hover writes stays out of the activation bundle.
    const phrase = 'The dates are out of order: no signal is read.';
    assert.ok(fs.readFileSync(path.join(ROOT, 'src', 'core', 'lang', 'hover.ts'), 'utf8').includes(phrase));
    assert.ok(fs.readFileSync(path.join(ROOT, 'dist', 'language.js'), 'utf8').includes(phrase));
    assert.ok(!extension.includes(phrase), 'hover code is in dist/extension.js');
  });

  it('dist/extension.js keeps the 400 KB budget (DESIGN §7)', () => {
    const size = fs.statSync(path.join(ROOT, 'dist', 'extension.js')).size;
    assert.ok(size <= 400 * 1024, `dist/extension.js is ${(size / 1024).toFixed(0)} KB`);
  });
});
