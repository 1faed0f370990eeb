// The single build entry: the CLI, the desktop and web extension, and the preview script.
// `node esbuild.js` builds minified production bundles; `--watch` rebuilds on change; `--quiet` prints nothing.
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const watch = process.argv.includes('--watch');
const quiet = process.argv.includes('--quiet');
const production = !watch;
const pkg = require('./package.json');

/**
 * In the desktop extension, code needed only on first use lives in bundles of its own, required
 * then (DESIGN §7: activation stays small): the CSV parser (dist/csv.js) the first time a data file
 * is read, the rules' rationale (dist/rationale.js) on the first hover of a finding, the language
 * features (dist/language.js) on the first completion, hover, outline or CodeLens request. Their members
 * are read at call time, so a stand-in whose getters load the bundle is enough.
 */
function lazy(name, filter, file, members) {
  return {
    name,
    setup(build) {
      build.onResolve({ filter }, () => ({ path: file, namespace: name }));
      build.onLoad({ filter: /.*/, namespace: name }, () => ({
        loader: 'js',
        contents:
          `let lib; const load = () => lib || (lib = require(require('node:path').join(__dirname, ${JSON.stringify(file)})));` +
          `module.exports = { ${members.map((m) => `get ${m}() { return load().${m}; }`).join(', ')} };`,
      }));
    },
  };
}
const lazyCsv = lazy('lazy-csv', /^papaparse$/, 'csv.js', ['Parser', 'parse']);
const lazyRationale = lazy('lazy-rationale', /[\\/]rules[\\/]rationale$/, 'rationale.js', ['RATIONALE', 'rationaleOf']);
// The editor's language features (completion with its snippets, hover, navigation, outline,
// CodeLens): dist/language.js, required by the first request for one of them.
const LANGUAGE_MEMBERS = ['completions', 'hover', 'definition', 'references', 'prepareRename', 'rename', 'documentSymbols', 'codeLenses'];
const lazyLanguage = lazy('lazy-language', /^\.\.[\\/]core[\\/]lang$/, 'language.js', LANGUAGE_MEMBERS);

/** @type {import('esbuild').BuildOptions[]} */
const targets = [
  {
    entryPoints: ['src/cli/bin.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    // Looked up only when running from the sources; the bundle reads dist/resvg.wasm beside it.
    external: ['@resvg/resvg-wasm/index_bg.wasm'],
  },
  {
    entryPoints: ['src/extension/main.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    // The preview's renderer is dist/preview.js, and the CSV parser dist/csv.js, each required on first use (DESIGN §7).
    define: { IMPROVEKIT_WEB: 'false' },
    plugins: [lazyCsv, lazyRationale, lazyLanguage],
    splitting: false,
  },
  {
    entryPoints: ['src/core/lang/index.ts'],
    outfile: 'dist/language.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    plugins: [lazyCsv, lazyRationale],
  },
  {
    entryPoints: ['src/core/rules/rationale.ts'],
    outfile: 'dist/rationale.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    entryPoints: ['node_modules/papaparse/papaparse.js'],
    outfile: 'dist/csv.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    entryPoints: ['src/extension/main.ts'],
    outfile: 'dist/web/extension.js',
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
    // A web extension host loads one file: the preview's renderer is inlined here.
    define: { 'process.env.NODE_ENV': '"production"', IMPROVEKIT_WEB: 'true' },
  },
  {
    entryPoints: ['src/extension/preview/load.ts'],
    outfile: 'dist/preview.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    entryPoints: ['src/markdown/plugin.ts'],
    outfile: 'dist/markdown.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
];

// A missing entry point is a broken build, not a bundle to skip.
const missing = targets.filter((t) => !fs.existsSync(t.entryPoints[0]));
if (missing.length) {
  console.error(`esbuild.js: missing entry point ${missing.map((t) => t.entryPoints[0]).join(', ')}`);
  process.exit(1);
}

async function main() {
  const common = {
    bundle: true,
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
    logLevel: quiet ? 'silent' : 'warning',
    legalComments: 'none',
    define: { IMPROVEKIT_VERSION: JSON.stringify(pkg.version) },
    // yaml's Node build reads process.env on every token (a debugging switch); its browser build,
    // the same parser without that lookup, parses several times faster.
    alias: { yaml: './node_modules/yaml/browser/index.js' },
  };
  // PNG export's rasteriser (resvg as WebAssembly), read at run time by the CLI and the extension
  // beside their bundles, never bundled: loaded only when a PNG is drawn.
  fs.mkdirSync(path.join(__dirname, 'dist'), { recursive: true });
  fs.copyFileSync(require.resolve('@resvg/resvg-wasm/index_bg.wasm'), path.join(__dirname, 'dist/resvg.wasm'));
  // zod reads the global `navigator` (a Cloudflare check), and VS Code's Node extension host logs
  // every read of it as an error: in Node bundles it is `undefined`, as it is in plain Node.
  const nodeDefine = (t) => (t.platform === 'node' ? { navigator: 'undefined' } : {});
  const contexts = await Promise.all(targets.map((t) => esbuild.context({ ...common, ...t, define: { ...common.define, ...nodeDefine(t), ...(t.define || {}) } })));
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    if (!quiet) console.log(`watching ${targets.length} bundles…`);
    return;
  }
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
  fs.chmodSync(path.join(__dirname, 'dist/cli.js'), 0o755);
  if (!quiet) for (const t of targets) console.log(`built ${t.outfile} (${(fs.statSync(t.outfile).size / 1024).toFixed(0)} KB)`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
