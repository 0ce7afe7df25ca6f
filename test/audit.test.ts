/** `yo fluxora:audit`: the same evaluation as `npx fluxora audit`, driven through yeoman-environment. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEnv } from 'yeoman-environment';
import { packageRoot } from '../lib/paths.js';
import { writeExample } from './compliance-helpers.js';

async function runAuditGenerator(cwd: string, options: Record<string, unknown>): Promise<{ code: number | undefined; out: string }> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  const before = process.exitCode;
  process.exitCode = undefined;
  try {
    const env = createEnv({ cwd, skipInstall: true } as never);
    env.register(join(packageRoot, 'dist/generators/audit/index.js'), { namespace: 'fluxora:audit' });
    await env.run(['fluxora:audit'], { skipInstall: true, ...options } as never);
    return { code: process.exitCode as number | undefined, out };
  } finally {
    spy.mockRestore();
    process.exitCode = before;
  }
}

describe('yo fluxora:audit', () => {
  afterEach(() => vi.restoreAllMocks());

  it('passes on a fresh repo and fails (exit 1, naming the control) after an edit', async () => {
    const dir = await writeExample('payments-api');
    const ok = await runAuditGenerator(dir, { format: 'json' });
    expect(ok.code ?? 0).toBe(0);
    expect((JSON.parse(ok.out.slice(ok.out.indexOf('{'))) as { ok: boolean }).ok).toBe(true);
    const path = join(dir, '.github/workflows/infra-ci.yml');
    writeFileSync(path, readFileSync(path, 'utf8').replace('permissions: {}', 'permissions: write-all'));
    const bad = await runAuditGenerator(dir, {});
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('PCI-DSS-4.0:7.2.5');
  });
});
