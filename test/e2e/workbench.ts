// Driving the real VS Code workbench (code-server) in Chromium as a user does: the command palette,
// Quick Open, Go to Line, the Problems panel, the light bulb, the suggest widget and webviews.
// Every wait is on something visible, with a timeout, so a failure says what never appeared.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, FrameLocator, Locator, Page } from 'playwright-core';

export const RESULTS = path.resolve(__dirname, '../../test-results/e2e');
const isMac = process.platform === 'darwin';
export const MOD = isMac ? 'Meta' : 'Control';

export class Workbench {
  private shots = 0;
  readonly consoleLines: string[] = [];

  private constructor(
    readonly page: Page,
    private readonly prefix: string,
  ) {
    page.on('console', (message) => this.consoleLines.push(`[${message.type()}] ${message.text()}`));
    page.on('pageerror', (error) => this.consoleLines.push(`[pageerror] ${error.message}`));
  }

  static async open(browser: Browser, url: string, prefix: string): Promise<Workbench> {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const workbench = new Workbench(page, prefix);
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    // The explorer lists the folder once the workbench has connected to the server.
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout: 60_000 });
    return workbench;
  }

  /** A numbered screenshot in test-results/e2e/, so a failed step can be seen. */
  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(RESULTS, { recursive: true });
    const file = path.join(RESULTS, `${this.prefix}-${String(++this.shots).padStart(2, '0')}-${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /** Runs a command from the palette (F1) by its title, exactly as listed. */
  async command(title: string): Promise<void> {
    await this.dismissQuickInput();
    await this.page.keyboard.press('F1');
    const input = this.quickInput().locator('input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`>${title}`);
    const row = this.quickInput().locator('.monaco-list-row', { hasText: title }).first();
    await row.waitFor({ state: 'visible', timeout: 15_000 }).catch(async () => {
      await this.screenshot('command-not-found');
      throw new Error(`the command palette has no command "${title}"`);
    });
    await row.click();
  }

  async dismissQuickInput(): Promise<void> {
    if (await this.quickInput().isVisible()) {
      await this.page.keyboard.press('Escape');
      await this.quickInput().waitFor({ state: 'hidden', timeout: 5_000 });
    }
  }

  /** Opens a file through Quick Open (Ctrl+P) by its path in the workspace (or an absolute path),
   * and waits for its editor. */
  async openFile(relativePath: string): Promise<void> {
    await this.dismissQuickInput();
    // Documents open in the first group; previews stay to the side.
    await this.page.keyboard.press(`${MOD}+1`);
    await this.page.keyboard.press(`${MOD}+P`);
    const input = this.quickInput().locator('input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(relativePath);
    const name = path.basename(relativePath);
    const row = this.quickInput().locator('.monaco-list-row', { hasText: name }).first();
    await row.waitFor({ state: 'visible', timeout: 15_000 });
    await this.page.keyboard.press('Enter');
    await this.activeTab(name).waitFor({ state: 'visible', timeout: 15_000 });
    await this.focusedEditor().waitFor({ state: 'visible', timeout: 15_000 });
  }

  activeTab(name: string): Locator {
    return this.page.locator(`.tabs-container .tab.active[aria-label^="${name}"]`);
  }

  /** The text editor that has the keyboard focus. */
  focusedEditor(): Locator {
    return this.page.locator('.editor-group-container .monaco-editor.focused').first();
  }

  /** Gives the keyboard to the editor of the first (left) group, where the documents open. */
  async focusFirstGroup(): Promise<void> {
    await this.page.keyboard.press(`${MOD}+1`);
    await this.focusedEditor().waitFor({ state: 'visible', timeout: 10_000 });
  }

  /** Moves the cursor with Go to Line (Ctrl+G) to a 1-based line and column. */
  async goTo(line: number, column = 1): Promise<void> {
    await this.page.keyboard.press(`${MOD}+G`);
    const input = this.quickInput().locator('input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    // The Go to Line picker opens holding its `:` prefix.
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await this.quickInput().waitFor({ state: 'hidden', timeout: 5_000 });
    await this.page.locator('.statusbar-item', { hasText: `Ln ${line}, Col ${column}` }).first().waitFor({ timeout: 10_000 });
  }

  async save(): Promise<void> {
    await this.page.keyboard.press(`${MOD}+S`);
    await this.page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached', timeout: 10_000 });
  }

  /** Waits until the active tab shows unsaved changes. */
  async dirty(): Promise<void> {
    await this.page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'visible', timeout: 10_000 });
  }

  /** The Problems panel (Ctrl+Shift+M), maximized: its list only renders the rows in view, and
   * related information (one row per place) pushes later problems out of a small panel. */
  async problemsPanel(): Promise<Locator> {
    const panel = this.page.locator('.markers-panel');
    // Ctrl+Shift+M toggles: press it only when the panel is not already shown.
    if (!(await panel.isVisible())) await this.page.keyboard.press(`${MOD}+Shift+M`);
    await panel.waitFor({ state: 'visible', timeout: 15_000 });
    if (!(await this.page.locator('.part.panel.maximized, .monaco-workbench.maximized-panel').count())) await this.command('View: Toggle Maximized Panel');
    return panel;
  }

  async restorePanel(): Promise<void> {
    await this.command('View: Toggle Maximized Panel');
  }

  /** The webview content frame of the editor group on the right (previews open to the side). */
  webview(index = 0): FrameLocator {
    return this.page.locator('iframe.webview.ready').nth(index).contentFrame().locator('#active-frame').contentFrame();
  }

  async closeAllEditors(): Promise<void> {
    await this.command('View: Close All Editors');
    await this.page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
  }

  /**
   * Runs an export command and gives the name of the file it wrote into `folder`: the export either
   * asks where to write (code-server's simple file dialog: a path typed into a quick input), answered
   * with `target`, or writes beside the document; whichever happens first (up to 20 s).
   */
  async exportWith(title: string, folder: string, target: string): Promise<string> {
    const extension = path.extname(target);
    const before = new Set(fs.readdirSync(folder).filter((f) => f.endsWith(extension)));
    await this.command(title);
    let written: string | undefined;
    const deadline = Date.now() + 20_000;
    while (!written && Date.now() < deadline) {
      written = fs.readdirSync(folder).find((f) => f.endsWith(extension) && !before.has(f));
      const input = this.quickInput().locator('input');
      if (!written && (await input.isVisible()) && (await input.inputValue()).includes('/')) {
        await this.screenshot('export-dialog');
        await input.fill(target);
        await this.page.keyboard.press('Enter');
        written = path.basename(target);
      }
      if (!written) await this.page.waitForTimeout(250);
    }
    if (!written) throw new Error(`${title} neither asked where to write nor wrote a ${extension} file into the folder within 20 s`);
    return written;
  }

  /** Waits until a file on disk satisfies a condition; returns its last text. */
  static async fileSatisfies(file: string, test: (text: string) => boolean, timeout = 15_000): Promise<string> {
    const deadline = Date.now() + timeout;
    let text = '';
    while (Date.now() < deadline) {
      text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
      if (text && test(text)) return text;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`${file} did not reach the expected content within ${timeout / 1000} s; it holds:\n${text.slice(0, 2000) || '(nothing)'}`);
  }
}

/** 1-based line number of the first line matching a pattern. */
export function lineOf(text: string, pattern: RegExp): number {
  const index = text.split(/\r?\n/).findIndex((line) => pattern.test(line));
  if (index < 0) throw new Error(`no line matches ${pattern}`);
  return index + 1;
}
