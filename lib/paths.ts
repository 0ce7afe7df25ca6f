import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root, found the same way from source (tests) and from dist/ (the published bin). */
function findPackageRoot(start: string): string {
  let dir = start;
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string };
      if (pkg.name === 'generator-fluxora') return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`generator-fluxora: package.json not found above ${start}`);
    dir = parent;
  }
}

export const packageRoot = findPackageRoot(dirname(fileURLToPath(import.meta.url)));
export const templatesRoot = join(packageRoot, 'templates');
export const schemasRoot = join(packageRoot, 'schemas');

const pkg = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string };
/** The baseline version is the package version. */
export const baselineVersion: string = pkg.version;
export const generatorName = 'generator-fluxora';

/*
 * Test hooks (undocumented for users): the upgrade tests simulate baseline N -> N+1 by rendering
 * from a modified copy of the templates under another version. Read at call time, not import time.
 */
export function currentTemplatesRoot(): string {
  return process.env.FLUXORA_TEST_TEMPLATES_DIR ?? templatesRoot;
}
export function currentBaselineVersion(): string {
  return process.env.FLUXORA_TEST_BASELINE_VERSION ?? baselineVersion;
}
