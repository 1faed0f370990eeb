/**
 * Every kind exported and opened in headless Chromium with scripts off, in light and dark: the
 * key text is on screen and the screenshot holds a picture, not a blank page.
 * Screenshots go to test-results/screenshots/ for a look.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { cspOf, isShown, launchChromium, openWatched, requireChromium } from './chromium';
import { inkOf, luminance } from './png';
import { cliRender, EXAMPLES, exampleFiles, exportPage, SCREENSHOTS, shiftCycle, workspaceOf, type Theme } from './documents';
import { EXPORT_CSP } from '../../src/core/render';

interface Case {
  file: string;
  kind: string;
  /** Text a reader must find on the page. */
  shows: string[];
  /** Elements that must be drawn (CSS selectors), with how many at least. */
  draws?: Record<string, number>;
}

const CASES: Case[] = [
  {
    file: 'k3-reading.driver.yaml',
    kind: 'driver diagram',
    shows: ['Raise the share of grade 3 students reading at grade level', 'Twice-weekly 20-minute data huddles per grade team, with a one-page template', 'Team Lead hours worked outside the school day', 'Balancing'],
    draws: { 'svg .ik-node': 15 },
  },
  {
    file: 'huddle-minutes.measure.yaml',
    kind: 'measure from a CSV file, one XmR chart per school',
    shows: ['Minutes each grade 3 data huddle ran, four pilot schools', 'Roosevelt', 'Special cause — concern since 2026-02-19', 'UCL 28.7', 'Target 20', 'huddles-c2'],
    draws: { 'svg.ik-chart': 1 },
  },
  { file: 'reading.measure.yaml', kind: 'measure, run chart', shows: ['Grade 3 students reading at grade level', 'Run chart'], draws: { 'svg.ik-chart': 1 } },
  { file: 'coached.measure.yaml', kind: 'measure, p chart', shows: ['Teachers observed and given feedback this week, Lincoln', 'Target 90%'], draws: { 'svg.ik-chart': 1 } },
  { file: 'lead-hours.measure.yaml', kind: 'measure, balancing run chart', shows: ['Team Lead hours outside the school day, Lincoln pilot', 'balancing'], draws: { 'svg.ik-chart': 1 } },
  { file: 'huddles-c1.pdsa.yaml', kind: 'PDSA cycle', shows: ['Learn whether one grade 3 team will use a 20-minute data huddle twice a week', 'adapt'] },
  { file: 'huddles-c2.pdsa.yaml', kind: 'PDSA cycle', shows: ['Learn whether a one-page template keeps the huddle to 20 minutes'] },
  {
    file: 'huddles-c3.pdsa.yaml',
    kind: 'PDSA cycle with a run chart',
    shows: ['Learn whether the huddle holds at 20 minutes', 'No shift, trend or unusual number of runs', 'median 20.5'],
    draws: { 'svg .ik-rc-point': 12 },
  },
  {
    file: 'huddles-c4.pdsa.yaml',
    kind: 'run chart with a shift',
    shows: ['6 points in a row above the median', '6 points in a row below the median', 'Shift ▲ 6', 'Shift ▼ 6'],
    draws: { 'svg .ik-rc-point': 12, 'svg [data-signal="shift"]': 2 },
  },
  {
    file: 'cabinet-2026.rapid.yaml',
    kind: 'RAPID charter',
    shows: ['Adopt a standards-based grading policy for grades 6-12', 'Ds held', 'Dr. Elena Marsh'],
  },
  { file: 'cabinet.roster.yaml', kind: 'roster', shows: ['Dr. Elena Marsh', 'Board of Education'] },
  { file: 'lincoln-status-quo.leadership.yaml', kind: 'leadership model', shows: ['Rosa Delgado', '37 / 10 teachers'], draws: { 'svg .ik-org-node': 2 } },
  { file: 'lincoln-team-leads.leadership.yaml', kind: 'leadership model', shows: ['Ana Torres', 'Team Lead'], draws: { 'svg .ik-org-node': 8 } },
  {
    file: 'new-assessments-parents.message.yaml',
    kind: 'message map',
    shows: ['Your child will take the new state tests on a computer this spring, in English and math.', '48 / 27 words', 'What changes for my child with the new state tests?'],
  },
  {
    file: 'workshop-2026-03.md',
    kind: 'Markdown notes (two fenced blocks)',
    shows: ['Huddle decisions at Lincoln and the pilot schools', 'Hold the Lincoln grade 3 huddle on Tuesdays and Thursdays at 7:45', 'Ds held', 'Twice a week, teachers review your child\'s reading together.', '/ 27 words'],
  },
];

describe('browser: exports of every kind, scripts off', function () {
  let browser: Browser;
  let tmp: string;
  const files = { ...exampleFiles(), 'huddles-c4.pdsa.yaml': shiftCycle() };
  const ws = workspaceOf(files);

  before(async function () {
    requireChromium(this);
    browser = await launchChromium();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ik-browser-'));
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('covers every example file (a new example needs a case here)', () => {
    const covered = new Set(CASES.map((c) => c.file));
    assert.deepEqual(Object.keys(exampleFiles()).filter((f) => !covered.has(f)), []);
  });

  for (const c of CASES) {
    for (const theme of ['light', 'dark'] as Theme[]) {
      it(`${c.file} (${c.kind}) reads in ${theme}`, async () => {
        const html = exportPage(ws, c.file, theme);
        const file = path.join(tmp, `${c.file}.${theme}.html`);
        fs.writeFileSync(file, html);
        const url = pathToFileURL(file).href;
        const watched = await openWatched(browser, url, { javaScriptEnabled: false, colorScheme: theme });
        try {
          const { page } = watched;
          assert.equal(await cspOf(page), EXPORT_CSP, 'the export carries its CSP');
          for (const text of c.shows) assert.ok(await isShown(page, text), `"${text}" is shown`);
          for (const [selector, least] of Object.entries(c.draws ?? {})) {
            const count = await page.locator(selector).count();
            assert.ok(count >= least, `${selector}: ${count} drawn, ${least} expected`);
          }
          const png = await page.screenshot({ fullPage: true, path: path.join(SCREENSHOTS, `${c.file.replace(/\.(ya?ml|md)$/, '')}-${theme}.png`) });
          const ink = inkOf(png);
          const bright = luminance(ink.background);
          if (theme === 'light') assert.ok(bright > 0.8, `light background, found ${ink.background}`);
          else assert.ok(bright < 0.05, `dark background, found ${ink.background}`);
          assert.ok(ink.inked > 0.02, `the page has content: ${(ink.inked * 100).toFixed(2)}% of pixels differ from the background`);
          assert.ok(ink.colours > 12, `the page has colour: ${ink.colours} distinct colours`);
          assert.deepEqual(watched.outside, [], 'nothing loaded from outside the page');
          assert.deepEqual(watched.errors, []);
        } finally {
          await watched.close();
        }
      });
    }
  }

  describe('the CLI export (one palette per reader preference)', () => {
    for (const file of ['k3-reading.driver.yaml', 'cabinet-2026.rapid.yaml', 'workshop-2026-03.md']) {
      it(`${file}: follows the reader's light or dark preference, scripts off`, async () => {
        const out = path.join(tmp, `${file}.cli.html`);
        const { code, stderr } = await cliRender(path.join(EXAMPLES, file), out);
        assert.equal(code, 0, stderr);
        const html = fs.readFileSync(out, 'utf8');
        assert.ok(!/<script/i.test(html), 'an export has no script');
        const backgrounds: Record<string, string> = {};
        for (const scheme of ['light', 'dark'] as const) {
          const watched = await openWatched(browser, pathToFileURL(out).href, { javaScriptEnabled: false, colorScheme: scheme });
          try {
            assert.equal(await cspOf(watched.page), EXPORT_CSP);
            const want = CASES.find((c) => c.file === file)!.shows[0];
            assert.ok(await isShown(watched.page, want), `"${want}" is shown`);
            const ink = inkOf(await watched.page.screenshot({ fullPage: true }));
            backgrounds[scheme] = ink.background;
            assert.ok(ink.inked > 0.02 && ink.colours > 12, `${scheme}: the page has content`);
            assert.deepEqual(watched.outside, []);
          } finally {
            await watched.close();
          }
        }
        assert.ok(luminance(backgrounds.light) > 0.8, `light: ${backgrounds.light}`);
        assert.ok(luminance(backgrounds.dark) < 0.05, `dark: ${backgrounds.dark}`);
      });
    }
  });

  it('the blank-page check fails on a blank page', async () => {
    const file = path.join(tmp, 'blank.html');
    fs.writeFileSync(file, '<!DOCTYPE html><html><body><p>x</p></body></html>');
    const watched = await openWatched(browser, pathToFileURL(file).href, { javaScriptEnabled: false });
    try {
      const ink = inkOf(await watched.page.screenshot({ fullPage: true }));
      assert.ok(ink.inked < 0.02 || ink.colours <= 12, 'a near-blank page is told apart');
      assert.equal(await isShown(watched.page, 'Raise the share'), false);
    } finally {
      await watched.close();
    }
  });
});
