import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Workspace } from '../src/core/workspace';
import { main } from '../src/cli/main';
import { parseConfig, CONFIG_FILE, type Config } from '../src/core/config';
import { LineIndex } from '../src/core/text';
import type { Diagnostic, Fix, TextEdit } from '../src/core/types';

export const FIXTURES = path.join(__dirname, 'fixtures');
/** A fixture file's name: a YAML or Markdown document. */
export const FIXTURE_DOC = /\.(ya?ml|md)$/;

/**
 * Every fixture, kinds and names in order: a workspace folder (`test/fixtures/<kind>/<name>/`, its
 * `expected.json` inside) or a single document (`<name>.<suffix>.yaml`, its `.expected.json` beside).
 */
export function fixtureEntries(): Array<{ kind: string; dir: string; entry: string; full: string; folder: boolean }> {
  const out = [];
  if (!fs.existsSync(FIXTURES)) return [];
  for (const kind of fs.readdirSync(FIXTURES).sort()) {
    const dir = path.join(FIXTURES, kind);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const entry of fs.readdirSync(dir).sort()) {
      const full = path.join(dir, entry);
      const folder = fs.statSync(full).isDirectory();
      if (folder || (FIXTURE_DOC.test(entry) && !entry.includes('.expected.'))) out.push({ kind, dir, entry, full, folder });
    }
  }
  return out;
}

/** Date rules see this day in tests unless a fixture's configuration says otherwise. */
export const TEST_TODAY = '2026-03-10';

export function configFrom(text: string): Config {
  return parseConfig(text, CONFIG_FILE).config;
}

/**
 * A workspace of in-memory files (`name → text`, names relative to `file:///ws/`, such as
 * `data/huddles.csv`); `.improvekit.yaml` among them is the config, and `.csv` files are data
 * files (`setDataFile`), read by the documents that name them.
 */
export function workspaceOf(files: Record<string, string>, config?: Config): Workspace {
  const cfg = config ?? (files[CONFIG_FILE] !== undefined ? configFrom(files[CONFIG_FILE]) : { rules: {} });
  const ws = new Workspace({ config: cfg, today: () => TEST_TODAY });
  for (const [name, text] of Object.entries(files)) {
    if (name === CONFIG_FILE) continue;
    if (/\.csv$/i.test(name)) ws.setDataFile(`file:///ws/${name}`, text);
    else ws.setFile(`file:///ws/${name}`, text);
  }
  return ws;
}

/** Diagnostics of one in-memory document (named so that its suffix is recognised). */
export function check(name: string, text: string, others: Record<string, string> = {}, config?: Config): Diagnostic[] {
  return workspaceOf({ ...others, [name]: text }, config).diagnostics(`file:///ws/${name}`);
}

export function rulesOf(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => d.rule);
}

/** `rule@line:col` with 1-based line and column, for compact assertions. */
export function at(d: Diagnostic): string {
  return `${d.rule}@${d.range.start.line + 1}:${d.range.start.character + 1}`;
}

export function readFixture(...parts: string[]): string {
  return fs.readFileSync(path.join(FIXTURES, ...parts), 'utf8');
}

/**
 * The text after applying `edits` (line/character ranges, as an editor would): offsets are taken
 * in the original text and the edits applied from the end backwards, so one edit never shifts
 * another. Edits at the same position keep their given order; overlapping edits are an error.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const spans = edits
    .map((e, i) => ({ i, start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), text: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end || b.i - a.i);
  for (let k = 1; k < spans.length; k++) {
    if (spans[k].end > spans[k - 1].start) throw new Error(`overlapping edits: ${JSON.stringify(spans[k])} and ${JSON.stringify(spans[k - 1])}`);
  }
  let out = text;
  for (const e of spans) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** The text after applying a quick fix. */
export function applyFix(text: string, fix: Fix): string {
  return applyEdits(text, fix.edits);
}

/** A scratch folder holding these files (`name` may hold folders), with a `.git` folder when `git` (a repository root). */
export function scratchTree(files: Record<string, string | Buffer>, options: { git?: boolean; prefix?: string } = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), options.prefix ?? 'improvekit-test-'));
  if (options.git) fs.mkdirSync(path.join(dir, '.git'));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return dir;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The command line run in this process (src/cli/main.ts), with its output captured. */
export async function runCli(cwd: string, ...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { cwd, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), color: false });
  return { code, stdout, stderr };
}
