/**
 * The assets generated from the kind table (`npm run generate`): JSON Schemas, snippet files and
 * the parts of package.json that name kinds. A unit test fails when the committed files drift.
 */
import { KIND_SPECS, KINDS } from './kinds';
import type { SnippetSpec } from './kinds/spec';
import { jsonSchemaFiles } from './schemas/json';
import { ALL_RULES, ENGINE_RULES } from './rules/registry';
import type { OptionValue } from './rules/api';
import { CONFIG_FILE, IGNORE_LIMITS, JARGON_LIMITS } from './config';
import { KIND_SNIPPETS as SNIPPETS } from './kinds/snippets';

type SnippetFile = Record<string, { prefix: string[]; description: string; body: string[] }>;

function entry(s: SnippetSpec): SnippetFile[string] {
  return { prefix: s.prefix, description: s.description, body: s.body };
}

/** snippets/yaml.json (for other editors; VS Code gets them from completion): each kind's whole document, then every kind's items. */
export function yamlSnippets(): SnippetFile {
  const out: SnippetFile = {};
  for (const kind of KINDS) out[SNIPPETS[kind].document.name] = entry(SNIPPETS[kind].document);
  for (const kind of KINDS) for (const item of SNIPPETS[kind].items) out[item.name] = entry(item);
  return out;
}

/** snippets/markdown.json: each whole document as a fenced block (the fence names the kind). */
export function markdownSnippets(): SnippetFile {
  const out: SnippetFile = {};
  for (const kind of KINDS) {
    const doc = SNIPPETS[kind].document;
    const lines = doc.body.filter((line) => !line.startsWith('kind:') && line !== '$0');
    out[`${doc.name} block`] = {
      prefix: doc.prefix,
      description: `Improvekit: a fenced ${kind} block, a document of its own inside the notes`,
      body: ['```' + kind, ...lines, '```', '$0'],
    };
  }
  return out;
}

/** `*.{driver,pdsa,…}.{yaml,yml}`: every file a kind's suffix names. */
export function suffixGlob(): string {
  return `**/*.{${KINDS.map((k) => KIND_SPECS[k].suffix).join(',')}}.{yaml,yml}`;
}

/** The file name of the JSON Schema of `.improvekit.yaml` under `schemas/`. */
export const CONFIG_SCHEMA_FILE = 'improvekit-config.schema.json';

type Json = Record<string, unknown>;

const SEVERITY_WORDS = ['error', 'warning', 'info', 'hint', 'off'];

/** The JSON Schema of one option, from its default value (the configuration reader's types). */
function optionSchema(fallback: OptionValue): Json {
  const dflt = { default: Array.isArray(fallback) ? [...fallback] : fallback };
  if (typeof fallback === 'number') return { type: 'number', minimum: 0, ...dflt };
  if (Array.isArray(fallback)) return { type: 'array', items: { type: 'string' }, ...dflt };
  return { type: typeof fallback, ...dflt };
}

/** What a rule (or a family wildcard) takes: a severity, `true`/`false`, or `{ severity, …options }`. */
function ruleSettingSchema(description: string, options: Record<string, OptionValue>): Json {
  const properties: Json = { severity: { $ref: '#/definitions/severity' } };
  for (const [name, fallback] of Object.entries(options)) properties[name] = optionSchema(fallback);
  return { description, anyOf: [{ $ref: '#/definitions/severity' }, { $ref: '#/definitions/toggle' }, { type: 'object', properties, additionalProperties: false }] };
}

/** The JSON Schema (draft-07) of `.improvekit.yaml` (DESIGN §5), from the rule registry and the configuration reader's settings. */
export function configSchema(): Json {
  const rules: Array<{ id: string; description: string; severity: string; options?: Readonly<Record<string, OptionValue>> }> = [...ALL_RULES, ...ENGINE_RULES];
  const ruleProps: Json = {};
  for (const rule of rules) {
    ruleProps[rule.id] = ruleSettingSchema(`${rule.description} Default: ${rule.severity}.`, { ...rule.options });
  }
  const families = [...new Set(rules.map((r) => r.id.split('/')[0]))];
  for (const family of families) {
    const members = rules.filter((r) => r.id.startsWith(`${family}/`));
    const options: Record<string, OptionValue> = {};
    for (const r of members) Object.assign(options, r.options ?? {});
    ruleProps[`${family}/*`] = ruleSettingSchema(`Every \`${family}/\` rule (${members.length}); a rule named after it overrides it.`, options);
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `https://improvekit.dev/schemas/${CONFIG_SCHEMA_FILE}`,
    title: `Improvekit configuration (${CONFIG_FILE})`,
    type: 'object',
    properties: {
      $schema: { type: 'string', description: 'The JSON Schema of this file, for YAML editors; Improvekit ignores it.' },
      rules: {
        description: 'Rule ids (or `family/*`) → a severity, `off`, or `{ severity, …options }`. See docs/rules.md.',
        type: ['object', 'null'],
        properties: ruleProps,
        additionalProperties: false,
      },
      jargon: {
        description: 'Words the audience would not know (message/jargon); replaces the built-in list.',
        type: 'array',
        maxItems: JARGON_LIMITS.maxEntries,
        items: { type: 'string', maxLength: JARGON_LIMITS.maxLength },
      },
      today: {
        description: 'A fixed date for the date rules, YYYY-MM-DD (reproducible CI).',
        type: 'string',
        pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$',
      },
      spc: {
        description: 'Control-chart signal thresholds: `ihi` (Provost & Murray, the default) or `mdc` (NHS Making Data Count).',
        enum: ['ihi', 'mdc'],
      },
      ignore: {
        description: 'Globs of files never checked, relative to this folder (`drafts/**`).',
        anyOf: [
          { type: 'string', minLength: 1, maxLength: IGNORE_LIMITS.maxLength },
          { type: 'array', maxItems: IGNORE_LIMITS.maxEntries, items: { type: 'string', minLength: 1, maxLength: IGNORE_LIMITS.maxLength } },
        ],
      },
    },
    patternProperties: { '^x-': {} },
    additionalProperties: false,
    definitions: {
      severity: { description: 'The severity, or `off`.', enum: SEVERITY_WORDS },
      toggle: { description: '`false` turns the rule off; `true` (or nothing) keeps its default.', type: ['boolean', 'null'] },
    },
  };
}

/** The fields of package.json generated from the kind table, applied over the rest of it. */
export function withGeneratedManifest(pkg: Record<string, unknown>): Record<string, unknown> {
  const events = (pkg.activationEvents as string[] | undefined) ?? [];
  const activationEvents = events.map((e) => (e.startsWith('workspaceContains:**/*.{') ? `workspaceContains:${suffixGlob()}` : e));
  // No `yamlValidation`: Red Hat's YAML server, handed these schemas, would report and complete every
  // document a second time. src/extension/yaml.ts binds the documents to schemas that check nothing.
  const contributes = { ...(pkg.contributes as Record<string, unknown>) };
  delete contributes.yamlValidation;
  // No `snippets` either: completion serves them (src/core/lang/snippets.ts), only where they fit and
  // filled with the workspace's ids; contributed files would show them everywhere a second time.
  delete contributes.snippets;
  return { ...pkg, activationEvents, contributes };
}

/** Every generated file: path relative to the repository → its text. */
export function generatedFiles(packageJson: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [name, text] of Object.entries(jsonSchemaFiles())) files[`schemas/${name}`] = text;
  files[`schemas/${CONFIG_SCHEMA_FILE}`] = `${JSON.stringify(configSchema(), null, 2)}\n`;
  files['snippets/yaml.json'] = `${JSON.stringify(yamlSnippets(), null, 2)}\n`;
  files['snippets/markdown.json'] = `${JSON.stringify(markdownSnippets(), null, 2)}\n`;
  files['package.json'] = `${JSON.stringify(withGeneratedManifest(JSON.parse(packageJson) as Record<string, unknown>), null, 2)}\n`;
  return files;
}
