// Draws media/icon.png, the 128×128 Marketplace icon: a driver diagram (an aim fed by drivers and
// change ideas) inside a PDSA cycle arrow. The SVG below is the source; Chromium renders it so the
// PNG is reproducible on any machine with Debian's chromium.
// Run: node_modules/.bin/tsx scripts/make-icon.ts [--out media/icon.png]
import { chromium } from 'playwright-core';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const size = 128;

export const iconSvg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 128 128">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#1f6f78"/>
      <stop offset="1" stop-color="#17495a"/>
    </linearGradient>
    <marker id="head" viewBox="0 0 10 10" refX="5" refY="5" markerWidth="4" markerHeight="4" orient="auto-start-reverse">
      <path d="M0 0 L10 5 L0 10 z" fill="#f4c95d"/>
    </marker>
  </defs>
  <rect x="4" y="4" width="120" height="120" rx="26" fill="url(#bg)"/>
  <!-- the PDSA cycle: an almost closed ring with an arrowhead -->
  <path d="M 64 16 A 48 48 0 1 1 22.4 40" fill="none" stroke="#f4c95d" stroke-width="6" stroke-linecap="round" marker-end="url(#head)"/>
  <!-- the driver diagram: change ideas feed drivers, drivers feed the aim -->
  <g stroke="#e8f1f2" stroke-width="3.5" stroke-linecap="round" fill="none">
    <path d="M 46 64 L 64 48"/>
    <path d="M 46 64 L 64 80"/>
    <path d="M 70 48 L 84 42"/>
    <path d="M 70 48 L 84 56"/>
    <path d="M 70 80 L 84 74"/>
    <path d="M 70 80 L 84 88"/>
  </g>
  <circle cx="40" cy="64" r="10" fill="#f4c95d"/>
  <g fill="#e8f1f2">
    <circle cx="67" cy="48" r="6.5"/>
    <circle cx="67" cy="80" r="6.5"/>
    <rect x="83" y="37" width="14" height="10" rx="3"/>
    <rect x="83" y="51" width="14" height="10" rx="3"/>
    <rect x="83" y="69" width="14" height="10" rx="3"/>
    <rect x="83" y="83" width="14" height="10" rx="3"/>
  </g>
</svg>`;

async function main(): Promise<void> {
  const outIndex = process.argv.indexOf('--out');
  const out = resolve(outIndex > 0 ? process.argv[outIndex + 1] : 'media/icon.png');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${iconSvg}</body></html>`);
    const png = await page.locator('svg').screenshot({ omitBackground: true, type: 'png' });
    writeFileSync(out, png);
    console.log(`wrote ${out} (${png.length} bytes, ${size}×${size})`);
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(`could not draw the icon: ${error instanceof Error ? error.message : String(error)}`);
  console.error('It needs Debian\'s chromium (apt-get install chromium) or CHROMIUM_PATH pointing at a Chromium binary.');
  process.exit(1);
});
