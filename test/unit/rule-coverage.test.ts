/**
 * Every rule of the registry is specified by fixtures and documented:
 *  (a) a "bad" case: some fixture under test/fixtures/ expects a diagnostic of the rule;
 *  (b) a "good" case: a fixture named for the rule with an `-ok` suffix, holding a document of a
 *      kind the rule checks, expects none of it. `rapid/missing-decider` is satisfied by
 *      `rapid-charter/missing-decider-ok.rapid.yaml` or a workspace folder `missing-decider-ok/`;
 *      the family may prefix the name (`pdsa-cycle/schema-invalid-ok/`) where the rule's own
 *      name says little alone;
 *  (c) a section `### \`family/name\`` in docs/rules.md (the editor links each finding there).
 * The fixtures' contents are checked against the engine by fixtures.test.ts; this test reads
 * only their expected lists.
 *
 * Engine diagnostics: `yaml/syntax` comes from a document's text and is held to all three.
 * `config/invalid` (reported on `.improvekit.yaml`, which the fixture harness parses into the
 * workspace's configuration rather than checking as a document) and `file/unreadable`
 * (reported by the CLI when it cannot read a file) cannot come from a fixture document: they
 * need only their docs section, and are specified in cli.test.ts and hostile.test.ts.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FIXTURE_DOC as DOC, fixtureEntries } from '../helpers';
import { ALL_RULES, ENGINE_RULES } from '../../src/core/rules/registry';

const DOCS = path.join(__dirname, '..', '..', 'docs', 'rules.md');

/** Engine diagnostics no fixture document can produce, and why. */
const NOT_FROM_A_DOCUMENT: Record<string, string> = {
  'config/invalid': 'reported on .improvekit.yaml, which fixtures use as configuration',
  'file/unreadable': 'reported by the CLI when reading files',
};

interface Case {
  /** `kind/case` as it appears under test/fixtures (a file, or a folder ending in `/`). */
  where: string;
  /** The case's name: the file name without `.<suffix>.yaml`, or the folder name. */
  name: string;
  /** Kinds of its documents (their `kind:`, else the folder's kind). */
  kinds: Set<string>;
  /** Every rule the case's expected lists contain. */
  rules: Set<string>;
}

function rulesIn(list: unknown): string[] {
  return Array.isArray(list) ? list.map((e: { rule?: unknown }) => String(e?.rule)) : [];
}

function kindOf(text: string, folderKind: string): string {
  return /^kind:[ \t]*([a-z-]+)/m.exec(text)?.[1] ?? folderKind;
}

function fixtureCases(): Case[] {
  const cases: Case[] = [];
  for (const { kind, dir, entry, full, folder } of fixtureEntries()) {
    if (folder) {
      const file = path.join(full, 'expected.json');
      const expected = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
      const docs = fs.readdirSync(full).filter((f) => DOC.test(f) && f !== '.improvekit.yaml');
      const kinds = new Set(docs.map((f) => kindOf(fs.readFileSync(path.join(full, f), 'utf8'), kind)));
      cases.push({ where: `${kind}/${entry}/`, name: entry, kinds, rules: new Set(Object.values(expected).flatMap(rulesIn)) });
    } else {
      const base = entry.replace(DOC, '');
      const file = path.join(dir, `${base}.expected.json`);
      const expected: unknown = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : [];
      const kinds = new Set([kindOf(fs.readFileSync(full, 'utf8'), kind)]);
      cases.push({ where: `${kind}/${entry}`, name: base.replace(/\.[a-z-]+$/, ''), kinds, rules: new Set(rulesIn(expected)) });
    }
  }
  return cases;
}

/** Markdown headings of docs/rules.md, as written (`### \`rapid/missing-decider\``). */
function docsHeadings(): Set<string> {
  const text = fs.readFileSync(DOCS, 'utf8').replace(/^```[\s\S]*?^```/gm, '');
  return new Set(text.split(/\r?\n/).filter((l) => /^#{1,6} /.test(l)).map((l) => l.trim()));
}

function okNames(id: string): string[] {
  const [family, name] = id.split('/');
  return [`${name}-ok`, `${family}-${name}-ok`];
}

interface Subject {
  id: string;
  /** Kinds of document the rule checks; undefined: any. */
  kinds?: readonly string[];
  fixtures: boolean;
}

const SUBJECTS: Subject[] = [
  ...ALL_RULES.map((r) => ({ id: r.id, kinds: r.kinds as readonly string[], fixtures: true })),
  ...ENGINE_RULES.map((r) => ({ id: r.id, fixtures: !(r.id in NOT_FROM_A_DOCUMENT) })),
];

describe('rule coverage: fixtures and docs for every rule of the registry', () => {
  const cases = fixtureCases();
  const headings = docsHeadings();

  it('exempts from fixtures only engine diagnostics that exist', () => {
    const engine = new Set(ENGINE_RULES.map((r) => r.id));
    assert.deepEqual(Object.keys(NOT_FROM_A_DOCUMENT).filter((id) => !engine.has(id)), []);
  });

  for (const s of SUBJECTS) {
    describe(s.id, () => {
      if (s.fixtures) {
        it('has a bad fixture: one whose expected diagnostics contain it', () => {
          const bad = cases.filter((c) => c.rules.has(s.id));
          assert.ok(
            bad.length > 0,
            `${s.id}: no fixture expects it. Add a document under test/fixtures/${s.kinds?.[0] ?? '<kind>'}/ that breaks the rule, with its expected.json listing ${s.id}`,
          );
        });

        it('has a good fixture named for it with an -ok suffix, that does not expect it', () => {
          const names = okNames(s.id);
          const named = cases.filter((c) => names.includes(c.name));
          const inKind = named.filter((c) => !s.kinds || s.kinds.some((k) => c.kinds.has(k)));
          const where = (s.kinds ?? ['<kind>']).map((k) => `test/fixtures/${k}/`).join(' or ');
          assert.ok(
            inKind.length > 0,
            named.length > 0
              ? `${s.id}: the good fixture ${named.map((c) => c.where).join(', ')} holds no document the rule checks (${(s.kinds ?? []).join(', ')})`
              : `${s.id}: no good fixture. Add ${names[0]}.<suffix>.yaml (or a folder ${names[0]}/) under ${where}`,
          );
          const wrong = inKind.filter((c) => c.rules.has(s.id));
          assert.deepEqual(
            wrong.map((c) => c.where),
            [],
            `${s.id}: the good fixture ${wrong.map((c) => c.where).join(', ')} expects ${s.id}; an -ok case must not`,
          );
        });
      }

      it('has a section in docs/rules.md', () => {
        const heading = `### \`${s.id}\``;
        assert.ok(headings.has(heading), `${s.id}: docs/rules.md has no section "${heading}"`);
      });
    });
  }

  it('documents no rule that the registry does not have', () => {
    const known = new Set(SUBJECTS.map((s) => s.id));
    const stale = [...headings]
      .map((h) => /^### `([a-z-]+\/[a-z0-9-]+)`$/.exec(h)?.[1])
      .filter((id): id is string => id !== undefined && !known.has(id));
    assert.deepEqual(stale, [], `docs/rules.md has sections for rules that do not exist: ${stale.join(', ')}`);
  });
});
