import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { jsonSchemaFiles } from '../../src/core/schemas/json';
import { parse } from 'yaml';
import { at, check } from '../helpers';
import { isCalendarDate } from '../../src/core/schemas/kinds';

const dir = path.join(__dirname, '..', '..', 'schemas');

describe('JSON Schemas', () => {
  const files = jsonSchemaFiles();

  it('are committed and match the zod schemas (run `npm run schemas` when this fails)', () => {
    for (const [name, text] of Object.entries(files)) {
      const file = path.join(dir, name);
      assert.ok(fs.existsSync(file), `schemas/${name} is missing: run npm run schemas`);
      assert.equal(fs.readFileSync(file, 'utf8'), text, `schemas/${name} is stale: run npm run schemas`);
    }
    // Besides the kinds' schemas, only the configuration's (generated in contributions.ts).
    const extra = fs.readdirSync(dir).filter((f) => !(f in files) && f !== 'improvekit-config.schema.json');
    assert.deepEqual(extra, [], 'schemas/ holds files no zod schema generates');
  });

  it('accept the documented example, x- keys included, and refuse unknown keys', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validate = ajv.compile(JSON.parse(files['rapid-charter.schema.json']));
    const good = parse(`kind: rapid-charter
id: cabinet-2026
x-notes: kept for the cabinet retreat
decisions:
  - id: grading-policy
    decision: Adopt a standards-based grading policy
    recommend: cao
    agree: [union-president]
    decide: supt
    x-source: board minutes
`);
    assert.equal(validate(good), true, JSON.stringify(validate.errors));
    const bad = { ...good, decisons: [] };
    assert.equal(validate(bad), false);
    assert.ok(validate.errors?.some((e) => e.keyword === 'additionalProperties'));
  });

  it('carry descriptions for hover in YAML editors', () => {
    const rapid = JSON.parse(files['rapid-charter.schema.json']);
    const decide = rapid.properties.decisions.items.properties.decide;
    assert.match(JSON.stringify(decide), /final decision/);
  });
});

describe('dates', () => {
  it('accepts days of the calendar and refuses 30 February, with the reason', () => {
    for (const ok of ['2026-02-28', '2024-02-29', '2000-02-29', '2026-12-31']) assert.ok(isCalendarDate(ok), ok);
    for (const bad of ['2026-02-29', '1900-02-29', '2026-02-30', '2026-04-31', '2026-13-01', '2026-00-10', '26-1-1']) assert.ok(!isCalendarDate(bad), bad);
    const doc = 'kind: pdsa-cycle\nid: c1\ncycle: 1\nstatus: planning\nplan:\n  objective: Learn\n  start: 2026-02-30\n  end: 2026-03-10\n';
    const found = check('c1.pdsa.yaml', doc).filter((d) => d.rule === 'schema/invalid' && d.message.includes('plan.start'));
    assert.deepEqual(found.map(at), ['schema/invalid@7:10']);
    assert.match(found[0].message, /`plan\.start` is .*2026-02-30.*not a day of the calendar: check the month and the day/);
  });
});
