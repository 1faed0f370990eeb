/**
 * The adapter's own decisions that need no editor: matching editor diagnostics back to the
 * engine's, naming editor documents for the engine, debouncing and bounded reads.
 * Imports no `vscode` at run time, so it is unit-tested in plain Node.
 */
import { fileFormat } from '../core/recognize';
import type { Diagnostic, Range, Severity } from '../core/types';

/** `vscode.DiagnosticSeverity` values (Error 0, Warning 1, Information 2, Hint 3). */
export const SEVERITY_TO_VSCODE: Record<Severity, 0 | 1 | 2 | 3> = { error: 0, warning: 1, info: 2, hint: 3 };

/** The languages whose files can hold Improvekit documents. */
export const LANGUAGES = ['yaml', 'markdown'] as const;

export function isDocumentLanguage(languageId: string): boolean {
  return (LANGUAGES as readonly string[]).includes(languageId);
}

/**
 * Whether an editor document of this scheme is one of the user's files: saved files, untitled
 * editors, and the scheme of a workspace folder (vscode-vfs and other virtual workspaces). Git's
 * original versions, diff sides and output panes are copies; held too, their ids would clash.
 */
export function isUserScheme(scheme: string, folderSchemes: readonly string[]): boolean {
  return scheme === 'file' || scheme === 'untitled' || scheme === 'vscode-remote' || folderSchemes.includes(scheme);
}

function rangeKey(r: Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/** What identifies a diagnostic once the editor has copied it: its rule, range and message. */
export function diagnosticKey(d: { rule: string; range: Range; message: string }): string {
  return `${d.rule}\u0001${rangeKey(d.range)}\u0001${d.message}`;
}

/**
 * The engine diagnostics last published, per URI, by key. Code actions receive copies of the
 * editor's diagnostics (they cross a process boundary), so they are matched by value, not identity.
 */
export class DiagnosticIndex {
  private readonly byUri = new Map<string, Map<string, Diagnostic>>();

  set(uri: string, diagnostics: readonly Diagnostic[]): void {
    if (!diagnostics.length) {
      this.byUri.delete(uri);
      return;
    }
    const map = new Map<string, Diagnostic>();
    for (const d of diagnostics) map.set(diagnosticKey(d), d);
    this.byUri.set(uri, map);
  }

  delete(uri: string): void {
    this.byUri.delete(uri);
  }

  clear(): void {
    this.byUri.clear();
  }

  find(uri: string, d: { rule: string; range: Range; message: string }): Diagnostic | undefined {
    return this.byUri.get(uri)?.get(diagnosticKey(d));
  }

  all(uri: string): Diagnostic[] {
    return [...(this.byUri.get(uri)?.values() ?? [])];
  }
}

/**
 * The URI under which the engine knows an editor document. The engine recognises files by name,
 * so a YAML or Markdown document whose name has no such extension (an untitled editor) gets one.
 */
export function engineUriFor(uri: string, languageId: string): string {
  const format = fileFormat(uri);
  if (languageId === 'yaml' && format !== 'yaml') return `${uri}.yaml`;
  if (languageId === 'markdown' && format !== 'markdown') return `${uri}.md`;
  return uri;
}

/** Runs `task` over `items` with at most `limit` running at once (file reads in a large folder). */
export async function mapLimited<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Delays a keyed action until it has been quiet for `delay` ms (typing in one document). */
export class Debouncer {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private delay: number) {}

  setDelay(delay: number): void {
    this.delay = Math.max(0, delay);
  }

  schedule(key: string, action: () => void): void {
    this.cancel(key);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        action();
      }, this.delay),
    );
  }

  cancel(key: string): boolean {
    const timer = this.timers.get(key);
    if (timer === undefined) return false;
    clearTimeout(timer);
    this.timers.delete(key);
    return true;
  }

  pending(key: string): boolean {
    return this.timers.has(key);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
