/**
 * Mutation tests, data-driven: every `test/mutations/*.mutations.ts` exports `mutations: Mutation[]`.
 * For each case and each example that generates the file: copy the fresh output, apply the
 * mutation, audit; the audit must fail and name the control.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES } from './helpers/render.js';
import type { Matrix } from '../lib/compliance/types.js';
import { applyMutation, auditDir, renderWithCompliance, writeExample, type Mutation } from './compliance-helpers.js';

const modules = import.meta.glob<{ mutations: Mutation[] }>('./mutations/*.mutations.ts', { eager: true });
const MUTATIONS: Array<Mutation & { module: string }> = Object.entries(modules).flatMap(([path, m]) =>
  m.mutations.map((mutation) => ({ ...mutation, module: path.replace(/^.*\/(.*)\.mutations\.ts$/, '$1') })),
);

const cases: Array<[string, string, Mutation]> = [];
for (const example of EXAMPLES) {
  const files = await renderWithCompliance(example);
  const matrix = JSON.parse(files.get('compliance/controls.json')!.content) as Matrix;
  const audited = new Set(matrix.controls.filter((c) => c.verification === 'audit').map((c) => c.id));
  for (const m of MUTATIONS) {
    if (m.examples && !m.examples.includes(example)) continue;
    // A case applies where the file is generated and the control is promised with a check.
    if (!files.has(m.file) || !audited.has(m.control)) continue;
    cases.push([`${m.module}: ${m.name} [${m.control}]`, example, m]);
  }
}

describe('mutation harness', () => {
  it('has at least 20 cases, and every case applies to some example', () => {
    expect(MUTATIONS.length).toBeGreaterThanOrEqual(20);
    for (const m of MUTATIONS) expect(cases.some(([, , c]) => c === m), m.name).toBe(true);
  });
});

describe.each(cases)('mutation %s (%s)', (_name, example, mutation) => {
  it('fails the audit and names the control', async () => {
    const dir = await writeExample(example);
    applyMutation(dir, mutation);
    if (!mutation.deleteFile) expect(existsSync(join(dir, mutation.file))).toBe(true);
    const report = await auditDir(dir);
    expect(report.ok).toBe(false);
    const control = report.controls.find((c) => c.id === mutation.control);
    expect(control?.status, `${mutation.control} after: ${mutation.name}`).toBe('fail');
  });
});
