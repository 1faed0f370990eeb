/**
 * A measure and its CSV data file in a real VS Code: the CSV is read through `vscode.workspace.fs`
 * (trusted or not), a bad row is shown in the Problems panel on the CSV's own line — whether the
 * file changes on disk or in an editor — fixing it clears it, and the chart follows the data.
 *
 * The measure is examples/huddle-minutes.measure.yaml when the sample workspace has it; otherwise
 * test/integration/fixtures/measure/ is copied into the workspace for the suite, and removed after.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ImprovekitApi } from '../../../src/extension/main';
import { activate, EXTENSION_ID, fileUri, folder, ours, restore, ruleOf, waitFor } from './helpers';

const FIXTURE_FOLDER = 'measure-fixture';
const FIXTURE_FILES = ['data/huddles.csv', 'huddle-minutes-fixture.measure.yaml'];

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const encode = (text: string) => new TextEncoder().encode(text);

/** The lines of `measure/bad-row` findings on a file (0-based). */
function badRows(uri: vscode.Uri): number[] {
  return ours(uri)
    .filter((d) => ruleOf(d) === 'measure/bad-row')
    .map((d) => d.range.start.line);
}

describe('measures and their CSV data (integration)', function () {
  this.timeout(60_000);
  let api: ImprovekitApi;
  let measureUri: vscode.Uri;
  let csvUri: vscode.Uri;
  /** The engine's URI of the CSV (as the measure names it). */
  let csvKey: string;
  let original: string;
  let copied: vscode.Uri | undefined;
  /** The row made bad (0-based line), and that row written with no readable date or value. */
  let row: number;
  let badLine: string;
  let scratch: string | undefined;

  before(async () => {
    api = await activate();
    measureUri = fileUri('huddle-minutes.measure.yaml');
    if (!(await exists(measureUri))) {
      const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
      const source = vscode.Uri.joinPath(extension.extensionUri, 'test', 'integration', 'fixtures', 'measure');
      copied = vscode.Uri.joinPath(folder(), FIXTURE_FOLDER);
      // The CSV first: the measure, once seen, names it and it is read at once.
      for (const name of FIXTURE_FILES) await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(copied, name), await vscode.workspace.fs.readFile(vscode.Uri.joinPath(source, name)));
      measureUri = vscode.Uri.joinPath(copied, 'huddle-minutes-fixture.measure.yaml');
    }
    const key = measureUri.toString();
    const data = await waitFor(
      'the engine to read the measure and its CSV',
      () => api.host.workspace.namedDataFiles().find((uri) => api.host.workspace.readersOf(uri).includes(key) && api.host.workspace.dataFile(uri)),
      15_000,
      () => `files: ${api.host.workspace.has(key)}; named data: ${api.host.workspace.namedDataFiles().join(', ') || 'none'}`,
    );
    csvKey = data;
    csvUri = vscode.Uri.parse(data, true);
    original = decode(await vscode.workspace.fs.readFile(csvUri));
    const lines = original.split(/\r?\n/);
    row = Math.min(3, lines.length - 2);
    badLine = lines[0].split(',').map(() => 'x').join(',');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (csvUri && decode(await vscode.workspace.fs.readFile(csvUri)) !== original) await vscode.workspace.fs.writeFile(csvUri, encode(original));
    if (copied) {
      for (const name of [...FIXTURE_FILES].reverse()) await vscode.workspace.fs.delete(vscode.Uri.joinPath(copied, name), { useTrash: false });
      await vscode.workspace.fs.delete(copied, { recursive: true, useTrash: false });
      await waitFor('the fixture to leave the engine', () => !api.host.workspace.has(measureUri.toString()));
    }
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  it("shows nothing on the measure's CSV as shipped, and nothing unreadable on the measure", async () => {
    await waitFor('no bad row', () => badRows(csvUri).length === 0);
    assert.ok(!ours(measureUri).some((d) => ruleOf(d) === 'measure/data-unreadable'), ours(measureUri).map((d) => d.message).join('\n'));
  });

  it('reports a row made bad on disk on that CSV line, and clears it when the file is fixed', async () => {
    const lines = original.split('\n');
    lines[row] = badLine;
    await vscode.workspace.fs.writeFile(csvUri, encode(lines.join('\n')));
    try {
      await waitFor(
        `measure/bad-row on line ${row + 1} of the CSV`,
        () => badRows(csvUri).includes(row),
        15_000,
        () => `${JSON.stringify(ours(csvUri).map((d) => [ruleOf(d), d.range.start.line]))}; the engine holds ${JSON.stringify(api.host.workspace.dataFile(csvKey)?.text.split('\n')[row])}`,
      );
    } finally {
      await vscode.workspace.fs.writeFile(csvUri, encode(original));
    }
    await waitFor('the bad row to clear', () => badRows(csvUri).length === 0);
  });

  it('checks the CSV as it is edited in an editor: a bad value shows in the Problems panel on its line, a fix clears it', async () => {
    const doc = await vscode.workspace.openTextDocument(csvUri);
    await vscode.window.showTextDocument(doc);
    try {
      const line = doc.lineAt(row);
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, line.range, badLine);
      assert.ok(await vscode.workspace.applyEdit(edit));
      assert.ok(doc.isDirty, 'the edit is not saved');
      const shown = await waitFor('measure/bad-row on the edited line', () => {
        const found = vscode.languages.getDiagnostics(csvUri).filter((d) => d.source === 'improvekit' && ruleOf(d) === 'measure/bad-row');
        return found.length ? found : undefined;
      });
      assert.deepEqual(
        shown.map((d) => d.range.start.line),
        [row],
      );
      assert.equal(shown[0].severity, vscode.DiagnosticSeverity.Warning);
      const fix = new vscode.WorkspaceEdit();
      fix.replace(doc.uri, doc.lineAt(row).range, line.text);
      assert.ok(await vscode.workspace.applyEdit(fix));
      await waitFor('the fixed row to clear', () => badRows(csvUri).length === 0);
    } finally {
      await restore(doc, original);
    }
  });

  it('draws the chart from the CSV as it stands in the editor (export of the measure)', async () => {
    const doc = await vscode.workspace.openTextDocument(csvUri);
    await vscode.window.showTextDocument(doc);
    const last = doc.lineCount - (doc.lineAt(doc.lineCount - 1).text === '' ? 2 : 1);
    const cells = doc.lineAt(last).text.split(',');
    const header = doc.lineAt(0).text.split(',');
    // The value column: the measure's `data.value`, else `value`.
    const measure = api.host.workspace.file(measureUri.toString())?.documents[0]?.data as { data?: { value?: string; date?: string } } | undefined;
    const valueColumn = header.indexOf(measure?.data?.value ?? 'value');
    const dateColumn = header.indexOf(measure?.data?.date ?? 'date');
    assert.ok(valueColumn >= 0 && dateColumn >= 0, `columns of ${header.join(',')}`);
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'improvekit-measure-'));
    const target = vscode.Uri.file(path.join(scratch, 'measure.svg'));
    try {
      cells[valueColumn] = '77';
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, doc.lineAt(last).range, cells.join(','));
      assert.ok(await vscode.workspace.applyEdit(edit));
      await waitFor('the engine to take the edit', () => api.host.workspace.dataFile(csvKey)?.text.includes(cells.join(',')));
      await vscode.commands.executeCommand('improvekit.exportSvg', { source: measureUri, target });
      const svg = decode(await vscode.workspace.fs.readFile(target));
      assert.ok(svg.includes(`${cells[dateColumn]}: 77`), `the point of ${cells[dateColumn]} is drawn at 77`);
    } finally {
      await restore(doc, original);
    }
  });
});
