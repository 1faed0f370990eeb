import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Workspace } from '../core/workspace';
import { EMPTY_CONFIG } from '../core/config';
import { folderConfigs } from '../core/resolve';
import { renderDocument, renderPage, renderSvgs, toMermaid, rapidMarkdownTable } from '../core/render';
import { fileFormat } from '../core/recognize';
import { renderNote } from '../markdown/note';
import { collectFiles, loadConfigFiles, loadDataFiles, readText, UsageError, workspaceRoot } from './files';
import type { Io } from './io';

/**
 * `improvekit render FILE [--out FILE.html] [--format html|mermaid|markdown|svg] [--layout landscape|portrait]
 * [--no-findings]` (DESIGN §3). `--no-findings` leaves the checks out: no marks, no Checks list.
 */
export async function runRender(positional: readonly string[], flags: Map<string, string | true>, io: Io): Promise<number> {
  if (positional.length !== 1) throw new UsageError('render takes exactly one FILE: improvekit render FILE [--out FILE.html].');
  const format = String(flags.get('--format') ?? 'html');
  if (!['html', 'mermaid', 'markdown', 'svg'].includes(format)) throw new UsageError(`--format must be html, mermaid, markdown or svg (not ${format}).`);
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

  let output: string;
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
    if (!svg) throw new UsageError('--format svg draws driver diagrams, run charts (PDSA cycles with data), control and run charts (measures with data) and org charts (leadership models); this file holds none.');
    output = svg.svg;
  } else if (fileFormat(uri) === 'markdown') {
    // A note is shown whole: its text, with its blocks drawn as pictures (raw HTML stays off).
    const note = renderNote(read.text, uri, workspace);
    output = renderPage([{ title: note.title ?? path.basename(file), body: note.body }], { title: note.title ?? path.basename(file), inlineCss: true });
  } else {
    const fragments = parsed.documents.map((doc) => renderDocument(doc, { diagnostics: diagnostics.filter((d) => d.range.start.line >= parsed.lines.positionAt(doc.span.start).line && d.range.start.line <= parsed.lines.positionAt(doc.span.end).line), workspace }));
    output = renderPage(fragments, { title: fragments[0]?.title ?? path.basename(file), inlineCss: true });
  }

  const out = flags.get('--out');
  if (typeof out === 'string') {
    fs.writeFileSync(path.resolve(io.cwd, out), output);
    io.stderr(`Wrote ${out}\n`);
  } else io.stdout(output.endsWith('\n') ? output : `${output}\n`);
  return 0;
}
