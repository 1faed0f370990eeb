/** What the commands share: the process around them, and the parsed command line. */

export interface Io {
  cwd: string;
  /** The bundled script, so a worker thread can run it on large workspaces; absent: one thread. */
  script?: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Bytes (a PNG) to stdout; absent when stdout is a terminal, so a picture is never dumped there. */
  stdoutBytes?: (bytes: Uint8Array) => void;
  color: boolean;
}

export interface Parsed {
  command: string;
  positional: string[];
  flags: Map<string, string | true>;
}
