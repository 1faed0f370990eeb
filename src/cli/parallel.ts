import * as fs from 'node:fs';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { Workspace } from '../core/workspace';
import { fromPortable, toPortable, type PortableFile } from '../core/parse';
import type { Config } from '../core/config';
import type { Diagnostic } from '../core/types';
import { readText } from './files';

/**
 * The main thread's share of the files relative to a worker's. Parsing, schemas and the rules that
 * need one file only are about 55% of checking, the workspace-wide rules about 11% (profile in
 * docs/performance.md); the main thread also runs the latter over every file, so it takes two
 * thirds of a worker's share.
 */
export const MAIN_SHARE = 0.67;

export type Loaded = { file: string; uri: string; ok: true; parsed: PortableFile | undefined; local: Diagnostic[] | undefined } | { file: string; uri: string; ok: false; message: string };

/** The configurations of a check: the workspace's, and those of folders with their own `.improvekit.yaml`. */
export interface Configs {
  config: Config;
  folders: Array<[string, Config]>;
}

interface Job {
  files: string[];
  configs: Configs;
  today: string;
}

/** Reads and parses files, and computes what each file's text alone decides. */
function load(job: Job, portable: boolean, workspace: Workspace): Loaded[] {
  return job.files.map((file): Loaded => {
    const uri = pathToFileURL(file).href;
    const read = readText(file);
    if (!read.ok) return { file, uri, ok: false, message: read.message };
    const parsed = workspace.setFile(uri, read.text);
    // Spans stay behind: the main thread reads a text again only if a diagnostic needs a position in it.
    return { file, uri, ok: true, parsed: portable ? toPortable(parsed, false) : undefined, local: portable ? workspace.localDiagnostics(uri) : undefined };
  });
}

/** The worker's side: one job in, its results out. */
if (!isMainThread && (workerData as { improvekitWorker?: boolean } | null)?.improvekitWorker) {
  const job = (workerData as { job: Job }).job;
  const ws = new Workspace({ config: job.configs.config, today: () => job.today });
  if (job.configs.folders.length) ws.setFolderConfigs(new Map(job.configs.folders));
  parentPort!.postMessage(load(job, true, ws));
}

/**
 * How many threads to check on: one, unless IMPROVEKIT_THREADS asks for more (at most 4).
 * A worker costs its own start-up, its own compiled code and the copying of values back (about
 * 0.3 s of CPU plus 0.3 ms a file), and on the machine measured the threads of one process did not
 * run side by side, so a second thread never paid there (see docs/performance.md). Where cores
 * do run a process's threads together, IMPROVEKIT_THREADS=2 shares large workspaces.
 */
export function threadCount(): number {
  const fixed = Number(process.env.IMPROVEKIT_THREADS);
  return fixed >= 1 ? Math.min(Math.floor(fixed), 4) : 1;
}

/**
 * Loads files into the workspace, on more threads when asked: the files are split by size, worker
 * threads parse and check their shares while this thread does its own, and the workers' parsed
 * files join this thread's workspace as plain data.
 */
export async function loadFiles(workspace: Workspace, files: readonly string[], configs: Configs, today: string, script: string): Promise<Loaded[]> {
  const threads = threadCount();
  if (threads < 2 || !fs.existsSync(script)) {
    return load({ files: [...files], configs, today }, false, workspace);
  }
  // Deal files by size so each share costs about the same; this thread's share is smaller, as it
  // also takes in the workers' results and runs the workspace-wide rules over every file.
  const sized = files.map((f) => {
    try {
      return { f, size: fs.statSync(f).size };
    } catch {
      return { f, size: 0 };
    }
  });
  sized.sort((a, b) => b.size - a.size);
  const shares: string[][] = Array.from({ length: threads }, () => []);
  const weights = shares.map((_, i) => (i === 0 ? MAIN_SHARE : 1));
  const loads = shares.map(() => 0);
  for (const { f, size } of sized) {
    let best = 0;
    for (let i = 1; i < threads; i++) if ((loads[i] + size) / weights[i] < (loads[best] + size) / weights[best]) best = i;
    shares[best].push(f);
    loads[best] += size + 1;
  }
  const workers = shares.slice(1).map(
    (share) =>
      new Promise<Loaded[]>((resolve, reject) => {
        const worker = new Worker(script, { workerData: { improvekitWorker: true, job: { files: share, configs, today } } });
        worker.once('message', (m: Loaded[]) => resolve(m));
        worker.once('error', reject);
        worker.once('exit', (code) => code !== 0 && reject(new Error(`worker exited with ${code}`)));
      }),
  );
  const mine = load({ files: shares[0], configs, today }, false, workspace);
  const theirs = (await Promise.all(workers)).flat();
  for (const loaded of theirs) {
    if (loaded.ok && loaded.parsed) workspace.setParsedFile(fromPortable(loaded.parsed), loaded.local);
  }
  return [...mine, ...theirs];
}
