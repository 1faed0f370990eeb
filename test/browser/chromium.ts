/**
 * Headless Chromium for the browser suite and the screenshot script: Debian's `chromium`
 * driven by playwright-core (no browser download). Each launch starts from a fresh profile.
 */
import * as fs from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Where Chromium is looked for: `CHROMIUM_PATH`, else Debian's package. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** No network chatter of the browser's own: only what a page asks for reaches the request log. */
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function chromiumFound(): boolean {
  try {
    fs.accessSync(CHROMIUM_PATH, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export const MISSING_MESSAGE = `browser suite skipped: Chromium not found at ${CHROMIUM_PATH} (apt-get install chromium)`;

/** CI installs Chromium, so there a missing browser is a failure, not a skip. */
function inCi(): boolean {
  const ci = process.env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

let told = false;

/**
 * For a suite's `before` hook: returns when Chromium is there; otherwise skips the suite with a
 * plain message, or fails under CI.
 */
export function requireChromium(context: Mocha.Context): void {
  if (chromiumFound()) return;
  if (inCi()) throw new Error(`Chromium not found at ${CHROMIUM_PATH}: CI must install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  if (!told) {
    told = true;
    console.log(`  ${MISSING_MESSAGE}`);
  }
  context.skip();
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ARGS });
}

export interface OpenOptions {
  javaScriptEnabled: boolean;
  colorScheme?: 'light' | 'dark';
  /** URLs the page may load besides itself (the webview's preview script). */
  allow?: readonly string[];
  /** Script run before the page's own (a stubbed `acquireVsCodeApi`). */
  initScript?: string;
  viewport?: { width: number; height: number };
}

/** A page opened under watch: every request, console message, page error and dialog is logged. */
export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** Requests for anything but the page and `allow`: each one left (or tried to leave) the page. */
  outside: string[];
  /** Requests that failed or were refused, with the reason. */
  failed: string[];
  console: string[];
  errors: string[];
  dialogs: string[];
  close(): Promise<void>;
}

export async function openWatched(browser: Browser, url: string, options: OpenOptions): Promise<WatchedPage> {
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScriptEnabled,
    colorScheme: options.colorScheme ?? 'light',
    viewport: options.viewport ?? { width: 1200, height: 800 },
    deviceScaleFactor: 1,
    serviceWorkers: 'block',
  });
  const allowed = new Set([url, ...(options.allow ?? [])]);
  const outside: string[] = [];
  const failed: string[] = [];
  const consoleLog: string[] = [];
  const errors: string[] = [];
  const dialogs: string[] = [];
  const record = (u: string) => {
    if (!allowed.has(u) && !outside.includes(u)) outside.push(u);
  };
  // Every request goes through the route: the page and its allowed files load, nothing else does.
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (allowed.has(u)) return route.continue();
    record(u);
    return route.abort('blockedbyclient');
  });
  if (options.initScript) await context.addInitScript(options.initScript);
  const page = await context.newPage();
  page.on('request', (r) => record(r.url()));
  page.on('requestfailed', (r) => failed.push(`${r.url()}: ${r.failure()?.errorText ?? 'failed'}`));
  page.on('console', (m) => consoleLog.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  page.on('popup', (p) => dialogs.push(`popup: ${p.url()}`));
  await page.goto(url, { waitUntil: 'load' });
  return { page, context, outside, failed, console: consoleLog, errors, dialogs, close: () => context.close() };
}

/** Text compared without whitespace: SVG labels wrap into lines, HTML reflows. */
export const squash = (s: string) => s.replace(/\s+/g, '');

/*
 * Page-side code is written as plain JavaScript text: the TypeScript loader of the tests wraps
 * functions in helpers that do not exist inside the page.
 */
const IS_SHOWN = `(wanted) => {
  const squashed = (s) => s.replace(/\\s+/g, '');
  const want = squashed(wanted);
  // Text as drawn: tooltips (<title>) and style or script text do not count.
  const memo = new Map();
  const textOf = (e) => {
    let t = memo.get(e);
    if (t !== undefined) return t;
    t = '';
    if (!['title', 'style', 'script'].includes(e.tagName.toLowerCase())) {
      for (const node of e.childNodes) t += node.nodeType === Node.TEXT_NODE ? squashed(node.textContent || '') : node instanceof Element ? textOf(node) : '';
    }
    memo.set(e, t);
    return t;
  };
  const holders = [...document.body.querySelectorAll('*')].filter((e) => textOf(e).includes(want));
  // The innermost holders: no child holds the whole text itself.
  const innermost = holders.filter((e) => ![...e.children].some((c) => textOf(c).includes(want)));
  return innermost.some((e) => {
    const box = e.getBoundingClientRect();
    for (let el = e; el; el = el.parentElement) {
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none' || Number(style.opacity) === 0) return false;
    }
    return box.width > 0 && box.height > 0;
  });
}`;

/**
 * Whether `needle` is shown on the page: some element holds the whole text (whitespace aside;
 * SVG tooltips do not count), has a size, and is not hidden.
 */
export async function isShown(page: Page, needle: string): Promise<boolean> {
  return (await page.evaluate(`(${IS_SHOWN})(${JSON.stringify(needle)})`)) === true;
}

/** The page's Content-Security-Policy meta, if any. */
export async function cspOf(page: Page): Promise<string | null> {
  return page.locator('meta[http-equiv="Content-Security-Policy"]').first().getAttribute('content', { timeout: 1000 }).catch(() => null);
}
