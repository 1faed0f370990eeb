import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const SRC = path.join(__dirname, '..', '..', 'src');

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

const NODE_BUILTINS = /from ['"](node:[^'"]+|fs|path|os|url|util|child_process|crypto|stream|events|buffer|worker_threads)['"]|require\(/;

describe('architecture', () => {
  it('keeps src/core free of vscode and of Node built-ins, so it runs in a browser', () => {
    const offenders = files(path.join(SRC, 'core')).filter((f) => {
      const text = fs.readFileSync(f, 'utf8');
      return NODE_BUILTINS.test(text) || /from ['"]vscode['"]/.test(text) || /\bprocess\.(env|argv|cwd|exit|platform|stdout|stderr|stdin|on|nextTick|version|versions|hrtime|memoryUsage)\b/.test(text);
    });
    assert.deepEqual(offenders.map((f) => path.relative(SRC, f)), []);
  });

  it('keeps rules away from text: no rule module imports the parser or yaml', () => {
    const offenders = files(path.join(SRC, 'core', 'rules')).filter((f) => /from ['"](yaml|\.\.\/parse)['"]/.test(fs.readFileSync(f, 'utf8').replace(/import type[^;]+;/g, '')));
    assert.deepEqual(offenders.map((f) => path.relative(SRC, f)), []);
  });

  it('has no import cycle in src/ (type-only imports count: they tie modules together too)', () => {
    const all = files(SRC);
    const edges = new Map<string, string[]>();
    for (const f of all) {
      const text = fs.readFileSync(f, 'utf8');
      const targets: string[] = [];
      for (const m of text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g)) {
        const spec = m[1] ?? m[2];
        const base = path.resolve(path.dirname(f), spec);
        const resolved = [`${base}.ts`, path.join(base, 'index.ts')].find((c) => fs.existsSync(c));
        if (resolved) targets.push(resolved);
      }
      edges.set(f, targets);
    }
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (f: string) => {
      state.set(f, 'open');
      stack.push(f);
      for (const t of edges.get(f) ?? []) {
        if (state.get(t) === 'open') cycles.push([...stack.slice(stack.indexOf(t)), t].map((x) => path.relative(SRC, x)).join(' → '));
        else if (!state.has(t)) visit(t);
      }
      stack.pop();
      state.set(f, 'done');
    };
    for (const f of all) if (!state.has(f)) visit(f);
    assert.deepEqual(cycles, []);
  });

  it('lists the kinds only in the kind table (src/core/kinds): no array of kind names, no switch over kinds elsewhere', () => {
    const { KINDS } = require('../../src/core/kinds') as typeof import('../../src/core/kinds');
    const name = `'(?:${KINDS.join('|')})'`;
    const array = new RegExp(`\\[[^\\]]*${name}[^\\]]*${name}`);
    const offenders: string[] = [];
    for (const f of files(SRC)) {
      if (f.startsWith(path.join(SRC, 'core', 'kinds') + path.sep)) continue;
      const text = fs.readFileSync(f, 'utf8');
      const cases = KINDS.filter((k) => text.includes(`case '${k}':`)).length;
      // A table keyed by kind is allowed where its type is `Record<Kind, …>`: the compiler names its gaps.
      const keyed = KINDS.filter((k) => new RegExp(`^\\s*'?${k}'?:`, 'm').test(text)).length;
      if (array.test(text) || cases >= 2 || (keyed >= 2 && !/Record<Kind,/.test(text))) offenders.push(path.relative(SRC, f));
    }
    assert.deepEqual(offenders, []);
  });
});
