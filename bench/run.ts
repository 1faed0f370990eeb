/**
 * npm run bench — measures the budgets of DESIGN §7 as ratios within one run on this machine,
 * prints a table, writes bench/results.json, and exits 1 when a budget is missed.
 * Each figure is the median of several runs. `--quick` uses fewer runs.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import Module from 'node:module';
import { parse } from 'yaml';
import { Workspace } from '../src/core/workspace';
import type { Config } from '../src/core/config';
import { generateWorkspace, sampleDocuments, largeDriver, largeCharter, type GeneratedFile } from './generate';
import { createYamlValidator } from './yls';

const quick = process.argv.includes('--quick');
const RUNS = quick ? 3 : 7;
const CONFIG: Config = { rules: {}, today: '2026-03-10' };

interface Row {
  measure: string;
  value: string;
  budget: string;
  pass: boolean | null;
}
const rows: Row[] = [];
const results: Record<string, unknown> = { machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version, platform: `${os.platform()} ${os.arch()}` }, runs: RUNS };

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

async function timeIt(fn: () => unknown | Promise<unknown>, runs = RUNS): Promise<number> {
  await fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

function loadWorkspace(files: GeneratedFile[]): Workspace {
  const ws = new Workspace({ config: CONFIG });
  for (const f of files) ws.setFile(`file:///bench/${f.name}`, f.text);
  return ws;
}

function checkAll(files: GeneratedFile[]): { ws: Workspace; problems: number; errorsOrWarnings: string[] } {
  const ws = loadWorkspace(files);
  let problems = 0;
  const errorsOrWarnings: string[] = [];
  for (const [uri, ds] of ws.allDiagnostics()) {
    problems += ds.length;
    for (const d of ds) if (d.severity === 'error' || d.severity === 'warning') errorsOrWarnings.push(`${uri}:${d.range.start.line + 1} ${d.rule} ${d.message}`);
  }
  return { ws, problems, errorsOrWarnings };
}

function row(measure: string, value: string, budget: string, pass: boolean | null): void {
  rows.push({ measure, value, budget, pass });
}

async function perDocument(): Promise<void> {
  const out: Record<string, unknown> = {};
  for (const [size, doc] of Object.entries(sampleDocuments())) {
    const reps = size === 'large' ? 20 : size === 'typical' ? 200 : 1000;
    const variants = [doc.text, `${doc.text}# edited\n`];
    const parseTime = await timeIt(() => {
      for (let i = 0; i < reps; i++) parse(variants[i & 1]);
    });
    const ws = new Workspace({ config: CONFIG });
    const uri = `file:///bench/${doc.name}`;
    const checkTime = await timeIt(() => {
      for (let i = 0; i < reps; i++) {
        ws.setFile(uri, variants[i & 1]);
        ws.diagnostics(uri);
      }
    });
    const ratio = checkTime / parseTime;
    out[size] = { bytes: doc.text.length, parseMs: parseTime / reps, checkMs: checkTime / reps, ratio };
    row(`1. check ÷ yaml parse, ${size} document (${(doc.text.length / 1024).toFixed(1)} KB)`, `${ratio.toFixed(2)}×  (${((checkTime / reps) * 1000).toFixed(0)} µs vs ${((parseTime / reps) * 1000).toFixed(0)} µs)`, '≤ 1.5×', ratio <= 1.5);
  }
  results.perDocument = out;
}

async function versusYamlLanguageServer(): Promise<void> {
  const files = generateWorkspace(2000);
  const sound = checkAll(files);
  results.soundCorpus = { files: files.length, errorsOrWarnings: sound.errorsOrWarnings.length, sample: sound.errorsOrWarnings.slice(0, 5) };
  row('   sound 2,000-file corpus: errors + warnings', String(sound.errorsOrWarnings.length), '0', sound.errorsOrWarnings.length === 0);
  const ours = await timeIt(() => checkAll(files), Math.max(3, RUNS - 2));
  const validator = await createYamlValidator();
  // yaml-language-server validates YAML files only: Markdown notes are left to us alone.
  const yamlFiles = files.filter((f) => f.name.endsWith('.yaml'));
  const theirs = await timeIt(async () => {
    for (const f of yamlFiles) await validator.validate(`file:///bench/${f.name}`, f.text);
  }, Math.max(3, RUNS - 2));
  const speedup = theirs / ours;
  results.versusYamlLanguageServer = { files: files.length, yamlFiles: yamlFiles.length, oursMs: ours, yamlLanguageServerMs: theirs, speedup };
  row(`2. 2,000 files: yaml-language-server ÷ improvekit (all rules)`, `${speedup.toFixed(2)}×  (${ours.toFixed(0)} ms vs ${theirs.toFixed(0)} ms)`, '≥ 2×', speedup >= 2);
}

async function growth(): Promise<void> {
  const sizes = [500, 2000, 8000];
  const times: number[] = [];
  for (const n of sizes) {
    const files = generateWorkspace(n);
    times.push(await timeIt(() => checkAll(files), n === 8000 ? 3 : Math.max(3, RUNS - 2)));
  }
  const r1 = times[1] / times[0];
  const r2 = times[2] / times[1];
  results.growth = Object.fromEntries(sizes.map((n, i) => [n, times[i]]));
  row('3. growth 500 → 2,000 files', `${r1.toFixed(2)}×  (${times[0].toFixed(0)} → ${times[1].toFixed(0)} ms)`, '≤ 4.5×', r1 <= 4.5);
  row('   growth 2,000 → 8,000 files', `${r2.toFixed(2)}×  (${times[1].toFixed(0)} → ${times[2].toFixed(0)} ms)`, '≤ 4.5×', r2 <= 4.5);
}

async function incremental(): Promise<void> {
  const files = generateWorkspace(2000);
  const { ws } = checkAll(files);
  const target = files.find((f) => f.name.endsWith('.driver.yaml'))!;
  const uri = `file:///bench/${target.name}`;
  const variants = [target.text, target.text.replace('target: 70%', 'target: 72%')];
  let i = 0;
  const parsesBefore = ws.parseCount;
  const edit = await timeIt(() => {
    ws.setFile(uri, variants[++i & 1]);
    ws.diagnostics(uri);
  }, 50);
  const reparsed = (ws.parseCount - parsesBefore) / 51;
  const single = await timeIt(() => {
    const one = new Workspace({ config: CONFIG });
    one.setFile(uri, variants[++i & 1]);
    one.diagnostics(uri);
  }, 50);
  const full = await timeIt(() => checkAll(files), 3);
  results.incremental = { editMs: edit, singleDocumentMs: single, fullMs: full, filesParsedPerEdit: reparsed };
  row('4. edit one document of 2,000: files re-parsed', String(reparsed), '1', reparsed === 1);
  row('   edit one document of 2,000 ÷ full re-check', `${((edit / full) * 100).toFixed(2)}%  (${edit.toFixed(2)} ms vs ${full.toFixed(0)} ms)`, '≤ 2%', edit / full <= 0.02);
  row('   edit one document of 2,000 ÷ checking it alone', `${(edit / single).toFixed(2)}×`, '≤ 3×', edit / single <= 3);
}

async function render(): Promise<void> {
  let renderModule: typeof import('../src/core/render');
  try {
    renderModule = await import('../src/core/render');
  } catch {
    row('5. render', 'render module not built', '—', null);
    return;
  }
  const cases = [
    ['5. render a ~500-node driver diagram', 'big.driver.yaml', largeDriver(500)],
    ['   render a 100-decision RAPID matrix', 'big.rapid.yaml', largeCharter(100)],
  ] as const;
  const out: Record<string, number> = {};
  for (const [label, name, text] of cases) {
    const ws = new Workspace({ config: CONFIG });
    const uri = `file:///bench/${name}`;
    ws.setFile(uri, text);
    const doc = ws.file(uri)!.documents[0];
    const diagnostics = ws.diagnostics(uri);
    const ms = await timeIt(() => renderModule.renderDocument(doc, { diagnostics, workspace: ws }));
    out[name] = ms;
    row(label, `${ms.toFixed(1)} ms`, '≤ 250 ms', ms <= 250);
  }
  results.render = out;
}

async function bundles(): Promise<void> {
  const dist = path.join(__dirname, '..', 'dist');
  const ext = path.join(dist, 'extension.js');
  if (!fs.existsSync(ext)) {
    row('6. extension bundle', 'not built (npm run build)', '≤ 400 KB', null);
    return;
  }
  const sizes: Record<string, number> = {};
  for (const f of ['extension.js', 'web/extension.js', 'cli.js', 'markdown.js', 'preview.js']) {
    const p = path.join(dist, f);
    if (fs.existsSync(p)) sizes[f] = fs.statSync(p).size;
  }
  results.bundles = sizes;
  for (const f of ['extension.js', 'web/extension.js']) {
    if (sizes[f] === undefined) continue;
    row(`6. bundle dist/${f}`, `${(sizes[f] / 1024).toFixed(0)} KB`, '≤ 400 KB', sizes[f] <= 400 * 1024);
  }
  // Activation must not evaluate preview code: the renderer's marker must not be in the activation bundle.
  const activation = fs.readFileSync(ext, 'utf8');
  const eager = /improvekit-preview-renderer/.test(activation);
  row('   preview code outside the activation bundle', eager ? 'renderer found in dist/extension.js' : 'yes', 'yes', !eager);
  // Load time: require the bundle with a stand-in for the `vscode` module.
  const load = await timeIt(() => {
    const resolve = (Module as unknown as { _resolveFilename: (...a: unknown[]) => string })._resolveFilename;
    const cache = require.cache;
    delete cache[require.resolve(ext)];
    const stub = path.join(__dirname, 'vscode-stub.js');
    (Module as unknown as { _resolveFilename: (...a: unknown[]) => string })._resolveFilename = function (request: unknown, ...rest: unknown[]) {
      return request === 'vscode' ? stub : resolve.call(this, request, ...rest);
    };
    try {
      require(ext);
    } finally {
      (Module as unknown as { _resolveFilename: unknown })._resolveFilename = resolve;
    }
  }, 10);
  results.extensionLoadMs = load;
  row('   load dist/extension.js', `${load.toFixed(1)} ms`, '≤ 100 ms', load <= 100);
}

async function main(): Promise<void> {
  await perDocument();
  await versusYamlLanguageServer();
  await growth();
  await incremental();
  await render();
  await bundles();
  const width = Math.max(...rows.map((r) => r.measure.length));
  const vwidth = Math.max(...rows.map((r) => r.value.length));
  console.log(`\nImprovekit benchmarks — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, median of ${RUNS} runs\n`);
  for (const r of rows) console.log(`${r.measure.padEnd(width)}  ${r.value.padEnd(vwidth)}  ${r.budget.padEnd(8)}  ${r.pass === null ? '—' : r.pass ? 'ok' : 'MISSED'}`);
  results.rows = rows;
  fs.writeFileSync(path.join(__dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  const missed = rows.filter((r) => r.pass === false);
  console.log(missed.length ? `\n${missed.length} budget(s) missed.` : '\nAll budgets met.');
  process.exitCode = missed.length ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 2;
});
