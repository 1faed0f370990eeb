/**
 * The adapter wired to the engine, run in plain Node against a stand-in `vscode` module and the
 * sample workspace on disk: activation, reading the workspace, diagnostics as published, quick
 * fixes matched back to the engine, Fix All, typing, settings, the status bar and New Document.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { useStandIn } from './stand-in';
import type * as Fake from './fake-vscode';
import type { ImprovekitApi } from '../../../src/extension/main';

const EXAMPLES = path.join(__dirname, '..', '..', '..', 'examples');


let vscode: typeof Fake;
let main: typeof import('../../../src/extension/main');

function findings(): string[] {
  const c = vscode.state.collections.find((x) => x.name === 'improvekit')!;
  const out: string[] = [];
  for (const { uri, list } of c.entries.values()) {
    for (const d of list) {
      const code = d.code as { value: string };
      out.push(`${uri.path.slice(uri.path.lastIndexOf('/') + 1)}:${d.range.start.line + 1}:${d.range.start.character + 1} ${['error', 'warning', 'info', 'hint'][d.severity]} ${code.value}`);
    }
  }
  return out.sort();
}

/** The seven deliberate problems of examples/README.md. */
const DELIBERATE = [
  'cabinet-2026.rapid.yaml:39:13 error rapid/multiple-deciders',
  'huddle-minutes.measure.yaml:15:9 info measure/outside-limits',
  'huddles-c3.pdsa.yaml:21:7 warning pdsa/question-without-prediction',
  'k3-reading.driver.yaml:93:5 hint driver/measure-without-data',
  'lincoln-status-quo.leadership.yaml:25:7 warning leadership/oversized-span',
  'new-assessments-parents.message.yaml:12:1 warning message/too-many-words',
  'workshop-2026-03.md:58:17 hint message/jargon',
];

async function waitFor<T>(what: string, probe: () => T | undefined | false, timeout = 3000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const v = probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('extension adapter (stand-in vscode)', () => {

  const standIn = useStandIn();
  before(() => {
    ({ vscode, main } = standIn);
  });

  describe('on the sample workspace', () => {
    let api: ImprovekitApi;
    let subscriptions: Array<{ dispose(): unknown }>;

    beforeEach(async () => {
      vscode.reset(EXAMPLES);
      vscode.state.settings['improvekit.debounce'] = 20;
      subscriptions = [];
      api = main.activate({ subscriptions, extensionUri: vscode.Uri.file(path.join(EXAMPLES, '..')) } as never);
      await api.ready;
    });

    afterEach(() => {
      for (const s of subscriptions) s.dispose();
    });

    it('reads the workspace through workspace.fs and publishes exactly the seven deliberate problems', () => {
      assert.deepEqual(findings(), DELIBERATE);
      const c = vscode.state.collections[0];
      const [d] = c.get(vscode.Uri.file(path.join(EXAMPLES, 'cabinet-2026.rapid.yaml')));
      assert.equal(d.source, 'improvekit');
      const code = d.code as { value: string; target: Fake.Uri };
      assert.equal(code.value, 'rapid/multiple-deciders');
      assert.match(code.target.toString(), /docs\/rules\.md#rapidmultiple-deciders$/);
      // The README and .improvekit.yaml are not documents; the fourteen sample files are, and the CSV a measure reads is held.
      assert.equal(api.host.workspace.uris().length, 14);
      assert.equal(api.host.documentCount(), 15);
      assert.deepEqual(api.host.workspace.dataFileUris().map((u) => path.basename(u)), ['huddle-minutes.csv']);
    });

    it('registers every provider for YAML and Markdown, and the commands', () => {
      for (const kind of ['completion', 'hover', 'definition', 'references', 'rename', 'symbols', 'lenses', 'actions']) {
        const [args] = vscode.state.providers[kind] ?? [];
        assert.ok(args, `${kind} provider`);
        assert.deepEqual((args as unknown[])[0], [{ language: 'yaml' }, { language: 'markdown' }]);
      }
      const completion = vscode.state.providers.completion[0] as unknown[];
      assert.deepEqual(completion.slice(2), [':', ' ', ',', '[', '#', '-']);
      for (const id of ['improvekit.checkWorkspace', 'improvekit.newDocument', 'improvekit.fixAll']) assert.ok(vscode.state.commands.has(id), id);
    });

    it('matches a diagnostic copied by the editor back to its engine fixes, as quick fixes', async () => {
      const uri = vscode.Uri.file(path.join(EXAMPLES, 'cabinet-2026.rapid.yaml'));
      const doc = vscode.openDocument(uri, 'yaml', (await import('node:fs')).readFileSync(uri.path, 'utf8'));
      const published = vscode.state.collections[0].get(uri)[0];
      // What the editor hands a code action provider is a copy, not the published object.
      const copy = Object.assign(new vscode.Diagnostic(published.range, published.message, published.severity), { source: published.source, code: published.code });
      const provider = (vscode.state.providers.actions[0] as unknown[])[1] as { provideCodeActions(...a: unknown[]): Fake.CodeAction[] };
      const actions = provider.provideCodeActions(doc, published.range, { diagnostics: [copy], only: vscode.CodeActionKind.QuickFix, triggerKind: 1 });
      assert.deepEqual(
        actions.map((a) => a.title),
        ['Keep `supt` as decider, move `board` to agree', 'Keep `supt` as decider, move `board` to input', 'Keep `board` as decider, move `supt` to agree', 'Keep `board` as decider, move `supt` to input'],
      );
      assert.equal(actions[0].kind?.value, 'quickfix');
      assert.ok(actions.every((a) => a.isPreferred === false), 'suggestions are offered in the light bulb, never preferred');
      assert.deepEqual(actions[0].diagnostics, [copy]);
      assert.equal(doc.getText(), (await import('node:fs')).readFileSync(uri.path, 'utf8'), 'offering fixes changes nothing');
      // Moving `board` to agree would make three vetoes (rapid/too-many-agree): the team picks input.
      assert.ok(await vscode.workspace.applyEdit(actions[1].edit!));
      assert.match(doc.getText(), /input: \[teacher-leaders, lincoln-principal, board\]\n/);
      assert.match(doc.getText(), /decide: supt\n/);
      await waitFor('the charter to be re-checked clean', () => vscode.state.collections[0].get(uri).length === 0);
    });

    it('offers no fix for a diagnostic the engine no longer reports (the text moved on)', async () => {
      const uri = vscode.Uri.file(path.join(EXAMPLES, 'cabinet-2026.rapid.yaml'));
      const doc = vscode.openDocument(uri, 'yaml', (await import('node:fs')).readFileSync(uri.path, 'utf8'));
      const published = vscode.state.collections[0].get(uri)[0];
      const stale = Object.assign(new vscode.Diagnostic(new vscode.Range(0, 0, 0, 1), published.message, published.severity), { source: 'improvekit', code: published.code });
      const provider = (vscode.state.providers.actions[0] as unknown[])[1] as { provideCodeActions(...a: unknown[]): Fake.CodeAction[] };
      assert.deepEqual(provider.provideCodeActions(doc, stale.range, { diagnostics: [stale], only: undefined, triggerKind: 1 }), []);
    });

    it('Fix All applies the fixes of the active document as one edit, and leaves the suggestions', async () => {
      const uri = vscode.Uri.file(path.join(EXAMPLES, 'huddles-c3.pdsa.yaml'));
      // `Studying` → `studying` is a fix (case only); the missing prediction has only a suggestion.
      const original = (await import('node:fs')).readFileSync(uri.path, 'utf8');
      const doc = vscode.openDocument(uri, 'yaml', original.replace('status: studying', 'status: Studying'));
      await vscode.window.showTextDocument(doc);
      const fixed = await vscode.commands.executeCommand('improvekit.fixAll');
      assert.equal(fixed, 1);
      assert.match(vscode.state.messages.at(-1)!, /^1 fix applied; 1 suggestion left for you\.$/);
      assert.equal(doc.getText(), original, 'only the case of the status changed');
      await waitFor('the cycle to be re-checked', () => vscode.state.collections[0].get(uri).length === 1);
      assert.equal(await vscode.commands.executeCommand('improvekit.fixAll'), 0);
      assert.match(vscode.state.messages.at(-1)!, /no automatic fix for this document: 0 fixes applied; 1 suggestion left for you/);
    });

    it('re-checks an open document as it is typed in, after the debounce', async () => {
      const uri = vscode.Uri.file(path.join(EXAMPLES, 'new-assessments-parents.message.yaml'));
      const text = (await import('node:fs')).readFileSync(uri.path, 'utf8');
      const doc = vscode.openDocument(uri, 'yaml', text);
      vscode.changeDocument(doc, text.replace(/^messages:[\s\S]*$/m, 'messages:\n  - text: Your child takes the new tests online.\n'));
      assert.equal(vscode.state.collections[0].get(uri).length, 1, 'nothing is re-checked before the pause');
      await waitFor('the shorter messages to be re-checked', () => vscode.state.collections[0].get(uri).length === 0);
      // Closing the editor without saving: the file on disk counts again.
      vscode.closeDocument(doc);
      await waitFor('the file on disk to be checked again', () => vscode.state.collections[0].get(uri).length === 1);
    });

    it("follows cross-file changes: breaking a change idea's id reports the cycles that test it", async () => {
      const uri = vscode.Uri.file(path.join(EXAMPLES, 'k3-reading.driver.yaml'));
      const text = (await import('node:fs')).readFileSync(uri.path, 'utf8');
      const doc = vscode.openDocument(uri, 'yaml', text);
      vscode.changeDocument(doc, text.replace('- id: c-huddles', '- id: c-huddles-renamed'));
      await waitFor('ref/unknown in the three cycles', () => findings().filter((f) => f.endsWith('ref/unknown')).length === 3);
    });

    it('applies improvekit.rules over .improvekit.yaml, and improvekit.enable clears everything', async () => {
      vscode.setSetting('improvekit.rules', { 'message/jargon': 'error', 'leadership/oversized-span': { max_span: 40 } });
      await waitFor('the settings to apply', () => findings().some((f) => f.endsWith('error message/jargon')) && findings());
      assert.ok(!findings().some((f) => f.includes('oversized-span')), 'max_span 40 lets the principal lead 37 teachers');
      vscode.setSetting('improvekit.enable', false);
      await waitFor('checking to be off', () => findings().length === 0);
      vscode.setSetting('improvekit.enable', undefined);
      vscode.setSetting('improvekit.rules', undefined);
      await waitFor('the defaults to apply again', () => JSON.stringify(findings()) === JSON.stringify(DELIBERATE));
    });

    it('Check Workspace reports the totals and shows the Problems panel', async () => {
      const summary = (await vscode.commands.executeCommand('improvekit.checkWorkspace')) as { counts: unknown; documents: number; files: number; message: string };
      assert.deepEqual(summary.counts, { error: 1, warning: 3, info: 1, hint: 2 });
      assert.equal(summary.documents, 15);
      assert.equal(summary.files, 7);
      assert.equal(vscode.state.messages.at(-1), 'Improvekit found 7 problems (1 error, 3 warnings, 1 info, 2 hints) in 15 documents. See the Problems panel.');
      assert.ok(vscode.state.executed.includes('workbench.actions.view.problems'));
    });

    it('New Document opens an untitled YAML skeleton that the engine recognises, naming a real change idea', async () => {
      const doc = (await vscode.commands.executeCommand('improvekit.newDocument', 'pdsa-cycle')) as Fake.TextDocument;
      assert.ok(doc.isUntitled);
      assert.equal(doc.languageId, 'yaml');
      assert.match(doc.getText(), /^kind: pdsa-cycle\nid: new-pdsa-cycle\n/);
      assert.equal(doc.uri.toString(), `untitled:${path.join(EXAMPLES, 'new-pdsa-cycle.pdsa.yaml')}`, 'Save proposes <id>.<suffix>.yaml in the folder');
      assert.match(doc.getText(), /^change_idea: k3-reading#c-/m);
      const status = vscode.state.statusItems[0];
      assert.ok(status.visible);
      assert.match(status.text, /new-pdsa-cycle/);
      assert.equal(vscode.state.context.get('improvekit.isDocument'), true);
      await waitFor('its diagnostics to be published', () => vscode.state.collections[0].entries.has(doc.uri.toString()) || undefined);
      const errors = vscode.state.collections[0].get(doc.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
      assert.deepEqual(
        errors.map((d) => d.message),
        [],
      );
      assert.ok(api.host.workspace.has(doc.uri.toString()), 'the engine holds it under its own name, a .yaml one');
      vscode.closeDocument(doc);
      await waitFor('the closed untitled document to leave the engine', () => !api.host.workspace.has(doc.uri.toString()));
    });

    it('New Document starts from the skeleton even when VS Code opens the untitled document with an old text', async () => {
      vscode.state.staleUntitled = 'kind: rapid-charter\nid: new-rapid-charter\ntitle: Decision rights\n';
      const doc = (await vscode.commands.executeCommand('improvekit.newDocument', 'leadership-model')) as Fake.TextDocument;
      assert.match(doc.getText(), /^kind: leadership-model\nid: new-leadership-model\n/);
      assert.doesNotMatch(doc.getText(), /rapid-charter/);
      assert.match(vscode.state.statusItems[0].text, /new-leadership-model/);
      vscode.closeDocument(doc);
    });

    it('the status bar describes YAML and Markdown files, and hides for others', async () => {
      const status = vscode.state.statusItems[0];
      const readme = vscode.openDocument(vscode.Uri.file(path.join(EXAMPLES, 'README.md')), 'markdown', '# Notes\n');
      await vscode.window.showTextDocument(readme);
      assert.ok(status.visible);
      assert.match(status.text, /Not an Improvekit document/);
      assert.equal(vscode.state.context.get('improvekit.isDocument'), false);
      const json = vscode.openDocument(vscode.Uri.file(path.join(EXAMPLES, 'x.json')), 'json', '{}');
      await vscode.window.showTextDocument(json);
      assert.equal(status.visible, false);
    });

    it('leaves Git originals of open files out of the engine, so their ids do not clash', async () => {
      const file = path.join(EXAMPLES, 'cabinet-2026.rapid.yaml');
      const original = vscode.openDocument(vscode.Uri.parse(`git:${file}`), 'yaml', (await import('node:fs')).readFileSync(file, 'utf8'));
      await new Promise((r) => setTimeout(r, 400));
      assert.equal(api.host.workspace.has(original.uri.toString()), false);
      assert.deepEqual(findings(), DELIBERATE);
    });

    it('language features answer for documents and stay silent elsewhere', async () => {
      const uri = vscode.Uri.file(path.join(EXAMPLES, 'huddles-c1.pdsa.yaml'));
      const doc = vscode.openDocument(uri, 'yaml', (await import('node:fs')).readFileSync(uri.path, 'utf8'));
      const features = (vscode.state.providers.definition[0] as unknown[])[1] as {
        provideDefinition(d: unknown, p: unknown): Fake.Location[] | undefined;
        provideCodeLenses(d: unknown): Fake.CodeLens[] | undefined;
        provideRenameEdits(d: unknown, p: unknown, n: string): Fake.WorkspaceEdit;
      };
      const at = doc.positionAt(doc.getText().indexOf('k3-reading#c-huddles') + 13);
      const [target] = features.provideDefinition(doc, at)!;
      assert.match(target.uri.path, /k3-reading\.driver\.yaml$/);
      const edit = features.provideRenameEdits(doc, at, 'c-data-huddles');
      assert.equal(edit.size, 4);
      assert.throws(() => features.provideRenameEdits(doc, new vscode.Position(0, 0), 'x'), /id/);
      const other = vscode.openDocument(vscode.Uri.file(path.join(EXAMPLES, 'ci.yaml')), 'yaml', 'name: build\non: [push]\n');
      assert.equal(features.provideCodeLenses(other), undefined);
      assert.equal(features.provideDefinition(other, new vscode.Position(0, 2)), undefined);
    });
  });

  describe('configurations of several folders', () => {
    const BAD = (id: string) => `kind: rapid-charter\nid: ${id}\ndecisions:\n  - { id: d1, decision: Something, recommend: x, perform: y, decide: z, statsu: open }\n`;
    let fs: typeof import('node:fs');
    let dirs: string[] = [];
    let subscriptions: Array<{ dispose(): unknown }> = [];

    function tree(files: Record<string, string>): string {
      const dir = fs.mkdtempSync(path.join(require('node:os').tmpdir(), 'improvekit-adapter-'));
      for (const [name, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        fs.writeFileSync(path.join(dir, name), text);
      }
      dirs.push(dir);
      return dir;
    }

    /** `file severity` of each schema/invalid finding, by name relative to its folder's parent. */
    function severities(base: string): string[] {
      const c = vscode.state.collections.find((x) => x.name === 'improvekit')!;
      const out: string[] = [];
      for (const { uri, list } of c.entries.values()) {
        for (const d of list) if ((d.code as { value: string }).value === 'schema/invalid') out.push(`${path.relative(base, uri.path)} ${['error', 'warning', 'info', 'hint'][d.severity]}`);
      }
      return [...new Set(out)].sort();
    }

    async function activate(folders: string | string[]) {
      vscode.reset(folders);
      vscode.state.settings['improvekit.debounce'] = 20;
      subscriptions = [];
      const api = main.activate({ subscriptions, extensionUri: vscode.Uri.file(EXAMPLES) } as never);
      await api.ready;
      return api;
    }

    before(async () => {
      fs = await import('node:fs');
    });

    afterEach(() => {
      for (const s of subscriptions) s.dispose();
      for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
      dirs = [];
    });

    it('applies each workspace folder\'s .improvekit.yaml to that folder, and shows each one\'s problems', async () => {
      const parent = tree({
        'a/.improvekit.yaml': 'rules:\n  schema/invalid: warning\n',
        'a/one.rapid.yaml': BAD('one'),
        'b/.improvekit.yaml': 'rules:\n  schema/invalid: hint\n  rapid/missing-decidr: off\n',
        'b/two.rapid.yaml': BAD('two'),
      });
      const api = await activate([path.join(parent, 'a'), path.join(parent, 'b')]);
      assert.deepEqual(severities(parent), ['a/one.rapid.yaml warning', 'b/two.rapid.yaml hint']);
      assert.deepEqual(
        api.host.configs.map((c) => path.relative(parent, c.uri.path)),
        ['a/.improvekit.yaml', 'b/.improvekit.yaml'],
      );
      const collection = vscode.state.collections[0];
      assert.equal(collection.get(vscode.Uri.file(path.join(parent, 'a', '.improvekit.yaml'))).length, 0);
      const problems = collection.get(vscode.Uri.file(path.join(parent, 'b', '.improvekit.yaml')));
      assert.equal(problems.length, 1);
      assert.match(problems[0].message, /rapid\/missing-decidr/);
      // The setting applies over every folder's file.
      vscode.setSetting('improvekit.rules', { 'schema/invalid': 'info' });
      await waitFor('the setting applied', () => severities(parent).join() === 'a/one.rapid.yaml info,b/two.rapid.yaml info');
      // Check Workspace counts both folders' files and the configuration's problem.
      const summary = await vscode.commands.executeCommand('improvekit.checkWorkspace');
      assert.equal((summary as { counts: { warning: number } }).counts.warning, 1, 'the unknown rule in b/.improvekit.yaml');
    });

    it('applies a nested .improvekit.yaml to its folder only, and follows it when it changes or goes', async () => {
      const dir = tree({
        '.improvekit.yaml': 'rules:\n  schema/invalid: warning\n',
        'top.rapid.yaml': BAD('top'),
        'team/.improvekit.yaml': 'rules:\n  schema/invalid: off\n',
        'team/inner.rapid.yaml': BAD('inner'),
        'teams/beside.rapid.yaml': BAD('beside'),
        'node_modules/pkg/.improvekit.yaml': 'rules:\n  nonsense/rule: off\n',
        '.cache/.improvekit.yaml': 'rules:\n  nonsense/rule: off\n',
        '.cache/hidden.rapid.yaml': BAD('hidden'),
      });
      const api = await activate(dir);
      assert.deepEqual(severities(dir), ['teams/beside.rapid.yaml warning', 'top.rapid.yaml warning']);
      assert.deepEqual(
        api.host.configs.map((c) => path.relative(dir, c.uri.path)),
        ['.improvekit.yaml', 'team/.improvekit.yaml'],
        'configurations in skipped folders (node_modules, dot-folders) are not read',
      );
      assert.ok(vscode.state.searches.every((s) => s.exclude === '**/{node_modules,.git,.hg,.svn,dist,out,.vscode-test}/**'), JSON.stringify(vscode.state.searches));
      const watcher = vscode.state.watchers.find((w) => w.glob === '**/.improvekit.yaml')!;
      const nested = vscode.Uri.file(path.join(dir, 'team', '.improvekit.yaml'));
      fs.writeFileSync(nested.path, 'rules:\n  schema/invalid: error\n');
      watcher.change.fire(nested);
      await waitFor('the nested change', () => severities(dir).includes('team/inner.rapid.yaml error'));
      assert.deepEqual(severities(dir), ['team/inner.rapid.yaml error', 'teams/beside.rapid.yaml warning', 'top.rapid.yaml warning']);
      fs.rmSync(nested.path);
      watcher.delete.fire(nested);
      await waitFor('the nested configuration gone', () => severities(dir).includes('team/inner.rapid.yaml warning'));
      assert.deepEqual(api.host.configs.map((c) => path.relative(dir, c.uri.path)), ['.improvekit.yaml']);
      const created = vscode.Uri.file(path.join(dir, 'teams', '.improvekit.yaml'));
      fs.writeFileSync(created.path, 'rules:\n  schema/invalid: hint\n');
      watcher.create.fire(created);
      await waitFor('the new configuration', () => severities(dir).includes('teams/beside.rapid.yaml hint'));
      assert.deepEqual(severities(dir), ['team/inner.rapid.yaml warning', 'teams/beside.rapid.yaml hint', 'top.rapid.yaml warning']);
    });
  });

  describe('data files (CSV)', () => {
    const MEASURE = (id: string, file: string) => `kind: measure\nid: ${id}\ntitle: Minutes each huddle ran\nchart: run\ndata:\n  file: ${file}\n  date: week\n  value: minutes\n`;
    const CSV = 'week,minutes\n2026-01-05,20\n2026-01-12,twenty\n2026-01-19,21\n';
    let fs: typeof import('node:fs');
    let dir: string;
    let subscriptions: Array<{ dispose(): unknown }> = [];
    let api: ImprovekitApi;

    /** `name:line rule` of every published diagnostic, names relative to the folder. */
    function shown(): string[] {
      const c = vscode.state.collections.find((x) => x.name === 'improvekit')!;
      const out: string[] = [];
      for (const { uri, list } of c.entries.values()) for (const d of list) out.push(`${path.relative(dir, uri.path)}:${d.range.start.line + 1} ${(d.code as { value: string }).value}`);
      return out.sort();
    }

    /** The files whose diagnostics were asked for, and those sent to the Problems panel, from now on. */
    function spy(): { asked: Set<string>; sent: Set<string> } {
      const asked = new Set<string>();
      const sent = new Set<string>();
      const ws = api.host.workspace;
      const diagnostics = ws.diagnostics.bind(ws);
      ws.diagnostics = (uri: string) => {
        asked.add(path.relative(dir, vscode.Uri.parse(uri).path));
        return diagnostics(uri);
      };
      const c = vscode.state.collections.find((x) => x.name === 'improvekit')!;
      const set = c.set.bind(c);
      c.set = (uri, list) => {
        sent.add(path.relative(dir, uri.path));
        set(uri, list);
      };
      return { asked, sent };
    }

    const csvWatcher = () => vscode.state.watchers.find((w) => w.glob === '**/*.csv')!;
    const file = (name: string) => vscode.Uri.file(path.join(dir, name));

    beforeEach(async () => {
      fs = await import('node:fs');
      const os = await import('node:os');
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'improvekit-adapter-data-'));
      const files: Record<string, string> = {
        'huddle.measure.yaml': MEASURE('huddle', 'data/h.csv'),
        'twin.measure.yaml': MEASURE('twin', 'data/h.csv'),
        'other.measure.yaml': MEASURE('other', 'data/o.csv'),
        'long.message.yaml': 'kind: message-map\nid: long\nmessages:\n  - text: One.\n  - text: Two.\n  - text: Three.\n  - text: Four.\n',
        'data/h.csv': CSV,
        'data/o.csv': CSV,
        'data/later.csv': 'week,minutes\n2026-01-05,x\n',
      };
      for (const [name, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        fs.writeFileSync(path.join(dir, name), text);
      }
      vscode.reset(path.join(dir));
      vscode.state.settings['improvekit.debounce'] = 20;
      subscriptions = [];
      api = main.activate({ subscriptions, extensionUri: vscode.Uri.file(EXAMPLES) } as never);
      await api.ready;
    });

    afterEach(() => {
      for (const s of subscriptions) s.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('reads the CSV files the documents name at start, and shows measure/bad-row on the CSV row, once', () => {
      const found = shown();
      assert.deepEqual(found.filter((f) => f.includes('bad-row')), ['data/h.csv:3 measure/bad-row', 'data/o.csv:3 measure/bad-row']);
      assert.ok(!found.some((f) => f.includes('data-unreadable')), found.join('\n'));
      // data/later.csv is named by no document: not read.
      assert.equal(api.host.workspace.dataFile(file('data/later.csv').toString()), undefined);
    });

    it("re-publishes the CSV's and its readers' diagnostics only, when the watcher reports a change", async () => {
      const { asked, sent } = spy();
      fs.writeFileSync(file('data/h.csv').path, 'week,minutes\n2026-01-05,20\n2026-01-12,22\n2026-01-19,21\n2026-01-26,?\n');
      csvWatcher().change.fire(file('data/h.csv'));
      await waitFor('the new bad row', () => shown().includes('data/h.csv:5 measure/bad-row'));
      // Past the full refresh that other changes schedule.
      await new Promise((r) => setTimeout(r, 400));
      assert.deepEqual([...asked].sort(), ['data/h.csv', 'huddle.measure.yaml', 'twin.measure.yaml']);
      assert.ok(!sent.has('other.measure.yaml') && !sent.has('long.message.yaml') && !sent.has('data/o.csv'), [...sent].join());
      assert.ok(sent.has('data/h.csv'));
      assert.deepEqual(shown().filter((f) => f.startsWith('data/')), ['data/h.csv:5 measure/bad-row', 'data/o.csv:3 measure/bad-row']);
    });

    it("checks an open CSV editor's text as it is typed in (any language), and the file on disk again once it closes", async () => {
      const doc = vscode.openDocument(file('data/h.csv'), 'plaintext', CSV);
      const { asked } = spy();
      vscode.changeDocument(doc, 'week,minutes\n2026-01-05,20\n2026-01-12,22\n2026-01-19,nineteen\n');
      await waitFor('the edited row checked', () => shown().includes('data/h.csv:4 measure/bad-row'));
      assert.ok(!shown().includes('data/h.csv:3 measure/bad-row'));
      assert.ok(!asked.has('other.measure.yaml'));
      // The file on disk changing does not replace the editor's text.
      csvWatcher().change.fire(file('data/h.csv'));
      await new Promise((r) => setTimeout(r, 100));
      assert.ok(shown().includes('data/h.csv:4 measure/bad-row'));
      vscode.closeDocument(doc);
      await waitFor('the file on disk again', () => shown().includes('data/h.csv:3 measure/bad-row'));
    });

    it('makes the readers report measure/data-unreadable when the CSV is deleted, and reads it again when it comes back', async () => {
      fs.rmSync(file('data/h.csv').path);
      csvWatcher().delete.fire(file('data/h.csv'));
      await waitFor('data-unreadable', () => shown().includes('huddle.measure.yaml:6 measure/data-unreadable'));
      assert.ok(shown().includes('twin.measure.yaml:6 measure/data-unreadable'));
      assert.ok(!shown().some((f) => f.startsWith('data/h.csv')), 'the deleted file shows nothing');
      assert.ok(!shown().includes('other.measure.yaml:6 measure/data-unreadable'));
      fs.writeFileSync(file('data/h.csv').path, CSV);
      csvWatcher().create.fire(file('data/h.csv'));
      await waitFor('read again', () => shown().includes('data/h.csv:3 measure/bad-row') && !shown().some((f) => f.includes('data-unreadable')));
    });

    it('drops the documents and data files of a deleted folder, when the watcher reports the folder alone', async () => {
      fs.rmSync(file('data').path, { recursive: true });
      csvWatcher().delete.fire(file('data'));
      await waitFor('data-unreadable', () => ['huddle', 'twin', 'other'].every((m) => shown().includes(`${m}.measure.yaml:6 measure/data-unreadable`)));
      assert.deepEqual(api.host.workspace.dataFileUris(), []);
      fs.rmSync(file('long.message.yaml').path);
      fs.mkdirSync(file('sub').path);
      fs.writeFileSync(file('sub/a.message.yaml').path, 'kind: message-map\nid: a\nmessages:\n  - text: One.\n');
      const docs = vscode.state.watchers.find((w) => w.glob === '**/*.{yaml,yml,md}')!;
      docs.create.fire(file('sub/a.message.yaml'));
      await waitFor('the new file', () => api.host.workspace.has(file('sub/a.message.yaml').toString()));
      fs.rmSync(file('sub').path, { recursive: true });
      docs.delete.fire(file('sub'));
      await waitFor('the folder gone', () => !api.host.workspace.has(file('sub/a.message.yaml').toString()));
    });

    it('reads a CSV when a document starts naming it, and never one outside the workspace folder', async () => {
      const doc = vscode.openDocument(file('other.measure.yaml'), 'yaml', MEASURE('other', 'data/o.csv'));
      vscode.changeDocument(doc, MEASURE('other', 'data/later.csv'));
      await waitFor('the newly named file read', () => shown().includes('data/later.csv:2 measure/bad-row'));
      const outside = `${dir}-outside.csv`;
      fs.writeFileSync(outside, CSV);
      try {
        vscode.changeDocument(doc, MEASURE('other', `../${path.basename(outside)}`));
        await waitFor('data-unreadable', () => shown().includes('other.measure.yaml:6 measure/data-unreadable'));
        await new Promise((r) => setTimeout(r, 100));
        assert.equal(api.host.workspace.dataFile(vscode.Uri.file(outside).toString()), undefined);
        assert.ok(!shown().some((f) => f.includes('outside')), shown().join('\n'));
        // Nor through a link in the folder (it may lead anywhere).
        fs.symlinkSync(outside, file('data/link.csv').path);
        vscode.changeDocument(doc, MEASURE('other', 'data/link.csv'));
        await waitFor('the link not read', () => api.host.workspace.readersOf(file('data/link.csv').toString()).length > 0);
        await new Promise((r) => setTimeout(r, 100));
        assert.equal(api.host.workspace.dataFile(file('data/link.csv').toString()), undefined);
        assert.ok(shown().includes('other.measure.yaml:6 measure/data-unreadable'));
      } finally {
        fs.rmSync(outside, { force: true });
      }
    });
  });

  describe('the configuration file', () => {
    it('shows the problems of .improvekit.yaml on it, also while it is open in an editor', async () => {
      const fs = await import('node:fs');
      const os = await import('node:os');
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'improvekit-adapter-'));
      try {
        fs.writeFileSync(path.join(dir, '.improvekit.yaml'), 'rules:\n  rapid/missing-decidr: error\n');
        fs.writeFileSync(path.join(dir, 'a.rapid.yaml'), 'id: a\ndecisions:\n  - { id: d1, decision: Something, recommend: x, perform: y }\n');
        const fake = vscode;
        const entry = main;
        fake.reset(dir);
        const subscriptions: Array<{ dispose(): unknown }> = [];
        const api = entry.activate({ subscriptions, extensionUri: fake.Uri.file(dir) } as never);
        await api.ready;
        const configUri = fake.Uri.file(path.join(dir, '.improvekit.yaml'));
        const collection = fake.state.collections[0];
        const messages = () => collection.get(configUri).map((d) => d.message);
        assert.equal(messages().length, 1);
        assert.match(messages()[0], /Unknown rule `rapid\/missing-decidr` — did you mean `rapid\/missing-decider`\?/);
        // Opening the file in an editor must not replace its problems with those of a plain YAML file (none).
        fake.openDocument(configUri, 'yaml', fs.readFileSync(configUri.path, 'utf8'));
        await new Promise((r) => setTimeout(r, 400));
        assert.equal(messages().length, 1);
        assert.ok(collection.get(fake.Uri.file(path.join(dir, 'a.rapid.yaml'))).some((d) => (d.code as { value: string }).value === 'rapid/missing-decider'));
        for (const s of subscriptions) s.dispose();
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
