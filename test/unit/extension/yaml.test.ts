/**
 * Beside Red Hat's YAML extension (src/extension/yaml.ts): the extension activated against the
 * stand-in `vscode` with a stand-in redhat.vscode-yaml, whose contributor is then handed to Red
 * Hat's own language server (yaml-language-server, the server redhat.vscode-yaml runs) to show
 * that documents Improvekit recognises get no schema problem, completion or hover from it.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { useStandIn } from './stand-in';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type * as Fake from './fake-vscode';
import type { ImprovekitApi } from '../../../src/extension/main';
import { KIND_SPECS, KINDS } from '../../../src/core/kinds';
import { scratchTree } from '../../helpers';

const ROOT = path.join(__dirname, '..', '..', '..');


type RequestSchema = (resource: string) => string | undefined;
type RequestSchemaContent = (uri: string) => Promise<string> | string;

const CHARTER = 'kind: rapid-charter\nid: cabinet\ndecisions:\n  - id: grading\n    decision: Adopt a grading policy\n    recommend: cao\n    perform: principals\n    decide: supt\n    statsu: open\n';
const FILES = {
  'plans/cabinet.rapid.yaml': CHARTER,
  'plans/decisions.yaml': CHARTER.replace('id: cabinet', 'id: board'),
  'plans/workflow.yaml': 'name: Improvekit check\non: [push]\njobs:\n  check:\n    runs-on: ubuntu-latest\n',
  'plans/notes.md': '---\nkind: message-map\nid: notes\nmessages:\n  - text: Hello.\n---\n# Notes\n',
  '.improvekit.yaml': 'rules:\n  rapid/multiple-deciders: error\n',
};

/** Every key anywhere in a JSON value. */
function keys(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keys);
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [k, ...keys(v)]);
}

describe('beside Red Hat YAML (redhat.vscode-yaml)', () => {
  let vscode: typeof Fake;
  let main: typeof import('../../../src/extension/main');
  let dir: string;
  let subscriptions: Array<{ dispose(): unknown }>;
  let calls: unknown[][];
  let activations: number;

  const standIn = useStandIn();
  before(() => {
    ({ vscode, main } = standIn);
  });

  /** A stand-in redhat.vscode-yaml whose `activate` answers `api` (or throws `failure`). */
  function installYaml(api: unknown = { registerContributor: (...args: unknown[]) => (calls.push(args), true) }, failure?: Error): void {
    vscode.state.extensions.set('redhat.vscode-yaml', {
      id: 'redhat.vscode-yaml',
      isActive: false,
      exports: undefined,
      async activate() {
        activations++;
        if (failure) throw failure;
        return api;
      },
    });
  }

  async function activate(): Promise<{ api: ImprovekitApi; log: string[] }> {
    const api = main.activate({ subscriptions, extensionUri: vscode.Uri.file(ROOT) } as never);
    await api.ready;
    await new Promise((r) => setTimeout(r, 10));
    return { api, log: (api.host.log as unknown as { lines: string[] }).lines };
  }

  const uri = (name: string) => vscode.Uri.file(path.join(dir, name)).toString();

  beforeEach(() => {
    dir = scratchTree(FILES, { prefix: 'improvekit-yaml-' });
    vscode.reset(dir);
    subscriptions = [];
    calls = [];
    activations = 0;
  });

  afterEach(() => {
    for (const s of subscriptions) s.dispose();
  });

  it('registers one schema contributor named improvekit, once', async () => {
    installYaml();
    await activate();
    assert.equal(activations, 1);
    assert.equal(calls.length, 1);
    assert.equal(calls[0][0], 'improvekit');
    assert.equal(typeof calls[0][1], 'function');
    assert.equal(typeof calls[0][2], 'function');
    // Its fourth argument is a pattern of document text that makes this the only contributor asked, even for files that are not ours.
    assert.equal(calls[0][3], undefined);
    vscode.state.events.extensions.fire();
    await new Promise((r) => setTimeout(r, 10));
    assert.equal(calls.length, 1, 'not again when extensions change');
  });

  it('names the schema of every YAML file Improvekit recognises, by suffix or by kind:, and of no other', async () => {
    installYaml();
    await activate();
    const requestSchema = calls[0][1] as RequestSchema;
    assert.equal(requestSchema(uri('plans/cabinet.rapid.yaml')), 'improvekit://schema/rapid-charter');
    assert.equal(requestSchema(uri('plans/decisions.yaml')), 'improvekit://schema/rapid-charter', 'an unsuffixed file with kind: rapid-charter');
    assert.equal(requestSchema(uri('plans/workflow.yaml')), undefined, 'unrelated YAML keeps its other schemas');
    assert.equal(requestSchema(uri('plans/notes.md')), undefined, 'Red Hat YAML never sees Markdown');
    assert.equal(requestSchema(uri('.improvekit.yaml')), 'improvekit://schema/config');
    assert.equal(requestSchema('file:///elsewhere/huddles.pdsa.yml'), 'improvekit://schema/pdsa-cycle', 'a suffix is enough, read or not');
    assert.equal(requestSchema('file:///elsewhere/compose.yaml'), undefined);
  });

  it('follows the open editor: a kind: typed into a YAML file binds it, taking it out unbinds it', async () => {
    installYaml();
    await activate();
    const requestSchema = calls[0][1] as RequestSchema;
    const workflow = vscode.openDocument(vscode.Uri.file(path.join(dir, 'plans/workflow.yaml')), 'yaml', FILES['plans/workflow.yaml']);
    assert.equal(requestSchema(uri('plans/workflow.yaml')), undefined);
    vscode.changeDocument(workflow, 'kind: message-map\nid: parents\nmessages:\n  - text: Hello.\n');
    assert.equal(requestSchema(uri('plans/workflow.yaml')), 'improvekit://schema/message-map');
    const decisions = vscode.openDocument(vscode.Uri.file(path.join(dir, 'plans/decisions.yaml')), 'yaml', 'name: no longer a charter\n');
    assert.equal(requestSchema(uri('plans/decisions.yaml')), undefined);
    vscode.changeDocument(decisions, `${FILES['plans/cabinet.rapid.yaml']}---\n${FILES['plans/workflow.yaml'].replace('name: Improvekit check', 'kind: roster\nid: people')}`);
    assert.equal(requestSchema(uri('plans/decisions.yaml')), 'improvekit://schema/documents', 'a stream of several kinds');
    const untitled = vscode.openDocument(vscode.Uri.parse('untitled:Untitled-7'), 'yaml', 'kind: roster\nid: people\npeople: []\n');
    assert.equal(requestSchema(untitled.uri.toString()), 'improvekit://schema/roster', 'an untitled editor');
  });

  it('gives each kind a schema that names it and constrains nothing', async () => {
    installYaml();
    await activate();
    const content = calls[0][2] as RequestSchemaContent;
    for (const kind of KINDS) {
      const schema = JSON.parse(await content(`improvekit://schema/${kind}`));
      assert.equal(schema.title, `Improvekit ${KIND_SPECS[kind].label}`);
      assert.match(schema.description, /Improvekit/);
      assert.deepEqual(Object.keys(schema).sort(), ['$schema', 'description', 'title']);
      for (const k of ['properties', 'required', 'additionalProperties', 'type', 'enum', 'const', 'items', 'anyOf', 'oneOf', 'allOf', '$ref']) assert.ok(!(k in schema), `${kind}: ${k}`);
    }
  });

  it('gives .improvekit.yaml its settings and rule ids to complete and describe, with every check taken out', async () => {
    installYaml();
    await activate();
    const schema = JSON.parse(await (calls[0][2] as RequestSchemaContent)('improvekit://schema/config'));
    const all = keys(schema);
    for (const k of ['type', 'enum', 'const', 'required', 'additionalProperties', 'pattern', 'minLength', 'maxLength', 'maxItems', 'minimum', 'oneOf', '$id']) assert.ok(!all.includes(k), k);
    assert.ok(schema.properties.rules.properties['rapid/multiple-deciders'].description);
    assert.ok(schema.properties.spc.examples.includes('mdc'), 'an enum becomes examples, still offered');
  });

  it('is quiet when Red Hat YAML is absent, fails to activate, or offers no contributor API', async () => {
    const { log } = await activate();
    assert.deepEqual(log.filter((l) => /redhat|error/i.test(l)), []);
    for (const s of subscriptions.splice(0)) s.dispose();

    installYaml(undefined, new Error('server crashed'));
    const failed = await activate();
    assert.equal(activations, 1);
    assert.ok(failed.log.some((l) => /^\[warn\] redhat\.vscode-yaml: Improvekit documents not bound .*: server crashed$/.test(l)), failed.log.join('\n'));
    assert.ok(!failed.log.some((l) => l.startsWith('[error]')));
    assert.deepEqual(vscode.state.messages, [], 'nothing shown to the user');
    for (const s of subscriptions.splice(0)) s.dispose();

    installYaml({ version: 1 });
    const odd = await activate();
    assert.ok(odd.log.some((l) => /^\[warn\] redhat\.vscode-yaml: Improvekit documents not bound .*registerContributor/.test(l)), odd.log.join('\n'));
    assert.ok(!odd.log.some((l) => l.startsWith('[error]')));
  });

  it('registers when Red Hat YAML is installed after Improvekit started', async () => {
    await activate();
    assert.equal(calls.length, 0);
    installYaml();
    vscode.state.events.extensions.fire();
    await new Promise((r) => setTimeout(r, 10));
    assert.equal(calls.length, 1);
  });

  describe("with Red Hat's language server (yaml-language-server)", () => {
    type Server = import('yaml-language-server').LanguageService;

    /** The server as redhat.vscode-yaml runs it: a glob schema for the suffix (as a contribution or SchemaStore would give), then the contributor. */
    async function server(withContributor: boolean): Promise<Server> {
      installYaml();
      await activate();
      const [, requestSchema, requestSchemaContent] = calls[0] as [string, RequestSchema, RequestSchemaContent];
      const yls = await import('yaml-language-server');
      const ls = yls.getLanguageService({
        schemaRequestService: async (schemaUri: string) => (schemaUri.startsWith('improvekit:') ? requestSchemaContent(schemaUri) : fs.readFileSync(new URL(schemaUri), 'utf8')),
        workspaceContext: { resolveRelativePath: (relative: string, resource: string) => new URL(relative, resource).toString() },
      });
      const schemas = [
        { fileMatch: ['*.rapid.yaml', '**/decisions.yaml'], uri: vscode.Uri.file(path.join(ROOT, 'schemas', 'rapid-charter.schema.json')).toString() },
        { fileMatch: ['.improvekit.yaml'], uri: vscode.Uri.file(path.join(ROOT, 'schemas', 'improvekit-config.schema.json')).toString() },
      ];
      ls.configure({ validate: true, completion: true, hover: true, customTags: [], schemas } as never);
      if (withContributor) ls.registerCustomSchemaProvider(async (resource: string) => requestSchema(resource) as string);
      return ls;
    }

    const doc = (name: string, text: string) => TextDocument.create(uri(name), 'yaml', 1, text);
    const hoverText = (h: { contents: unknown } | null) => (h ? JSON.stringify(h.contents).replace(/"(kind|markdown|value)"|[{}:,"]/g, '') : '');

    it('without the contributor, its glob schema reports, completes and describes the charter: the doubles this prevents', async () => {
      const ls = await server(false);
      const charter = doc('plans/cabinet.rapid.yaml', `${CHARTER}    \n`);
      assert.deepEqual((await ls.doValidation(charter, false)).map((d) => d.message), ['Property statsu is not allowed.']);
      assert.ok((await ls.doComplete(charter, { line: 9, character: 4 }, false)).items.some((i) => i.label === 'status'));
      assert.match(hoverText(await ls.doHover(charter, { line: 7, character: 6 })), /final decision/);
      assert.ok((await ls.doValidation(doc('.improvekit.yaml', 'spcc: x\n'), false)).some((d) => /spcc/.test(String(d.message))), 'and the configuration schema as it stands checks the file');
    });

    it('with it, reports no schema problem and offers no completion or hover on suffixed and kind: documents', async () => {
      const ls = await server(true);
      for (const name of ['plans/cabinet.rapid.yaml', 'plans/decisions.yaml']) {
        const charter = doc(name, `${CHARTER}    \n`);
        assert.deepEqual(await ls.doValidation(charter, false), [], name);
        assert.deepEqual((await ls.doComplete(charter, { line: 9, character: 4 }, false)).items, [], name);
        assert.equal(hoverText(await ls.doHover(charter, { line: 7, character: 6 })), '', name);
        assert.equal(hoverText(await ls.doHover(charter, { line: 0, character: 1 })), '', name);
      }
    });

    it('applies a schema the document names with $schema: instead, whose problems then come beside Improvekit\'s (as the README says)', async () => {
      const ls = await server(true);
      const named = doc('plans/cabinet.rapid.yaml', `$schema: ${vscode.Uri.file(path.join(ROOT, 'schemas', 'rapid-charter.schema.json')).toString()}\n${CHARTER}`);
      assert.deepEqual((await ls.doValidation(named, false)).map((d) => d.message), ['Property statsu is not allowed.']);
    });

    it('names the Improvekit schema where Red Hat\'s status bar item shows it, and no other schema', async () => {
      installYaml();
      await activate();
      const [, requestSchema, requestSchemaContent] = calls[0] as [string, RequestSchema, RequestSchemaContent];
      // The service behind its status bar item (yaml/get/jsonSchema): the schemas of a file, with their titles.
      const { YAMLSchemaService } = await import('yaml-language-server/out/src/languageservice/services/yamlSchemaService.js' as string);
      const { parse } = await import('yaml-language-server/out/src/languageservice/parser/yamlParser07.js' as string);
      const service = new YAMLSchemaService(async (u: string) => (u.startsWith('improvekit:') ? requestSchemaContent(u) : fs.readFileSync(new URL(u), 'utf8')), { resolveRelativePath: (r: string, b: string) => new URL(r, b).toString() });
      service.registerExternalSchema(vscode.Uri.file(path.join(ROOT, 'schemas', 'rapid-charter.schema.json')).toString(), ['*.rapid.yaml', '**/decisions.yaml']);
      service.registerCustomSchemaProvider(async (resource: string) => requestSchema(resource));
      for (const name of ['plans/cabinet.rapid.yaml', 'plans/decisions.yaml']) {
        const described = await service.getSchemaDescriptionsForResource(uri(name), parse(CHARTER).documents[0]);
        assert.deepEqual(described.map((d: { uri: string; name: string }) => `${d.uri} ${d.name}`), ['improvekit://schema/rapid-charter Improvekit RAPID decision charter'], name);
      }
    });

    it('still reports YAML syntax errors itself (Improvekit reports them too, with its quick fixes)', async () => {
      const ls = await server(true);
      const broken = doc('plans/cabinet.rapid.yaml', 'kind: rapid-charter\nid: [cabinet\n');
      assert.ok((await ls.doValidation(broken, false)).length > 0);
    });

    it('completes the settings of .improvekit.yaml and reports none of its problems (Improvekit does)', async () => {
      const ls = await server(true);
      const config = doc('.improvekit.yaml', 'rules:\n  rapid/multiple-decidrs: loud\nspcc: x\n\n');
      assert.deepEqual(await ls.doValidation(config, false), []);
      const labels = (await ls.doComplete(config, { line: 3, character: 0 }, false)).items.map((i) => i.label);
      for (const setting of ['jargon', 'today', 'spc', 'ignore']) assert.ok(labels.includes(setting), `${setting} in ${labels.join(', ')}`);
      const ruleLabels = (await ls.doComplete(doc('.improvekit.yaml', 'rules:\n  \n'), { line: 1, character: 2 }, false)).items.map((i) => i.label);
      assert.ok(ruleLabels.includes('rapid/multiple-deciders'), ruleLabels.slice(0, 5).join(', '));
    });
  });
});
