import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generatedFiles, suffixGlob } from '../../src/core/contributions';
import { KIND_SPECS, KINDS } from '../../src/core/kinds';

const ROOT = path.join(__dirname, '..', '..');

describe('files generated from the kind table', () => {
  const files = generatedFiles(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

  for (const name of Object.keys(files)) {
    it(`${name} is as the kind table makes it (run \`npm run generate\` when this fails)`, () => {
      assert.equal(fs.readFileSync(path.join(ROOT, name), 'utf8'), files[name]);
    });
  }

  it('holds a JSON Schema, a whole-document snippet of each format and the activation glob for every kind', () => {
    const yaml = JSON.parse(files['snippets/yaml.json']) as Record<string, { body: string[] }>;
    const markdown = JSON.parse(files['snippets/markdown.json']) as Record<string, { body: string[] }>;
    for (const kind of KINDS) {
      assert.ok(files[`schemas/${kind}.schema.json`], kind);
      assert.ok(Object.values(yaml).some((s) => s.body[0] === `kind: ${kind}`), `yaml snippet of ${kind}`);
      assert.ok(Object.values(markdown).some((s) => s.body[0] === `\`\`\`${kind}`), `markdown snippet of ${kind}`);
      const suffix = KIND_SPECS[kind].suffix;
      assert.ok(suffixGlob().includes(suffix), suffix);
    }
    const pkg = JSON.parse(files['package.json']) as { activationEvents: string[]; contributes: Record<string, unknown> };
    assert.ok(pkg.activationEvents.includes(`workspaceContains:${suffixGlob()}`));
    assert.ok(!('yamlValidation' in pkg.contributes), 'no yamlValidation: src/extension/yaml.ts binds the schemas for Red Hat\'s YAML server');
  });

  it('takes the kinds from the table: the only other table of kinds there is a Record<Kind, …> the compiler keeps complete', () => {
    const source = fs.readFileSync(path.join(ROOT, 'src', 'core', 'contributions.ts'), 'utf8');
    const snippets = fs.readFileSync(path.join(ROOT, 'src', 'core', 'kinds', 'snippets.ts'), 'utf8');
    assert.match(snippets, /const KIND_SNIPPETS: Record<Kind, KindSnippets> = \{/);
    for (const text of [source, snippets]) assert.doesNotMatch(text, /\[\s*'(?:roster|driver-diagram|pdsa-cycle|measure|rapid-charter|leadership-model|message-map)'/, 'an array of kind names');
  });
});
