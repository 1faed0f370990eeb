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
      return NODE_BUILTINS.test(text) || /from ['"]vscode['"]/.test(text) || /\bprocess\./.test(text);
    });
    assert.deepEqual(offenders.map((f) => path.relative(SRC, f)), []);
  });

  it('keeps rules away from text: no rule module imports the parser or yaml', () => {
    const offenders = files(path.join(SRC, 'core', 'rules')).filter((f) => /from ['"](yaml|\.\.\/parse)['"]/.test(fs.readFileSync(f, 'utf8').replace(/import type[^;]+;/g, '')));
    assert.deepEqual(offenders.map((f) => path.relative(SRC, f)), []);
  });
});
