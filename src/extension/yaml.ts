/**
 * Beside Red Hat's YAML extension (redhat.vscode-yaml), Improvekit is the one reporter of schema
 * problems, completion and hover for its documents. Through that extension's schema contributor
 * API every YAML file Improvekit recognises (by suffix or by `kind:`) is bound to a schema that
 * names the document and constrains nothing: Red Hat's server then applies no other schema to it
 * (no glob's, no SchemaStore's) and has nothing of its own to report, complete or describe.
 * `.improvekit.yaml` is bound to its schema with the checks taken out: Improvekit reports the
 * file's problems; the schema lends Red Hat's completion and hover the setting and rule names.
 */
import * as vscode from 'vscode';
import { CONFIG_FILE } from '../core/config';
import { KIND_SPECS, isKind } from '../core/kinds';
import { baseName, fileFormat, kindFromFileName } from '../core/recognize';
import type { ExtensionEngineHost } from './engine';

export const YAML_EXTENSION_ID = 'redhat.vscode-yaml';
/** The contributor's name, which is also the scheme of the schema URIs it answers for. */
export const SCHEMA_SCHEME = 'improvekit';
const CONFIG_SCHEMA = 'config';
const MIXED = 'documents';

/** The part of redhat.vscode-yaml's exported API used here (its src/schema-extension-api.ts). */
export interface YamlExtensionApi {
  registerContributor(
    schema: string,
    requestSchema: (resource: string) => string | undefined,
    requestSchemaContent: (uri: string) => Promise<string> | string,
    label?: string,
  ): boolean;
}

type Json = Record<string, unknown>;

/** Keywords that can fail a document; everything else (titles, descriptions, structure) stays. */
const CONSTRAINTS = new Set(
  'type enum const required additionalProperties additionalItems pattern format minLength maxLength minimum maximum exclusiveMinimum exclusiveMaximum multipleOf minItems maxItems uniqueItems contains minProperties maxProperties propertyNames dependencies not if then else'.split(' '),
);

/**
 * A JSON Schema that describes what `schema` describes and rejects nothing: constraints go, an
 * `enum` becomes `examples` (still offered as completions), `oneOf` becomes `anyOf` (branches
 * that accept everything would otherwise all match, which `oneOf` forbids).
 */
export function describeOnly(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(describeOnly);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Json = {};
  for (const [key, value] of Object.entries(schema as Json)) {
    if (key === 'enum') out.examples = value;
    else if (key === 'oneOf') out.anyOf = describeOnly(value);
    else if (key === 'properties' || key === 'patternProperties' || key === 'definitions' || key === '$defs') {
      out[key] = Object.fromEntries(Object.entries(value as Json).map(([name, sub]) => [name, describeOnly(sub)]));
    } else if (!CONSTRAINTS.has(key)) out[key] = key === 'default' || key === 'examples' ? value : describeOnly(value);
  }
  return out;
}

/** The schema a document kind is bound to: its name and where its checks come from, nothing else. */
export function namingSchema(name: string): string {
  return JSON.stringify({
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: `Improvekit ${isKind(name) ? KIND_SPECS[name].label : 'documents'}`,
    description: 'Improvekit checks, completes and explains this file as you type; this schema only names it.',
  });
}

/**
 * The schema URI of a YAML file Improvekit recognises (`improvekit://schema/<kind>`), else
 * undefined so that other schemas still apply. Open editors are asked first, then the index.
 */
export function schemaFor(host: ExtensionEngineHost, resource: string): string | undefined {
  if (baseName(resource) === CONFIG_FILE) return `${SCHEMA_SCHEME}://schema/${CONFIG_SCHEMA}`;
  // An open editor (an untitled one too: the engine names it) is read as typed; other files as the index holds them.
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === resource);
  if (open ? !host.accepts(open) || open.languageId !== 'yaml' : fileFormat(resource) !== 'yaml') return undefined;
  const uri = open ? host.syncDocument(open) : resource;
  const kinds = new Set(host.workspace.file(uri)?.documents.map((d) => d.kind));
  // A suffixed file is its kind even while its YAML is too broken to hold a document.
  const kind = kinds.size ? (kinds.size === 1 ? [...kinds][0] : MIXED) : kindFromFileName(resource);
  return kind ? `${SCHEMA_SCHEME}://schema/${kind}` : undefined;
}

/**
 * Registers the contributor when redhat.vscode-yaml is installed, now or later. Whatever that
 * extension does (missing, failing to activate, an API of another shape), Improvekit only logs it.
 */
export function registerYamlSchemas(context: vscode.ExtensionContext, host: ExtensionEngineHost): vscode.Disposable {
  let registered = false;
  let configSchema: Promise<string> | undefined;
  const warn = (what: string, error: unknown) => host.log.warn(`${YAML_EXTENSION_ID}: ${what}: ${String((error as Error)?.message ?? error)}`);
  const guard = <T>(run: () => T, fallback: T): T => {
    try {
      return run();
    } catch (error) {
      warn('answering its schema request failed', error);
      return fallback;
    }
  };
  const requestSchema = (resource: string) => guard(() => schemaFor(host, resource), undefined);
  const requestSchemaContent = (uri: string): Promise<string> | string =>
    guard(() => (uri.endsWith(`/${CONFIG_SCHEMA}`) ? (configSchema ??= readConfigSchema(context, warn)) : namingSchema(uri.slice(uri.lastIndexOf('/') + 1))), '{}');

  const tryRegister = async (): Promise<void> => {
    const extension = vscode.extensions.getExtension<YamlExtensionApi>(YAML_EXTENSION_ID);
    if (registered || !extension) return;
    registered = true;
    try {
      const api = extension.isActive ? extension.exports : await extension.activate();
      // No fourth argument: it is not a label but a pattern of text that makes this contributor the only one asked, even for others' files.
      if (!api.registerContributor(SCHEMA_SCHEME, requestSchema, requestSchemaContent)) warn('not bound', `a contributor named ${SCHEMA_SCHEME} exists`);
    } catch (error) {
      warn('Improvekit documents not bound to their schemas, so its problems may come twice', error);
    }
  };
  void tryRegister();
  return vscode.extensions.onDidChange(() => void tryRegister());
}

/** schemas/improvekit-config.schema.json of this extension, described only; an empty schema if it cannot be read. */
async function readConfigSchema(context: vscode.ExtensionContext, warn: (what: string, error: unknown) => void): Promise<string> {
  try {
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'schemas', 'improvekit-config.schema.json'));
    const { $id: _id, ...schema } = describeOnly(JSON.parse(new TextDecoder().decode(bytes))) as Json;
    return JSON.stringify({ ...schema, description: 'Improvekit reports the problems of this file; this schema only names its settings.' });
  } catch (error) {
    warn(`reading the schema of ${CONFIG_FILE} failed`, error);
    return '{}';
  }
}
