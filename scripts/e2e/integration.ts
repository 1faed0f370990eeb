// npm run test:integration:code-server — the integration suite (test/integration/suite, mocha in
// the extension host) in a real VS Code: code-server's Node extension host, driven from Chromium.
//
// How: VS Code's web workbench reads `extensionDevelopmentPath` and `extensionTestsPath` from the
// `payload` URL parameter, but a built workbench only honours them when the server runs with the
// smoke-test driver enabled (`--vscode-option enable-smoke-test-driver`). The extension host then
// loads this repository as the extension under development and calls the suite's `run()`. The
// suite's mocha reporter is ours (scripts/e2e/mocha-file-reporter.cjs, named by
// IMPROVEKIT_TEST_REPORTER, which the suite honours): it writes the results to a JSON file, since the
// extension host's output does not otherwise reach this process. Environment variables reach the
// extension host through the code-server process it is forked from.
//
// Twice, as the @vscode/test-electron launcher does: a trusted folder, then an untrusted one
// (Restricted Mode); each time on a fresh copy of examples/.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { copyFolder, launchChromium, log, onInterrupt, requireTools, RESULTS, ROOT, startCodeServer, tail, type CodeServer, writeUserSettings } from './harness';

const SUITE_INDEX = path.join(ROOT, 'out', 'integration', 'suite', 'index.js');
const REPORTER = path.join(__dirname, 'mocha-file-reporter.cjs');
/** The whole suite, both modes, usually takes about a minute; a hung host must not hang CI. */
const SUITE_TIMEOUT = 6 * 60_000;

interface Results {
  stats: { tests: number; passes: number; failures: number; pending: number; duration?: number };
  passes: { title: string }[];
  failures: { title: string; message: string; stack: string }[];
  pending: { title: string }[];
}

function build(): void {
  for (const args of [['esbuild.js', '--quiet'], ['test/integration/build.js']]) {
    const result = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'inherit', 'inherit'] });
    if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed (exit ${result.status})`);
  }
  if (!fs.existsSync(SUITE_INDEX)) throw new Error(`test/integration/build.js did not write ${path.relative(ROOT, SUITE_INDEX)}`);
}

async function runOnce(mode: 'trusted' | 'untrusted', tmp: string, servers: CodeServer[]): Promise<Results> {
  const dir = path.join(tmp, mode);
  const folder = copyFolder(path.join(ROOT, 'examples'), path.join(dir, 'examples'));
  const userDataDir = path.join(dir, 'user-data');
  const extensionsDir = path.join(dir, 'extensions');
  fs.mkdirSync(extensionsDir, { recursive: true });
  writeUserSettings(userDataDir);
  const resultsFile = path.join(dir, 'results.json');
  const server = await startCodeServer({
    folder,
    extensionsDir,
    userDataDir,
    logFile: path.join(RESULTS, `integration-${mode}-code-server.log`),
    vscodeOptions: ['enable-smoke-test-driver', ...(mode === 'trusted' ? ['disable-workspace-trust'] : [])],
    env: { IMPROVEKIT_EXPECT_TRUST: mode, IMPROVEKIT_TEST_REPORTER: REPORTER, IMPROVEKIT_TEST_RESULTS: resultsFile },
  });
  servers.push(server);
  const remote = (file: string) => `vscode-remote://127.0.0.1:${server.port}${file}`;
  const payload = [
    ['extensionDevelopmentPath', remote(ROOT)],
    ['extensionTestsPath', remote(SUITE_INDEX)],
  ];
  const url = `${server.url}?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  log(`${mode}: code-server ${server.url}, extension under development ${ROOT}`);
  const browser = await launchChromium();
  const consoleLines: string[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('console', (message) => consoleLines.push(`[${message.type()}] ${message.text()}`));
    await page.goto(url);
    const deadline = Date.now() + SUITE_TIMEOUT;
    while (!fs.existsSync(resultsFile)) {
      if (Date.now() > deadline) {
        await page.screenshot({ path: path.join(RESULTS, `integration-${mode}-timeout.png`) });
        throw new Error(`the ${mode} run wrote no results within ${SUITE_TIMEOUT / 60_000} minutes. Browser console (last lines):\n${consoleLines.slice(-30).join('\n')}\ncode-server log:\n${tail(server.logFile)}`);
      }
      if (server.process.exitCode !== null) throw new Error(`code-server stopped during the ${mode} run:\n${tail(server.logFile)}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await page.screenshot({ path: path.join(RESULTS, `integration-${mode}.png`) }).catch(() => undefined);
  } finally {
    fs.writeFileSync(path.join(RESULTS, `integration-${mode}-console.log`), consoleLines.join('\n'));
    await browser.close();
    await server.stop();
  }
  // The reporter writes the file in one call at the end of the run; read it once it parses.
  for (let attempt = 0; ; attempt++) {
    try {
      return JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as Results;
    } catch (error) {
      if (attempt > 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

async function main(): Promise<number> {
  const started = Date.now();
  requireTools();
  fs.mkdirSync(RESULTS, { recursive: true });
  if (!fs.existsSync(path.join(ROOT, 'test', 'integration', 'build.js'))) throw new Error('test/integration/build.js is missing: there is no integration suite to run');
  log('building the extension and the integration suite');
  build();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'improvekit-integration-'));
  const servers: CodeServer[] = [];
  const cleanup = async () => {
    await Promise.all(servers.map((s) => s.stop()));
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  onInterrupt(cleanup);
  let failed = 0;
  try {
    const modes = process.argv.includes('--only') ? [process.argv[process.argv.indexOf('--only') + 1] as 'trusted' | 'untrusted'] : (['trusted', 'untrusted'] as const);
    for (const mode of modes) {
      const results = await runOnce(mode, tmp, servers);
      fs.writeFileSync(path.join(RESULTS, `integration-${mode}.json`), JSON.stringify(results, null, 2));
      const { passes, failures, pending } = results.stats;
      log(`${mode}: ${passes} passing, ${failures} failing, ${pending} pending`);
      for (const failure of results.failures) log(`  ✗ ${failure.title}\n      ${failure.message.split('\n').join('\n      ')}`);
      if (passes + failures === 0) {
        log(`${mode}: the suite ran no test`);
        failed++;
      }
      failed += failures;
    }
  } finally {
    await cleanup();
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  log(failed ? `FAILED (${failed}) in ${seconds} s — results in ${path.relative(ROOT, RESULTS)}/integration-*.json` : `passed in ${seconds} s`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[e2e] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
