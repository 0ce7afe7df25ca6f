/**
 * Tool tier for the ansible component: ansible-playbook --syntax-check, ansible-lint --strict and
 * ansible-lint --profile production (zero violations), on every example that includes ansible.
 * Real convergence against a Debian 12 chroot lives in ansible-converge.tools.test.ts.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, contextFor, exampleAnswers, renderExample, writeTree } from '../helpers/render.js';
import { requireTool, run } from '../helpers/tools.js';

/** The collections shipped with the Debian ansible package (the pinned versions in requirements.yml). */
const SYSTEM_COLLECTIONS = '/usr/lib/python3/dist-packages/ansible_collections';
const ANSIBLE_ENV = { ANSIBLE_COLLECTIONS_PATH: SYSTEM_COLLECTIONS, ANSIBLE_NOCOLOR: '1', NO_COLOR: '1', ANSIBLE_LOCAL_TEMP: '/tmp/fluxora-ansible-local' };
const WITH_ANSIBLE = EXAMPLES.filter((name) => contextFor(exampleAnswers(name)).flags.components.ansible);

async function ansibleDir(example: string): Promise<string> {
  return join(writeTree(await renderExample(example), 'fluxora-ansible-'), 'ansible');
}

describe('ansible tool tier covers the examples', () => {
  it('includes payments-api and customer-data-eu, and not internal-tool', () => {
    expect(WITH_ANSIBLE).toEqual(expect.arrayContaining(['payments-api', 'customer-data-eu']));
    expect(WITH_ANSIBLE).not.toContain('internal-tool');
  });
});

describe.each(WITH_ANSIBLE)('ansible: %s', (example) => {
  it('passes ansible-playbook --syntax-check for every playbook and environment', async (ctx) => {
    const playbook = requireTool('ansible-playbook', ctx);
    const dir = await ansibleDir(example);
    const envs = contextFor(exampleAnswers(example)).environments.map((env) => env.name);
    for (const env of envs) {
      for (const book of ['playbooks/site.yml', 'playbooks/compliance-check.yml']) {
        const result = run(playbook, ['--syntax-check', '-i', `inventories/${env}/hosts.yml`, book], { cwd: dir, env: ANSIBLE_ENV });
        expect(result.status, `${env} ${book}\n${result.output}`).toBe(0);
      }
    }
  }, 120_000);

  it('passes ansible-lint --strict with zero violations', async (ctx) => {
    const lint = requireTool('ansible-lint', ctx);
    const dir = await ansibleDir(example);
    const result = run(lint, ['--offline', '--strict', '-p', '--nocolor'], { cwd: dir, env: ANSIBLE_ENV });
    expect(result.output).not.toMatch(/^[^\s].*:\d+: /m);
    expect(result.status, result.output).toBe(0);
  }, 180_000);

  it('passes ansible-lint --profile production with zero violations', async (ctx) => {
    const lint = requireTool('ansible-lint', ctx);
    const dir = await ansibleDir(example);
    const result = run(lint, ['--offline', '--profile', 'production', '--strict', '-p', '--nocolor'], { cwd: dir, env: ANSIBLE_ENV });
    expect(result.output).toMatch(/Passed with production profile: 0 failure\(s\), 0 warning\(s\)/);
    expect(result.status, result.output).toBe(0);
  }, 180_000);

  it('fails ansible-lint on a mutated role (the gate can fail)', async (ctx) => {
    const lint = requireTool('ansible-lint', ctx);
    const dir = await ansibleDir(example);
    const { appendFileSync } = await import('node:fs');
    appendFileSync(join(dir, 'roles/patching/tasks/debian.yml'), '\n- name: Mutation without FQCN or mode\n  copy:\n    dest: /etc/fluxora-mutation\n    content: x\n');
    const result = run(lint, ['--offline', '--strict', '-p', '--nocolor'], { cwd: dir, env: ANSIBLE_ENV });
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/fqcn|risky-file-permissions/);
  }, 180_000);
});
