/**
 * Messages are short enough for the Problems panel (about 120 characters): what is wrong and what
 * to do. The why lives in each rule's `rationale` (hover, `--verbose`, docs/rules.md). Sources are
 * cited by title and year, never by the file names of the seed texts.
 */
import { RATIONALE, rationaleOf } from '../../src/core/rules/rationale';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIXTURE_DOC as DOC, fixtureEntries, workspaceOf } from '../helpers';
import { ALL_RULES } from '../../src/core/rules/registry';
import type { Diagnostic } from '../../src/core/types';

const SEED_FILE = /\d{3}_[0-9a-f]{16}\.txt/;

/** Every file of a fixture folder (documents, data files in subfolders, the config), by relative name. */
function filesOf(dir: string, under = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(path.join(dir, under), { withFileTypes: true })) {
    const name = under ? `${under}/${entry.name}` : entry.name;
    if (entry.isDirectory()) Object.assign(out, filesOf(dir, name));
    else if (DOC.test(entry.name) || /\.csv$/i.test(entry.name)) out[name] = fs.readFileSync(path.join(dir, name), 'utf8');
  }
  return out;
}

/** The diagnostics of every fixture (single documents and workspace folders). */
function fixtureDiagnostics(): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { entry, full, folder } of fixtureEntries()) {
    if (folder) {
      const files = filesOf(full);
      const ws = workspaceOf(files);
      for (const f of Object.keys(files)) if (f !== '.improvekit.yaml') out.push(...ws.diagnostics(`file:///ws/${f}`));
    } else {
      out.push(...workspaceOf({ [entry]: fs.readFileSync(full, 'utf8') }).diagnostics(`file:///ws/${entry}`));
    }
  }
  return out;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

describe('messages', () => {
  // The rules' messages (engine and suppression diagnostics have their own wording and tests).
  const ruleIds = new Set(ALL_RULES.map((r) => r.id));
  const all = fixtureDiagnostics().filter((d) => ruleIds.has(d.rule));

  it('the fixtures report enough findings to measure', () => {
    assert.ok(all.length > 100, `only ${all.length} diagnostics`);
  });

  it('are short: the median under 120 characters, none over 160', () => {
    const lengths = all.map((d) => d.message.length);
    if (process.env.MESSAGE_LENGTHS) for (const d of [...all].sort((a, b) => b.message.length - a.message.length).slice(0, 40)) console.log(d.message.length, d.rule, d.message);
    if (process.env.MESSAGE_LENGTHS) console.log('median', median(lengths), 'max', Math.max(...lengths), 'count', lengths.length);
    const longest = all.reduce((a, b) => (b.message.length > a.message.length ? b : a));
    assert.ok(median(lengths) < 120, `median ${median(lengths)}`);
    assert.ok(longest.message.length <= 160, `${longest.rule}: ${longest.message.length} characters: ${longest.message}`);
  });

  it('name no seed file, in messages or in rationales', () => {
    for (const d of all) assert.doesNotMatch(d.message, SEED_FILE, d.rule);
    for (const rule of ALL_RULES) assert.doesNotMatch(rationaleOf(rule.id) ?? '', SEED_FILE, rule.id);
  });

  it('every rule has a rationale, and the rationale table names no rule that does not exist', () => {
    for (const rule of ALL_RULES) assert.ok((rationaleOf(rule.id) ?? '').length > 40, `${rule.id} has no rationale in src/core/rules/rationale.ts`);
    const ids = new Set(ALL_RULES.map((r) => r.id));
    for (const id of Object.keys(RATIONALE)) assert.ok(ids.has(id), `rationale.ts names ${id}, which is no rule`);
  });
});
