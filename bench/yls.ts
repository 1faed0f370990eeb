/** Drives yaml-language-server's language service (no server, no network) as the comparison for budget 2. */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { jsonSchema } from '../src/core/schemas/json';
import { KIND_SPECS, KINDS } from '../src/core/kinds';

export interface YamlValidator {
  validate(uri: string, text: string): Promise<number>;
}

export async function createYamlValidator(): Promise<YamlValidator> {
  const yls = await import('yaml-language-server');
  const schemas = new Map<string, string>(KINDS.map((kind) => [`file:///schemas/${kind}.schema.json`, JSON.stringify(jsonSchema(kind))]));
  const service = yls.getLanguageService({
    // Schemas are served from memory: nothing is fetched.
    schemaRequestService: async (uri: string) => {
      const s = schemas.get(uri);
      if (!s) throw new Error(`no schema ${uri}`);
      return s;
    },
    workspaceContext: { resolveRelativePath: (relativePath: string, resource: string) => new URL(relativePath, resource).href },
  });
  service.configure({
    validate: true,
    hover: false,
    completion: false,
    format: false,
    isKubernetes: false,
    schemas: KINDS.map((kind) => ({ uri: `file:///schemas/${kind}.schema.json`, fileMatch: [`*.${KIND_SPECS[kind].suffix}.yaml`] })),
  });
  // yaml-language-server caches parsed documents by URI and version: a fresh version each call
  // makes it parse and validate for real, as after an edit.
  let version = 0;
  return {
    async validate(uri, text) {
      const doc = TextDocument.create(uri, 'yaml', ++version, text);
      const diagnostics = await service.doValidation(doc, false);
      return diagnostics.length;
    },
  };
}
