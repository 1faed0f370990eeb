/**
 * The extension host's log after Improvekit has checked, completed, hovered and previewed: VS Code's
 * Node extension host logs every read of the global `navigator` as an error ("navigator is now a
 * global in nodejs"), and zod's runtime checks read it unless esbuild.js defines it away.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activate, openFile, positionOf, settled } from './helpers';

/** Every `.log` file below a folder. */
function logsBelow(folder: string): string[] {
  const out: string[] = [];
  const stack = [folder];
  while (stack.length) {
    const dir = stack.pop()!;
    let entries: fs.Dirent[] = [];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) stack.push(full);
      else if (e.isFile() && e.name.endsWith('.log')) out.push(full);
    }
  }
  return out;
}

describe('extension host log', () => {
  it('holds no error from a read of the global navigator, after checks, completion, hover and the preview', async function () {
    this.timeout(60_000);
    const api = await activate();
    await settled();
    const editor = await openFile('k3-reading.driver.yaml');
    const doc = editor.document;
    await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, positionOf(doc, 'supports: [', 'supports: ['.length));
    await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, positionOf(doc, 'status:'));
    await vscode.commands.executeCommand('improvekit.openPreview');
    // The host's logger writes on a short timer.
    await new Promise((r) => setTimeout(r, 2_000));
    const hostLogs = path.dirname(api.logUri.fsPath);
    const logs = logsBelow(hostLogs);
    assert.ok(logs.length > 0, `no log files below ${hostLogs}`);
    const reads = logs.flatMap((f) => fs.readFileSync(f, 'utf8').split('\n').filter((l) => /navigator is now a global/.test(l)).map((l) => `${path.basename(f)}: ${l.slice(0, 160)}`));
    assert.deepEqual(reads, []);
  });
});
