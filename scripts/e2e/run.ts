// npm run test:e2e — the extension end to end in a real VS Code, as users get it:
//  1. `npm run package` builds the VSIX;
//  2. code-server installs it (`--install-extension`) into a fresh extensions folder;
//  3. a copy of examples/ is opened, untrusted (Restricted Mode), in code-server on a free port;
//  4. mocha runs test/e2e/*.test.ts, which drive the workbench in Chromium;
//  5. a second code-server gets a web-only copy of the extension, so that the `browser` bundle runs
//     in the workbench's web worker extension host, and test/e2e/web.test.ts checks it there.
// code-server and Chromium are stopped at the end, also when a step fails or the run is interrupted.
// Options: --skip-package (reuse IMPROVEKIT_VSIX), --only editor|web.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { copyFolder, installVsix, log, onInterrupt, packageVsix, readManifest, requireTools, RESULTS, ROOT, startCodeServer, type CodeServer, writeUserSettings } from './harness';
import { makeWebOnlyCopy } from './web-copy';

const MOCHA = path.join(ROOT, 'node_modules', '.bin', 'mocha');

function mocha(spec: string, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(MOCHA, ['--no-config', '--require', 'tsx/cjs', '--extension', 'ts', '--timeout', '120000', '--reporter', 'spec', spec], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, ...env },
    });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

async function main(): Promise<number> {
  const started = Date.now();
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
  requireTools();
  fs.rmSync(RESULTS, { recursive: true, force: true });
  fs.mkdirSync(RESULTS, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'improvekit-e2e-'));
  const servers: CodeServer[] = [];
  const cleanup = async () => {
    await Promise.all(servers.map((s) => s.stop()));
    if (!process.env.IMPROVEKIT_E2E_KEEP) fs.rmSync(tmp, { recursive: true, force: true });
  };
  onInterrupt(cleanup);
  try {
    let vsix = process.env.IMPROVEKIT_VSIX;
    if (!vsix || !process.argv.includes('--skip-package')) {
      log('packaging the extension (npm run package)');
      vsix = packageVsix(path.join(tmp, 'improvekit.vsix'));
    }
    log(`VSIX: ${(fs.statSync(vsix).size / 1024).toFixed(0)} KB`);
    const failures: string[] = [];

    if (!only || only === 'editor') {
      const userDataDir = path.join(tmp, 'user-data');
      const extensionsDir = path.join(tmp, 'extensions');
      writeUserSettings(userDataDir);
      const installed = installVsix(vsix, extensionsDir, userDataDir);
      log(`installed ${path.basename(installed)} with code-server --install-extension`);
      const folder = copyFolder(path.join(ROOT, 'examples'), path.join(tmp, 'valley-oak'));
      const server = await startCodeServer({ folder, extensionsDir, userDataDir, logFile: path.join(RESULTS, 'code-server.log') });
      servers.push(server);
      log(`code-server ${server.url} on ${folder}`);
      const code = await mocha('test/e2e/editor.test.ts', { IMPROVEKIT_E2E_URL: server.url, IMPROVEKIT_E2E_WORKSPACE: folder });
      if (code !== 0) failures.push(`the editor suite (${code} failing)`);
      await server.stop();
    }

    if (!only || only === 'web') {
      const userDataDir = path.join(tmp, 'web-user-data');
      const extensionsDir = path.join(tmp, 'web-extensions');
      writeUserSettings(userDataDir);
      const manifest = readManifest();
      const copy = makeWebOnlyCopy(vsix, path.join(tmp, 'web-only'));
      const installed = installVsix(copy, extensionsDir, userDataDir);
      log(`installed the web-only copy ${path.basename(installed)} (package.json: browser only, no main)`);
      const folder = copyFolder(path.join(ROOT, 'examples'), path.join(tmp, 'valley-oak-web'));
      const server = await startCodeServer({ folder, extensionsDir, userDataDir, logFile: path.join(RESULTS, 'code-server-web.log') });
      servers.push(server);
      log(`code-server ${server.url} on ${folder} (web worker extension host)`);
      const code = await mocha('test/e2e/web.test.ts', {
        IMPROVEKIT_E2E_URL: server.url,
        IMPROVEKIT_E2E_WORKSPACE: folder,
        IMPROVEKIT_E2E_EXTENSION_ID: `${manifest.publisher}.${manifest.name}`,
      });
      if (code !== 0) failures.push(`the web extension suite (${code} failing)`);
      await server.stop();
    }

    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    if (failures.length) {
      log(`FAILED: ${failures.join('; ')} — screenshots and logs in ${path.relative(ROOT, RESULTS)}/ (${seconds} s)`);
      return 1;
    }
    log(`passed in ${seconds} s — screenshots and logs in ${path.relative(ROOT, RESULTS)}/`);
    return 0;
  } finally {
    await cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[e2e] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
