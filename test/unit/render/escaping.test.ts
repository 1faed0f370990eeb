import assert from 'node:assert/strict';
import { parse, stringify } from 'yaml';
import { DRIVER, LEADERSHIP, MESSAGE, PDSA_1, PDSA_2, RAPID, ROSTER, pdsaWithPoints } from './samples';
import { svgsOf, xmlProblem } from './support';
import { workspaceOf } from '../../helpers';
import { escapeHtml, rapidMarkdownTable, renderDocument, renderPage, toMermaid } from '../../../src/core/render';

/** What an attacker would write into a document's text. */
const PAYLOAD = '<script>alert(1)</script>"onmouseover="x javascript:alert(1)';

/**
 * Every string of a document becomes the payload followed by the original (so that references
 * still match their ids: `k3#c-huddles` becomes `<payload k3>#<payload c-huddles>`).
 * `keep` names keys left as they are (enum values, to render the known-value paths too).
 */
function hostile(yamlText: string, keep: readonly string[] = []): string {
  const poison = (s: string) => s.split('#').map((part) => `${PAYLOAD} ${part}`).join('#');
  const walk = (value: unknown, key?: string): unknown => {
    if (typeof value === 'string') return key === 'kind' || (key && keep.includes(key)) ? value : poison(value);
    if (Array.isArray(value)) return value.map((v) => walk(v, key));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    return value;
  };
  return stringify(walk(parse(yamlText)));
}

const ENUMS = ['status', 'type', 'category', 'evaluation', 'decision', 'prediction_met', 'responsibilities', 'release_time', 'date'];

const SAMPLES: Record<string, string> = {
  'k3.driver.yaml': DRIVER,
  'huddles-1.pdsa.yaml': PDSA_1,
  'huddles-2.pdsa.yaml': PDSA_2,
  'cabinet.rapid.yaml': RAPID,
  'lincoln.leadership.yaml': LEADERSHIP,
  'parents.message.yaml': MESSAGE,
  'district.roster.yaml': ROSTER,
  'series.pdsa.yaml': pdsaWithPoints([1, 2, 1, 2, 1, 2, 8, 9, 8, 9, 8, 9]),
};

function assertSafe(markup: string, where: string): void {
  assert.ok(!/<script/i.test(markup), `${where}: an unescaped <script`);
  assert.ok(!markup.includes('"onmouseover="'), `${where}: an attribute broken out of`);
  assert.ok(!/\son[a-z]+\s*=/i.test(markup), `${where}: an event handler attribute`);
  assert.ok(!/\s(?:href|src|xlink:href|action|formaction)\s*=/i.test(markup), `${where}: a URL attribute`);
  assert.ok(!/=\s*["']?\s*javascript:/i.test(markup), `${where}: a javascript: URL`);
  assert.ok(!/\sstyle\s*=/i.test(markup), `${where}: an inline style (the CSP forbids them)`);
}

describe('render: escaping', () => {
  for (const [mode, keep] of [
    ['every string', []],
    ['every text (known enum values kept)', ENUMS],
  ] as const) {
    describe(mode, () => {
      const files = Object.fromEntries(Object.entries(SAMPLES).map(([name, text]) => [name, hostile(text, keep)]));
      const ws = workspaceOf(files);
      for (const name of Object.keys(SAMPLES)) {
        it(`escapes everything in ${name}`, () => {
          const uri = `file:///ws/${name}`;
          const doc = ws.file(uri)!.documents[0];
          assert.ok(doc?.data, 'the hostile document parses');
          const { title, body } = renderDocument(doc, { diagnostics: ws.diagnostics(uri), workspace: ws });
          assertSafe(body, name);
          assert.equal(xmlProblem(body), undefined, `${name}: well-formed`);
          for (const svg of svgsOf(body)) assert.equal(xmlProblem(svg), undefined);
          // The text is there, escaped: it was rendered, not dropped.
          const shown = (body.match(/&lt;script&gt;alert\(1\)&lt;\/script&gt;&quot;onmouseover=&quot;x/g) ?? []).length;
          assert.ok(shown >= 3, `${name}: the payload shows as text (${shown} times)`);
          const page = renderPage([{ title, body }], { title, inlineCss: true });
          assert.ok(!/<script/i.test(page));
          assert.ok(page.includes(`<title>${escapeHtml(title)}</title>`));
        });
      }

      it('renders the fields of each kind (each original text present)', () => {
        const render = (name: string) => {
          const doc = ws.file(`file:///ws/${name}`)!.documents[0];
          return renderDocument(doc, { diagnostics: ws.diagnostics(`file:///ws/${name}`), workspace: ws }).body;
        };
        const expect: Record<string, string[]> = {
          'k3.driver.yaml': ['Grade 3 reading', 'literacy', 'grade 3 students in 12 schools', '42%', 'Data use drives instruction', 'Twenty minutes with a template', 'Share at or above grade level on the screener', 'three times a year'],
          'huddles-2.pdsa.yaml': ['Leads time each huddle', 'two grade teams', 'Draft the template', 'Most will', 'Jefferson held 4 of 6', 'A result for no question', 'Lincoln held all six huddles.', 'Assemblies took two slots.', 'The template works when the time is protected.', 'template arrives'],
          'huddles-1.pdsa.yaml': ['Add a template.', 'Teachers come prepared.'],
          'cabinet.rapid.yaml': ['Adopt a standards-based grading policy', 'Principals drafted the guidance', 'Approved in March', 'union', 'teachers'],
          'lincoln.leadership.yaml': ['Lincoln Elementary', 'Rosa Delgado', 'The Team Leads', 'Carla', 'Team Lead'],
          'parents.message.yaml': ['parents of grade 3 to 8 students', 'What changes for my child?', 'Practice tests open in March', 'this spring.'],
          'district.roster.yaml': ['Dr. Elena Marsh', 'marsh@example.org', 'All principals', 'Rosa Delgado'],
        };
        for (const [name, words] of Object.entries(expect)) {
          const body = render(name);
          for (const w of words) assert.ok(body.includes(escapeHtml(w)), `${name}: ${w}`);
        }
      });

      it('keeps hostile text out of the Mermaid and Markdown exports', () => {
        const driver = ws.file('file:///ws/k3.driver.yaml')!.documents[0];
        const mermaid = toMermaid(driver);
        assert.ok(!/[<>]/.test(mermaid.replace(/ --- /g, '')), 'no < or > in Mermaid labels');
        for (const line of mermaid.split('\n').filter((l) => /^\s+[APSC]\d+[([]/.test(l))) {
          // One quoted label per node line: the label cannot end early.
          assert.equal((line.match(/"/g) ?? []).length, 2, line);
        }
        const rapid = ws.file('file:///ws/cabinet.rapid.yaml')!.documents[0];
        const table = rapidMarkdownTable(rapid, ws);
        assert.ok(!/<script/i.test(table));
        const columns = table.split('\n')[0].split(/(?<!\\)\|/).length;
        for (const row of table.trim().split('\n')) assert.equal(row.split(/(?<!\\)\|/).length, columns, row);
      });
    });
  }

  it('escapes text, attributes and SVG text alike', () => {
    assert.equal(escapeHtml(`<a href="x" onclick='y'>&\`</a>`), '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&#96;&lt;/a&gt;');
    assert.equal(escapeHtml('ok \u0000\u0008 \ud800 done'), 'ok \ufffd\ufffd \ufffd done');
  });
});
