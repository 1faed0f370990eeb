import * as os from 'node:os';
import * as fs from 'node:fs';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { Workspace } from '../core/workspace';
import { fromPortable, toPortable, type PortableFile } from '../core/parse';
import type { Config } from '../core/config';
import type { Diagnostic } from '../core/types';
import { readText } from './files';

/** Below this many files a second thread costs more than it saves. */
export const PARALLEL_THRESHOLD = 300;

export type Loaded = { file: string; uri: string; ok: true; parsed: PortableFile | undefined; local: Diagnostic[] | undefined } | { file: string; uri: string; ok: false; message: string };

interface Job {
  files: string[];
  config: Config;
  today: string;
}

/** Reads and parses files, and computes what each file's text alone decides. */
function load(job: Job, portable: boolean, workspace: Workspace): Loaded[] {
  return job.files.map((file): Loaded => {
    const uri = pathToFileURL(file).href;
    const read = readText(file);
    if (!read.ok) return { file, uri, ok: false, message: read.message };
    const parsed = workspace.setFile(uri, read.text);
    return { file, uri, ok: true, parsed: portable ? toPortable(parsed) : undefined, local: portable ? workspace.localDiagnostics(uri) : undefined };
  });
}

/** The worker's side: one job in, its results out. */
if (!isMainThread && (workerData as { improvekitWorker?: boolean } | null)?.improvekitWorker) {
  const job = (workerData as { job: Job }).job;
  const ws = new Workspace({ config: job.config, today: () => job.today });
  parentPort!.postMessage(load(job, true, ws));
}

/**
 * Loads files into the workspace, on both cores when there are many: the files are split by
 * size, a worker thread parses and checks one share while this thread does the other, and
 * the worker's parsed files join this thread's workspace as plain data.
 */
export async function loadFiles(workspace: Workspace, files: readonly string[], config: Config, today: string, script: string): Promise<Loaded[]> {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  // IMPROVEKIT_THREADS=1 keeps everything on one thread (for comparison, or a busy CI machine).
  const threads = Math.max(1, Math.min(Number(process.env.IMPROVEKIT_THREADS) || cores, 4));
  if (threads < 2 || files.length < PARALLEL_THRESHOLD || !fs.existsSync(script)) {
    return load({ files: [...files], config, today }, false, workspace);
  }
  // Deal files by size so each share costs about the same.
  const sized = files.map((f) => {
    try {
      return { f, size: fs.statSync(f).size };
    } catch {
      return { f, size: 0 };
    }
  });
  sized.sort((a, b) => b.size - a.size);
  const shares: string[][] = Array.from({ length: threads }, () => []);
  sized.forEach(({ f }, i) => shares[i % threads].push(f));
  const workers = shares.slice(1).map(
    (share) =>
      new Promise<Loaded[]>((resolve, reject) => {
        const worker = new Worker(script, { workerData: { improvekitWorker: true, job: { files: share, config, today } } });
        worker.once('message', (m: Loaded[]) => resolve(m));
        worker.once('error', reject);
        worker.once('exit', (code) => code !== 0 && reject(new Error(`worker exited with ${code}`)));
      }),
  );
  const mine = load({ files: shares[0], config, today }, false, workspace);
  const theirs = (await Promise.all(workers)).flat();
  for (const loaded of theirs) {
    if (loaded.ok && loaded.parsed) workspace.setParsedFile(fromPortable(loaded.parsed), loaded.local);
  }
  return [...mine, ...theirs];
}
