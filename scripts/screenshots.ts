/**
 * Regenerates the README's pictures, docs/images/<kind>-<theme>.png, from the sample workspace:
 * each document exported as a self-contained page (as `improvekit render` does), opened in
 * headless Chromium with scripts off at 1200×800, and cropped to the part worth showing.
 *
 *   npm run screenshots          (needs Debian's chromium, or CHROMIUM_PATH)
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromiumFound, launchChromium, MISSING_MESSAGE, openWatched } from '../test/browser/chromium';
import { exampleFiles, exportPage, ROOT, workspaceOf, type Theme } from '../test/browser/documents';
import { inkOf } from '../test/browser/png';

interface Shot {
  kind: string;
  file: string;
  themes: Theme[];
  /** The picture starts above this element; at the page's top when absent. */
  from?: string;
  /** The picture ends below this element; at the page's end when absent. */
  until?: string;
  /** A wider window for wide tables (up to 1280 pixels, where the page stops growing). */
  width?: number;
  /** The file name when a kind has more than one picture. */
  name?: string;
}

const SHOTS: Shot[] = [
  { kind: 'driver-diagram', file: 'k3-reading.driver.yaml', themes: ['light', 'dark'], until: '.ik-figure' },
  { kind: 'pdsa-cycle', file: 'huddles-c3.pdsa.yaml', themes: ['light'], until: '.ik-phase-a' },
  { kind: 'pdsa-cycle', name: 'run-chart', file: 'huddles-c3.pdsa.yaml', themes: ['light', 'dark'], from: '.ik-data', until: '.ik-data' },
  { kind: 'measure', file: 'huddle-minutes.measure.yaml', themes: ['light', 'dark'], until: '.ik-chart' },
  { kind: 'rapid-charter', file: 'cabinet-2026.rapid.yaml', themes: ['light'], until: '.ik-rapid-legend', width: 1280 },
  { kind: 'leadership-model', file: 'lincoln-team-leads.leadership.yaml', themes: ['light'], until: '.ik-figure' },
  { kind: 'message-map', file: 'new-assessments-parents.message.yaml', themes: ['light'], until: '.ik-msgs' },
];

const OUT = path.join(ROOT, 'docs', 'images');
const VIEWPORT = { width: 1200, height: 800 };
/** The README shows these at page width; a taller picture is cut (and a bigger file is a smell). */
const MAX_HEIGHT = 2000;
const MAX_BYTES = 300 * 1024;

/** Page-side: the top or bottom of the first element matching the selector (plain JavaScript text). */
const edgeOf = (selector: string, edge: 'top' | 'bottom') =>
  `(() => { const e = document.querySelector(${JSON.stringify(selector)}); return e ? Math.round(e.getBoundingClientRect().${edge} + window.scrollY) : null; })()`;

async function run(): Promise<number> {
  if (!chromiumFound()) {
    console.error(MISSING_MESSAGE.replace('browser suite skipped', 'screenshots not taken'));
    return 1;
  }
  fs.mkdirSync(OUT, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ik-screenshots-'));
  const ws = workspaceOf(exampleFiles());
  const browser = await launchChromium();
  let problems = 0;
  try {
    for (const shot of SHOTS) {
      for (const theme of shot.themes) {
        const base = `${shot.kind}${shot.name ? `-${shot.name}` : ''}-${theme}`;
        const page = path.join(tmp, `${base}.html`);
        fs.writeFileSync(page, exportPage(ws, shot.file, theme));
        const viewport = { ...VIEWPORT, width: shot.width ?? VIEWPORT.width };
        const watched = await openWatched(browser, pathToFileURL(page).href, { javaScriptEnabled: false, colorScheme: theme, viewport });
        try {
          const full = (await watched.page.evaluate('document.documentElement.scrollHeight')) as number;
          const edge = async (selector: string | undefined, which: 'top' | 'bottom') => {
            if (!selector) return null;
            const at = (await watched.page.evaluate(edgeOf(selector, which))) as number | null;
            if (at === null) {
              console.error(`${base}: no ${selector} on the page`);
              problems++;
            }
            return at;
          };
          const top = Math.max(0, ((await edge(shot.from, 'top')) ?? 28) - 28);
          const bottom = Math.min(full, ((await edge(shot.until, 'bottom')) ?? full) + 28);
          const height = Math.min(MAX_HEIGHT, bottom - top);
          const file = path.join(OUT, `${base}.png`);
          const png = await watched.page.screenshot({ path: file, clip: { x: 0, y: top, width: viewport.width, height }, fullPage: true });
          const ink = inkOf(png);
          const size = fs.statSync(file).size;
          const notes = [size > MAX_BYTES && `over ${MAX_BYTES / 1024} KB`, ink.inked < 0.02 && 'nearly blank', watched.outside.length && `asked for ${watched.outside.join(', ')}`].filter(Boolean);
          problems += notes.length;
          console.log(`${path.relative(ROOT, file)}  ${viewport.width}×${height}  ${Math.round(size / 1024)} KB${notes.length ? `  ← ${notes.join('; ')}` : ''}`);
        } finally {
          await watched.close();
        }
      }
    }
  } finally {
    await browser.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return problems ? 1 : 0;
}

run().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`screenshots: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
