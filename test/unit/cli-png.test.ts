// `improvekit render --format png`: a diagram as a PNG for slides, drawn without a browser.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { PNG } from 'pngjs';
import { scratchTree, type CliRun } from '../helpers';
import { bigDriver } from './render/samples';

const tree = (files: Record<string, string>) => scratchTree(files, { prefix: 'improvekit-png-' });
const MESSAGE = 'kind: message-map\nid: parents\naudience: parents\nmessages:\n  - text: Your child will take the new tests online in spring.\n';

interface PngRun extends CliRun {
  bytes?: Uint8Array;
}

// Called directly, as the SVG tests do: main() imports the render command lazily.
async function render(cwd: string, file: string, flags: Record<string, string>, binaryStdout: boolean): Promise<PngRun> {
  const { runRender } = require('../../src/cli/render') as typeof import('../../src/cli/render');
  const { UsageError } = require('../../src/cli/files') as typeof import('../../src/cli/files');
  let stdout = '';
  let stderr = '';
  let bytes: Uint8Array | undefined;
  const io = {
    cwd,
    stdout: (s: string) => (stdout += s),
    stderr: (s: string) => (stderr += s),
    color: false,
    // A terminal has no byte channel: bin.ts leaves it out when stdout is a TTY.
    stdoutBytes: binaryStdout ? (b: Uint8Array) => (bytes = b) : undefined,
  };
  try {
    const code = await runRender([file], new Map(Object.entries(flags)), io);
    return { code, stdout, stderr, bytes };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return { code: 2, stdout, stderr: `improvekit: ${error.message}\n` };
  }
}

describe('improvekit render --format png', function () {
  this.timeout(60_000);

  it('writes a 38-node driver diagram as a landscape PNG that fits 1920 × 1080', async () => {
    const dir = tree({ 'big.driver.yaml': bigDriver() });
    const r = await render(dir, 'big.driver.yaml', { '--format': 'png', '--out': 'big.png' }, false);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^Wrote big\.png\n$/);
    assert.equal(r.stdout, '');
    const png = PNG.sync.read(fs.readFileSync(path.join(dir, 'big.png')));
    assert.equal(png.width, 1920);
    assert.ok(png.height > 900 && png.height <= 1080, `height ${png.height}`);
  });

  it('lays it out for paper with --layout portrait', async () => {
    const dir = tree({ 'big.driver.yaml': bigDriver() });
    const r = await render(dir, 'big.driver.yaml', { '--format': 'png', '--layout': 'portrait', '--out': 'big.png' }, false);
    assert.equal(r.code, 0, r.stderr);
    const png = PNG.sync.read(fs.readFileSync(path.join(dir, 'big.png')));
    assert.ok(png.height > png.width && png.height <= 1754 && png.width <= 1240, `${png.width} × ${png.height}`);
  });

  it('writes the bytes to stdout when it is not a terminal, and refuses a terminal without --out', async () => {
    const dir = tree({ 'big.driver.yaml': bigDriver() });
    const piped = await render(dir, 'big.driver.yaml', { '--format': 'png' }, true);
    assert.equal(piped.code, 0, piped.stderr);
    assert.equal(Buffer.from(piped.bytes!).subarray(0, 8).toString('latin1'), '\x89PNG\r\n\x1a\n');
    const terminal = await render(dir, 'big.driver.yaml', { '--format': 'png' }, false);
    assert.equal(terminal.code, 2);
    assert.match(terminal.stderr, /^improvekit: Add --out FILE\.png \(or redirect stdout to a file\)/);
    assert.equal(terminal.stdout, '');
  });

  it('exits 2 with the reason when the file draws no diagram', async () => {
    const dir = tree({ 'parents.message.yaml': MESSAGE });
    const r = await render(dir, 'parents.message.yaml', { '--format': 'png', '--out': 'x.png' }, false);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--format png draws driver diagrams, run charts .* and org charts/);
    assert.ok(!fs.existsSync(path.join(dir, 'x.png')));
  });

  it('runs as the bundled binary, reading the WebAssembly and fonts beside it', function () {
    const bin = path.join(__dirname, '..', '..', 'dist', 'cli.js');
    if (!fs.existsSync(bin) || !fs.existsSync(path.join(path.dirname(bin), 'resvg.wasm'))) this.skip();
    const dir = tree({ 'big.driver.yaml': bigDriver() });
    const r = spawnSync(process.execPath, [bin, 'render', 'big.driver.yaml', '--format', 'png'], { cwd: dir, maxBuffer: 64 * 1024 * 1024 });
    assert.equal(r.status, 0, r.stderr.toString());
    const png = PNG.sync.read(r.stdout);
    assert.equal(png.width, 1920);
  });
});
