// The packaged extension, installed into a real VS Code (code-server) and driven in Chromium, on a
// copy of examples/ opened in Restricted Mode. scripts/e2e/run.ts prepares all of it and passes
// the URL and folder in IMPROVEKIT_E2E_URL and IMPROVEKIT_E2E_WORKSPACE.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../scripts/e2e/harness';
import { lineOf, MOD, Workbench } from './workbench';

const URL = process.env.IMPROVEKIT_E2E_URL;
const WORKSPACE = process.env.IMPROVEKIT_E2E_WORKSPACE;
const CLI = path.resolve(__dirname, '../../dist/cli.js');

interface Finding {
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning' | 'info' | 'hint';
  rule: string;
  message: string;
}

/** What the command line (the same engine) finds in the folder: the expectation for the editor. */
function cliFindings(folder: string, ...paths: string[]): Finding[] {
  const result = spawnSync(process.execPath, [CLI, 'check', ...paths, '--format', 'json', '--exit-zero'], { cwd: folder, encoding: 'utf8' });
  assert.equal(result.status, 0, `improvekit check failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as Finding[];
}

describe('Improvekit in a real VS Code (code-server + Chromium)', function () {
  this.timeout(120_000);
  let browser: Browser;
  let wb: Workbench;
  let ws: string;

  before(async function () {
    if (!URL || !WORKSPACE) throw new Error('run this suite with `npm run test:e2e` (scripts/e2e/run.ts starts code-server and sets IMPROVEKIT_E2E_URL)');
    ws = WORKSPACE;
    browser = await launchChromium();
    wb = await Workbench.open(browser, URL, 'editor');
    await wb.screenshot('workbench');
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb) {
      await wb.screenshot(`failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 40)}`);
      // Leave no menu, widget or picker open for the next test.
      for (let i = 0; i < 3; i++) await wb.page.keyboard.press('Escape');
    }
  });

  after(async () => {
    if (wb) fs.writeFileSync(path.join(path.dirname(await wb.screenshot('end')), 'editor-console.log'), wb.consoleLines.join('\n'));
    await browser?.close();
  });

  it('opens the untrusted folder in Restricted Mode', async () => {
    await wb.page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ state: 'visible', timeout: 30_000 });
  });

  it('lists the problems of examples/README.md in the Problems panel without opening a file', async () => {
    // The Problems panel leaves out hints (the jargon finding shows as dots in the editor only).
    const all = cliFindings(ws);
    // The README's table of deliberate problems (`file:line` and rule id) is what users are told to expect.
    const readme = fs.readFileSync(path.join(ws, 'README.md'), 'utf8');
    const promised = [...readme.matchAll(/^\|\s*\d+\s*\|\s*`([^`:]+):(\d+)`\s*\|\s*\[`([a-z]+\/[a-z-]+)`\]/gm)].map((m) => `${m[1]}:${m[2]} ${m[3]}`);
    assert.ok(promised.length >= 5, 'examples/README.md lists no deliberate problems');
    assert.deepEqual(all.map((f) => `${f.file}:${f.line} ${f.rule}`).sort(), promised.sort(), 'the engine and examples/README.md disagree on the deliberate problems');
    const expected = all.filter((f) => f.severity !== 'hint');
    const panel = await wb.problemsPanel();
    for (const finding of expected) {
      const row = panel.locator('.monaco-list-row', { hasText: finding.message.slice(0, 60) }).first();
      await row.waitFor({ state: 'visible', timeout: 60_000 }).catch(async () => {
        await wb.screenshot('problems-missing');
        throw new Error(`the Problems panel does not show ${finding.rule} at ${finding.file}:${finding.line}:${finding.column} ("${finding.message.slice(0, 60)}…"); it shows:\n${await panel.innerText()}`);
      });
      const text = await row.innerText();
      assert.match(text, new RegExp(finding.rule.replace('/', '\\/')), `row of ${finding.file}:${finding.line} has no rule id: ${text}`);
      assert.match(text, new RegExp(`Ln ${finding.line}, Col ${finding.column}`), `row of ${finding.rule} is not at ${finding.line}:${finding.column}: ${text}`);
    }
    const ours = panel.locator('.monaco-list-row', { hasText: 'improvekit' });
    assert.equal(await ours.count(), expected.length, `the Problems panel shows other Improvekit problems than the command line:\n${await panel.innerText()}`);
    await wb.screenshot('problems');
    await wb.restorePanel();
  });

  it('applies a quick fix from the light bulb (Ctrl+.) and the file changes', async () => {
    const [finding] = cliFindings(ws).filter((f) => f.rule === 'rapid/multiple-deciders');
    assert.ok(finding, 'the examples have no rapid/multiple-deciders finding to fix');
    const file = path.join(ws, finding.file);
    const before = fs.readFileSync(file, 'utf8');
    const deciders = /decide:\s*\[([^\]]+)\]/.exec(before.split(/\r?\n/)[finding.line - 1])?.[1].split(',').map((s) => s.trim());
    assert.ok(deciders && deciders.length > 1, `line ${finding.line} of ${finding.file} does not list several deciders`);
    await wb.openFile(finding.file);
    await wb.goTo(finding.line, finding.column);
    await wb.page.keyboard.press(`${MOD}+.`);
    const menu = wb.page.locator('.action-widget:not(.action-list-submenu-panel)');
    await menu.waitFor({ state: 'visible', timeout: 15_000 });
    await wb.screenshot('quick-fix-menu');
    const keep = menu.locator('.monaco-list-row', { hasText: deciders[0] }).filter({ hasText: /decider/i }).first();
    await keep.waitFor({ state: 'visible', timeout: 10_000 }).catch(async () => {
      throw new Error(`the light bulb offers no fix keeping \`${deciders[0]}\` as the decider; it offers:\n${await menu.innerText()}`);
    });
    await keep.click();
    await menu.waitFor({ state: 'hidden', timeout: 10_000 });
    await wb.dirty();
    await wb.save();
    const after = await Workbench.fileSatisfies(file, (text) => text !== before);
    // The fix keeps the list's own style: `[supt]` or `supt`.
    assert.match(after.split(/\r?\n/)[finding.line - 1], new RegExp(`decide:\\s*\\[?${deciders[0]}\\]?\\s*$`));
    assert.deepEqual(cliFindings(ws, finding.file).filter((f) => f.rule === 'rapid/multiple-deciders'), [], 'the fix left two deciders');
    await wb.screenshot('quick-fix-applied');
  });

  it('accepts a completion: a roster person in a RAPID role', async () => {
    const name = 'e2e-completion.rapid.yaml';
    const file = path.join(ws, name);
    fs.writeFileSync(file, 'kind: rapid-charter\nid: e2e-completion\ndecisions:\n  - id: pick-curriculum\n    decision: Pick a reading curriculum for grades K-3\n    recommend: cao\n    perform: principals\n    decide: \n');
    const roster = fs.readdirSync(ws).find((f) => f.endsWith('.roster.yaml'));
    assert.ok(roster, 'the examples have no roster');
    const person = /id:\s*(supt)\b/.exec(fs.readFileSync(path.join(ws, roster), 'utf8'))?.[1];
    assert.equal(person, 'supt', 'the roster has no `supt`');
    // By absolute path: Quick Open finds a file created a moment ago before the file search has indexed it.
    await wb.openFile(file);
    await wb.goTo(8, 13);
    await wb.page.keyboard.type('su');
    await wb.page.keyboard.press('Control+Space');
    const widget = wb.page.locator('.suggest-widget');
    const item = widget.locator('.monaco-list-row', { hasText: person }).first();
    await item.waitFor({ state: 'visible', timeout: 20_000 }).catch(async () => {
      await wb.screenshot('completion-missing');
      throw new Error(`no completion item \`${person}\` after \`decide: su\`; the suggest widget shows: ${(await widget.isVisible()) ? await widget.innerText() : '(nothing)'}`);
    });
    await wb.screenshot('completion');
    await item.click();
    await wb.save();
    assert.match(fs.readFileSync(file, 'utf8'), /\n {4}decide: supt\n?$/);
  });

  it('opens the preview to the side and updates it after an edit', async () => {
    await wb.closeAllEditors();
    const name = 'k3-reading.driver.yaml';
    const text = fs.readFileSync(path.join(ws, name), 'utf8');
    const title = /^title:\s*(.+)$/m.exec(text)?.[1].trim();
    assert.ok(title, `${name} has no title`);
    await wb.openFile(name);
    await wb.command('Improvekit: Open Preview to the Side');
    const frame = wb.webview();
    await frame.getByText(title, { exact: false }).first().waitFor({ state: 'visible', timeout: 30_000 });
    await wb.screenshot('preview');
    // Type into the title: the preview follows without a save.
    await wb.focusFirstGroup();
    const line = lineOf(text, /^title:/);
    await wb.goTo(line, 1);
    await wb.page.keyboard.press('End');
    await wb.page.keyboard.type(' edited in the editor');
    await frame.getByText(`${title} edited in the editor`, { exact: false }).first().waitFor({ state: 'visible', timeout: 20_000 });
    await wb.screenshot('preview-updated');
    await wb.save();
  });

  it('writes an export (Improvekit: Export Preview as HTML)', async () => {
    const target = path.join(ws, 'k3-reading.export.html');
    await wb.openFile('k3-reading.driver.yaml');
    const written = await wb.exportWith('Improvekit: Export Preview as HTML', ws, target);
    const html = await Workbench.fileSatisfies(path.join(ws, written), (t) => /<\/html>\s*$/i.test(t), 20_000);
    assert.match(html, /edited in the editor/, 'the export does not hold the edited document');
    assert.doesNotMatch(html, /<script\b[^>]*\bsrc=["']?https?:/i, 'the export loads scripts from the network');
    await wb.screenshot('exported');
  });

  it('renders a fenced block in the Markdown preview with the Improvekit plugin', async () => {
    await wb.closeAllEditors();
    const name = fs.readdirSync(ws).find((f) => f.endsWith('.md') && /```(rapid-charter|message-map|driver-diagram|pdsa-cycle)/.test(fs.readFileSync(path.join(ws, f), 'utf8')));
    assert.ok(name, 'the examples have no Markdown file with a fenced Improvekit block');
    await wb.openFile(name);
    await wb.command('Markdown: Open Preview to the Side');
    const frame = wb.webview();
    await frame.locator('.ik-md').first().waitFor({ state: 'visible', timeout: 30_000 }).catch(async () => {
      await wb.screenshot('markdown-preview-missing');
      throw new Error('the Markdown preview shows no block rendered by the Improvekit plugin (.ik-md)');
    });
    // The plugin renders the block as a picture, not as the YAML source.
    await frame.locator('.ik-md').first().scrollIntoViewIfNeeded();
    const rendered = await frame.locator('.ik-md').first().innerText();
    assert.doesNotMatch(rendered, /^kind:\s/m, 'the fenced block is shown as YAML source');
    await wb.screenshot('markdown-preview');
  });
});
