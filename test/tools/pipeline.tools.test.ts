/**
 * Tool tier for the pipeline: every `run:` script of the generated workflow through shellcheck
 * (as GitHub runs it: bash -e -o pipefail), and the pre-commit/scanner configs through yamllint.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { contextFor, EXAMPLES, exampleAnswers, renderExample } from '../helpers/render.js';
import { requireTool, run } from '../helpers/tools.js';

type Workflow = { jobs: Record<string, { steps: Array<{ name?: string; run?: string; shell?: string }> }> };

const WITH_PIPELINE = EXAMPLES.filter((e) => contextFor(exampleAnswers(e)).flags.components.pipeline);

function scripts(text: string): Array<{ where: string; script: string }> {
  const wf = parseYaml(text) as Workflow;
  return Object.entries(wf.jobs).flatMap(([id, job]) =>
    job.steps.filter((s) => s.run !== undefined).map((s, i) => ({ where: `${id} step ${i} (${s.name ?? 'unnamed'})`, script: s.run! })),
  );
}

function shellcheck(bin: string, script: string) {
  const dir = mkdtempSync(join(tmpdir(), 'fluxora-sc-'));
  const file = join(dir, 'step.sh');
  // GitHub runs `bash --noprofile --norc -eo pipefail {0}` for run steps on Linux.
  writeFileSync(file, `#!/usr/bin/env bash\nset -eo pipefail\n${script}\n`);
  return run(bin, ['--shell=bash', '--severity=style', '--external-sources', file]);
}

describe.each(WITH_PIPELINE)('shellcheck: %s', (example) => {
  it('passes every run: script of infra-ci.yml', async (ctx) => {
    const bin = requireTool('shellcheck', ctx);
    const text = (await renderExample(example)).get('.github/workflows/infra-ci.yml')!.content;
    const steps = scripts(text);
    expect(steps.length).toBeGreaterThan(10);
    for (const { where, script } of steps) {
      const result = shellcheck(bin, script);
      expect(result.output, where).toBe('');
      expect(result.status, where).toBe(0);
    }
  });
});

describe('shellcheck harness', () => {
  it('fails a weakened script (unquoted expansion): the check can fail', (ctx) => {
    const bin = requireTool('shellcheck', ctx);
    const result = shellcheck(bin, 'terraform -chdir=$ROOTS/$ENVIRONMENT plan');
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('SC2086');
  });
});

describe.each(WITH_PIPELINE)('yamllint on the pipeline files: %s', (example) => {
  it('passes yamllint --strict with the generated config', async (ctx) => {
    const yamllint = requireTool('yamllint', ctx);
    const files = await renderExample(example);
    const dir = mkdtempSync(join(tmpdir(), 'fluxora-yl-'));
    const paths = ['.github/workflows/infra-ci.yml', '.pre-commit-config.yaml', '.checkov.yaml', 'trivy.yaml', '.kube-linter.yaml', '.yamllint'];
    for (const p of paths) {
      const target = join(dir, p.replace(/\//g, '__'));
      writeFileSync(target, files.get(p)!.content);
    }
    const result = run(yamllint, ['--strict', '-c', join(dir, '.yamllint'), '-f', 'parsable', dir]);
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  });
});
