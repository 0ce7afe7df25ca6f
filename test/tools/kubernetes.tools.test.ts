/**
 * Tool tier for the kubernetes component: helm lint --strict and helm template for every
 * environment's values, kubectl kustomize for every platform overlay, and every raw and rendered
 * object validated against kubernetes-models (with an unknown-field check) or the tests' own schemas,
 * then the PSS restricted, hardening, kube-linter, network and RBAC checks over the rendered output.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { EXAMPLES, exampleAnswers, renderExample, writeTree } from '../helpers/render.js';
import { requireTool, run } from '../helpers/tools.js';
import {
  KUBE_LINTER_DEFAULT,
  KUBE_LINTER_OPT_IN,
  dangerousGrants,
  kubeLinter,
  networkIsolation,
  parseObjects,
  podHardening,
  podTemplates,
  pssRestricted,
  validateModel,
  type K8sObject,
} from './kubernetes-checks.js';
import { chartObjectsFromValues, kubeOutput, TEST_DIGEST } from './kubernetes-fixtures.js';
import { validateFalcoRules, validateKubeLinterConfig, validateOwned } from './kubernetes-schemas.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const KUBE_EXAMPLES = EXAMPLES.filter((e) => (exampleAnswers(e).components as string[]).includes('kubernetes'));

/** Model validation (kubernetes-models + unknown fields) or, for CRDs without a package, the owned schema. */
async function schemaProblems(object: K8sObject): Promise<string[]> {
  const model = await validateModel(object);
  if (model) return model;
  const owned = validateOwned(object);
  if (owned) return owned;
  return [`no schema for ${object.apiVersion} ${object.kind}`];
}

async function expectValid(objects: K8sObject[], where: string): Promise<void> {
  for (const o of objects) expect(await schemaProblems(o), `${where}: ${o.kind}/${o.metadata?.name}`).toEqual([]);
}

function helmTemplate(helm: string, dir: string, chartDir: string, name: string, namespace: string, args: string[]) {
  return run(helm, ['template', name, join(dir, chartDir), '--namespace', namespace, ...args]);
}

describe.each(KUBE_EXAMPLES)('kubernetes tools: %s', (example) => {
  const environments = (exampleAnswers(example).environments as { name: string }[]).map((e) => e.name);
  const setup = async () => {
    const files = await renderExample(example);
    const out = kubeOutput(files);
    const namespace = (out.raw.get('kubernetes/platform/base/namespace.yaml')![0] as Obj).metadata.name as string;
    return { files, out, namespace, dir: writeTree(files, 'fluxora-k8s-') };
  };

  it('passes helm lint --strict with the defaults and with every environment values file', async (ctx) => {
    const helm = requireTool('helm', ctx);
    const { out, dir } = await setup();
    const chart = join(dir, out.chartDir);
    const plain = run(helm, ['lint', '--strict', chart]);
    expect(plain.output).toContain('0 chart(s) failed');
    expect(plain.status).toBe(0);
    for (const env of environments) {
      const result = run(helm, ['lint', '--strict', chart, '-f', join(chart, `values-${env}.yaml`), '--set', `image.digest=${TEST_DIGEST}`]);
      expect(result.output, env).toContain('0 chart(s) failed');
      expect(result.output, env).not.toMatch(/\[(WARNING|ERROR)\]/);
      expect(result.status, env).toBe(0);
    }
  });

  it('refuses to render without an image digest, with a bad digest or with an unknown value', async (ctx) => {
    const helm = requireTool('helm', ctx);
    const { out, dir, namespace } = await setup();
    const noDigest = helmTemplate(helm, dir, out.chartDir, out.chartName, namespace, []);
    expect(noDigest.status).not.toBe(0);
    expect(noDigest.output).toContain('image.digest must be the sha256 digest');
    const tag = helmTemplate(helm, dir, out.chartDir, out.chartName, namespace, ['--set', 'image.digest=latest']);
    expect(tag.status).not.toBe(0);
    const unknown = helmTemplate(helm, dir, out.chartDir, out.chartName, namespace, ['--set', `image.digest=${TEST_DIGEST}`, '--set', 'replicas=3']);
    expect(unknown.status).not.toBe(0);
    expect(unknown.output).toMatch(/additional properties|additionalProperties|not allowed/i);
  });

  it('validates every raw manifest against kubernetes-models or the owned schemas, unknown fields rejected', async () => {
    const { files } = await setup();
    let checked = 0;
    for (const [path, file] of files) {
      if (!path.startsWith('kubernetes/') || !path.endsWith('.yaml') || path.includes('/templates/')) continue;
      if (path.includes('/helm/') || path.includes('/cluster-autoscaler/')) continue; // values files, Chart.yaml: not objects
      if (path.endsWith('.kube-linter.yaml')) {
        const config = parseYaml(file.content) as unknown;
        expect(validateKubeLinterConfig(config), `${path}: ${JSON.stringify(validateKubeLinterConfig.errors)}`).toBe(true);
        checked += 1;
        continue;
      }
      if (path.endsWith('falco-rules.yaml')) {
        const rules = parseYaml(file.content) as unknown;
        expect(validateFalcoRules(rules), `${path}: ${JSON.stringify(validateFalcoRules.errors)}`).toBe(true);
        checked += 1;
        continue;
      }
      const objects = parseObjects(file.content);
      expect(objects.length, path).toBe(1);
      await expectValid(objects, path);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(15);
  });

  describe.each(environments)('environment %s', (env) => {
    const rendered = async (ctx: { skip: (note?: string) => void }) => {
      const helm = requireTool('helm', ctx);
      const kubectl = requireTool('kubectl', ctx);
      const { out, dir, namespace } = await setup();
      const result = helmTemplate(helm, dir, out.chartDir, out.chartName, namespace, ['-f', join(dir, out.chartDir, `values-${env}.yaml`), '--set', `image.digest=${TEST_DIGEST}`]);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      const kustomized = run(kubectl, ['kustomize', join(dir, 'kubernetes', 'platform', env)]);
      expect(kustomized.stderr).toBe('');
      expect(kustomized.status).toBe(0);
      return { out, chart: parseObjects(result.stdout), platform: parseObjects(kustomized.stdout) };
    };

    it('renders the chart and the platform overlay into valid objects (models + unknown fields, owned CRD schemas)', async (ctx) => {
      const { out, chart, platform } = await rendered(ctx);
      const kinds = chart.map((o) => o.kind).sort();
      expect(kinds).toEqual(expect.arrayContaining(['Deployment', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'Service', 'ServiceAccount', 'VerticalPodAutoscaler']));
      await expectValid(chart, `helm template (${env})`);
      await expectValid(platform, `kubectl kustomize (${env})`);
      expect(platform.length).toBe([...out.raw.keys()].filter((p) => p.startsWith('kubernetes/platform/base/') || p.startsWith(`kubernetes/platform/${env}/`)).length);
      const answers = exampleAnswers(example) as Obj;
      expect(chart.some((o) => o.kind === 'Ingress')).toBe(Boolean(answers.kubernetes?.ingressHost));
      expect(chart.some((o) => o.kind === 'ServiceMonitor')).toBe((answers.components as string[]).includes('monitoring'));
    });

    it('renders what the fast tier assumes: each fixture object is a subset of its helm-rendered twin', async (ctx) => {
      const { out, chart } = await rendered(ctx);
      const fixtures = chartObjectsFromValues(out.chartName, out.valuesFor(env));
      for (const fixture of fixtures) {
        const twin = chart.find((o) => o.kind === fixture.kind && o.metadata?.name === fixture.metadata?.name);
        expect(twin, `${fixture.kind}/${fixture.metadata?.name}`).toBeDefined();
        expect(twin).toMatchObject(fixture);
      }
    });

    it('meets PSS restricted and the hardening rules in every rendered pod template', async (ctx) => {
      const { chart } = await rendered(ctx);
      const templates = podTemplates(chart);
      expect(templates.length).toBe(1);
      for (const t of templates) {
        expect(pssRestricted(t, t.owner)).toEqual([]);
        expect(podHardening(t, t.owner)).toEqual([]);
      }
      expect((chart.find((o) => o.kind === 'Deployment') as Obj).spec.replicas).toBeUndefined();
    });

    it.for([...KUBE_LINTER_DEFAULT, ...KUBE_LINTER_OPT_IN])('passes kube-linter check %s over the rendered chart and platform', async (check, ctx) => {
      const { chart, platform } = await rendered(ctx);
      expect(kubeLinter(check, [...platform, ...chart])).toEqual([]);
    });

    it('isolates the namespace and grants least privilege in the rendered output', async (ctx) => {
      const { chart, platform } = await rendered(ctx);
      const answers = exampleAnswers(example) as Obj;
      const ingressNamespaces = [...(answers.kubernetes?.ingressHost ? ['ingress-nginx'] : []), ...((answers.components as string[]).includes('monitoring') ? ['monitoring'] : [])];
      expect(networkIsolation(platform, { ingressNamespaces, egressCidrs: [answers.network.vpcCidr, ...(answers.network.egressCidrs ?? [])] })).toEqual([]);
      expect(dangerousGrants([...platform, ...chart])).toEqual([]);
      for (const sa of [...platform, ...chart].filter((o) => o.kind === 'ServiceAccount') as Obj[]) expect(sa.automountServiceAccountToken).toBe(false);
    });
  });
});

describe('schema checks catch what they promise (mutation twins)', () => {
  const sample = async () => {
    const out = kubeOutput(await renderExample('payments-api'));
    return out;
  };
  it('kubernetes-models with the unknown-field check rejects a misspelt field and a wrong type', async () => {
    const out = await sample();
    const quota = structuredClone(out.raw.get('kubernetes/platform/prod/resourcequota.yaml')![0]) as Obj;
    expect(await validateModel(quota)).toEqual([]);
    quota.spec.hardd = quota.spec.hard;
    expect(await validateModel(quota)).toContain('/spec/hardd: unknown field');
    const policy = structuredClone(out.raw.get('kubernetes/platform/base/networkpolicy-default-deny.yaml')![0]) as Obj;
    policy.spec.policyTypes = 'Ingress';
    expect((await validateModel(policy))!.length).toBeGreaterThan(0);
  });
  it('external-secrets and prometheus-operator models reject unknown fields', async () => {
    const out = await sample();
    const external = structuredClone(out.raw.get('kubernetes/platform/prod/externalsecret.yaml')![0]) as Obj;
    expect(await validateModel(external)).toEqual([]);
    external.spec.refreshIntervall = '1h';
    expect(await validateModel(external)).toContain('/spec/refreshIntervall: unknown field');
    const monitor = { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'x' }, spec: { selector: {}, endpoints: [{ port: 'metrics', intervall: '30s' }] } };
    expect(await validateModel(monitor)).toContain('/spec/endpoints/0/intervall: unknown field');
  });
  it.each([
    ['kyverno-verify-images.yaml', (o: Obj) => (o.spec.rules[0].validate.mesage = 'x')],
    ['kyverno-require-restricted-pods.yaml', (o: Obj) => (o.spec.validationFailureAction = 'Block')],
    ['istio-peerauthentication.yaml', (o: Obj) => (o.spec.mtls.mode = 'STRICTEST')],
    ['istio-authorizationpolicy.yaml', (o: Obj) => (o.spec.rules[0].from[0].source.principal = ['x'])],
  ])('the owned schema rejects a broken %s', async (file, mutate) => {
    const out = await sample();
    const object = structuredClone(out.raw.get(`kubernetes/platform/base/${file}`)![0]) as Obj;
    expect(validateOwned(object)).toEqual([]);
    mutate(object);
    expect(validateOwned(object)!.length).toBeGreaterThan(0);
  });
  it('the owned schemas reject a VPA in an unknown mode, an audit rule without level and a Falco rule with an unknown key', async () => {
    const vpa = { apiVersion: 'autoscaling.k8s.io/v1', kind: 'VerticalPodAutoscaler', metadata: { name: 'x' }, spec: { targetRef: { kind: 'Deployment', name: 'x' }, updatePolicy: { updateMode: 'Sometimes' } } };
    expect(validateOwned(vpa)!.length).toBeGreaterThan(0);
    const audit = { apiVersion: 'audit.k8s.io/v1', kind: 'Policy', rules: [{ verbs: ['get'] }] };
    expect(validateOwned(audit)!.length).toBeGreaterThan(0);
    expect(validateFalcoRules([{ rule: 'r', desc: 'd', condition: 'c', output: 'o', priority: 'ERROR', tag: ['x'] }])).toBe(false);
  });
});
