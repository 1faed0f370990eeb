/**
 * The status bar item that says what the active file was recognised as, or why it was not,
 * and the `improvekit.isDocument` context key that shows the preview button.
 */
import * as vscode from 'vscode';
import { describeFile } from '../core/lang/describe';
import type { ExtensionEngineHost } from './engine';

export const CONTEXT_KEY = 'improvekit.isDocument';

export class StatusItem implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('improvekit.status', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [];
  private recognised: boolean | undefined;
  /** What the item last showed, for tests and the command that reports it. */
  current: { text: string; tooltip: string; recognised: boolean } | undefined;

  constructor(private readonly host: ExtensionEngineHost) {
    this.item.name = 'Improvekit';
    this.item.command = 'improvekit.checkWorkspace';
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      host.onDidUpdate(() => this.update()),
      host.onDidChangeConfiguration(() => this.update()),
    );
    this.update();
  }

  update(): void {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !this.host.accepts(doc)) {
      this.item.hide();
      this.current = undefined;
      this.setContext(false);
      return;
    }
    const uri = this.host.syncDocument(doc);
    let described: { text: string; tooltip: string; recognised: boolean };
    try {
      described = describeFile(this.host.workspace, uri);
    } catch (error) {
      this.host.log.error(`describeFile failed: ${String((error as Error)?.stack ?? error)}`);
      this.item.hide();
      return;
    }
    this.current = described;
    // The status bar shows plain text: code marks go, and an unrecognised file's advice moves to the tooltip.
    const short = described.recognised ? described.text : described.text.split(':')[0];
    this.item.text = `${described.recognised ? '$(checklist)' : '$(circle-slash)'} ${short.replace(/`/g, '')}`;
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(described.recognised ? described.tooltip.replace(/`/g, '') : `${described.text}\n\n${described.tooltip}`.replace(/`/g, ''));
    tooltip.appendMarkdown('\n\nClick to check the whole workspace.');
    this.item.tooltip = tooltip;
    this.item.show();
    this.setContext(described.recognised);
  }

  private setContext(value: boolean): void {
    if (this.recognised === value) return;
    this.recognised = value;
    void vscode.commands.executeCommand('setContext', CONTEXT_KEY, value);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
