#!/usr/bin/env node
// npm run docs: regenerate the README's answers table from schemas/answers.schema.json.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withAnswersTable } from '../dist/lib/answers/table.js';

const readme = join(dirname(fileURLToPath(import.meta.url)), '..', 'README.md');
writeFileSync(readme, withAnswersTable(readFileSync(readme, 'utf8')));
