/**
 * Tool tier for Terraform: the real binary formats-checks every example's output, and runs init,
 * validate and test offline on the tagging module (pure Terraform, no provider to download).
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, exampleAnswers, renderExample, writeTree } from '../helpers/render.js';
import { requireTool, run } from '../helpers/tools.js';

const TERRAFORM_EXAMPLES = EXAMPLES.filter((e) => (exampleAnswers(e).components as string[] | undefined)?.includes('terraform') ?? true);

describe.each(TERRAFORM_EXAMPLES)('terraform: %s', (example) => {
  it('passes terraform fmt -check -recursive', async (ctx) => {
    const terraform = requireTool('terraform', ctx);
    const files = await renderExample(example);
    expect([...files.keys()].some((p) => p.startsWith('terraform/'))).toBe(true);
    const dir = writeTree(files);
    const result = run(terraform, ['fmt', '-check', '-recursive', '-diff', 'terraform'], { cwd: dir });
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  });

  it('inits, validates and tests the tagging module offline', async (ctx) => {
    const terraform = requireTool('terraform', ctx);
    const dir = join(writeTree(await renderExample(example)), 'terraform', 'modules', 'tagging');
    const init = run(terraform, ['init', '-backend=false', '-input=false', '-no-color'], { cwd: dir });
    expect(init.status, init.output).toBe(0);
    const validate = run(terraform, ['validate', '-no-color'], { cwd: dir });
    expect(validate.status, validate.output).toBe(0);
    const test = run(terraform, ['test', '-no-color'], { cwd: dir });
    expect(test.status, test.output).toBe(0);
    expect(test.output).toMatch(/Success! [0-9]+ passed, 0 failed/);
    expect(test.output).not.toMatch(/\bfail\b/);
  });
});

describe.each(TERRAFORM_EXAMPLES)('terraform Makefile: %s', (example) => {
  it('runs fmt-check and the tagging tests through make with the real terraform', async (ctx) => {
    requireTool('terraform', ctx);
    const make = requireTool('make', ctx);
    const dir = join(writeTree(await renderExample(example)), 'terraform');
    const fmt = run(make, ['fmt-check'], { cwd: dir });
    expect(fmt.status, fmt.output).toBe(0);
    const test = run(make, ['test'], { cwd: dir });
    expect(test.status, test.output).toBe(0);
    expect(test.output).toMatch(/0 failed/);
  });

  it('drift: exits 2 when a plan reports changes, 0 when none, 1 when a plan fails; never takes the lock', async (ctx) => {
    const bash = requireTool('bash', ctx);
    const dir = join(writeTree(await renderExample(example)), 'terraform');
    // A stand-in terraform: plan exits with PLAN_EXIT_<env> (default 0), or 9 without -detailed-exitcode and -lock=false.
    const fake = join(dir, 'fake-terraform.sh');
    writeFileSync(
      fake,
      '#!/usr/bin/env bash\nenv="${1#-chdir=environments/}"\nif [ "$2" = plan ]; then\n  case " $* " in *" -detailed-exitcode -lock=false "*) ;; *) exit 9 ;; esac\n  var="PLAN_EXIT_${env}"; exit "${!var:-0}"\nfi\nexit 0\n',
      { mode: 0o755 },
    );
    const envs = readdirSync(join(dir, 'environments')).sort();
    const last = envs[envs.length - 1]!;
    const drift = (env: Record<string, string>) => run(bash, ['scripts/drift.sh'], { cwd: dir, env: { TERRAFORM: fake, ...env } });
    const none = drift({});
    expect(none.status, none.output).toBe(0);
    for (const env of envs) expect(none.output).toContain(`${env}: no drift`);
    const changed = drift({ [`PLAN_EXIT_${last}`]: '2' });
    expect(changed.status, changed.output).toBe(2);
    expect(changed.output).toContain(`${last}: DRIFT`);
    const failed = drift({ [`PLAN_EXIT_${envs[0]}`]: '1', [`PLAN_EXIT_${last}`]: '2' });
    expect(failed.status, failed.output).toBe(1);
    const viaMake = run(requireTool('make', ctx), ['-s', 'drift', `TERRAFORM=${fake}`], { cwd: dir, env: { [`PLAN_EXIT_${last}`]: '2' } });
    expect(viaMake.output).toContain(`${last}: DRIFT`);
    expect(viaMake.status).not.toBe(0);
  });

  it('drift.sh passes shellcheck', async (ctx) => {
    const shellcheck = requireTool('shellcheck', ctx);
    const dir = join(writeTree(await renderExample(example)), 'terraform');
    const result = run(shellcheck, ['scripts/drift.sh'], { cwd: dir });
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  });
});
