/**
 * Tool tier for Terraform: the real binary formats-checks every example's output, and runs init,
 * validate and test offline on the tagging module (pure Terraform, no provider to download).
 */
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
