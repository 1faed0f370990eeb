import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Workspace } from '../core/workspace';
import { EMPTY_CONFIG } from '../core/config';
import { folderConfigs } from '../core/resolve';
import { renderDocument, renderPage, renderSvgs, toMermaid, rapidMarkdownTable } from '../core/render';
import { PNG_FONT_FILES, PNG_FONT_STACK, PNG_WASM_FILE, pngWidth, svgToPng, type Rasteriser } from '../core/render/png';
import { fileFormat } from '../core/recognize';
import { renderNote } from '../markdown/note';
import { collectFiles, loadConfigFiles, loadDataFiles, readText, UsageError, workspaceRoot } from './files';
import type { Io } from './io';

/**
 * A file of the package: beside the bundle (dist/cli.js → dist/resvg.wasm, media/…) or in the
 * source tree (src/cli → the repository; the WebAssembly from node_modules before a build).
 */
function packageFile(relative: string): string {
  for (const root of [path.join(__dirname, '..'), path.join(__dirname, '..', '..')]) {
    const file = path.join(root, relative);
    if (fs.existsSync(file)) return file;
  }
  if (relative === PNG_WASM_FILE) return require.resolve('@resvg/resvg-wasm/index_bg.wasm');
  throw new Error(`${relative} is missing from the installation`);
}

function rasteriser(): Rasteriser {
  return { wasm: fs.readFileSync(packageFile(PNG_WASM_FILE)), fonts: PNG_FONT_FILES.map((f) => fs.readFileSync(packageFile(f))) };
}

const DIAGRAM_KINDS = 'driver diagrams, run charts (PDSA cycles with data), control and run charts (measures with data) and org charts (leadership models)';

/**
 * `improvekit render FILE [--out FILE.html] [--format html|mermaid|markdown|svg|png] [--layout landscape|portrait]
 * [--no-findings]` (DESIGN §3). `--no-findings` leaves the checks out: no marks, no Checks list.
 * `--format png` draws the first diagram to fit a 1920 × 1080 slide (landscape) or A4 at 150 dpi (portrait).
 */
export async function runRender(positional: readonly string[], flags: Map<string, string | true>, io: Io): Promise<number> {
  if (positional.length !== 1) throw new UsageError('render takes exactly one FILE: improvekit render FILE [--out FILE.html].');
  const format = String(flags.get('--format') ?? 'html');
  if (!['html', 'mermaid', 'markdown', 'svg', 'png'].includes(format)) throw new UsageError(`--format must be html, mermaid, markdown, svg or png (not ${format}).`);
  const out = flags.get('--out');
  if (format === 'png' && typeof out !== 'string' && !io.stdoutBytes) throw new UsageError('Add --out FILE.png (or redirect stdout to a file): --format png writes a picture, not text.');
  const layout = String(flags.get('--layout') ?? 'landscape');
  if (layout !== 'landscape' && layout !== 'portrait') throw new UsageError(`--layout must be landscape or portrait (not ${layout}).`);
  const findings = !flags.has('--no-findings');
  const file = path.resolve(io.cwd, positional[0]);
  const read = readText(file);
  if (!read.ok) throw new UsageError(`${positional[0]}: ${read.message}`);

  // The document's workspace, as `check` finds it (DESIGN §3): cycles, rosters and ramps come from there.
  const root = await workspaceRoot(file, io.cwd);
  const context = collectFiles([root]);
  const configs = await loadConfigFiles(root, context.configs);
  const rootConfig = configs.find((l) => path.resolve(fileURLToPath(l.folderUri)) === path.resolve(root));
  const workspace = new Workspace({ config: rootConfig?.config ?? EMPTY_CONFIG });
  workspace.setFolderConfigs(folderConfigs(configs.filter((l) => l !== rootConfig)));
  for (const other of context.files) {
    const r = path.resolve(other) === file ? read : readText(other);
    if (r.ok) workspace.setFile(pathToFileURL(path.resolve(other)).href, r.text);
  }
  const uri = pathToFileURL(file).href;
  workspace.setFile(uri, read.text);
  // The data files (CSV) under the workspace root: the document's own charts read some, and a
  // driver diagram's sparklines the data of every measure document that names one of its measures.
  loadDataFiles(workspace, root);
  const parsed = workspace.file(uri)!;
  if (!parsed.documents.length) throw new UsageError(`${positional[0]} holds no Improvekit document: ${parsed.reason ?? 'nothing recognised'}.`);
  const diagnostics = findings ? workspace.diagnostics(uri) : [];

  let output: string | Uint8Array;
  if (format === 'mermaid') {
    const doc = parsed.documents.find((d) => d.kind === 'driver-diagram');
    if (!doc) throw new UsageError('--format mermaid draws driver diagrams; this file holds none.');
    output = toMermaid(doc);
  } else if (format === 'markdown') {
    const doc = parsed.documents.find((d) => d.kind === 'rapid-charter');
    if (!doc) throw new UsageError('--format markdown draws RAPID charters; this file holds none.');
    output = rapidMarkdownTable(doc);
  } else if (format === 'svg') {
    // The first diagram of the file, styles inlined: driver diagram, run chart or org chart.
    const svg = parsed.documents.flatMap((doc) => renderSvgs(doc, { diagnostics, workspace, findings, layout })).at(0);
    if (!svg) throw new UsageError(`--format svg draws ${DIAGRAM_KINDS}; this file holds none.`);
    output = svg.svg;
  } else if (format === 'png') {
    // The same diagram, its styles resolved onto each element (the rasteriser reads no CSS variables).
    const svg = parsed.documents.flatMap((doc) => renderSvgs(doc, { diagnostics, workspace, findings, layout, flat: true, fontFamily: PNG_FONT_STACK })).at(0);
    if (!svg) throw new UsageError(`--format png draws ${DIAGRAM_KINDS}; this file holds none.`);
    output = (await svgToPng(svg.svg, rasteriser(), pngWidth(svg.svg, layout))).png;
  } else if (fileFormat(uri) === 'markdown') {
    // A note is shown whole: its text, with its blocks drawn as pictures (raw HTML stays off).
    const note = renderNote(read.text, uri, workspace);
    output = renderPage([{ title: note.title ?? path.basename(file), body: note.body }], { title: note.title ?? path.basename(file), inlineCss: true });
  } else {
    const fragments = parsed.documents.map((doc) => renderDocument(doc, { diagnostics: diagnostics.filter((d) => d.range.start.line >= parsed.lines.positionAt(doc.span.start).line && d.range.start.line <= parsed.lines.positionAt(doc.span.end).line), workspace }));
    output = renderPage(fragments, { title: fragments[0]?.title ?? path.basename(file), inlineCss: true });
  }

  if (typeof out === 'string') {
    fs.writeFileSync(path.resolve(io.cwd, out), output);
    io.stderr(`Wrote ${out}\n`);
  } else if (typeof output !== 'string') io.stdoutBytes!(output);
  else io.stdout(output.endsWith('\n') ? output : `${output}\n`);
  return 0;
}
