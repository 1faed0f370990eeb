/**
 * The assets generated from the kind table (`npm run generate`): JSON Schemas, snippet files and
 * the parts of package.json that name kinds. A unit test fails when the committed files drift.
 */
import { KIND_SPECS, KINDS, type Kind } from './kinds';
import type { KindSnippets, SnippetSpec } from './kinds/spec';
import { jsonSchemaFiles } from './schemas/json';
import { snippets as roster } from './kinds/roster';
import { snippets as driverDiagram } from './kinds/driver-diagram';
import { snippets as pdsaCycle } from './kinds/pdsa-cycle';
import { snippets as measure } from './kinds/measure';
import { snippets as rapidCharter } from './kinds/rapid-charter';
import { snippets as leadershipModel } from './kinds/leadership-model';
import { snippets as messageMap } from './kinds/message-map';

/** Each kind's snippets, exported beside its spec (kept out of the spec so no bundle carries them). */
const SNIPPETS: Record<Kind, KindSnippets> = {
  'driver-diagram': driverDiagram,
  'pdsa-cycle': pdsaCycle,
  measure,
  'rapid-charter': rapidCharter,
  'leadership-model': leadershipModel,
  'message-map': messageMap,
  roster,
};

type SnippetFile = Record<string, { prefix: string[]; description: string; body: string[] }>;

function entry(s: SnippetSpec): SnippetFile[string] {
  return { prefix: s.prefix, description: s.description, body: s.body };
}

/** snippets/yaml.json: each kind's whole document, then every kind's items. */
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

/** package.json's `contributes.yamlValidation`: each suffix, .yaml and .yml, bound to its schema. */
export function yamlValidation(): Array<{ fileMatch: string; url: string }> {
  return KINDS.flatMap((kind) => ['yaml', 'yml'].map((ext) => ({ fileMatch: `*.${KIND_SPECS[kind].suffix}.${ext}`, url: `./schemas/${kind}.schema.json` })));
}

/** The fields of package.json generated from the kind table, applied over the rest of it. */
export function withGeneratedManifest(pkg: Record<string, unknown>): Record<string, unknown> {
  const events = (pkg.activationEvents as string[] | undefined) ?? [];
  const activationEvents = events.map((e) => (e.startsWith('workspaceContains:**/*.{') ? `workspaceContains:${suffixGlob()}` : e));
  const contributes = { ...(pkg.contributes as Record<string, unknown>), yamlValidation: yamlValidation() };
  return { ...pkg, activationEvents, contributes };
}

/** Every generated file: path relative to the repository → its text. */
export function generatedFiles(packageJson: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [name, text] of Object.entries(jsonSchemaFiles())) files[`schemas/${name}`] = text;
  files['snippets/yaml.json'] = `${JSON.stringify(yamlSnippets(), null, 2)}\n`;
  files['snippets/markdown.json'] = `${JSON.stringify(markdownSnippets(), null, 2)}\n`;
  files['package.json'] = `${JSON.stringify(withGeneratedManifest(JSON.parse(packageJson) as Record<string, unknown>), null, 2)}\n`;
  return files;
}
