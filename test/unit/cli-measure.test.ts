/**
 * The bundled command line checks a measure and the CSV it reads, end to end: `node dist/cli.js
 * check . --format json` in a repository holding a measure, its data file and a `.git` folder.
 * The CLI reads the data files the documents name (src/cli/files.ts `loadDataFiles`); the
 * findings on the CSV's rows come out under the CSV's path.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';

const BIN = path.join(__dirname, '..', '..', 'dist', 'cli.js');

function week(i: number): string {
  return new Date(Date.UTC(2026, 0, 5 + 7 * i)).toISOString().slice(0, 10);
}

function repo(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'improvekit-measure-'));
  fs.mkdirSync(path.join(dir, '.git'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function check(dir: string): { status: number | null; findings: unknown } {
  const r = spawnSync(process.execPath, [BIN, 'check', '.', '--format', 'json'], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.stderr, '');
  return { status: r.status, findings: JSON.parse(r.stdout) };
}

// Minutes per huddle. Baseline (weeks 0–11, frozen): 29 27 28 30 26 28 29 27 28 26 30 28 →
//   mean 336 / 12 = 28.00; moving ranges 2 1 2 4 2 1 2 1 2 4 2 → 23 / 11 = 2.0909;
//   limits 28 ± 2.66 × 2.0909 = 22.44 to 33.56; 2 sigma 28 ± 3.7072 = 24.29 to 31.71.
// Then 26 27 25 26 27 26 25 (weeks 12–18, all below 28 and above 24.29) and 29: a run of 7 below
// the centre line — no shift by Provost & Murray (8), a shift by Making Data Count (7).
// One row more, `2026-02-30,31`, is no day of the calendar: left out, reported on line 14.
const VALUES = [29, 27, 28, 30, 26, 28, 29, 27, 28, 26, 30, 28, 26, 27, 25, 26, 27, 26, 25, 29];
const ROWS = VALUES.map((v, i) => `${week(i)},${v}`);
ROWS.splice(12, 0, '2026-02-30,31');
const CSV = `week,minutes\n${ROWS.join('\n')}\n`;
const MEASURE = `kind: measure
id: huddle-minutes
title: Minutes each data huddle ran
unit: minutes
better: down
chart: xmr
data:
  file: data/huddles.csv
  date: week
  value: minutes
phases:
  - { start: 2026-01-05, label: Baseline, freeze: 12 }
`;

const BAD_ROW = {
  file: 'data/huddles.csv',
  line: 14,
  column: 1,
  endLine: 14,
  endColumn: 14,
  severity: 'warning',
  rule: 'measure/bad-row',
  message: 'Date "2026-02-30" in `week` is not a date: write it YYYY-MM-DD; the row is left out',
};

describe('improvekit check: a measure and its CSV (bundled CLI)', function () {
  before(function () {
    if (!fs.existsSync(BIN)) this.skip();
  });

  it('reports the bad row in the CSV and no shift of 7 with the default spc: ihi', () => {
    const r = check(repo({ 'huddle-minutes.measure.yaml': MEASURE, 'data/huddles.csv': CSV }));
    assert.deepEqual(r.findings, [BAD_ROW]);
    assert.equal(r.status, 0);
  });

  it('reports the 7-point shift too with spc: mdc, on data.file, naming the CSV lines', () => {
    const r = check(repo({ 'huddle-minutes.measure.yaml': MEASURE, 'data/huddles.csv': CSV, '.improvekit.yaml': 'spc: mdc\n' }));
    assert.deepEqual(r.findings, [
      BAD_ROW,
      {
        file: 'huddle-minutes.measure.yaml',
        line: 8,
        column: 9,
        endLine: 8,
        endColumn: 25,
        severity: 'info',
        rule: 'measure/shift',
        message: 'Shift: 7 in a row below the centre line (28) from 2026-03-30 to 2026-05-11 (CSV lines 15–21) — an improvement: note what changed then',
      },
    ]);
    assert.equal(r.status, 0);
  });

  it('says the data file is missing, as an error', () => {
    const r = check(repo({ 'huddle-minutes.measure.yaml': MEASURE }));
    assert.deepEqual(r.findings, [
      {
        file: 'huddle-minutes.measure.yaml',
        line: 8,
        column: 9,
        endLine: 8,
        endColumn: 25,
        severity: 'error',
        rule: 'measure/data-unreadable',
        message: 'No file `data/huddles.csv` in the workspace: check the path, relative to this file (a CSV with a header row)',
      },
    ]);
    assert.equal(r.status, 1);
  });
});

/**
 * Every measure fixture (test/fixtures/measure: hand-made series for each signal, frozen baselines,
 * phases, groups, targets, bad rows, missing files and columns, `spc: mdc`) checked by the bundled
 * CLI with `--format json` gives exactly the findings its expected file lists — the same contract
 * as the engine's fixture test, through the command line that CI runs.
 */
describe('measure fixtures through `improvekit check --format json`', () => {
  const root = path.join(__dirname, '..', 'fixtures', 'measure');
  const key = (f: { file?: string; rule: string; line: number; column: number; endLine: number; endColumn: number }) => `${f.file ?? ''} ${f.rule}@${f.line}:${f.column}-${f.endLine}:${f.endColumn}`;
  const copy = (from: string, to: string) => fs.cpSync(from, to, { recursive: true });
  for (const entry of fs.readdirSync(root).sort()) {
    const full = path.join(root, entry);
    const folder = fs.statSync(full).isDirectory();
    if (!folder && !/\.measure\.yaml$/.test(entry)) continue;
    it(`${entry}${folder ? '/' : ''}`, function () {
      if (!fs.existsSync(BIN)) this.skip();
      const dir = repo({});
      let expected: Array<{ file: string; rule: string; line: number; column: number; endLine: number; endColumn: number }>;
      if (folder) {
        copy(full, dir);
        const byFile = JSON.parse(fs.readFileSync(path.join(full, 'expected.json'), 'utf8')) as Record<string, Array<{ rule: string; line: number; column: number; endLine: number; endColumn: number }>>;
        fs.rmSync(path.join(dir, 'expected.json'));
        expected = Object.entries(byFile).flatMap(([file, list]) => list.map((f) => ({ ...f, file })));
      } else {
        fs.copyFileSync(full, path.join(dir, entry));
        const list = JSON.parse(fs.readFileSync(full.replace(/\.yaml$/, '.expected.json'), 'utf8')) as Array<{ rule: string; line: number; column: number; endLine: number; endColumn: number }>;
        expected = list.map((f) => ({ ...f, file: entry }));
      }
      const { findings } = check(dir);
      const got = (findings as Array<{ file: string; rule: string; line: number; column: number; endLine: number; endColumn: number }>).map((f) => ({ ...f, file: f.file.replace(/^(\.\/)?/, '') }));
      // An expected entry names its file as the fixture does (`huddles.csv` or `data/huddles.csv`): compare by the file's tail.
      const tail = (f: string) => f.split('/').pop()!;
      assert.deepEqual(got.map((f) => key({ ...f, file: tail(f.file) })).sort(), expected.map((f) => key({ ...f, file: tail(f.file) })).sort());
    });
  }
});
