import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { configSchema } from '../../src/core/contributions';
import { ALL_RULES, ENGINE_RULES } from '../../src/core/rules/registry';

const ROOT = path.join(__dirname, '..', '..');

describe('the JSON Schema of .improvekit.yaml', () => {
  const validate = new Ajv({ strict: false, allErrors: true }).compile(configSchema());
  const ok = (yaml: string) => validate(parse(yaml)) || assert.fail(`${yaml}: ${JSON.stringify(validate.errors)}`);
  const bad = (yaml: string) => assert.equal(validate(parse(yaml)), false, yaml);

  it('accepts the sample workspace\'s configuration and the documented settings', () => {
    ok(fs.readFileSync(path.join(ROOT, 'examples', '.improvekit.yaml'), 'utf8'));
    ok('$schema: ./schemas/improvekit-config.schema.json\nrules:\n  leadership/oversized-span: { severity: error, max_span: 8 }\n  driver/no-balancing-measure: off\n  message/*: warning\n  pdsa/overdue: false\n  yaml/syntax: true\njargon: [pedagogy]\ntoday: 2026-03-10\nspc: mdc\nignore: [drafts/**]\nx-notes: anything\n');
  });

  it('names every rule and family of the registry, with its options and defaults', () => {
    const rules = (configSchema().properties as { rules: { properties: Record<string, { anyOf: Array<{ properties?: Record<string, { default?: unknown }> }> }> } }).rules.properties;
    for (const rule of [...ALL_RULES, ...ENGINE_RULES]) {
      assert.ok(rules[rule.id], rule.id);
      assert.ok(rules[`${rule.id.split('/')[0]}/*`], `${rule.id.split('/')[0]}/*`);
    }
    assert.equal(rules['leadership/oversized-span'].anyOf[2].properties?.max_span.default, 10);
  });

  it('refuses unknown rules, settings and options, and values of the wrong type', () => {
    bad('rules:\n  leadership/oversized-spam: error\n');
    bad('rules:\n  leadership/oversized-span: { max_span: many }\n');
    bad('rules:\n  leadership/oversized-span: { max_spans: 8 }\n');
    bad('rules:\n  message/jargon: loud\n');
    bad('spc: western-electric\n');
    bad('today: 10/03/2026\n');
    bad('jargon: pedagogy\n');
    bad('ignores: [drafts/**]\n');
  });
});
