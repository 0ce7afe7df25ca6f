/**
 * Simulate baseline N -> N+1 for upgrade tests: a modified copy of the templates, rendered under
 * another version through the test hooks FLUXORA_TEST_TEMPLATES_DIR / FLUXORA_TEST_BASELINE_VERSION.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { templatesRoot } from '../../lib/paths.js';

export const NEXT_VERSION = '0.2.0-test';

/** The N+1 templates: .gitignore gains lines in two places, .editorconfig changes; the rest is equal. */
export function nextBaselineTemplates(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fluxora-templates-'));
  cpSync(templatesRoot, dir, { recursive: true });
  const edit = (path: string, change: (text: string) => string) => {
    const file = join(dir, path);
    const before = readFileSync(file, 'utf8');
    const after = change(before);
    if (after === before) throw new Error(`baseline N+1 edit of ${path} changed nothing`);
    writeFileSync(file, after);
  };
  edit('app/gitignore', (t) => t.replace('*.retry\n', '*.retry\n.ansible/tmp/\n').replace(/\n$/, '\n\n# Local tool caches\n.cache/\n'));
  edit('app/editorconfig', (t) => t.replace('[*.md]\ntrim_trailing_whitespace = false\n', '[*.md]\ntrim_trailing_whitespace = false\nmax_line_length = off\n'));
  return dir;
}

/** Run `fn` with the N+1 baseline active (env vars are read at call time). */
export async function withNextBaseline<T>(templates: string, fn: () => Promise<T>): Promise<T> {
  process.env.FLUXORA_TEST_TEMPLATES_DIR = templates;
  process.env.FLUXORA_TEST_BASELINE_VERSION = NEXT_VERSION;
  try {
    return await fn();
  } finally {
    delete process.env.FLUXORA_TEST_TEMPLATES_DIR;
    delete process.env.FLUXORA_TEST_BASELINE_VERSION;
  }
}

export const nextBaselineEnv = (templates: string) => ({ FLUXORA_TEST_TEMPLATES_DIR: templates, FLUXORA_TEST_BASELINE_VERSION: NEXT_VERSION });
