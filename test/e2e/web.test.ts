// The web extension (package.json `browser`, dist/web/extension.js) in the workbench's web worker
// extension host. scripts/e2e/run.ts installs a copy whose package.json has no `main`, so this is
// the only host that can run it.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Locator } from 'playwright-core';
import { PNG } from 'pngjs';
import { launchChromium } from '../../scripts/e2e/harness';
import { Workbench } from './workbench';

const URL = process.env.IMPROVEKIT_E2E_URL;
const WORKSPACE = process.env.IMPROVEKIT_E2E_WORKSPACE;
const CLI = path.resolve(__dirname, '../../dist/cli.js');

describe('Improvekit as a web extension (web worker extension host)', function () {
  this.timeout(120_000);
  let browser: Browser;
  let wb: Workbench;

  before(async function () {
    if (!URL || !WORKSPACE) throw new Error('run this suite with `npm run test:e2e` (scripts/e2e/run.ts starts code-server and sets IMPROVEKIT_E2E_URL)');
    browser = await launchChromium();
    wb = await Workbench.open(browser, URL, 'web');
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb) await wb.screenshot(`failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 40)}`);
  });

  after(async () => {
    if (wb) fs.writeFileSync(path.join(path.dirname(await wb.screenshot('end')), 'web-console.log'), wb.consoleLines.join('\n'));
    await browser?.close();
  });

  it('runs the extension in the web worker extension host', async () => {
    await wb.command('Developer: Show Running Extensions');
    const editor = wb.page.locator('.runtime-extensions-editor');
    await editor.waitFor({ state: 'visible', timeout: 20_000 });
    const row = editor.locator('.monaco-list-row', { hasText: 'Improvekit' }).first();
    await row.waitFor({ state: 'visible', timeout: 60_000 }).catch(async () => {
      await wb.screenshot('not-running');
      throw new Error(`Improvekit is not among the running extensions:\n${await editor.innerText()}`);
    });
    await wb.screenshot('running-extensions');
    const text = await row.innerText();
    assert.match(text, /web worker/i, `Improvekit does not run in the web worker extension host: ${text}`);
    assert.doesNotMatch(text, /Activation failed|error/i, `the web extension failed to activate: ${text}`);
    // The running-extensions editor may open as a modal editor: Escape closes it.
    await wb.page.keyboard.press('Escape');
    await editor.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => wb.closeAllEditors());
  });

  it('shows the problems of an open document', async () => {
    const [finding] = findings().filter((f) => f.rule === 'rapid/multiple-deciders');
    assert.ok(finding, 'the examples have no rapid/multiple-deciders finding');
    await wb.openFile(finding.file);
    const panel = await wb.problemsPanel();
    await problemRow(panel, finding);
    await wb.screenshot('open-document-problems');
    await wb.restorePanel();
  });

  it('shows the problems of the whole folder in the Problems panel', async () => {
    const expected = findings().filter((f) => f.severity !== 'hint');
    assert.ok(expected.length >= 4);
    const panel = await wb.problemsPanel();
    for (const finding of expected) await problemRow(panel, finding);
    await wb.screenshot('problems');
    await wb.restorePanel();
  });

  it('exports a driver diagram as a PNG in the web worker extension host (Improvekit: Export Diagram as PNG)', async () => {
    await wb.openFile('k3-reading.driver.yaml');
    const written = await wb.exportWith('Improvekit: Export Diagram as PNG', WORKSPACE!, path.join(WORKSPACE!, 'k3-reading.web.png'));
    const file = path.join(WORKSPACE!, written);
    const deadline = Date.now() + 30_000;
    while (!(fs.existsSync(file) && fs.statSync(file).size > 24) && Date.now() < deadline) await wb.page.waitForTimeout(250);
    const png = fs.readFileSync(file);
    assert.ok(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), 'the file is not a PNG');
    // Landscape, sized for a 1920 × 1080 slide (IHDR: width and height at bytes 16–23).
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    assert.ok(width <= 1920 && height <= 1080 && width > height && width >= 1600, `${width} × ${height}`);
    // The title is drawn in the bundled font: dark glyph pixels in the band above the columns.
    const image = PNG.sync.read(png);
    let dark = 0;
    for (let y = 10; y < 70; y++) {
      for (let x = 10; x < 700; x++) {
        const i = (y * image.width + x) * 4;
        if (image.data[i] + image.data[i + 1] + image.data[i + 2] < 240) dark++;
      }
    }
    assert.ok(dark > 2_000, `the title band holds ${dark} dark pixels: was the text drawn?`);
    await wb.screenshot('png-exported');
    await wb.closeAllEditors();
  });

  async function problemRow(panel: Locator, finding: Finding): Promise<void> {
    const row = panel.locator('.monaco-list-row', { hasText: finding.message.slice(0, 60) }).first();
    await row.waitFor({ state: 'visible', timeout: 60_000 }).catch(async () => {
      await wb.screenshot('problems-missing');
      throw new Error(`the web extension does not show ${finding.rule} at ${finding.file}:${finding.line}:${finding.column}; the Problems panel shows:\n${await panel.innerText()}`);
    });
    assert.match(await row.innerText(), new RegExp(`Ln ${finding.line}, Col ${finding.column}`));
  }
});

interface Finding {
  file: string;
  line: number;
  column: number;
  severity: string;
  rule: string;
  message: string;
}

function findings(): Finding[] {
  const result = spawnSync(process.execPath, [CLI, 'check', '--format', 'json', '--exit-zero'], { cwd: WORKSPACE, encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as Finding[];
}
