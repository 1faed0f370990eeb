/**
 * Runs the integration suite in a real VS Code with @vscode/test-electron: the extension from this
 * repository, and a fresh copy of examples/ as the workspace. Twice: once trusted, once in
 * restricted (untrusted) mode. VS Code is never downloaded: it comes from VSCODE_EXECUTABLE_PATH
 * or an existing .vscode-test install; without one the suite is skipped, and says so.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

const ROOT = path.resolve(__dirname, '..', '..');

/** An installed VS Code: the environment's, else one under .vscode-test/. */
function findExecutable(): string | undefined {
  const fromEnv = process.env.VSCODE_EXECUTABLE_PATH;
  if (fromEnv) {
    if (fs.existsSync(fromEnv)) return fromEnv;
    console.error(`VSCODE_EXECUTABLE_PATH is ${fromEnv}, which does not exist.`);
    return undefined;
  }
  const cache = path.join(ROOT, '.vscode-test');
  if (!fs.existsSync(cache)) return undefined;
  const candidates = ['code', 'Code', 'code-insiders', 'Visual Studio Code.app/Contents/MacOS/Electron', 'Code.exe'];
  for (const dir of fs.readdirSync(cache)) {
    if (!dir.startsWith('vscode-')) continue;
    for (const sub of ['', 'VSCode-linux-x64', 'VSCode-linux-arm64']) {
      for (const name of candidates) {
        const file = path.join(cache, dir, sub, name);
        if (fs.existsSync(file) && fs.statSync(file).isFile()) return file;
      }
    }
  }
  return undefined;
}

async function runOnce(executable: string, trusted: boolean): Promise<void> {
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'improvekit-integration-'));
  const workspace = path.join(temp, 'examples');
  fs.cpSync(path.join(ROOT, 'examples'), workspace, { recursive: true });
  const userData = path.join(temp, 'user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  // No trust prompt: with trust on, a new folder opens in restricted mode.
  fs.writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify({ 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.untrustedFiles': 'open', 'workbench.startupEditor': 'none' }, null, 2),
  );
  console.log(`integration suite: ${trusted ? 'trusted' : 'untrusted (restricted mode)'} workspace ${workspace}`);
  try {
    await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(__dirname, 'suite', 'index.js'),
      extensionTestsEnv: { IMPROVEKIT_EXPECT_TRUST: trusted ? 'trusted' : 'untrusted' },
      launchArgs: [workspace, `--user-data-dir=${userData}`, '--disable-extensions', '--skip-welcome', '--skip-release-notes', ...(trusted ? ['--disable-workspace-trust'] : [])],
    });
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const executable = findExecutable();
  if (!executable) {
    console.log('integration suite skipped: no VS Code executable (set VSCODE_EXECUTABLE_PATH to a VS Code binary, or install one under .vscode-test/). Nothing is downloaded.');
    return;
  }
  await runOnce(executable, true);
  await runOnce(executable, false);
}

main().catch((error) => {
  console.error(`integration suite failed: ${String((error as Error)?.message ?? error)}`);
  process.exit(1);
});
