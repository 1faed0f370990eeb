import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import MarkdownIt, { type Options } from 'markdown-it';
import improvekitPlugin, { installBlocks, kindOfInfo, markdownPreviewCss, renderNote, type EmbeddedBlock } from '../../src/markdown/plugin';
import { workspaceOf } from '../helpers';
import { xmlProblem } from './render/support';

const ROOT = path.join(__dirname, '..', '..');

const CHARTER = `id: cabinet
title: Cabinet decision rights
decisions:
  - id: grading
    decision: Adopt a grading policy
    recommend: cao
    perform: principals
    decide: supt
`;

function note(...parts: string[]): string {
  return parts.join('\n');
}

function fence(info: string, body: string): string {
  return `\`\`\`${info}\n${body}\`\`\`\n`;
}

function markdown(options: Options = {}): MarkdownIt {
  return new MarkdownIt({ html: false, ...options }).use(improvekitPlugin);
}

const PAYLOAD = '<script>alert(1)</script><img src=x onerror=alert(2)>';

describe('markdown: our fenced blocks in a Markdown preview', () => {
  it('names a kind only by the first word of the info string', () => {
    assert.equal(kindOfInfo('rapid-charter'), 'rapid-charter');
    assert.equal(kindOfInfo('  driver-diagram {.wide}'), 'driver-diagram');
    assert.equal(kindOfInfo('yaml'), undefined);
    assert.equal(kindOfInfo('rapid-charters'), undefined);
  });

  it('draws a ```rapid-charter fence as the preview draws the charter', () => {
    const out = markdown().render(note('# Notes', '', fence('rapid-charter', CHARTER), 'After.'));
    assert.match(out, /<div class="ik-md" data-kind="rapid-charter"><article class="ik-doc ik-doc-rapid-charter"/);
    assert.match(out, /<h1[^>]*>Cabinet decision rights<\/h1>/);
    assert.match(out, /<span class="ik-letter ik-role-decide">D<\/span>/);
    assert.doesNotMatch(out, /<pre><code class="language-rapid-charter">/);
    assert.match(out, /<p>After\.<\/p>/);
    // The drawn block is well-formed markup.
    const block = /<div class="ik-md"[\s\S]*?<\/article><\/div>/.exec(out)![0];
    assert.equal(xmlProblem(block), undefined);
  });

  it('leaves other fences to markdown-it', () => {
    const out = markdown().render(note(fence('yaml', 'kind: rapid-charter\nid: x\n'), fence('', 'plain\n'), fence('python', 'print(1)\n')));
    assert.match(out, /<pre><code class="language-yaml">kind: rapid-charter\nid: x\n<\/code><\/pre>/);
    assert.match(out, /<pre><code>plain\n<\/code><\/pre>/);
    assert.match(out, /<pre><code class="language-python">print\(1\)\n<\/code><\/pre>/);
    assert.doesNotMatch(out, /ik-md/);
  });

  it('shows a block whose YAML cannot be read as a notice that says so, escaped', () => {
    const out = markdown().render(fence('message-map', `id: x\nmessages: [${PAYLOAD}\n`));
    assert.match(out, /class="ik-md" data-kind="message-map"/);
    assert.match(out, /cannot be shown yet/);
    assert.doesNotMatch(out, /<script|<img/);
  });

  it('falls back to the code block when the renderer fails or declines', () => {
    const failing = new MarkdownIt();
    installBlocks(failing, () => {
      throw new Error('boom');
    });
    assert.match(failing.render(fence('rapid-charter', CHARTER)), /^<pre><code class="language-rapid-charter">id: cabinet/);
    const declining = new MarkdownIt();
    installBlocks(declining, () => undefined);
    assert.match(declining.render(fence('rapid-charter', CHARTER)), /^<pre><code class="language-rapid-charter">/);
  });

  it('escapes hostile text in a block', () => {
    const hostile = CHARTER.replace('Adopt a grading policy', JSON.stringify(PAYLOAD)).replace('Cabinet decision rights', JSON.stringify(`${PAYLOAD} "quoted" & more`));
    const out = markdown().render(fence('rapid-charter', hostile));
    assert.match(out, /class="ik-md"/);
    assert.doesNotMatch(out, /<script|<img|<[^>]*\sonerror=/i);
    assert.ok(out.includes('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;'));
    assert.ok(out.includes('&quot;quoted&quot; &amp; more'));
  });

  it('keeps raw HTML of the note out with html: false', () => {
    const out = markdown().render(note(`Text ${PAYLOAD}`, '', '<div onclick="x()">raw</div>', '', fence('rapid-charter', CHARTER)));
    assert.doesNotMatch(out, /<script|<img|<div onclick/);
    assert.ok(out.includes('&lt;div onclick=&quot;x()&quot;&gt;raw&lt;/div&gt;'));
    assert.match(out, /class="ik-md"/);
  });

  it('keeps the editor\'s scroll sync attributes on the block', () => {
    const md = markdown();
    // What the editor's Markdown preview does: every block token gets `data-line` and `code-line`.
    md.core.ruler.push('line_numbers', (state) => {
      for (const token of state.tokens) {
        if (token.map && token.nesting >= 0 && token.block) {
          token.attrSet('data-line', String(token.map[0]));
          token.attrJoin('class', 'code-line');
        }
      }
    });
    const out = md.render(note('# Notes', '', 'Text.', '', fence('rapid-charter', CHARTER)));
    assert.match(out, /<div data-line="4" class="code-line ik-md" data-kind="rapid-charter">/);
  });

  it('does not show front matter as a paragraph, and draws it when it is one of our documents', () => {
    const plain = markdown().render(note('---', 'title: Workshop', 'tags: [a, b]', '---', '', '# Body'));
    assert.equal(plain.trim(), '<h1>Body</h1>');
    const ours = markdown().render(note('---', 'kind: message-map', 'id: parents', 'messages:', '  - text: Tests move online in spring.', '---', '', '# Body'));
    assert.match(ours, /^<div class="ik-md"><article class="ik-doc ik-doc-message-map"/);
    assert.match(ours, /Tests move online in spring\./);
    assert.match(ours, /<h1>Body<\/h1>/);
    assert.doesNotMatch(ours, /<hr>|<h2>/);
  });

  it('a --- that is not front matter stays a rule', () => {
    assert.match(markdown().render('Text\n\n---\n\nMore\n'), /<hr>/);
    assert.match(markdown().render('---\nnot closed\n'), /<hr>/);
  });

  it('hands the renderer the block, its line and the environment', () => {
    const seen: EmbeddedBlock[] = [];
    const md = new MarkdownIt();
    installBlocks(md, (block) => {
      seen.push(block);
      return '<p>drawn</p>';
    });
    const env = { currentDocument: 'file:///ws/note.md' };
    const out = md.render(note('Intro', '', '~~~driver-diagram', 'id: k3', '~~~', ''), env);
    assert.equal(out, 'Intro\n'.replace('Intro\n', '<p>Intro</p>\n') + '<div class="ik-md" data-kind="driver-diagram"><p>drawn</p></div>\n');
    assert.deepEqual(seen, [{ kind: 'driver-diagram', origin: 'fence', content: 'id: k3\n', line: 2, env }]);
  });

  it('draws a block with the diagnostics of the note when the workspace holds the note', () => {
    const text = note('# Note', '', fence('rapid-charter', CHARTER.replace('    decide: supt\n', '')));
    const ws = workspaceOf({ 'note.md': text });
    const uri = 'file:///ws/note.md';
    const md = new MarkdownIt({ html: false }).use(improvekitPlugin, { workspace: () => ws });
    const out = md.render(text, { currentDocument: uri });
    assert.match(out, /class="ik-checks"/);
    assert.match(out, /rapid\/missing-decider/);
    // Alone (no workspace), the block shows the checks its own text decides: the missing D is one.
    assert.match(markdown().render(text), /rapid\/missing-decider/);
  });

  it('renders the workshop note of the examples with its blocks drawn', () => {
    const text = fs.readFileSync(path.join(ROOT, 'examples', 'workshop-2026-03.md'), 'utf8');
    const { title, body } = renderNote(text, 'file:///examples/workshop-2026-03.md');
    assert.equal(title, 'Cabinet workshop, 9 March 2026 — notes');
    assert.match(body, /^<article class="ik-doc ik-note">/);
    assert.match(body, /data-kind="rapid-charter"/);
    assert.match(body, /data-kind="message-map"/);
    assert.match(body, /Huddle decisions at Lincoln and the pilot schools/);
    assert.doesNotMatch(body, /language-rapid-charter|language-message-map/);
  });
});

describe('markdown: media/markdown.css', () => {
  it('is generated from the preview stylesheet (run `npm run build:markdown-css` after changing styles.ts)', () => {
    assert.equal(fs.readFileSync(path.join(ROOT, 'media', 'markdown.css'), 'utf8'), markdownPreviewCss());
  });

  it('gives the blocks a palette for light, dark and high contrast, and reaches nothing outside them', () => {
    const css = markdownPreviewCss();
    assert.match(css, /\n\.ik-md\{[^}]*--ik-fg:var\(--vscode-editor-foreground,#1f2328\)/);
    assert.match(css, /body\.vscode-dark \.ik-md[^{]*\{[^}]*--ik-bg:var\(--vscode-editor-background,#0d1117\)/);
    assert.match(css, /\nbody\.vscode-high-contrast \.ik-md\{[^}]*--ik-bg:var\(--vscode-editor-background,#0d1117\)[^}]*--ik-tint:0%;--ik-border:var\(--vscode-contrastBorder/);
    assert.match(css, /\nbody\.vscode-high-contrast-light \.ik-md\{[^}]*--ik-bg:var\(--vscode-editor-background,#ffffff\)[^}]*--ik-border:var\(--vscode-contrastBorder/);
    assert.doesNotMatch(css, /(^|\})\s*(:root|\*|body|html)\s*[{,]/);
  });
});
