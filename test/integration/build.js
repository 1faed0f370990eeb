// Bundles the integration suite for VS Code's extension host: out/integration/suite/*.js and the launcher.
// `vscode` is the host's own module; mocha and @vscode/test-electron are loaded from node_modules.
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..', '..');
const suite = path.join(__dirname, 'suite');
const outdir = path.join(root, 'out', 'integration');

async function main() {
  fs.rmSync(outdir, { recursive: true, force: true });
  const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'warning',
    external: ['vscode', 'mocha', 'tsx', 'tsx/*', '@vscode/test-electron'],
    alias: { yaml: path.join(root, 'node_modules/yaml/browser/index.js') },
  };
  const tests = fs.readdirSync(suite).filter((f) => f === 'index.ts' || f.endsWith('.test.ts'));
  await esbuild.build({ ...common, entryPoints: tests.map((f) => path.join(suite, f)), outdir: path.join(outdir, 'suite') });
  await esbuild.build({ ...common, entryPoints: [path.join(__dirname, 'runTest.ts')], outfile: path.join(outdir, 'runTest.js') });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
