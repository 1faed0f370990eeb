/**
 * The integration suite's entry, loaded by VS Code's extension host (`extensionTestsPath`):
 * runs mocha over the `*.test` files beside it. Independent of the launcher — @vscode/test-electron,
 * a real code-server, or any host that calls `run()` with the extension installed and a copy of
 * `examples/` open as the first workspace folder.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: true,
    timeout: 60_000,
    reporter: process.env.IMPROVEKIT_TEST_REPORTER || 'spec',
  });
  const grep = process.env.IMPROVEKIT_TEST_GREP;
  if (grep) mocha.grep(grep);
  // Bundled suites hold `.test.js` files; loaded from source, the `.test.ts` files need tsx.
  let files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js'));
  if (!files.length) {
    files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.ts'));
    if (files.length) require('tsx/cjs');
  }
  for (const f of files.sort()) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures ? reject(new Error(`${failures} integration test${failures === 1 ? '' : 's'} failed.`)) : resolve()));
    } catch (error) {
      reject(error);
    }
  });
}
