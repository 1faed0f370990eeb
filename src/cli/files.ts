import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fileFormat, declaresKind, kindFromFileName, recognize } from '../core/recognize';
import { CONFIG_FILE, EMPTY_CONFIG } from '../core/config';
import { LIMITS } from '../core/parse';
import type { Workspace } from '../core/workspace';
import { compileIgnore, findWorkspaceRoot, globToRegExp, ignoredBy, isSkippedFolder, loadConfigs, parseIgnoreFile, SCAN_LIMITS, type IgnoreRule, type LoadedConfig, type WorkspaceFs } from '../core/resolve';

export interface FileProblem {
  file: string;
  message: string;
}

export interface Collected {
  files: string[];
  problems: FileProblem[];
  /** The `.improvekit.yaml` files met in the folders searched. */
  configs: string[];
  /** The `.gitignore` files met in the folders searched. */
  gitignores: string[];
}

/**
 * Expands paths into candidate document files (YAML and Markdown), following symbolic links
 * to files but never into a folder twice, so link loops end.
 */
export function collectFiles(paths: readonly string[]): Collected {
  const files = new Set<string>();
  const configs = new Set<string>();
  const gitignores = new Set<string>();
  const problems: FileProblem[] = [];
  const seenDirs = new Set<string>();

  const visit = (p: string, explicit: boolean): void => {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (explicit && code === 'ENOENT' && !isLink(p)) throw new UsageError(`No such file or folder: ${p}`);
      const message =
        code === 'ELOOP'
          ? 'The path is a symbolic link loop: it was skipped.'
          : code === 'ENOENT' && isLink(p)
            ? 'The path is a symbolic link to nothing: it was skipped. Point it at a file, or remove it.'
            : `The path cannot be read (${code ?? String(error)}): it was skipped.`;
      problems.push({ file: p, message });
      return;
    }
    if (stat.isDirectory()) {
      let real: string;
      try {
        real = fs.realpathSync(p);
      } catch {
        real = path.resolve(p);
      }
      if (seenDirs.has(real)) return;
      seenDirs.add(real);
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(p, { withFileTypes: true });
      } catch (error) {
        problems.push({ file: p, message: `The folder cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}): it was skipped.` });
        return;
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const entry of entries) {
        if (entry.isDirectory() && isSkippedFolder(entry.name)) continue;
        const child = path.join(p, entry.name);
        if (entry.isDirectory() && kindFromFileName(entry.name)) {
          // SECURITY.md: a folder with a document's name is reported; what it holds is still searched.
          problems.push({ file: child, message: 'This is a folder with a document-like name: it was not read as a document. Rename it.' });
        }
        if (entry.isDirectory() || entry.isSymbolicLink()) visit(child, false);
        else if (entry.isFile()) {
          if (isCandidate(entry.name)) files.add(child);
          else if (entry.name === CONFIG_FILE) configs.add(child);
          else if (entry.name === '.gitignore') gitignores.add(child);
        } else if (isCandidate(entry.name)) {
          // A FIFO, socket or device with a document's name: reading it could block, so it is only reported.
          problems.push({ file: child, message: 'The path is neither a file nor a folder (a pipe, socket or device): it was skipped.' });
        }
      }
      return;
    }
    if (stat.isFile()) {
      if (explicit || isCandidate(p)) files.add(p);
      else if (path.basename(p) === CONFIG_FILE) configs.add(p);
      return;
    }
    problems.push({ file: p, message: 'The path is neither a file nor a folder: it was skipped.' });
  };

  for (const p of paths) visit(p, true);
  return { files: [...files], problems, configs: [...configs], gitignores: [...gitignores] };
}

/** Whether a path is a symbolic link itself (a link to nothing is a broken file, not a mistyped path). */
function isLink(p: string): boolean {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

function isCandidate(name: string): boolean {
  return path.basename(name) !== CONFIG_FILE && fileFormat(name) !== 'other';
}

export class UsageError extends Error {}

export type ReadResult = { ok: true; text: string } | { ok: false; message: string };

/** Reads a file as UTF-8 text; a byte-order mark is dropped, as editors do. */
export function readText(file: string): ReadResult {
  let bytes: Buffer;
  try {
    // The type and size first: a pipe or device is never read, and no file is read past what could be checked.
    const stat = fs.statSync(file);
    if (stat.isDirectory()) return { ok: false, message: 'This is a folder with a document-like name: it was skipped.' };
    if (!stat.isFile()) return { ok: false, message: 'The path is neither a file nor a folder (a pipe, socket or device): it was skipped.' };
    if (stat.size > MAX_DOCUMENT_BYTES) return { ok: false, message: tooLarge(stat.size) };
    bytes = fs.readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, message: code === 'EISDIR' ? 'This is a folder with a document-like name: it was skipped.' : `The file cannot be read (${code ?? String(error)}).` };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // A document of ours (by suffix or kind) that is not UTF-8 is worth saying so; other files are not ours.
    const lossy = new TextDecoder('utf-8').decode(bytes);
    if (kindFromFileName(file) || declaresKind(lossy)) return { ok: false, message: 'The file is not valid UTF-8 text: save it with UTF-8 encoding.' };
    return { ok: true, text: '' };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, text };
}

/**
 * The most bytes a document file may have and still be checked: the engine's limit is in
 * characters, and a UTF-8 character takes at most 4 bytes. Larger files are not read at all.
 */
export const MAX_DOCUMENT_BYTES = 4 * LIMITS.maxFileChars;

/** The engine's "too large" advice, for a file not read because of its size. */
export function tooLarge(bytes: number): string {
  return `The file is too large to check (${(bytes / 1e6).toFixed(1)} MB; the limit is ${LIMITS.maxFileChars / 1e6} million characters). Split it into smaller documents.`;
}

/**
 * Whether a file too large to read holds documents of ours, judged from its name and first
 * 64 KB only (as the engine would have recognised it).
 */
export function looksLikeDocument(file: string): boolean {
  if (kindFromFileName(file)) return true;
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const head = Buffer.alloc(64 * 1024);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    return recognize(pathToFileURL(file).href, new TextDecoder('utf-8').decode(head.subarray(0, n))).segments.length > 0;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * A `.improvekit.yaml` that exists but is no regular file, or is too large: reported (config/invalid)
 * rather than read, so a link to /dev/zero or a FIFO neither hangs the check nor fills memory.
 */
export function configProblem(file: string): string | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return undefined;
  }
  if (!stat.isFile()) return `${CONFIG_FILE} is not a regular file (a folder, pipe, socket or device, or a link to one): it was not read, and the defaults apply.`;
  if (stat.size > SCAN_LIMITS.maxBytes) return `${CONFIG_FILE} is too large (${stat.size} bytes; the limit is ${SCAN_LIMITS.maxBytes}): it was not read, and the defaults apply.`;
  return undefined;
}

/** The file system as the core's workspace resolution sees it. */
export const nodeFs: WorkspaceFs = {
  async readText(uri) {
    try {
      const file = fileURLToPath(uri);
      const stat = fs.statSync(file);
      if (!stat.isFile() || stat.size > SCAN_LIMITS.maxBytes) return undefined;
      return fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  },
  async exists(uri) {
    try {
      return fs.existsSync(fileURLToPath(uri));
    } catch {
      return false;
    }
  },
};

/** Whether `p` is `folder` or lies under it (both absolute). */
export function isWithin(p: string, folder: string): boolean {
  const rel = path.relative(folder, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The workspace of a path (DESIGN §3): the folder of the nearest `.improvekit.yaml`, else the
 * repository root (the nearest folder with `.git`), else the current folder (or, for a path
 * outside the current folder, the path's own folder).
 */
export async function workspaceRoot(target: string, cwd: string): Promise<string> {
  const absolute = path.resolve(cwd, target);
  const start = isDirectory(absolute) ? absolute : path.dirname(absolute);
  const fallback = isWithin(start, cwd) ? cwd : start;
  return fileURLToPath(await findWorkspaceRoot(pathToFileURL(start).href, nodeFs, pathToFileURL(fallback).href));
}

/** The configurations of the root and of the given `.improvekit.yaml` files, each applying to its folder. */
export async function loadConfigFiles(root: string, configFiles: readonly string[]): Promise<LoadedConfig[]> {
  const folders = [...new Set([root, ...configFiles.map((f) => path.dirname(f))].map((f) => path.resolve(f)))];
  const loaded = await loadConfigs(folders.map((folder) => pathToFileURL(folder).href), nodeFs);
  // One that cannot be read safely is reported on itself (nodeFs.readText gave nothing for it).
  for (const folder of folders) {
    const file = path.join(folder, CONFIG_FILE);
    const problem = configProblem(file);
    if (!problem) continue;
    const uri = pathToFileURL(file).href;
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    loaded.push({ folderUri: pathToFileURL(folder).href, uri, config: EMPTY_CONFIG, diagnostics: [{ uri, range, severity: 'error', rule: 'config/invalid', message: problem }] });
  }
  return loaded;
}

/**
 * The text of a data file (CSV) a document names, or undefined when it may not or cannot be read:
 * not a `file:` URI, outside the workspace root (also through a symbolic link), not a regular file,
 * or larger than the engine reads. Bytes that are not UTF-8 read as replacement characters, as the
 * editor reads them; a byte-order mark is dropped.
 */
export function readDataFile(uri: string, root: string): string | undefined {
  let file: string;
  try {
    if (!uri.startsWith('file:')) return undefined;
    file = path.resolve(fileURLToPath(uri));
  } catch {
    return undefined;
  }
  if (!isWithin(file, path.resolve(root))) return undefined;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile() || stat.size > SCAN_LIMITS.maxBytes) return undefined;
    if (!isWithin(fs.realpathSync(file), fs.realpathSync(root))) return undefined;
    return new TextDecoder('utf-8').decode(fs.readFileSync(file));
  } catch {
    return undefined;
  }
}

/**
 * Reads into the workspace the data files its documents name (DESIGN §6: data files are inputs
 * like documents), those `wanted` at least, and only under `root`. A file that cannot be read is
 * simply not set: `measure/data-unreadable` reports it on the document that names it. Returns the
 * URIs set, with their paths. Bounded: reading data adds no documents, so a second round finds
 * nothing new; at most `SCAN_LIMITS.maxFiles` files are read.
 */
export function loadDataFiles(workspace: Workspace, root: string, wanted: (uri: string) => boolean = () => true): Map<string, string> {
  const loaded = new Map<string, string>();
  const tried = new Set<string>();
  for (let round = 0; round < 3; round++) {
    const fresh = workspace.namedDataFiles().filter((uri) => !tried.has(uri) && wanted(uri));
    if (!fresh.length) break;
    for (const uri of fresh.sort()) {
      if (tried.size >= SCAN_LIMITS.maxFiles) return loaded;
      tried.add(uri);
      const text = readDataFile(uri, root);
      if (text === undefined) continue;
      workspace.setDataFile(uri, text);
      loaded.set(uri, fileURLToPath(uri));
    }
  }
  return loaded;
}

/** A small regular file's text (a `.gitignore`), or undefined: never a pipe or device, never a large read. */
function readSmallFile(file: string, maxBytes = 1_000_000): string | undefined {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile() || stat.size > maxBytes) return undefined;
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** A path relative to the root with `/`, or undefined outside it. */
function underRoot(root: string, file: string): string | undefined {
  const rel = path.relative(path.resolve(root), path.resolve(file));
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}

/**
 * What is never checked under a workspace root (DESIGN §5): the `ignore:` globs of each
 * `.improvekit.yaml` (relative to its folder), and the patterns of the root's `.gitignore` and
 * of those below it, each relative to its folder, in the `.gitignore` syntax (`!` re-includes).
 * `.gitignore` files above the root, `.git/info/exclude` and git's global excludes are not read.
 */
export function ignoreRules(root: string, configs: readonly LoadedConfig[], gitignores: readonly string[]): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  const files = [...new Set([path.join(root, '.gitignore'), ...gitignores].map((f) => path.resolve(f)))];
  // Shallower files first, so that a nested `.gitignore` overrides its parent's patterns.
  files.sort((a, b) => a.split(path.sep).length - b.split(path.sep).length || (a < b ? -1 : 1));
  for (const file of files) {
    const base = underRoot(root, path.dirname(file));
    if (base === undefined) continue;
    const text = readSmallFile(file);
    if (text !== undefined) rules.push(...compileIgnore(parseIgnoreFile(text), base));
  }
  for (const l of [...configs].sort((a, b) => a.folderUri.length - b.folderUri.length)) {
    if (!l.config.ignore?.length) continue;
    const base = underRoot(root, fileURLToPath(l.folderUri));
    if (base !== undefined) rules.push(...compileIgnore(l.config.ignore, base));
  }
  return rules;
}

/** The `.gitignore` files in the folders from the root down to each path (those a search of the root would meet). */
export function gitignoresAbove(root: string, paths: readonly string[]): string[] {
  const out = new Set<string>();
  for (const p of paths) {
    let folder = path.resolve(p);
    if (!isDirectory(folder)) folder = path.dirname(folder);
    while (isWithin(folder, root)) {
      out.add(path.join(folder, '.gitignore'));
      if (path.resolve(folder) === path.resolve(root)) break;
      folder = path.dirname(folder);
    }
  }
  return [...out];
}

/** The rule ignoring a file under the root, if any. */
export function ignoredFile(root: string, file: string, rules: readonly IgnoreRule[]): IgnoreRule | undefined {
  const rel = underRoot(root, file);
  return rel === undefined || !rules.length ? undefined : ignoredBy(rel, rules, isDirectory(file));
}

const GLOB = /[*?[]/;

/**
 * Paths as given, with globs expanded (`plans/**\/*.rapid.yaml`, quoted so the shell leaves them
 * alone): a path that exists is taken as it is, even when its name holds `*`, `?` or `[`; a glob
 * is matched against the files under its folder part (the skipped folders aside), relative to the
 * current folder. A glob that matches nothing is a usage error, as a missing path is.
 */
export function expandGlobs(paths: readonly string[], cwd: string): string[] {
  const out: string[] = [];
  for (const p of paths) {
    const full = path.resolve(cwd, p);
    if (!GLOB.test(p) || fs.existsSync(full)) {
      out.push(p);
      continue;
    }
    const parts = p.split(/[\\/]/);
    const fixed: string[] = [];
    while (parts.length > 1 && !GLOB.test(parts[0])) fixed.push(parts.shift()!);
    const base = path.resolve(cwd, fixed.join('/') || '.');
    const matcher = globToRegExp(parts.join('/'));
    const found: string[] = [];
    const walk = (dir: string, rel: string, depth: number) => {
      if (depth > 64 || found.length > SCAN_LIMITS.maxFiles) return;
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
        const r = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory()) {
          if (!isSkippedFolder(e.name)) walk(path.join(dir, e.name), r, depth + 1);
        } else if (matcher.test(r)) found.push(path.join(dir, e.name));
      }
    };
    if (fs.statSync(base, { throwIfNoEntry: false })?.isDirectory()) walk(base, '', 0);
    if (!found.length) throw new UsageError(`No file matches ${p}`);
    out.push(...found.map((f) => path.relative(cwd, f) || '.'));
  }
  return out;
}
