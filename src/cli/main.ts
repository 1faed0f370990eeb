import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Workspace, localToday } from '../core/workspace';
import { parseConfig, CONFIG_FILE, EMPTY_CONFIG, type Config } from '../core/config';
import { folderConfigs, type LoadedConfig } from '../core/resolve';
import type { Diagnostic } from '../core/types';
import { isDataFile } from '../core/data';
import { applyEdits, fixAllEdits } from '../core/fixes';
import { type Collected, collectFiles, expandGlobs, configProblem, gitignoresAbove, ignoredFile, ignoreRules, isWithin, loadConfigFiles, loadDataFiles, looksLikeDocument, MAX_DOCUMENT_BYTES, tooLarge, UsageError, workspaceRoot } from './files';
import type { Io, Parsed } from './io';
import { loadFiles } from './parallel';
import { formatGithub, formatJson, formatSarif, formatText, summarize, toFinding, type Finding } from './format';
import type { Fix } from '../core/types';

declare const IMPROVEKIT_VERSION: string;
const VERSION = typeof IMPROVEKIT_VERSION === 'string' ? IMPROVEKIT_VERSION : '0.0.0-dev';

const HELP = `Improvekit ${VERSION} — checks driver diagrams, PDSA cycles, RAPID charters,
leadership models and message maps.

Usage:
  improvekit check [paths…] [--format text|json|sarif|github] [--config FILE]
                   [--max-warnings N] [--exit-zero] [--no-color] [--verbose] [--fix]
  improvekit render FILE [--out FILE.html] [--format html|mermaid|markdown|svg|png]
                   [--layout landscape|portrait] [--no-findings]
  improvekit --help | --version

check   Checks files and folders (default: the current folder) with the rules of
        docs/rules.md and the nearest .improvekit.yaml. Exit code 0 when there is no
        error (and warnings are within --max-warnings), 1 otherwise, 2 for a usage
        or internal failure. --exit-zero exits 0 whatever is found. --verbose
        says under each finding why the rule matters, from the sources. --fix
        applies the safe fixes (never a guess or a choice), writes the files and
        reports what remains.
        --format github prints GitHub workflow annotations (::error file=…::…);
        sarif prints SARIF 2.1.0 for code scanning; json one array of findings.
render  Writes the preview of a document as one self-contained HTML file (or a Mermaid
        flowchart of a driver diagram, a Markdown table of a RAPID charter, or a diagram
        as SVG or PNG). A Markdown note is shown whole, its Improvekit blocks drawn.
        A PNG fits a 1920 × 1080 slide (A4 at 150 dpi with --layout portrait); it is
        written to --out FILE.png or to stdout redirected to a file, never a terminal.
        --layout lays a diagram out for slides (landscape, the default) or paper;
        --no-findings leaves the checks out of the picture.
`;

const VALUE_FLAGS = new Set(['--format', '--config', '--max-warnings', '--out', '--layout']);
const BOOL_FLAGS = new Set(['--exit-zero', '--no-color', '--color', '--help', '--version', '--no-findings', '--verbose', '--fix']);

function parseArgs(argv: readonly string[]): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq >= 0 ? arg.slice(0, eq) : arg;
      if (VALUE_FLAGS.has(name)) {
        const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
        if (value === undefined) throw new UsageError(`${name} needs a value.`);
        flags.set(name, value);
      } else if (BOOL_FLAGS.has(name) && eq < 0) flags.set(name, true);
      else throw new UsageError(`Unknown option ${arg}. See improvekit --help.`);
    } else if (arg === '-h') flags.set('--help', true);
    else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`Unknown option ${arg}. See improvekit --help.`);
    else positional.push(arg);
  }
  return { command: positional.shift() ?? '', positional, flags };
}

/** Relative to the current folder, with forward slashes, as DESIGN §3 asks. */
function relative(cwd: string, file: string): string {
  const rel = path.relative(cwd, file) || path.basename(file);
  return rel.split(path.sep).join('/');
}

/** `--config FILE`: one configuration for everything; a file that cannot be read is a usage error. */
function loadExplicitConfig(io: Io, explicit: string): LoadedConfig {
  const file = path.resolve(io.cwd, explicit);
  let text: string;
  const problem = configProblem(file);
  if (problem) throw new UsageError(`Cannot read the configuration ${explicit}: ${problem.replace(CONFIG_FILE, 'it')}`);
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read the configuration ${explicit}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
  }
  const uri = pathToFileURL(file).href;
  const { config, diagnostics } = parseConfig(text, uri);
  return { folderUri: pathToFileURL(path.dirname(file)).href, uri, config, diagnostics };
}

function isFolder(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The diagnostics without repeats (the same rule, severity, range and message). */
function distinct(list: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = JSON.stringify([d.rule, d.severity, d.range, d.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export async function runCheck(args: Parsed, io: Io): Promise<number> {
  const format = (args.flags.get('--format') ?? 'text') as string;
  if (!['text', 'json', 'sarif', 'github'].includes(format)) throw new UsageError(`--format must be text, json, sarif or github (not ${format}).`);
  const maxWarningsFlag = args.flags.get('--max-warnings');
  let maxWarnings = Infinity;
  if (maxWarningsFlag !== undefined) {
    if (typeof maxWarningsFlag !== 'string' || !/^-?\d+$/.test(maxWarningsFlag)) throw new UsageError('--max-warnings takes a whole number, such as 0.');
    maxWarnings = Number(maxWarningsFlag) < 0 ? Infinity : Number(maxWarningsFlag);
  }
  const paths = expandGlobs(args.positional.length ? args.positional : ['.'], io.cwd);
  const configFlag = args.flags.get('--config');
  const explicit = typeof configFlag === 'string' ? loadExplicitConfig(io, configFlag) : undefined;

  const targets = collectFiles(paths.map((p) => path.resolve(io.cwd, p)));
  // The workspace (DESIGN §3): documents elsewhere under its root resolve references but are not reported.
  const root = await workspaceRoot(paths[0], io.cwd);
  const covered = paths.some((p) => isWithin(root, path.resolve(io.cwd, p)) && fs.statSync(path.resolve(io.cwd, p), { throwIfNoEntry: false })?.isDirectory());
  const context: Collected = covered ? { files: [], configs: [], gitignores: [], problems: [] } : collectFiles([root]);
  // A data file named on the command line (`check data/huddles.csv`) is reported, not parsed as a document.
  const namedData = new Set(targets.files.map((f) => path.resolve(f)).filter((f) => isDataFile(f)));
  targets.files = targets.files.filter((f) => !namedData.has(path.resolve(f)));
  const reported = new Set(targets.files.map((f) => path.resolve(f)));
  // A data file under a folder named on the command line is reported too (`check data/`).
  const namedFolders = paths.map((p) => path.resolve(io.cwd, p)).filter((p) => isFolder(p));

  // The root's `.improvekit.yaml` applies to everything; each one below it to its own folder.
  const loadedConfigs = explicit ? [explicit] : await loadConfigFiles(root, [...targets.configs, ...context.configs]);
  const rootConfig = explicit ?? loadedConfigs.find((l) => path.resolve(fileURLToPath(l.folderUri)) === path.resolve(root));
  const config: Config = rootConfig?.config ?? EMPTY_CONFIG;
  const nested = explicit ? [] : loadedConfigs.filter((l) => l !== rootConfig);
  // `ignore:` and `.gitignore` (DESIGN §5): ignored files are never read; one named is skipped with a note.
  const ignore = ignoreRules(root, explicit ? [{ ...explicit, folderUri: pathToFileURL(root).href }] : loadedConfigs, [...targets.gitignores, ...context.gitignores, ...gitignoresAbove(root, paths.map((p) => path.resolve(io.cwd, p)))]);
  if (ignore.length) {
    const named = new Set(paths.map((p) => path.resolve(io.cwd, p)));
    const keep = (f: string) => {
      const rule = ignoredFile(root, f, ignore);
      if (rule && named.has(path.resolve(f))) io.stderr(`improvekit: ${relative(io.cwd, f)} is ignored (\`${rule.pattern}\`): it was not checked.\n`);
      return !rule;
    };
    targets.files = targets.files.filter(keep);
    context.files = context.files.filter(keep);
    targets.problems = targets.problems.filter((p) => !ignoredFile(root, p.file, ignore));
    for (const f of [...namedData]) if (!keep(f)) namedData.delete(f);
    for (const f of [...reported]) if (ignoredFile(root, f, ignore)) reported.delete(f);
  }
  const today = config.today ?? localToday();
  const workspace = new Workspace({ config, today: () => today });
  const folders = folderConfigs(nested);
  if (folders.size) workspace.setFolderConfigs(folders);
  const uriToFile = new Map<string, string>();
  for (const l of loadedConfigs) uriToFile.set(l.uri, fileURLToPath(l.uri));
  const findings: Finding[] = [];
  const related = new Map<Finding, Array<Omit<Finding, 'severity' | 'rule'>>>();
  const fixes = new Map<Finding, Fix>();
  const textOf = new Map<string, string>();
  for (const problem of targets.problems) {
    findings.push({ file: relative(io.cwd, problem.file), line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'error', rule: 'file/unreadable', message: problem.message });
  }
  let all = [...new Set([...targets.files.map((f) => path.resolve(f)), ...context.files.map((f) => path.resolve(f))].filter((f) => !isDataFile(f)))];
  // Files too large to check are not read at all (DESIGN §8): the engine's finding, from their size.
  let oversized = 0;
  all = all.filter((f) => {
    const size = fs.statSync(f, { throwIfNoEntry: false })?.size ?? 0;
    if (size <= MAX_DOCUMENT_BYTES) return true;
    if (reported.has(f) && looksLikeDocument(f)) {
      oversized++;
      findings.push({ file: relative(io.cwd, f), line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'error', rule: 'yaml/syntax', message: tooLarge(size) });
    }
    return false;
  });
  for (const loaded of await loadFiles(workspace, all, { config, folders: [...folders] }, today, io.script ?? '')) {
    if (!loaded.ok) {
      if (reported.has(loaded.file)) findings.push({ file: relative(io.cwd, loaded.file), line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'error', rule: 'file/unreadable', message: loaded.message });
      continue;
    }
    uriToFile.set(loaded.uri, loaded.file);
  }
  // The data files the documents name, under the root: set after the documents, whose cached
  // results (computed on other threads too) they replace for the documents that read them.
  for (const [uri, file] of loadDataFiles(workspace, root)) uriToFile.set(uri, file);

  // --fix: the safe fixes of the reported files (never a suggestion), written back; then the
  // check reports what remains. A fix skipped for overlapping another is taken on the next pass.
  if (args.flags.has('--fix')) {
    const fixed = new Map<string, number>();
    for (let pass = 0; pass < 10; pass++) {
      let changed = false;
      for (const uri of workspace.uris()) {
        const file = uriToFile.get(uri);
        const parsed = workspace.file(uri);
        if (!file || !parsed || !reported.has(file)) continue;
        const { edits, fixes } = fixAllEdits(workspace.diagnostics(uri));
        if (!edits.length) continue;
        const text = applyEdits(parsed.text, (p) => parsed.lines.offsetAt(p), edits);
        if (text === parsed.text) continue;
        // The byte-order mark the reader dropped is written back: every byte not fixed stays.
        const bom = fs.readFileSync(file).subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])) ? '\ufeff' : '';
        fs.writeFileSync(file, bom + text);
        workspace.setFile(uri, text);
        fixed.set(file, (fixed.get(file) ?? 0) + fixes.length);
        changed = true;
      }
      if (!changed) break;
    }
    const total = [...fixed.values()].reduce((a, b) => a + b, 0);
    if (total) {
      const list = [...fixed].map(([file, n]) => `${relative(io.cwd, file)} (${n})`).join(', ');
      io.stderr(`improvekit: ${total} ${total === 1 ? 'fix' : 'fixes'} applied in ${fixed.size} ${fixed.size === 1 ? 'file' : 'files'}: ${list}\n`);
    } else io.stderr('improvekit: no safe fix to apply; suggestions are left for you in the editor\n');
  }

  const toFile = (uri: string) => uriToFile.get(uri) ?? uri;
  let documentFiles = oversized;
  const diagnosticsOf: Array<[string, Diagnostic[]]> = [];
  for (const l of loadedConfigs) if (l.diagnostics.length) diagnosticsOf.push([fileURLToPath(l.uri), l.diagnostics]);
  for (const uri of workspace.uris()) {
    const file = uriToFile.get(uri)!;
    if (!reported.has(file)) continue;
    if (workspace.file(uri)?.documents.length || workspace.file(uri)?.problems.length) documentFiles++;
    diagnosticsOf.push([file, workspace.diagnostics(uri)]);
  }
  // A data file's findings (`measure/bad-row` on its rows) when it was named (or lies in a named
  // folder), or a reported document reads it.
  for (const uri of workspace.namedDataFiles()) {
    let file: string;
    try {
      file = uriToFile.get(uri) ?? path.resolve(fileURLToPath(uri));
    } catch {
      continue;
    }
    const named = namedData.has(file) || namedFolders.some((folder) => isWithin(file, folder));
    if (!named && !workspace.readersOf(uri).some((reader) => reported.has(uriToFile.get(reader) ?? ''))) continue;
    if (workspace.dataFile(uri)) documentFiles++;
    // Several documents reading one file report its bad rows alike: each once.
    const list = distinct(workspace.diagnostics(uri));
    if (list.length) diagnosticsOf.push([file, list]);
  }
  diagnosticsOf.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [file, diagnostics] of diagnosticsOf) {
    for (const d of diagnostics) {
      const finding = toFinding(relative(io.cwd, file), d);
      findings.push(finding);
      // The safe fix (the one `--fix` and Fix All may apply), not a suggestion.
      const preferred = d.fixes?.find((f) => (f as { kind?: string }).kind === 'fix' || (f as { preferred?: boolean }).preferred === true);
      if (preferred) fixes.set(finding, preferred);
      if (!textOf.has(finding.file)) textOf.set(finding.file, workspace.file(d.uri)?.text ?? workspace.dataFile(d.uri)?.text ?? '');
      if (d.related?.length) {
        related.set(
          finding,
          d.related.map((r) => ({ file: relative(io.cwd, toFile(r.uri)), line: r.range.start.line + 1, column: r.range.start.character + 1, endLine: r.range.end.line + 1, endColumn: r.range.end.character + 1, message: r.message })),
        );
      }
    }
  }

  const summary = summarize(findings, documentFiles);
  if (format === 'json') io.stdout(`${formatJson(findings)}\n`);
  else if (format === 'github') io.stdout(`${formatGithub(findings, summary)}\n`);
  else if (format === 'sarif') {
    const lineText = (file: string, line: number) => textOf.get(file)?.split(/\r\n|\r|\n/, line)[line - 1];
    io.stdout(`${formatSarif(findings, VERSION, { root, cwd: io.cwd, related, fixes, lineText })}\n`);
  }
  else io.stdout(`${formatText(findings, summary, io.color, args.flags.has('--verbose'))}\n`);

  if (args.flags.has('--exit-zero')) return 0;
  return summary.counts.error > 0 || summary.counts.warning > maxWarnings ? 1 : 0;
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    const args = parseArgs(argv);
    if (args.flags.has('--no-color')) io.color = false;
    if (args.flags.has('--color')) io.color = true;
    if (args.flags.has('--version')) {
      io.stdout(`${VERSION}\n`);
      return 0;
    }
    if (args.flags.has('--help') || args.command === 'help') {
      io.stdout(HELP);
      return 0;
    }
    switch (args.command) {
      case 'check':
        return await runCheck(args, io);
      case 'render': {
        const { runRender } = await import('./render');
        return await runRender(args.positional, args.flags, io);
      }
      case '':
        throw new UsageError('Say what to do: improvekit check [paths…] or improvekit render FILE. See improvekit --help.');
      default:
        throw new UsageError(`Unknown command "${args.command}": use check or render. See improvekit --help.`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`improvekit: ${error.message}\n`);
      return 2;
    }
    io.stderr(`improvekit: internal error: ${(error as Error)?.stack ?? String(error)}\nPlease report it.\n`);
    return 2;
  }
}

export type { Io, Parsed } from './io';
