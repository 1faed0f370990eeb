/**
 * Where a workspace begins and which `.improvekit.yaml` applies where (DESIGN §3, §5), decided once
 * for the command line and the editor. Pure: the adapters hand in a small file-system view over
 * `node:fs` or `vscode.workspace.fs`, and every location is a URI string (`file:///…`).
 */
import { parseConfig, CONFIG_FILE, type Config } from './config';
import { LIMITS } from './parse';
import type { Diagnostic } from './types';

/** What resolution needs of a file system. Implemented by the CLI over node:fs, by the editor over vscode.workspace.fs. */
export interface WorkspaceFs {
  /** Text of a regular file of at most `SCAN_LIMITS.maxBytes`; undefined when absent, not a regular file, or too large. */
  readText(uri: string): Promise<string | undefined>;
  /** Whether a file or folder exists (for `.git`: a folder, or a file in worktrees and submodules). */
  exists(uri: string): Promise<boolean>;
}

/**
 * Whether a workspace file is worth reading: a few thousand files at most, and none larger than the
 * engine parses (a file has at least as many bytes as characters, so none under this is too large).
 */
export const SCAN_LIMITS = { maxFiles: 5000, maxBytes: LIMITS.maxFileChars } as const;

/** Folders never searched for documents, by the CLI and the editor alike; every other dot-folder is skipped too. */
export const SKIP_FOLDERS: readonly string[] = ['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.vscode-test'];

/** Whether a folder of this name is never searched: one of `SKIP_FOLDERS`, or a hidden (dot) folder. */
export function isSkippedFolder(name: string): boolean {
  return SKIP_FOLDERS.includes(name) || (name.startsWith('.') && name !== '.' && name !== '..');
}

/** Whether a path relative to the workspace root (`a/b/c.yaml`) lies in a skipped folder. */
export function isInSkippedFolder(relativePath: string): boolean {
  const parts = relativePath.split('/').filter((p) => p !== '');
  return parts.slice(0, -1).some(isSkippedFolder);
}

/**
 * `SKIP_FOLDERS` as one exclude glob, for `vscode.workspace.findFiles`. The other dot-folders are
 * not in it: VS Code's globs let a trailing `/**` match nothing, so `.*` would exclude the file
 * `.improvekit.yaml` itself; what is found is filtered with `isInSkippedFolder` instead.
 */
export const EXCLUDE_GLOB = `**/{${SKIP_FOLDERS.join(',')}}/**`;

// ---- URI strings ----

const URI = /^([a-z][a-z0-9+.-]*:(?:\/\/[^/?#]*)?)([^?#]*)$/i;

/** A folder's URI without a trailing slash (a root keeps its `/`). */
function trimFolder(uri: string): string {
  const m = URI.exec(uri);
  if (!m) return uri.replace(/\/+$/, '');
  const p = m[2].replace(/\/+$/, '');
  return `${m[1]}${p || '/'}`;
}

/** The folder holding a file or folder; undefined for the root of a URI's path. */
export function parentUri(uri: string): string | undefined {
  const m = URI.exec(uri);
  if (!m) return undefined;
  const p = m[2].replace(/\/+$/, '');
  if (!p) return undefined;
  const slash = p.lastIndexOf('/');
  if (slash < 0) return undefined;
  return `${m[1]}${p.slice(0, slash) || '/'}`;
}

/** A child of a folder: `name` is one path segment, already URI-encoded where it needs to be. */
export function joinUri(folderUri: string, name: string): string {
  const folder = trimFolder(folderUri);
  return folder.endsWith('/') ? `${folder}${name}` : `${folder}/${name}`;
}

/** Whether a URI is a folder's or lies under it (`file:///a/b` is not under `file:///a/bc`). */
export function isUnder(uri: string, folderUri: string): boolean {
  const folder = trimFolder(folderUri);
  const key = folder.endsWith('/') ? folder : `${folder}/`;
  return uri === folder || uri.startsWith(key);
}

// ---- the workspace root ----

/**
 * The workspace of a file or folder (DESIGN §3): the folder of the nearest `.improvekit.yaml` at or
 * above `startFolderUri`, else the repository root (the nearest folder holding `.git`), else
 * `fallbackUri`. Inside a repository the search stops at its root, and the outermost configuration
 * there wins: a nested `.improvekit.yaml` configures its subtree of the same workspace, so checking
 * one file below it still resolves references across the whole repository, as checking `.` does.
 */
export async function findWorkspaceRoot(startFolderUri: string, fs: WorkspaceFs, fallbackUri: string): Promise<string> {
  let nearest: string | undefined;
  let outermost: string | undefined;
  for (let folder: string | undefined = trimFolder(startFolderUri); folder !== undefined; folder = parentUri(folder)) {
    if (await fs.exists(joinUri(folder, CONFIG_FILE))) {
      nearest ??= folder;
      outermost = folder;
    }
    if (await fs.exists(joinUri(folder, '.git'))) return outermost ?? folder;
  }
  return nearest ?? trimFolder(fallbackUri);
}

// ---- configuration files ----

export interface LoadedConfig {
  /** The folder the configuration applies to (its subtree). */
  folderUri: string;
  /** The `.improvekit.yaml` itself. */
  uri: string;
  config: Config;
  /** Its problems, on `uri`. */
  diagnostics: Diagnostic[];
}

/** Reads and parses the `.improvekit.yaml` of a folder; undefined when it has none (or it cannot be read). */
export async function loadConfigAt(folderUri: string, fs: WorkspaceFs): Promise<LoadedConfig | undefined> {
  const folder = trimFolder(folderUri);
  const uri = joinUri(folder, CONFIG_FILE);
  const text = await fs.readText(uri);
  if (text === undefined) return undefined;
  const { config, diagnostics } = parseConfig(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, uri);
  return { folderUri: folder, uri, config, diagnostics };
}

/** The configurations of several folders (each read once), in the order of their URIs. */
export async function loadConfigs(folderUris: Iterable<string>, fs: WorkspaceFs): Promise<LoadedConfig[]> {
  const folders = [...new Set([...folderUris].map(trimFolder))].sort();
  const loaded = await Promise.all(folders.map((f) => loadConfigAt(f, fs)));
  return loaded.filter((l): l is LoadedConfig => l !== undefined);
}

/** The folder configurations as `Workspace.setFolderConfigs` takes them, each passed through `transform` (settings). */
export function folderConfigs(loaded: readonly LoadedConfig[], transform: (config: Config) => Config = (c) => c): Map<string, Config> {
  return new Map(loaded.map((l) => [l.folderUri, transform(l.config)]));
}

/** The configuration that applies to a URI among those loaded: its nearest folder's. */
export function configFor(uri: string, loaded: readonly LoadedConfig[]): LoadedConfig | undefined {
  let best: LoadedConfig | undefined;
  for (const l of loaded) if (isUnder(uri, l.folderUri) && (!best || l.folderUri.length > best.folderUri.length)) best = l;
  return best;
}

// ---- settings over configuration ----

/**
 * Applies rule settings (the editor's `improvekit.rules`) over a configuration. The settings take
 * the same forms as `rules:` in `.improvekit.yaml` (a severity, `off`, or `{ severity, …options }`)
 * and are checked by the same reader; what it rejects comes back as messages.
 */
export function mergeRuleSettings(base: Config, rules: unknown): { config: Config; problems: string[] } {
  if (rules === undefined || rules === null || (typeof rules === 'object' && !Array.isArray(rules) && !Object.keys(rules).length)) {
    return { config: base, problems: [] };
  }
  if (typeof rules !== 'object' || Array.isArray(rules)) {
    return { config: base, problems: ['The setting `improvekit.rules` must be an object mapping rule ids to a severity, "off", or { "severity": …, options }.'] };
  }
  // JSON is YAML: the settings object goes through the configuration file's own reader.
  const { config: overrides, diagnostics } = parseConfig(JSON.stringify({ rules }), 'settings.json');
  const merged: Config = { ...base, rules: { ...base.rules } };
  for (const [id, setting] of Object.entries(overrides.rules)) {
    const prior = merged.rules[id];
    merged.rules[id] = { severity: setting.severity ?? prior?.severity, options: { ...prior?.options, ...setting.options } };
  }
  const problems = diagnostics.map((d) => `improvekit.rules: ${d.message.replace(/\.improvekit\.yaml/g, 'the setting')}`);
  return { config: merged, problems };
}

// ---- ignored files ----

/**
 * One pattern of `ignore:` (in `.improvekit.yaml`) or of a `.gitignore`, compiled. Both take the
 * `.gitignore` syntax: `*` (any characters but `/`), `**` (any folders), `?` (one character but
 * `/`), `[abc]`, a trailing `/` (folders only), a leading `!` (re-include), `\` to escape. A pattern
 * with a `/` other than a trailing one is anchored to its base folder (`drafts/**`, `/notes.md`);
 * one without matches a name at any depth (`*.draft.yaml`). As in git, a file inside an ignored
 * folder cannot be re-included.
 */
export interface IgnoreRule {
  /** The folder the pattern is relative to, relative to the workspace root (`''` or `a/b`). */
  base: string;
  negate: boolean;
  dirOnly: boolean;
  /** Whether it is matched against the whole relative path, or the last segment only. */
  anchored: boolean;
  re: RegExp;
  /** As written, for messages. */
  pattern: string;
}

/** A glob (one `.gitignore` pattern, without `!` and trailing `/`) as a regular expression. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\' && i + 1 < glob.length) {
      re += glob[++i].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    } else if (c === '*' && glob[i + 1] === '*') {
      const atStart = i === 0 || glob[i - 1] === '/';
      const atEnd = i + 2 === glob.length || glob[i + 2] === '/';
      if (atStart && atEnd) {
        if (i + 2 === glob.length) re += '.*';
        else {
          re += '(?:.*/)?';
          i++;
        }
      } else re += '[^/]*';
      i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) re += '\\[';
      else {
        const body = glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
        re += `[${body}]`;
        i = close;
      }
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Compiles patterns written relative to `base` (a folder relative to the root, `''` for the root). */
export function compileIgnore(patterns: readonly string[], base = ''): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (const raw of patterns) {
    let p = raw;
    const negate = p.startsWith('!');
    if (negate) p = p.slice(1);
    const dirOnly = p.endsWith('/');
    p = p.replace(/\/+$/, '');
    const anchored = p.includes('/');
    p = p.replace(/^\//, '');
    if (!p) continue;
    try {
      rules.push({ base: base.replace(/^\/+|\/+$/g, ''), negate, dirOnly, anchored, re: globToRegExp(p), pattern: raw });
    } catch {
      // A pattern that cannot be compiled matches nothing.
    }
  }
  return rules;
}

/** The patterns of a `.gitignore` text: blank lines and `#` comments dropped, trailing spaces trimmed. */
export function parseIgnoreFile(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((l) => l.replace(/(?<!\\)\s+$/, ''))
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => (l.startsWith('\\#') || l.startsWith('\\!') ? l.slice(1) : l));
}

/**
 * The rule deciding a path relative to the root (`a/b/c.yaml`): the last matching one, looking at
 * each folder on the way first (an ignored folder ignores everything in it). Undefined: not ignored.
 */
export function ignoredBy(relativePath: string, rules: readonly IgnoreRule[], isDir = false): IgnoreRule | undefined {
  const parts = relativePath.split('/').filter((p) => p !== '' && p !== '.');
  for (let i = 1; i <= parts.length; i++) {
    const candidate = parts.slice(0, i).join('/');
    const dir = i < parts.length || isDir;
    let decided: IgnoreRule | undefined;
    for (const rule of rules) {
      if (rule.dirOnly && !dir) continue;
      let rel = candidate;
      if (rule.base) {
        if (!candidate.startsWith(`${rule.base}/`)) continue;
        rel = candidate.slice(rule.base.length + 1);
      }
      const subject = rule.anchored ? rel : rel.slice(rel.lastIndexOf('/') + 1);
      if (rule.re.test(subject)) decided = rule;
    }
    if (decided && !decided.negate) return decided;
  }
  return undefined;
}
