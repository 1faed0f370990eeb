/**
 * Fixture specifications: every document under test/fixtures/<kind>/ is checked, and its
 * diagnostics must be exactly those listed beside it in `<case>.expected.json`:
 *   [{ "rule": "rapid/missing-decider", "line": 4, "column": 5, "endLine": 4, "endColumn": 23,
 *      "message": "words it contains" }]
 * (1-based lines and columns, as the CLI's JSON output; the end is exclusive). Every entry gives
 * the whole range, start and end. A folder is a multi-file workspace with one `expected.json`
 * mapping each file name to its list; a `.improvekit.yaml` in it is that workspace's config.
 * A folder's `.csv` files (also in subfolders, named by their path: `data/huddles.csv`) are its
 * data files: what the documents report on their rows is expected under the CSV's name.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIXTURE_DOC as DOC, fixtureEntries, workspaceOf } from '../helpers';
import type { Diagnostic } from '../../src/core/types';

interface Expected {
  rule: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity?: string;
  message?: string;
}

const POSITIONS = ['line', 'column', 'endLine', 'endColumn'] as const;

/** Every entry must name its rule and give its whole range as 1-based integers. */
function checkShape(file: string, expected: unknown): asserts expected is Expected[] {
  assert.ok(Array.isArray(expected), `${file}: its expected diagnostics must be a list`);
  expected.forEach((e: Record<string, unknown>, i) => {
    const what = `${file}, entry ${i + 1} of its expected list (${JSON.stringify(e)}),`;
    assert.equal(typeof e.rule, 'string', `${what} has no "rule"`);
    const missing = POSITIONS.filter((k) => e[k] === undefined);
    assert.deepEqual(missing, [], `${what} has no ${missing.map((k) => `"${k}"`).join(', ')}: give the whole range, 1-based as the CLI's JSON output`);
    for (const k of POSITIONS) assert.ok(Number.isInteger(e[k]) && (e[k] as number) >= 1, `${what} "${k}" must be a 1-based integer`);
  });
}

const CSV = /\.csv$/i;

/** The documents of a folder (its own files) and its data files (in subfolders too), by relative name. */
function folderFiles(dir: string, under = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(path.join(dir, under), { withFileTypes: true })) {
    const name = under ? `${under}/${entry.name}` : entry.name;
    if (entry.isDirectory()) Object.assign(out, folderFiles(dir, name));
    else if (DOC.test(entry.name) ? !under : CSV.test(entry.name)) out[name] = fs.readFileSync(path.join(dir, name), 'utf8');
  }
  return out;
}

/** `rule@line:column-endLine:endColumn`, 1-based. */
function rangeOf(d: Diagnostic): string {
  const { start, end } = d.range;
  return `${d.rule}@${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1}`;
}

function compare(file: string, actual: Diagnostic[], expected: unknown): void {
  checkShape(file, expected);
  const shown = actual.map((d) => `${rangeOf(d)} ${d.message}`);
  const want = expected.map((e) => `${e.rule}@${e.line}:${e.column}-${e.endLine}:${e.endColumn}`);
  assert.deepEqual(actual.map(rangeOf).sort(), [...want].sort(), `${file}: diagnostics differ. Actual:\n  ${shown.join('\n  ')}`);
  expected.forEach((e, i) => {
    const d = actual.find((a) => rangeOf(a) === want[i])!;
    if (e.severity) assert.equal(d.severity, e.severity, `${file}: severity of ${e.rule}`);
    if (e.message) assert.ok(d.message.includes(e.message), `${file}: message of ${e.rule} should contain "${e.message}" but is "${d.message}"`);
    assert.ok(d.message.length > 20, `${file}: ${e.rule} message too terse: "${d.message}"`);
  });
}

describe('fixtures', () => {
  const byKind = new Map<string, ReturnType<typeof fixtureEntries>>();
  for (const e of fixtureEntries()) (byKind.get(e.kind) ?? byKind.set(e.kind, []).get(e.kind)!).push(e);
  for (const [kind, entries] of byKind) {
    describe(kind, () => {
      for (const { dir, entry, full, folder } of entries) {
        if (folder) {
          it(`${entry}/ (workspace)`, () => {
            const files = folderFiles(full);
            const expectedFile = path.join(full, 'expected.json');
            assert.ok(fs.existsSync(expectedFile), `${kind}/${entry}/ has no expected.json`);
            const expected = JSON.parse(fs.readFileSync(expectedFile, 'utf8')) as Record<string, unknown>;
            const strays = Object.keys(expected).filter((f) => files[f] === undefined);
            assert.deepEqual(strays, [], `${kind}/${entry}/expected.json lists files the folder does not have: ${strays.join(', ')}`);
            const ws = workspaceOf(files);
            for (const f of Object.keys(files)) {
              if (f === '.improvekit.yaml') continue;
              compare(`${entry}/${f}`, ws.diagnostics(`file:///ws/${f}`), expected[f] ?? []);
            }
          });
        } else {
          it(entry, () => {
            const base = entry.replace(DOC, '');
            const expectedFile = path.join(dir, `${base}.expected.json`);
            assert.ok(fs.existsSync(expectedFile), `${kind}/${entry} has no ${base}.expected.json beside it`);
            const expected: unknown = JSON.parse(fs.readFileSync(expectedFile, 'utf8'));
            const ws = workspaceOf({ [entry]: fs.readFileSync(full, 'utf8') });
            compare(`${kind}/${entry}`, ws.diagnostics(`file:///ws/${entry}`), expected);
          });
        }
      }
    });
  }
});
