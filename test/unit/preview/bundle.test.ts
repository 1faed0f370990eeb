import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

const ROOT = path.join(__dirname, '..', '..', '..');

/** The inputs of a bundle built as esbuild.js builds it (in memory). */
async function inputsOf(entry: string, web: boolean): Promise<string[]> {
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    platform: web ? 'browser' : 'node',
    format: 'cjs',
    external: ['vscode'],
    logLevel: 'silent',
    define: { IMPROVEKIT_VERSION: '"0.0.0"', IMPROVEKIT_WEB: String(web), 'process.env.NODE_ENV': '"production"' },
    alias: { yaml: './node_modules/yaml/browser/index.js' },
  });
  return Object.keys(result.metafile.inputs);
}

describe('preview: lazy loading (DESIGN §7)', function () {
  this.timeout(60_000);

  it('keeps the renderer out of the desktop activation bundle', async () => {
    const inputs = await inputsOf('src/extension/main.ts', false);
    assert.ok(inputs.includes('src/extension/preview/index.ts'), 'the preview feature is registered at activation');
    assert.deepEqual(inputs.filter((i) => i.startsWith('src/core/render/') || i === 'src/markdown/render.ts' || i.includes('node_modules/markdown-it/')), []);
  });

  it('builds the renderer as the bundle the desktop extension requires', async () => {
    const inputs = await inputsOf('src/extension/preview/load.ts', false);
    assert.ok(inputs.includes('src/core/render/index.ts'));
    assert.ok(inputs.includes('src/markdown/render.ts'));
    assert.ok(!inputs.some((i) => i.startsWith('src/extension/') && i !== 'src/extension/preview/load.ts'), 'the renderer bundle holds no editor code');
  });

  it('inlines the renderer in the web bundle, which cannot require files', async () => {
    const inputs = await inputsOf('src/extension/main.ts', true);
    assert.ok(inputs.includes('src/core/render/index.ts'));
  });
});
