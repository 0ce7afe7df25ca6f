/**
 * Test helpers for the compliance tier: an example's fresh output WITH the compliance file set (the
 * way the app run will write it once it adds `complianceFilesFor(run)`), audits of a tree, and
 * declarative mutations.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { formatFiles, renderComponent, type RenderedFile } from '../lib/render/files.js';
import { complianceFiles } from '../lib/compliance/files.js';
import { runAuditChecks, type AuditReport } from '../lib/compliance/audit.js';
import { componentChecks } from '../generators/audit/registry.js';
import { contextFor, exampleAnswers, renderExample, writeTree } from './helpers/render.js';

/** An example's fresh output: the render helper already includes the compliance file set. */
export function renderWithCompliance(example: string): Promise<Map<string, RenderedFile>> {
  return renderExample(example);
}

/** Write the example's output, plus the pristine matrix the generator keeps, into a temp dir. */
export async function writeExample(example: string): Promise<string> {
  const files = await renderWithCompliance(example);
  const dir = writeTree(files, `fluxora-audit-${example}-`);
  const matrix = files.get('compliance/controls.json')!.content;
  mkdirSync(join(dir, '.fluxora/baseline/compliance'), { recursive: true });
  writeFileSync(join(dir, '.fluxora/baseline/compliance/controls.json'), matrix);
  return dir;
}

export function auditDir(dir: string, today = '2026-06-01'): Promise<AuditReport> {
  return runAuditChecks(dir, { today });
}

/**
 * A mutation: remove or weaken the implementing setting in a copy of the output. Data only:
 * `replace` (regex source, first match; must match), `deleteLine` (every line matching), `deleteFile`.
 */
export interface Mutation {
  name: string;
  /** The control the audit must name as failing. */
  control: string;
  file: string;
  /** Examples this applies to (default: every example that generates the file). */
  examples?: string[];
  replace?: { find: string; with: string };
  deleteLine?: string;
  deleteFile?: true;
}

export function applyMutation(dir: string, m: Mutation): void {
  const path = join(dir, m.file);
  if (m.deleteFile) {
    rmSync(path);
    return;
  }
  const before = readFileSync(path, 'utf8');
  let after = before;
  if (m.replace) after = after.replace(new RegExp(m.replace.find, 'm'), m.replace.with);
  if (m.deleteLine !== undefined) {
    const re = new RegExp(m.deleteLine);
    after = after.split('\n').filter((l) => !re.test(l)).join('\n');
  }
  if (after === before) throw new Error(`mutation "${m.name}" changed nothing in ${m.file}`);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, after);
}
