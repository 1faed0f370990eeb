// Writes schemas/<kind>.schema.json from the zod schemas (npm run schemas).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { jsonSchemaFiles } from '../src/core/schemas/json';

const dir = path.join(__dirname, '..', 'schemas');
fs.mkdirSync(dir, { recursive: true });
for (const [name, text] of Object.entries(jsonSchemaFiles())) {
  fs.writeFileSync(path.join(dir, name), text);
  console.log(`wrote schemas/${name}`);
}
