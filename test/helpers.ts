import * as fs from 'node:fs';
import * as path from 'node:path';
import { Workspace } from '../src/core/workspace';
import { parseConfig, CONFIG_FILE, type Config } from '../src/core/config';
import type { Diagnostic } from '../src/core/types';

export const FIXTURES = path.join(__dirname, 'fixtures');
/** Date rules see this day in tests unless a fixture's configuration says otherwise. */
export const TEST_TODAY = '2026-03-10';

export function configFrom(text: string): Config {
  return parseConfig(text, CONFIG_FILE).config;
}

/** A workspace of in-memory files (`name → text`); `.improvekit.yaml` among them is the config. */
export function workspaceOf(files: Record<string, string>, config?: Config): Workspace {
  const cfg = config ?? (files[CONFIG_FILE] !== undefined ? configFrom(files[CONFIG_FILE]) : { rules: {} });
  const ws = new Workspace({ config: cfg, today: () => TEST_TODAY });
  for (const [name, text] of Object.entries(files)) if (name !== CONFIG_FILE) ws.setFile(`file:///ws/${name}`, text);
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
