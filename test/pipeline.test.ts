/**
 * The pipeline component: the workflow validated structurally (no maintained package on npm ships
 * the GitHub workflow JSON schema for ajv; @actions/workflow-parser uses its own format), the
 * pre-commit config and the scanner configs.
 */
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parse as parseToml } from './pipeline-toml.js';
import { contextFor, EXAMPLES, exampleAnswers, renderExample } from './helpers/render.js';
import { ACTIONS } from '../generators/pipeline/files.js';

type Step = { uses?: string; run?: string; name?: string; with?: Record<string, unknown>; env?: Record<string, unknown>; if?: string; 'working-directory'?: string };
type Job = { name?: string; if?: string; 'runs-on'?: string; permissions?: Record<string, string>; steps?: Step[]; needs?: string | string[]; strategy?: { matrix?: { include?: Array<Record<string, string>> } }; env?: Record<string, unknown> };
type Workflow = { name: string; on: Record<string, unknown>; permissions: unknown; jobs: Record<string, Job>; concurrency?: unknown; env?: Record<string, unknown> };

const WORKFLOW_KEYS = new Set(['name', 'on', 'permissions', 'env', 'concurrency', 'jobs', 'defaults', 'run-name']);
const JOB_KEYS = new Set(['name', 'if', 'runs-on', 'permissions', 'steps', 'needs', 'strategy', 'env', 'environment', 'timeout-minutes', 'concurrency', 'outputs', 'defaults', 'container', 'services', 'continue-on-error']);
const STEP_KEYS = new Set(['id', 'name', 'if', 'uses', 'run', 'with', 'env', 'shell', 'working-directory', 'continue-on-error', 'timeout-minutes']);
const PERMISSION_SCOPES = new Set(['actions', 'attestations', 'checks', 'contents', 'deployments', 'id-token', 'issues', 'discussions', 'packages', 'pages', 'pull-requests', 'repository-projects', 'security-events', 'statuses']);
const EVENTS = new Set(['pull_request', 'push', 'schedule', 'workflow_dispatch']);

async function workflowOf(example: string): Promise<Workflow | undefined> {
  const file = (await renderExample(example)).get('.github/workflows/infra-ci.yml');
  return file ? (parseYaml(file.content) as Workflow) : undefined;
}

const WITH_PIPELINE = EXAMPLES.filter((e) => contextFor(exampleAnswers(e)).flags.components.pipeline);

describe('examples with the pipeline', () => {
  it('are payments-api and customer-data-eu; internal-tool has no pipeline files', async () => {
    expect(WITH_PIPELINE).toEqual(['customer-data-eu', 'payments-api']);
    const files = await renderExample('internal-tool');
    expect([...files.keys()].filter((p) => p.startsWith('.github/') || p === '.pre-commit-config.yaml')).toEqual([]);
  });
});

describe.each(WITH_PIPELINE)('infra-ci workflow: %s', (example) => {
  it('has the workflow shape: known keys, events, cron, jobs with runs-on and steps', async () => {
    const wf = (await workflowOf(example))!;
    for (const key of Object.keys(wf)) expect(WORKFLOW_KEYS.has(key), key).toBe(true);
    for (const event of Object.keys(wf.on)) expect(EVENTS.has(event), event).toBe(true);
    const cron = (wf.on.schedule as Array<{ cron: string }>)[0]!.cron;
    expect(cron).toMatch(/^([0-9]|[1-5][0-9]) [0-9]+ \* \* [0-9*,-]+$/);
    for (const [id, job] of Object.entries(wf.jobs)) {
      expect(id).toMatch(/^[a-z][a-z0-9-]*$/);
      for (const key of Object.keys(job)) expect(JOB_KEYS.has(key), `${id}.${key}`).toBe(true);
      expect(job['runs-on'], id).toBe('ubuntu-24.04');
      expect((job as { 'timeout-minutes'?: number })['timeout-minutes'], id).toBeGreaterThan(0);
      expect(job.steps?.length, id).toBeGreaterThan(0);
      for (const step of job.steps!) {
        for (const key of Object.keys(step)) expect(STEP_KEYS.has(key), `${id}: ${key}`).toBe(true);
        expect(Boolean(step.uses) !== Boolean(step.run), `${id}: a step has exactly one of uses/run`).toBe(true);
      }
      for (const need of [job.needs ?? []].flat()) expect(wf.jobs[need], `${id} needs ${need}`).toBeDefined();
    }
  });

  it('grants nothing by default and least privilege per job', async () => {
    const wf = (await workflowOf(example))!;
    expect(wf.permissions).toEqual({});
    for (const [id, job] of Object.entries(wf.jobs)) {
      expect(job.permissions, id).toBeDefined();
      for (const [scope, level] of Object.entries(job.permissions!)) {
        expect(PERMISSION_SCOPES.has(scope), `${id}: ${scope}`).toBe(true);
        if (level === 'write') expect(['id-token', 'security-events'], `${id}: ${scope}: write`).toContain(scope);
        else expect(level, `${id}: ${scope}`).toBe('read');
      }
      const usesOidc = job.steps!.some((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@') || s.run?.includes('cosign sign'));
      expect(job.permissions!['id-token'] === 'write', `${id}: id-token only where OIDC is used`).toBe(usesOidc);
    }
  });

  it('pins every action by full commit SHA with the version as a trailing comment', async () => {
    const text = (await renderExample(example)).get('.github/workflows/infra-ci.yml')!.content;
    const uses = text.split('\n').filter((l) => /^\s*(-\s+)?uses:/.test(l));
    expect(uses.length).toBeGreaterThan(5);
    for (const line of uses) expect(line).toMatch(/uses: [a-z0-9-]+\/[a-z0-9-]+(\/[a-z0-9-]+)?@[0-9a-f]{40} # v[0-9]+\.[0-9]+\.[0-9]+$/);
    for (const action of Object.values(ACTIONS)) expect(action.uses).toMatch(/@[0-9a-f]{40}$/);
  });

  it('never interpolates an expression into a run script, and checks out without persisting credentials', async () => {
    const wf = (await workflowOf(example))!;
    for (const [id, job] of Object.entries(wf.jobs)) {
      for (const step of job.steps!) {
        if (step.run) expect(step.run, `${id}: ${step.name ?? step.run}`).not.toContain('${{');
        if (step.uses?.startsWith('actions/checkout@')) expect(step.with?.['persist-credentials'], id).toBe(false);
      }
    }
  });

  it('gates jobs on the components chosen and plans every environment through OIDC', async () => {
    const wf = (await workflowOf(example))!;
    const ctx = contextFor(exampleAnswers(example));
    const c = ctx.flags.components;
    const expected = ['audit', 'checkov', 'secrets', 'trivy-config', 'yamllint', ...(c.ansible ? ['ansible-lint'] : []), ...(c.terraform ? ['drift', 'plan', 'terraform'] : []), ...(c.kubernetes ? ['helm-lint', 'image', 'kube-linter'] : []), ...(c.monitoring ? ['promtool'] : [])];
    expect(Object.keys(wf.jobs).sort()).toEqual(expected.sort());
    for (const id of ['plan', 'drift']) {
      const job = wf.jobs[id]!;
      expect(job.strategy!.matrix!.include!.map((e) => e.environment)).toEqual(ctx.environments.map((e) => e.name));
      for (const [i, env] of ctx.environments.entries()) {
        expect(job.strategy!.matrix!.include![i]).toEqual({ environment: env.name, region: env.region, role: `arn:aws:iam::${env.accountId}:role/${ctx.service.name}-ci-plan` });
      }
      const creds = job.steps!.find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'))!;
      expect(creds.with!['role-to-assume']).toBe('${{ matrix.role }}');
      expect(Object.keys(creds.with!)).not.toContain('aws-access-key-id');
    }
    expect(wf.jobs.plan!.if).toBe("github.event_name == 'pull_request'");
    expect(wf.jobs.drift!.if).toContain("'schedule'");
    expect(wf.jobs.drift!.steps!.at(-1)!.run).toMatch(/-detailed-exitcode[\s\S]*2\) .*exit 1/);
  });

  it('scans with checkov (SARIF upload), trivy config, kube-linter, gitleaks, and runs fluxora audit as SARIF', async () => {
    const wf = (await workflowOf(example))!;
    const runs = (id: string) => wf.jobs[id]!.steps!.map((s) => s.run ?? '').join('\n');
    const uses = (id: string) => wf.jobs[id]!.steps!.map((s) => s.uses ?? '');
    expect(runs('checkov')).toContain('checkov --config-file .checkov.yaml');
    expect(uses('checkov').some((u) => u.startsWith('github/codeql-action/upload-sarif@'))).toBe(true);
    expect(wf.jobs['trivy-config']!.steps!.find((s) => s.uses?.startsWith('aquasecurity/trivy-action@'))!.with).toMatchObject({ 'scan-type': 'config', 'trivy-config': 'trivy.yaml', 'exit-code': '1' });
    expect(runs('secrets')).toContain('gitleaks" git --config .gitleaks.toml');
    expect(runs('audit')).toContain('fluxora audit --format sarif');
    expect(wf.env!.FLUXORA_PACKAGE).toMatch(/^generator-fluxora@[0-9]+\.[0-9]+\.[0-9]+$/);
    expect(runs('image')).toContain('cosign sign --yes "${IMAGE}@${DIGEST}"');
    expect(wf.jobs.image!.steps!.findIndex((s) => s.uses?.startsWith('aquasecurity/trivy-action@'))).toBeLessThan(wf.jobs.image!.steps!.findIndex((s) => s.run?.includes('cosign sign')));
  });
});

describe.each(WITH_PIPELINE)('pre-commit and scanner configs: %s', (example) => {
  it('pins every hook, includes the required hooks, and excludes .fluxora/', async () => {
    const files = await renderExample(example);
    const config = parseYaml(files.get('.pre-commit-config.yaml')!.content) as { exclude: string; repos: Array<{ repo: string; rev: string; hooks: Array<{ id: string }> }> };
    expect(new RegExp(config.exclude).test('.fluxora/baseline/x.yml')).toBe(true);
    expect(new RegExp(config.exclude).test('terraform/main.tf')).toBe(false);
    for (const repo of config.repos) expect(repo.rev, repo.repo).toMatch(/^v[0-9]+\.[0-9]+\.[0-9]+$/);
    const ids = config.repos.flatMap((r) => r.hooks.map((h) => h.id));
    const ctx = contextFor(exampleAnswers(example));
    for (const id of ['check-yaml', 'yamllint', 'gitleaks', 'detect-private-key', ...(ctx.flags.components.terraform ? ['terraform_fmt', 'terraform_docs'] : []), ...(ctx.flags.components.ansible ? ['ansible-lint'] : [])]) expect(ids).toContain(id);
  });

  it('every scanner config excludes .fluxora/', async () => {
    const files = await renderExample(example);
    expect((parseYaml(files.get('.checkov.yaml')!.content) as { 'skip-path': string[] })['skip-path']).toContain('.fluxora');
    expect((parseYaml(files.get('trivy.yaml')!.content) as { scan: { 'skip-dirs': string[] } }).scan['skip-dirs']).toContain('.fluxora');
    const gitleaks = parseToml(files.get('.gitleaks.toml')!.content);
    expect(gitleaks.paths).toEqual(['^\\.fluxora/']);
    expect(gitleaks.useDefault).toBe(true);
    expect(files.get('.kube-linter.yaml')!.content).toContain('checks:');
  });
});
