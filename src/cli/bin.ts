import { isMainThread } from 'node:worker_threads';
import { main } from './main';

// The same bundle runs as a worker thread on large workspaces (see parallel.ts); only the main thread runs the command.
if (isMainThread) run();

function run(): void {
  // `improvekit check | head`: once the reader is gone (EPIPE), the rest of the report is dropped
  // quietly; the exit code stays what the check decides.
  let closed = false;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') {
      closed = true;
      return;
    }
    process.stderr.write(`improvekit: cannot write the report: ${error.code ?? String(error)}\n`);
    process.exitCode = 2;
  });
  main(process.argv.slice(2), {
    cwd: process.cwd(),
    script: __filename,
    stdout: (s) => {
      if (!closed) process.stdout.write(s);
    },
    stderr: (s) => process.stderr.write(s),
    stdoutBytes: process.stdout.isTTY
      ? undefined
      : (bytes) => {
          if (!closed) process.stdout.write(bytes);
        },
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && process.env.TERM !== 'dumb',
  }).then(
    (code) => {
      // exitCode, not exit(): a large report piped to another program is written out in full.
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`improvekit: internal error: ${String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
