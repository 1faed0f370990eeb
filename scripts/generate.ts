// Writes the files generated from the kind table (npm run generate): schemas/, snippets/ and the
// kind globs of package.json (which contributes no yamlValidation). test/unit/generated.test.ts fails when they drift.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generatedFiles } from '../src/core/contributions';

const root = path.join(__dirname, '..');
const files = generatedFiles(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
for (const [name, text] of Object.entries(files)) {
  const file = path.join(root, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
  if (before === text) continue;
  fs.writeFileSync(file, text);
  console.log(`wrote ${name}`);
}
