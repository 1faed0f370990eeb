/**
 * Fixture specifications: every document under test/fixtures/<kind>/ is checked, and its
 * diagnostics must be exactly those listed beside it in `<case>.expected.json`:
 *   [{ "rule": "rapid/missing-decider", "line": 4, "column": 5, "message": "words it contains" }]
 * (1-based line and column). A folder is a multi-file workspace with one `expected.json`
 * mapping each file name to its list; a `.improvekit.yaml` in it is that workspace's config.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIXTURES, workspaceOf } from '../helpers';
import type { Diagnostic } from '../../src/core/types';

interface Expected {
  rule: string;
  line: number;
  column: number;
  severity?: string;
  message?: string;
}

const DOC = /\.(ya?ml|md)$/;

function compare(file: string, actual: Diagnostic[], expected: Expected[]): void {
  const shown = actual.map((d) => `${d.rule}@${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`);
  const got = actual.map((d) => `${d.rule}@${d.range.start.line + 1}:${d.range.start.character + 1}`).sort();
  const want = expected.map((e) => `${e.rule}@${e.line}:${e.column}`).sort();
  assert.deepEqual(got, want, `${file}: diagnostics differ. Actual:\n  ${shown.join('\n  ')}`);
  for (const e of expected) {
    const d = actual.find((a) => a.rule === e.rule && a.range.start.line + 1 === e.line && a.range.start.character + 1 === e.column)!;
    if (e.severity) assert.equal(d.severity, e.severity, `${file}: severity of ${e.rule}`);
    if (e.message) assert.ok(d.message.includes(e.message), `${file}: message of ${e.rule} should contain "${e.message}" but is "${d.message}"`);
    assert.ok(d.message.length > 20, `${file}: ${e.rule} message too terse: "${d.message}"`);
  }
}

describe('fixtures', () => {
  if (!fs.existsSync(FIXTURES)) return;
  for (const kind of fs.readdirSync(FIXTURES).sort()) {
    const dir = path.join(FIXTURES, kind);
    if (!fs.statSync(dir).isDirectory()) continue;
    describe(kind, () => {
      for (const entry of fs.readdirSync(dir).sort()) {
        const full = path.join(dir, entry);
        if (fs.statSync(full).isDirectory()) {
          it(`${entry}/ (workspace)`, () => {
            const files: Record<string, string> = {};
            for (const f of fs.readdirSync(full)) if (DOC.test(f)) files[f] = fs.readFileSync(path.join(full, f), 'utf8');
            const expected = JSON.parse(fs.readFileSync(path.join(full, 'expected.json'), 'utf8')) as Record<string, Expected[]>;
            const ws = workspaceOf(files);
            for (const f of Object.keys(files)) {
              if (f === '.improvekit.yaml') continue;
              compare(`${entry}/${f}`, ws.diagnostics(`file:///ws/${f}`), expected[f] ?? []);
            }
          });
        } else if (DOC.test(entry) && !entry.includes('.expected.')) {
          it(entry, () => {
            const base = entry.replace(DOC, '');
            const expectedFile = path.join(dir, `${base}.expected.json`);
            assert.ok(fs.existsSync(expectedFile), `${kind}/${entry} has no ${base}.expected.json beside it`);
            const expected = JSON.parse(fs.readFileSync(expectedFile, 'utf8')) as Expected[];
            const ws = workspaceOf({ [entry]: fs.readFileSync(full, 'utf8') });
            compare(`${kind}/${entry}`, ws.diagnostics(`file:///ws/${entry}`), expected);
          });
        }
      }
    });
  }
});
