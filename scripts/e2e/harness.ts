// The pieces the end-to-end and in-editor test runs share: where code-server lives, packaging and
// installing the VSIX as a user would, starting code-server on a free port and stopping it (even
// when a test fails), and launching Debian's Chromium through playwright-core.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const ROOT = path.resolve(__dirname, '../..');
export const RESULTS = path.join(ROOT, 'test-results', 'e2e');
export const CACHE = process.env.IMPROVEKIT_E2E_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'improvekit-e2e');
export const CODE_SERVER = path.join(CACHE, 'code-server.sh');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Chromium flags for a headless run as root in CI, with nothing reaching out to the network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function log(message: string): void {
  process.stdout.write(`[e2e] ${message}\n`);
}

/** Says what is missing and how to get it, instead of failing deep inside a test. */
export function requireTools(): void {
  const problems: string[] = [];
  if (!fs.existsSync(CODE_SERVER)) problems.push(`code-server is not installed in ${CACHE}`);
  if (!fs.existsSync(CHROMIUM)) problems.push(`Chromium is not at ${CHROMIUM} (set CHROMIUM_PATH to use another)`);
  if (problems.length) {
    throw new Error(`${problems.join('; ')}. Run scripts/e2e/setup.sh first (it installs chromium, Node 24 and code-server).`);
  }
}

export function readManifest(dir = ROOT): { name: string; publisher: string; version: string } & Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
}

function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): string {
  const result = spawnSync(command, args, { cwd: options.cwd ?? ROOT, env: options.env ?? process.env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    throw new Error(`${path.basename(command)} ${args.join(' ')} failed (exit ${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
  }
  return result.stdout;
}

/** `npm run package`, written to `out` instead of the checkout. */
export function packageVsix(out: string): string {
  run('npm', ['run', '--silent', 'package', '--', '--out', out], { env: { ...process.env, CI: 'true' } });
  if (!fs.existsSync(out)) throw new Error(`npm run package did not write ${out}`);
  return out;
}

/** Installs a VSIX the way a user would, with code-server's own `--install-extension`. */
export function installVsix(vsix: string, extensionsDir: string, userDataDir: string): string {
  fs.mkdirSync(extensionsDir, { recursive: true });
  const output = run(CODE_SERVER, ['--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix]);
  const manifest = readManifest();
  const installed = path.join(extensionsDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
  if (!fs.existsSync(path.join(installed, 'package.json'))) {
    throw new Error(`code-server --install-extension did not install ${path.basename(installed)}:\n${output}`);
  }
  return installed;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** A temporary copy of a folder (the examples are never edited in place). */
export function copyFolder(from: string, to: string): string {
  fs.mkdirSync(to, { recursive: true });
  fs.cpSync(from, to, { recursive: true });
  return to;
}

/** Settings for a quiet workbench: no welcome page, no tips, no network, no word-based completion
 * (so a completion item can only come from the extension), and the trust prompt off so the folder
 * simply opens in Restricted Mode. */
export const USER_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'always',
  'editor.wordBasedSuggestions': 'off',
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'editor.acceptSuggestionOnEnter': 'on',
  'files.simpleDialog.enable': true,
  'files.autoSave': 'off',
  'chat.disableAIFeatures': true,
  'window.dialogStyle': 'custom',
};

export function writeUserSettings(userDataDir: string, extra: Record<string, unknown> = {}): void {
  const dir = path.join(userDataDir, 'User');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ ...USER_SETTINGS, ...extra }, null, 2));
}

export interface CodeServer {
  url: string;
  port: number;
  logFile: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  folder: string;
  extensionsDir: string;
  userDataDir: string;
  logFile: string;
  /** Options passed straight to the VS Code server (`--vscode-option`). */
  vscodeOptions?: string[];
  env?: NodeJS.ProcessEnv;
}

/** Starts code-server on a free port of 127.0.0.1 and resolves once it answers HTTP. */
export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const port = await freePort();
  fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
  const logFd = fs.openSync(options.logFile, 'w');
  const args = [
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--user-data-dir', options.userDataDir,
    '--extensions-dir', options.extensionsDir,
    ...(options.vscodeOptions ?? []).flatMap((o) => ['--vscode-option', o]),
    options.folder,
  ];
  // Its own process group, so that stopping it also stops its extension hosts and pty host.
  const child = spawn(CODE_SERVER, args, {
    cwd: options.folder,
    detached: true,
    stdio: ['ignore', logFd, logFd],
    env: { ...process.env, ...options.env, VSCODE_PROXY_URI: '' },
  });
  fs.closeSync(logFd);
  let exited: string | undefined;
  child.on('exit', (code, signal) => (exited = `exit ${code ?? signal}`));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 5000);
    await done;
    clearTimeout(timer);
  };
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (exited) throw new Error(`code-server stopped before it was ready (${exited}); its log:\n${tail(options.logFile)}`);
    try {
      const response = await fetch(`${url}healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer on ${url} within 90 s; its log:\n${tail(options.logFile)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { url, port, logFile: options.logFile, process: child, stop };
}

export function tail(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** Stops children when the run is interrupted, so no code-server or Chromium is left behind. */
export function onInterrupt(cleanup: () => Promise<void>): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void cleanup().finally(() => process.exit(130));
    });
  }
}
