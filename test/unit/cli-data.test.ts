/**
 * The CLI and data files (CSV): a measure's `data.file` is read under the workspace root only,
 * its findings are reported on the CSV's own rows, and worker threads change nothing.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { runCli, scratchTree, type CliRun as Run } from '../helpers';
import type { Finding } from '../../src/cli/format';

const run = runCli;

const dirs: string[] = [];

function tree(files: Record<string, string>): string {
  const dir = scratchTree(files, { git: true, prefix: 'improvekit-cli-data-' });
  dirs.push(dir);
  return dir;
}

const measure = (file: string) => `kind: measure
id: huddle-minutes
title: Minutes each data huddle ran
unit: minutes
better: down
chart: run
data:
  file: ${file}
  date: week
  value: minutes
`;

/** Twelve weeks, the fourth row's value not a number (line 5 of the file). */
const CSV = ['week,minutes', '2026-01-05,20', '2026-01-12,22', '2026-01-19,21', '2026-01-26,twenty', '2026-02-02,23', '2026-02-09,24', '2026-02-16,20', '2026-02-23,18', '2026-03-02,22', '2026-03-09,21', '2026-03-16,19', '2026-03-23,23', ''].join('\n');

const SOUND_MESSAGE = 'kind: message-map\nid: parents\naudience: parents\nmessages:\n  - text: Your child will take the new tests online in spring.\n';


const json = (r: Run): Finding[] => JSON.parse(r.stdout) as Finding[];
const brief = (findings: Finding[]) => findings.map((f) => `${f.file}:${f.line} ${f.rule}`);

describe('improvekit check: data files', () => {
  after(() => {
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  });

  it("reports a CSV row's finding on the CSV, by its path and line, in text, JSON and SARIF, and counts it", async () => {
    const dir = tree({ 'huddle.measure.yaml': measure('data/h.csv'), 'data/h.csv': CSV });
    const text = await run(dir, 'check');
    assert.equal(text.code, 0, text.stdout + text.stderr);
    assert.match(text.stdout, /^data\/h\.csv:5:1 +warning +(?:Line 5: )?Value "twenty" in `minutes` is not a number.* measure\/bad-row$/m);
    assert.match(text.stdout, /1 problem \(0 errors, 1 warning, 0 info, 0 hints\) in 2 document files/);
    const findings = json(await run(dir, 'check', '--format', 'json'));
    assert.deepEqual(findings, [
      { file: 'data/h.csv', line: 5, column: 1, endLine: 5, endColumn: 18, severity: 'warning', rule: 'measure/bad-row', message: findings[0].message },
    ]);
    const sarif = JSON.parse((await run(dir, 'check', '--format', 'sarif')).stdout);
    const location = sarif.runs[0].results[0].locations[0].physicalLocation;
    assert.equal(location.artifactLocation.uri, 'data/h.csv');
    assert.equal(location.region.startLine, 5);
    // From a subfolder, paths stay relative to the current folder.
    const below = json(await run(path.join(dir, 'data'), 'check', '..', '--format', 'json'));
    assert.deepEqual(brief(below), ['h.csv:5 measure/bad-row']);
  });

  it('reports the CSV named on the command line, and a named document with the CSV it reads', async () => {
    const dir = tree({ 'huddle.measure.yaml': measure('data/h.csv'), 'data/h.csv': CSV, 'other.message.yaml': SOUND_MESSAGE.replace('audience: parents\n', '') });
    assert.deepEqual(brief(json(await run(dir, 'check', 'data/h.csv', '--format', 'json'))), ['data/h.csv:5 measure/bad-row']);
    assert.deepEqual(brief(json(await run(dir, 'check', 'huddle.measure.yaml', '--format', 'json'))), ['data/h.csv:5 measure/bad-row']);
    // A folder named holds the CSV: it is reported, though its reader lies outside the folder.
    assert.deepEqual(brief(json(await run(dir, 'check', 'data', '--format', 'json'))), ['data/h.csv:5 measure/bad-row']);
    // A document that reads no CSV reports none.
    assert.deepEqual(brief(json(await run(dir, 'check', 'other.message.yaml', '--format', 'json'))).filter((f) => f.includes('csv')), []);
  });

  it('never reads a CSV outside the workspace root, by `..`, by an absolute path or through a link', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'improvekit-outside-'));
    dirs.push(outside);
    fs.writeFileSync(path.join(outside, 'o.csv'), CSV);
    const dir = tree({
      'up.measure.yaml': measure(`../${path.basename(outside)}/o.csv`).replace('id: huddle-minutes', 'id: up'),
      'abs.measure.yaml': measure(path.join(outside, 'o.csv')).replace('id: huddle-minutes', 'id: abs'),
      'link.measure.yaml': measure('data/link.csv').replace('id: huddle-minutes', 'id: link'),
    });
    fs.mkdirSync(path.join(dir, 'data'));
    fs.symlinkSync(path.join(outside, 'o.csv'), path.join(dir, 'data', 'link.csv'));
    const findings = json(await run(dir, 'check', '--format', 'json'));
    assert.deepEqual(brief(findings), ['abs.measure.yaml:8 measure/data-unreadable', 'link.measure.yaml:8 measure/data-unreadable', 'up.measure.yaml:8 measure/data-unreadable']);
    assert.ok(findings.every((f) => !f.message.includes('twenty')), 'nothing of the outside file was read');
  });

  it('reports a missing CSV, or one that is not a regular file, as measure/data-unreadable on the document', async () => {
    const dir = tree({ 'huddle.measure.yaml': measure('data/missing.csv'), 'dir.measure.yaml': measure('data/folder.csv').replace('id: huddle-minutes', 'id: folder') });
    fs.mkdirSync(path.join(dir, 'data', 'folder.csv'), { recursive: true });
    const r = await run(dir, 'check', '--format', 'json');
    assert.equal(r.code, 1);
    const findings = json(r);
    assert.deepEqual(brief(findings), ['dir.measure.yaml:8 measure/data-unreadable', 'huddle.measure.yaml:8 measure/data-unreadable']);
    assert.equal(findings[1].column, 9, 'on the `data.file` value');
    assert.match(findings[1].message, /data\/missing\.csv/);
  });

  it('gives the same JSON with IMPROVEKIT_THREADS=2 (worker threads), the data read on the main thread', function () {
    const bin = path.join(__dirname, '..', '..', 'dist', 'cli.js');
    if (!fs.existsSync(bin)) this.skip();
    const files: Record<string, string> = { 'data/h.csv': CSV, 'data/b.csv': CSV.replace('2026-03-23,23', '2026-03-23,') };
    // Enough documents that the measures go to a worker too (files are dealt by size, the largest first).
    for (let i = 0; i < 6; i++) files[`m${i}.measure.yaml`] = measure(i % 2 ? 'data/h.csv' : 'data/b.csv').replace('id: huddle-minutes', `id: m${i}`) + `# ${'padding '.repeat(i * 20)}\n`;
    files['gone.measure.yaml'] = measure('data/gone.csv').replace('id: huddle-minutes', 'id: gone');
    const dir = tree(files);
    const once = (threads: string) => spawnSync(process.execPath, [bin, 'check', '--format', 'json'], { cwd: dir, encoding: 'utf8', env: { ...process.env, IMPROVEKIT_THREADS: threads }, timeout: 60_000 });
    const one = once('1');
    const two = once('2');
    assert.equal(one.status, 1, one.stderr);
    assert.equal(two.status, one.status, two.stderr);
    assert.equal(two.stdout, one.stdout);
    assert.deepEqual(brief(JSON.parse(one.stdout) as Finding[]), ['data/b.csv:5 measure/bad-row', 'data/b.csv:13 measure/bad-row', 'data/h.csv:5 measure/bad-row', 'gone.measure.yaml:8 measure/data-unreadable']);
  });
});

describe('improvekit render: data files', () => {
  it('draws the points of the CSV the document reads', async () => {
    const dir = tree({ 'huddle.measure.yaml': measure('data/h.csv'), 'data/h.csv': CSV.replace('2026-03-23,23', '2026-03-23,17') });
    // Called directly: main() imports the render command with a dynamic import the test loader does not follow.
    const { runRender } = require('../../src/cli/render') as typeof import('../../src/cli/render');
    let stdout = '';
    let stderr = '';
    const code = await runRender(['huddle.measure.yaml'], new Map([['--format', 'svg']]), { cwd: dir, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), color: false });
    const r = { code, stdout, stderr };
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /2026-03-23/);
    assert.doesNotMatch(r.stdout, /data-unreadable|No file/);
  });
});
