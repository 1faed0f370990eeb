import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KINDS } from '../../../src/core/kinds';

const ROOT = path.join(__dirname, '..', '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const contributes = pkg.contributes as {
  commands: Array<{ command: string; title: string; category: string; icon?: string }>;
  menus: Record<string, Array<{ command: string; when?: string }>>;
  configuration: { properties: Record<string, { type: string; default: unknown }> };
  yamlValidation?: unknown;
  snippets?: Array<{ language: string; path: string }>;
};

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [fs.readFileSync(path.join(dir, e.name), 'utf8')] : []));
}

describe('extension manifest (package.json)', () => {
  it('has the command ids of DESIGN §4 in the Improvekit category, each registered by the extension', () => {
    const ids = contributes.commands.map((c) => c.command);
    for (const id of ['improvekit.openPreview', 'improvekit.exportHtml', 'improvekit.checkWorkspace', 'improvekit.newDocument', 'improvekit.fixAll', 'improvekit.exportSvg', 'improvekit.exportPng']) assert.ok(ids.includes(id), id);
    assert.ok(contributes.commands.every((c) => c.category === 'Improvekit'));
    const code = sources(path.join(ROOT, 'src', 'extension')).join('\n');
    for (const id of ids) assert.ok(code.includes(id), `${id} is contributed but nothing in src/extension registers it`);
    assert.equal(contributes.commands.find((c) => c.command === 'improvekit.openPreview')?.icon, '$(open-preview)');
  });

  it('shows the preview button only on recognised documents, through the context key the extension sets', () => {
    const title = contributes.menus['editor/title'].find((m) => m.command === 'improvekit.openPreview');
    assert.match(title?.when ?? '', /improvekit\.isDocument/);
    const code = sources(path.join(ROOT, 'src', 'extension')).join('\n');
    assert.ok(code.includes("'improvekit.isDocument'"));
    for (const m of contributes.menus.commandPalette) assert.ok(contributes.commands.some((c) => c.command === m.command), m.command);
  });

  it('contributes no yamlValidation (Red Hat\'s YAML server would report and complete every document twice), and ships a JSON Schema per kind and for .improvekit.yaml', () => {
    assert.equal(contributes.yamlValidation, undefined);
    for (const kind of KINDS) assert.ok(fs.existsSync(path.join(ROOT, 'schemas', `${kind}.schema.json`)), kind);
    assert.ok(fs.existsSync(path.join(ROOT, 'schemas', 'improvekit-config.schema.json')), 'the .improvekit.yaml schema');
    assert.match(fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8'), /^!schemas\/\*\.json$/m, 'the VSIX carries schemas/: src/extension/yaml.ts reads the .improvekit.yaml schema from it');
  });

  it('activates on YAML, Markdown and workspaces that hold documents, and runs on desktop and web', () => {
    assert.deepEqual(pkg.activationEvents.slice(0, 3), ['onLanguage:yaml', 'onLanguage:markdown', 'workspaceContains:**/.improvekit.yaml']);
    assert.ok(pkg.activationEvents.some((e: string) => e.startsWith('workspaceContains:') && e.includes('rapid')));
    assert.equal(pkg.main, './dist/extension.js');
    assert.equal(pkg.browser, './dist/web/extension.js');
    assert.deepEqual(pkg.capabilities, { untrustedWorkspaces: { supported: true }, virtualWorkspaces: true });
  });

  it('declares the settings the extension reads, with defaults', () => {
    const props = contributes.configuration.properties;
    assert.deepEqual(Object.keys(props).sort(), ['improvekit.debounce', 'improvekit.enable', 'improvekit.export.findings', 'improvekit.export.theme', 'improvekit.maxFiles', 'improvekit.rules', 'improvekit.run', 'improvekit.trace']);
    const readers = ['engine.ts', path.join('preview', 'exports.ts')].map((f) => fs.readFileSync(path.join(ROOT, 'src', 'extension', f), 'utf8')).join('\n');
    for (const key of Object.keys(props)) assert.ok(readers.includes(`'${key.slice('improvekit.'.length)}'`), `${key} is declared but never read`);
    assert.equal(props['improvekit.enable'].default, true);
    assert.equal(props['improvekit.debounce'].default, 200);
  });

  it('contributes no snippet files (completion serves the snippets), keeps them for other editors, and the Markdown preview plugin', () => {
    assert.equal(contributes.snippets, undefined, 'VS Code would show contributed snippets beside those completion serves');
    for (const name of ['yaml.json', 'markdown.json']) assert.ok(fs.existsSync(path.join(ROOT, 'snippets', name)), name);
    assert.equal((contributes as Record<string, unknown>)['markdown.markdownItPlugins'], true);
  });
});
