/**
 * The kubernetes component, fast tier: for every example and environment, the platform objects and
 * the chart (as its templates build it from the values) meet the restricted profile, kube-linter's
 * checks, network isolation and least-privilege RBAC. Every check has a mutation twin that fails.
 */
import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { EXAMPLES, exampleAnswers, renderAnswers, renderExample } from './helpers/render.js';
import { validateAnswers } from '../lib/answers/schema.js';
import {
  KUBE_LINTER_DEFAULT,
  KUBE_LINTER_OPT_IN,
  PSS_RULES,
  dangerousGrants,
  kubeLinter,
  networkIsolation,
  podHardening,
  podTemplates,
  pssRestricted,
  type K8sObject,
  type KubeLinterCheck,
  type PssRule,
} from './tools/kubernetes-checks.js';
import { chartObjectsFromValues, kubeOutput, TEST_DIGEST } from './tools/kubernetes-fixtures.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const KUBE_EXAMPLES = EXAMPLES.filter((e) => (exampleAnswers(e).components as string[]).includes('kubernetes'));

async function outputOf(example: string) {
  return kubeOutput(await renderExample(example));
}

/** Everything the cluster would hold for one environment: platform objects + the chart's objects. */
async function objectsFor(example: string, env: string): Promise<K8sObject[]> {
  const out = await outputOf(example);
  return [...out.platform(env), ...chartObjectsFromValues(out.chartName, out.valuesFor(env))];
}

const clone = <T>(v: T): T => structuredClone(v);
const deploymentOf = (objects: K8sObject[]) => objects.find((o) => o.kind === 'Deployment') as Obj;
const podOf = (objects: K8sObject[]) => deploymentOf(objects).spec.template.spec as Obj;
const containerOf = (objects: K8sObject[]) => podOf(objects).containers[0] as Obj;

it('covers the examples that include kubernetes', () => {
  expect(KUBE_EXAMPLES).toEqual(['customer-data-eu', 'internal-tool', 'payments-api']);
});

// ---------------------------------------------------------------------------------------------
// PSS restricted: one mutation per rule of the profile

const PSS_MUTATIONS: Record<PssRule, (pod: Obj) => void> = {
  'baseline/host-process': (pod) => (pod.securityContext.windowsOptions = { hostProcess: true }),
  'baseline/host-namespaces': (pod) => (pod.hostNetwork = true),
  'baseline/privileged': (pod) => (pod.containers[0].securityContext.privileged = true),
  'baseline/capabilities': (pod) => (pod.containers[0].securityContext.capabilities.add = ['SYS_ADMIN']),
  'baseline/host-path-volumes': (pod) => pod.volumes.push({ name: 'host', hostPath: { path: '/var/run' } }),
  'baseline/host-ports': (pod) => (pod.containers[0].ports[0].hostPort = 8080),
  'baseline/apparmor': (pod) => (pod.securityContext.appArmorProfile = { type: 'Unconfined' }),
  'baseline/selinux': (pod) => (pod.securityContext.seLinuxOptions = { type: 'spc_t' }),
  'baseline/proc-mount': (pod) => (pod.containers[0].securityContext.procMount = 'Unmasked'),
  'baseline/seccomp': (pod) => (pod.containers[0].securityContext.seccompProfile = { type: 'Unconfined' }),
  'baseline/sysctls': (pod) => (pod.securityContext.sysctls = [{ name: 'kernel.msgmax', value: '65536' }]),
  'restricted/volume-types': (pod) => pod.volumes.push({ name: 'nfs', nfs: { server: 'nfs.example.com', path: '/' } }),
  'restricted/privilege-escalation': (pod) => delete pod.containers[0].securityContext.allowPrivilegeEscalation,
  'restricted/run-as-non-root': (pod) => {
    delete pod.securityContext.runAsNonRoot;
    delete pod.containers[0].securityContext.runAsNonRoot;
  },
  'restricted/run-as-user': (pod) => (pod.containers[0].securityContext.runAsUser = 0),
  'restricted/seccomp': (pod) => {
    delete pod.securityContext.seccompProfile;
    delete pod.containers[0].securityContext.seccompProfile;
  },
  'restricted/capabilities': (pod) => (pod.containers[0].securityContext.capabilities = { drop: ['NET_RAW'] }),
};

// ---------------------------------------------------------------------------------------------
// kube-linter: one mutation per check

const LINTER_MUTATIONS: Record<KubeLinterCheck, (objects: K8sObject[]) => void> = {
  'latest-tag': (o) => (containerOf(o).image = `${String(containerOf(o).image).split('@')[0]}:latest`),
  'run-as-non-root': (o) => {
    delete podOf(o).securityContext.runAsNonRoot;
    delete podOf(o).securityContext.runAsUser;
    delete containerOf(o).securityContext.runAsNonRoot;
    delete containerOf(o).securityContext.runAsUser;
  },
  'privilege-escalation-container': (o) => (containerOf(o).securityContext.allowPrivilegeEscalation = true),
  'no-read-only-root-fs': (o) => (containerOf(o).securityContext.readOnlyRootFilesystem = false),
  'unset-cpu-requirements': (o) => delete containerOf(o).resources.requests.cpu,
  'unset-memory-requirements': (o) => delete containerOf(o).resources.limits.memory,
  'pdb-min-available': (o) => {
    const pdb = o.find((x) => x.kind === 'PodDisruptionBudget') as Obj;
    delete pdb.spec.maxUnavailable;
    pdb.spec.minAvailable = 100;
  },
  'pdb-max-unavailable': (o) => ((o.find((x) => x.kind === 'PodDisruptionBudget') as Obj).spec.maxUnavailable = 0),
  'non-existent-service-account': (o) => (podOf(o).serviceAccountName = 'no-such-account'),
  'default-service-account': (o) => delete podOf(o).serviceAccountName,
  'dangling-service': (o) => ((o.find((x) => x.kind === 'Service') as Obj).spec.selector = { 'app.kubernetes.io/name': 'other' }),
  'mismatching-selector': (o) => (deploymentOf(o).spec.selector.matchLabels = { 'app.kubernetes.io/name': 'other' }),
  'dangling-horizontalpodautoscaler': (o) => ((o.find((x) => x.kind === 'HorizontalPodAutoscaler') as Obj).spec.scaleTargetRef.name = 'other'),
  'liveness-port': (o) => (containerOf(o).livenessProbe.httpGet.port = 'admin'),
  'readiness-port': (o) => (containerOf(o).readinessProbe.httpGet.port = 9999),
  'startup-port': (o) => (containerOf(o).startupProbe.httpGet.port = 'admin'),
  'pdb-unhealthy-pod-eviction-policy': (o) => delete (o.find((x) => x.kind === 'PodDisruptionBudget') as Obj).spec.unhealthyPodEvictionPolicy,
  'drop-net-raw-capability': (o) => (containerOf(o).securityContext.capabilities.drop = ['SYS_ADMIN']),
  'privileged-ports': (o) => (containerOf(o).ports[0].containerPort = 80),
  'wildcard-in-rules': (o) => ((o.find((x) => x.kind === 'Role') as Obj).rules = [{ apiGroups: [''], resources: ['*'], verbs: ['get'] }]),
  'access-to-secrets': (o) => ((o.find((x) => x.kind === 'Role') as Obj).rules = [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }]),
  'cluster-admin-role-binding': (o) => ((o.find((x) => x.kind === 'RoleBinding') as Obj).roleRef.name = 'cluster-admin'),
  'no-liveness-probe': (o) => delete containerOf(o).livenessProbe,
  'no-readiness-probe': (o) => delete containerOf(o).readinessProbe,
};

describe.each(KUBE_EXAMPLES)('kubernetes: %s', (example) => {
  it('has one platform overlay and one values file per environment', async () => {
    const out = await outputOf(example);
    const answers = exampleAnswers(example) as { environments: { name: string }[] };
    expect(out.environments.sort()).toEqual(answers.environments.map((e) => e.name).sort());
  });

  it('writes no plaintext Secret anywhere', async () => {
    const files = await renderExample(example);
    for (const [path, file] of files) {
      if (!path.startsWith('kubernetes/')) continue;
      expect(file.content, path).not.toMatch(/^kind:\s*Secret\s*$/m);
      expect(file.content, path).not.toMatch(/^\s*(stringData|data):\s*$/m);
    }
  });

  it('writes plain YAML: no anchors or aliases a reader would have to resolve', async () => {
    const files = await renderExample(example);
    for (const [path, file] of files) {
      if (path.startsWith('kubernetes/') && path.endsWith('.yaml') && !path.includes('/templates/')) expect(file.content, path).not.toMatch(/(^|\s)[&*][A-Za-z0-9_-]+\s*$/m);
    }
  });

  it('enables the kube-linter opt-ins the baseline promises in kubernetes/.kube-linter.yaml', async () => {
    const files = await renderExample(example);
    const config = parseYaml(files.get('kubernetes/.kube-linter.yaml')!.content) as Obj;
    expect(config.checks.doNotAutoAddDefaults).toBe(false);
    for (const check of [...KUBE_LINTER_OPT_IN, 'default-service-account']) expect(config.checks.include).toContain(check);
  });

  it('labels the namespace for Pod Security Admission restricted, pinned to a version', async () => {
    const out = await outputOf(example);
    const ns = out.raw.get('kubernetes/platform/base/namespace.yaml')![0] as Obj;
    for (const mode of ['enforce', 'audit', 'warn']) {
      expect(ns.metadata.labels[`pod-security.kubernetes.io/${mode}`]).toBe('restricted');
      expect(ns.metadata.labels[`pod-security.kubernetes.io/${mode}-version`]).toMatch(/^v1\.[0-9]+$/);
    }
  });

  it('syncs secrets through External Secrets with a refresh interval, from the backend in the answers', async () => {
    const out = await outputOf(example);
    const backend = (exampleAnswers(example).secrets as { backend: string }).backend;
    for (const env of out.environments) {
      const objects = out.platform(env);
      const store = objects.find((o) => o.kind === 'SecretStore') as Obj;
      const external = objects.find((o) => o.kind === 'ExternalSecret') as Obj;
      if (backend === 'vault') {
        expect(store.spec.provider.vault.auth.kubernetes.serviceAccountRef.name).toBeTruthy();
        expect(store.spec.provider.vault.server).toMatch(/^https:\/\//);
      } else {
        expect(store.spec.provider.aws.service).toBe('SecretsManager');
        const sa = objects.find((o) => o.kind === 'ServiceAccount' && o.metadata?.name === store.spec.provider.aws.auth.jwt.serviceAccountRef.name) as Obj;
        expect(sa.metadata.annotations['eks.amazonaws.com/role-arn']).toMatch(/^arn:aws:iam::[0-9]{12}:role\//);
      }
      expect(external.spec.refreshInterval).toMatch(/^[0-9]+[mh]$/);
      expect(external.spec.secretStoreRef.name).toBe(store.metadata.name);
      expect(external.spec.dataFrom[0].extract.key).toMatch(new RegExp(`/${env}$`));
    }
  });

  it('gives production at least 3 replicas spread across zones, and never sets replicas beside the HPA', async () => {
    const out = await outputOf(example);
    const answers = exampleAnswers(example) as { environments: { name: string; tier: string }[] };
    for (const env of answers.environments) {
      const values = out.valuesFor(env.name);
      const objects = chartObjectsFromValues(out.chartName, values);
      expect(deploymentOf(objects).spec.replicas).toBeUndefined();
      expect(values.autoscaling.minReplicas).toBeLessThanOrEqual(values.autoscaling.maxReplicas);
      if (env.tier === 'large' || env.name === 'prod') {
        expect(values.autoscaling.minReplicas).toBeGreaterThanOrEqual(3);
        expect(values.topologySpread.zone.whenUnsatisfiable).toBe('DoNotSchedule');
      }
    }
  });

  it('keeps the VPA in Off or Initial mode and off every resource the HPA scales on', async () => {
    const out = await outputOf(example);
    for (const env of out.environments) {
      const objects = chartObjectsFromValues(out.chartName, out.valuesFor(env));
      const hpa = objects.find((o) => o.kind === 'HorizontalPodAutoscaler') as Obj;
      const vpa = objects.find((o) => o.kind === 'VerticalPodAutoscaler') as Obj;
      const hpaResources = hpa.spec.metrics.filter((m: Obj) => m.type === 'Resource').map((m: Obj) => m.resource.name);
      expect(hpaResources).toContain('cpu');
      expect(hpa.spec.metrics.some((m: Obj) => m.type === 'Pods' || m.type === 'External')).toBe(true);
      expect(['Off', 'Initial']).toContain(vpa.spec.updatePolicy.updateMode);
      for (const policy of vpa.spec.resourcePolicy.containerPolicies) for (const r of policy.controlledResources) expect(hpaResources).not.toContain(r);
    }
  });

  describe('values.schema.json', () => {
    const validatorFor = async () => {
      const out = await outputOf(example);
      return { out, validate: new Ajv({ allErrors: true, strict: false }).compile(out.valuesSchema) };
    };
    it('accepts values.yaml and every values-<env>.yaml (with the pipeline digest)', async () => {
      const { out, validate } = await validatorFor();
      for (const env of out.environments) {
        const values = out.valuesFor(env);
        values.image.digest = TEST_DIGEST;
        expect(validate(values), JSON.stringify(validate.errors)).toBe(true);
      }
      expect(validate(out.values), JSON.stringify(validate.errors)).toBe(true);
    });
    it.each([
      ['an unknown top-level key', (v: Obj) => (v.replicas = 3)],
      ['an unknown nested key', (v: Obj) => (v.securityContext.readOnlyRootFs = true)],
      ['runAsNonRoot false', (v: Obj) => (v.podSecurityContext.runAsNonRoot = false)],
      ['uid 0', (v: Obj) => (v.securityContext.runAsUser = 0)],
      ['privilege escalation', (v: Obj) => (v.securityContext.allowPrivilegeEscalation = true)],
      ['a writable root filesystem', (v: Obj) => (v.securityContext.readOnlyRootFilesystem = false)],
      ['capabilities kept', (v: Obj) => (v.securityContext.capabilities.drop = [])],
      ['an Unconfined seccomp profile', (v: Obj) => (v.podSecurityContext.seccompProfile.type = 'Unconfined')],
      ['a VPA in Auto mode', (v: Obj) => (v.verticalAutoscaling.updateMode = 'Auto')],
      ['a VPA on cpu', (v: Obj) => (v.verticalAutoscaling.controlledResources = ['cpu', 'memory'])],
      ['a PDB that blocks evictions', (v: Obj) => (v.podDisruptionBudget.maxUnavailable = 0)],
      ['a tag instead of a digest', (v: Obj) => (v.image.digest = 'latest')],
    ])('rejects %s', async (_name, mutate) => {
      const { out, validate } = await validatorFor();
      const values = clone(out.values);
      mutate(values);
      expect(validate(values)).toBe(false);
    });
  });

  const environments = (exampleAnswers(example).environments as { name: string }[]).map((e) => e.name);
  describe.each(environments)('environment %s', (env) => {

    it('meets the PSS restricted profile in every pod template', async () => {
      const objects = await objectsFor(example, env);
      const templates = podTemplates(objects);
      expect(templates.length).toBeGreaterThan(0);
      for (const t of templates) expect(pssRestricted(t, t.owner)).toEqual([]);
    });

    it('hardens the pod beyond PSS: read-only root, non-zero uid/gid, /tmp emptyDir, digest, requests and limits, distinct probes, zone spread', async () => {
      const objects = await objectsFor(example, env);
      for (const t of podTemplates(objects)) expect(podHardening(t, t.owner)).toEqual([]);
      const c = containerOf(objects);
      expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] } });
      expect(podOf(objects).securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    });

    it.each(KUBE_LINTER_DEFAULT)('passes kube-linter default check %s', async (check) => {
      expect(kubeLinter(check, await objectsFor(example, env))).toEqual([]);
    });

    it.each(KUBE_LINTER_OPT_IN)('passes kube-linter opt-in check %s', async (check) => {
      expect(kubeLinter(check, await objectsFor(example, env))).toEqual([]);
    });

    it('isolates the namespace: default deny, DNS, and only the flows the answers name', async () => {
      const answers = exampleAnswers(example) as Obj;
      const objects = await objectsFor(example, env);
      const k = answers.kubernetes ?? {};
      const ingressNamespaces = [...(k.ingressHost ? ['ingress-nginx'] : []), ...((answers.components as string[]).includes('monitoring') ? ['monitoring'] : [])];
      const egressCidrs = [answers.network.vpcCidr, ...(answers.network.egressCidrs ?? [])];
      expect(networkIsolation(objects, { ingressNamespaces, egressCidrs })).toEqual([]);
      const policies = objects.filter((o) => o.kind === 'NetworkPolicy') as Obj[];
      const ingressPorts = policies.flatMap((p) => (p.spec.ingress ?? []).flatMap((r: Obj) => r.ports.map((x: Obj) => x.port)));
      expect(new Set(ingressPorts)).toEqual(new Set([...(k.ingressHost ? [k.containerPort] : []), ...(ingressNamespaces.includes('monitoring') ? [9090] : [])]));
      if (k.ingressHost) {
        const fromController = policies.find((p) => (p.spec.ingress ?? []).some((r: Obj) => r.from.some((f: Obj) => f.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === 'ingress-nginx')));
        expect(fromController?.spec.ingress[0].ports).toEqual([{ protocol: 'TCP', port: k.containerPort }]);
      }
    });

    it('grants least privilege: no token automount, an empty workload Role, a read-only team Role', async () => {
      const objects = await objectsFor(example, env);
      for (const sa of objects.filter((o) => o.kind === 'ServiceAccount') as Obj[]) expect(sa.automountServiceAccountToken, sa.metadata.name).toBe(false);
      const roles = objects.filter((o) => o.kind === 'Role') as Obj[];
      expect(roles.find((r) => r.metadata.name.endsWith('-workload'))?.rules).toEqual([]);
      const team = roles.find((r) => r.metadata.name.endsWith('-read-only'))!;
      for (const rule of team.rules) expect(rule.verbs).toEqual(['get', 'list', 'watch']);
      expect(dangerousGrants(objects)).toEqual([]);
      expect(objects.some((o) => o.kind === 'ClusterRole' || o.kind === 'ClusterRoleBinding')).toBe(false);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Mutation twins: each check above fails on a copy that breaks its rule

describe('mutation twins (payments-api, prod)', () => {
  const base = () => objectsFor('payments-api', 'prod');

  it.each(PSS_RULES)('PSS restricted rule %s fails on a violating pod', async (rule) => {
    const objects = clone(await base());
    PSS_MUTATIONS[rule](podOf(objects));
    const findings = pssRestricted({ spec: podOf(objects) });
    expect(findings.map((f) => f.rule)).toContain(rule);
  });

  it('PSS apparmor also fails on an unconfined AppArmor annotation', () => {
    const pod = { metadata: { annotations: { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' } }, spec: { containers: [] } };
    expect(pssRestricted(pod).map((f) => f.rule)).toContain('baseline/apparmor');
  });

  it.each([...KUBE_LINTER_DEFAULT, ...KUBE_LINTER_OPT_IN])('kube-linter %s fails on a violating copy', async (check) => {
    const objects = clone(await base());
    expect(kubeLinter(check, objects)).toEqual([]);
    LINTER_MUTATIONS[check](objects);
    expect(kubeLinter(check, objects).length).toBeGreaterThan(0);
  });

  it.each([
    ['writable root', (o: K8sObject[]) => (containerOf(o).securityContext.readOnlyRootFilesystem = false), 'read-only-root-fs'],
    ['gid 0', (o: K8sObject[]) => (podOf(o).securityContext.runAsGroup = 0), 'non-zero-gid'],
    ['token automount', (o: K8sObject[]) => (podOf(o).automountServiceAccountToken = true), 'no-token-automount'],
    ['no /tmp emptyDir', (o: K8sObject[]) => (containerOf(o).volumeMounts = []), 'tmp-empty-dir'],
    ['no ephemeral-storage request', (o: K8sObject[]) => delete containerOf(o).resources.requests['ephemeral-storage'], 'requests'],
    ['no ephemeral-storage limit', (o: K8sObject[]) => delete containerOf(o).resources.limits['ephemeral-storage'], 'limits'],
    ['identical probes', (o: K8sObject[]) => (containerOf(o).readinessProbe = containerOf(o).livenessProbe), 'probes'],
    ['a tag instead of a digest', (o: K8sObject[]) => (containerOf(o).image = 'registry.example.com/app:1.2.3'), 'image-digest'],
    ['no zone spread', (o: K8sObject[]) => (podOf(o).topologySpreadConstraints = []), 'zone-spread'],
  ])('hardening fails with %s', async (_name, mutate, rule) => {
    const objects = clone(await base());
    mutate(objects);
    expect(podHardening({ spec: podOf(objects) }).map((f) => f.rule)).toContain(rule);
  });

  const expectations = { ingressNamespaces: ['ingress-nginx', 'monitoring'], egressCidrs: ['10.40.0.0/16', '198.51.100.0/24'] };
  const policy = (o: K8sObject[], name: string) => o.find((x) => x.kind === 'NetworkPolicy' && x.metadata?.name === name) as K8sObject & Obj;
  it.each([
    ['no default deny', (o: K8sObject[]) => o.splice(o.indexOf(policy(o, 'default-deny-all')), 1)],
    ['no DNS egress', (o: K8sObject[]) => o.splice(o.indexOf(policy(o, 'allow-dns-egress')), 1)],
    ['ingress from anywhere', (o: K8sObject[]) => (policy(o, 'allow-ingress-controller').spec.ingress[0].from = [])],
    ['ingress on every port', (o: K8sObject[]) => delete policy(o, 'allow-ingress-controller').spec.ingress[0].ports],
    ['ingress from another namespace', (o: K8sObject[]) => (policy(o, 'allow-ingress-controller').spec.ingress[0].from[0].namespaceSelector.matchLabels['kubernetes.io/metadata.name'] = 'default')],
    ['egress to the internet', (o: K8sObject[]) => (policy(o, 'allow-external-egress').spec.egress[0].to = [{ ipBlock: { cidr: '0.0.0.0/0' } }])],
    ['egress to everything', (o: K8sObject[]) => (policy(o, 'allow-external-egress').spec.egress[0].to = [])],
  ])('network isolation fails with %s', async (_name, mutate) => {
    const objects = clone(await base());
    expect(networkIsolation(objects, expectations)).toEqual([]);
    mutate(objects);
    expect(networkIsolation(objects, expectations).length).toBeGreaterThan(0);
  });

  it.each([
    ['exec', { apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] }],
    ['attach', { apiGroups: [''], resources: ['pods/attach'], verbs: ['create'] }],
    ['secrets', { apiGroups: [''], resources: ['secrets'], verbs: ['get'] }],
    ['a wildcard verb', { apiGroups: ['apps'], resources: ['deployments'], verbs: ['*'] }],
  ])('RBAC fails with a grant of %s', async (_name, rule) => {
    const objects = clone(await base());
    (objects.find((o) => o.kind === 'Role') as Obj).rules.push(rule);
    expect(dangerousGrants(objects).length).toBeGreaterThan(0);
  });
});

// ---------------------------------------------------------------------------------------------
// Bad input is rejected at answer validation

describe('kubernetes answers validation', () => {
  const withKube = (kubernetes: Obj) => {
    const answers = clone(exampleAnswers('payments-api')) as Obj;
    answers.kubernetes = { ...answers.kubernetes, ...kubernetes };
    return validateAnswers(answers);
  };
  it('accepts the example', () => expect(withKube({}).ok).toBe(true));
  it.each([
    ['a port out of range', { containerPort: 70000 }],
    ['a privileged port', { containerPort: 80 }],
    ['a metrics port out of range', { metricsPort: 0 }],
    ['a namespace that is not a DNS label', { namespace: 'Payments_API' }],
    ['min replicas above max', { minReplicas: 9, maxReplicas: 4 }],
    ['an ingress host that is not a host name', { ingressHost: 'https://payments.example.com/' }],
    ['an unknown image verification mode', { imageVerification: 'none' }],
    ['an HPA metric that is not a metric name', { hpaMetric: 'rate(x[5m])' }],
    ['a caller that is not namespace/serviceaccount', { allowedCallers: ['*'] }],
    ['an unknown key', { privileged: true }],
  ])('rejects %s', (_name, kubernetes) => {
    expect(withKube(kubernetes).ok).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Cluster-level files and admission/runtime policies

interface AuditRequest {
  user?: string;
  verb: string;
  group?: string;
  resource?: string;
  namespace?: string;
  url?: string;
}

/** The level the API server logs a request at: the first rule that matches wins (audit.k8s.io/v1 semantics). */
function auditLevel(policy: Obj, request: AuditRequest): string {
  for (const rule of policy.rules as Obj[]) {
    if (rule.users && !rule.users.includes(request.user)) continue;
    if (rule.userGroups) continue; // the requests below are made by users, not node groups
    if (rule.verbs && !rule.verbs.includes(request.verb)) continue;
    if (rule.namespaces && !rule.namespaces.includes(request.namespace)) continue;
    if (rule.nonResourceURLs) {
      if (!request.url || !rule.nonResourceURLs.some((u: string) => (u.endsWith('*') ? request.url!.startsWith(u.slice(0, -1)) : u === request.url))) continue;
    } else if (request.url) continue;
    if (rule.resources) {
      const hit = rule.resources.some((r: Obj) => (r.group ?? '') === (request.group ?? '') && (!r.resources || r.resources.includes(request.resource)));
      if (!hit) continue;
    }
    return rule.level;
  }
  return 'None';
}

describe.each(KUBE_EXAMPLES)('kubernetes cluster files: %s', (example) => {
  const fileOf = async (path: string) => {
    const files = await renderExample(example);
    return parseYaml(files.get(path)!.content) as Obj;
  };

  it('audits secrets, configmaps and token reviews at Metadata, writes at RequestResponse, noisy reads not at all', async () => {
    const policy = await fileOf('kubernetes/cluster/audit-policy.yaml');
    expect(policy.apiVersion).toBe('audit.k8s.io/v1');
    expect(auditLevel(policy, { user: 'alice', verb: 'get', resource: 'secrets', namespace: 'x' })).toBe('Metadata');
    expect(auditLevel(policy, { user: 'alice', verb: 'create', resource: 'secrets', namespace: 'x' })).toBe('Metadata');
    expect(auditLevel(policy, { user: 'alice', verb: 'update', resource: 'configmaps', namespace: 'x' })).toBe('Metadata');
    expect(auditLevel(policy, { user: 'alice', verb: 'create', group: 'authentication.k8s.io', resource: 'tokenreviews' })).toBe('Metadata');
    expect(auditLevel(policy, { user: 'alice', verb: 'create', resource: 'pods/exec', namespace: 'x' })).toBe('Metadata');
    expect(auditLevel(policy, { user: 'alice', verb: 'patch', group: 'apps', resource: 'deployments', namespace: 'x' })).toBe('RequestResponse');
    expect(auditLevel(policy, { user: 'alice', verb: 'create', group: 'rbac.authorization.k8s.io', resource: 'rolebindings', namespace: 'x' })).toBe('RequestResponse');
    expect(auditLevel(policy, { user: 'alice', verb: 'list', resource: 'pods', namespace: 'x' })).toBe('None');
    expect(auditLevel(policy, { user: 'system:kube-proxy', verb: 'watch', resource: 'endpoints' })).toBe('None');
    expect(auditLevel(policy, { user: 'alice', verb: 'get', url: '/healthz' })).toBe('None');
    expect(policy.omitStages).toEqual(['RequestReceived']);
  });

  it('tags every Falco rule with PCI DSS requirements and scopes it to the namespace', async () => {
    const rules = (await fileOf('kubernetes/cluster/falco-rules.yaml')) as unknown as Obj[];
    const namespace = (exampleAnswers(example).kubernetes as Obj).namespace ?? exampleAnswers(example).service;
    const macro = rules.find((r) => r.macro?.endsWith('_containers'))!;
    expect(macro.condition).toContain(`k8s.ns.name = "${String(namespace)}"`);
    const ruleItems = rules.filter((r) => r.rule);
    expect(ruleItems.map((r) => r.rule.replace(/^\S+ /, ''))).toEqual(['shell in container', 'sensitive file read', 'outbound connection outside allowed CIDRs', 'write below binary directories']);
    for (const r of ruleItems) {
      expect(r.condition).toContain(macro.macro);
      expect(r.tags.some((t: string) => /^PCI_DSS_[0-9.]+$/.test(t)), r.rule).toBe(true);
    }
    const allowed = rules.find((r) => r.list)!;
    const network = exampleAnswers(example).network as Obj;
    for (const cidr of [network.vpcCidr, ...(network.egressCidrs ?? [])]) expect(allowed.items).toContain(`"${String(cidr)}"`);
  });

  it('enforces Kyverno policies: digest (and signature unless digest-only), no latest, restricted fields and limits', async () => {
    const verify = await fileOf('kubernetes/platform/base/kyverno-verify-images.yaml');
    const latest = await fileOf('kubernetes/platform/base/kyverno-disallow-latest-tag.yaml');
    const restricted = await fileOf('kubernetes/platform/base/kyverno-require-restricted-pods.yaml');
    for (const p of [verify, latest, restricted]) expect(p.spec.validationFailureAction).toBe('Enforce');
    expect(verify.spec.rules.map((r: Obj) => r.name)).toEqual(['require-image-digest', 'verify-image-signature']);
    const image = (exampleAnswers(example).kubernetes as Obj).image as string;
    const signature = verify.spec.rules[1].verifyImages[0];
    expect(signature.imageReferences).toEqual([`${image}*`]);
    expect(signature.required).toBe(true);
    expect(signature.verifyDigest).toBe(true);
    expect(signature.attestors[0].entries[0].keys.secret).toEqual({ name: 'cosign-public-key', namespace: 'kyverno' });
    expect(JSON.stringify(latest)).toContain('!*:latest');
    const byName = Object.fromEntries(restricted.spec.rules.map((r: Obj) => [r.name, r.validate.pattern.spec]));
    expect(byName['pod-security-context'].securityContext).toEqual({ runAsNonRoot: true, runAsUser: '>0', seccompProfile: { type: 'RuntimeDefault' } });
    expect(byName['container-security-context'].containers[0].securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    expect(byName['require-requests-limits'].containers[0].resources.limits).toEqual({ memory: '?*', 'ephemeral-storage': '?*' });
  });

  it('adds Istio strict mTLS and a caller allow-list only with mesh: istio', async () => {
    const files = await renderExample(example);
    const istio = ((exampleAnswers(example).kubernetes as Obj).mesh ?? 'none') === 'istio';
    expect(files.has('kubernetes/platform/base/istio-peerauthentication.yaml')).toBe(istio);
    expect(files.has('kubernetes/platform/base/istio-authorizationpolicy.yaml')).toBe(istio);
    if (!istio) return;
    const peer = await fileOf('kubernetes/platform/base/istio-peerauthentication.yaml');
    expect(peer.spec).toEqual({ mtls: { mode: 'STRICT' } });
    const authz = await fileOf('kubernetes/platform/base/istio-authorizationpolicy.yaml');
    expect(authz.spec.action).toBe('ALLOW');
    for (const rule of authz.spec.rules) {
      const open = !rule.from;
      if (open) expect(rule.to[0].operation).toMatchObject({ ports: ['9090'], methods: ['GET'], paths: ['/metrics'] });
      else expect(rule.from[0].source.namespaces ?? rule.from[0].source.principals).toBeTruthy();
    }
    const ns = await fileOf('kubernetes/platform/base/namespace.yaml');
    expect(ns.metadata.labels['istio-injection']).toBe('enabled');
  });

  it('writes cluster-autoscaler values per environment for the environment cluster and region', async () => {
    const answers = exampleAnswers(example) as Obj;
    for (const env of answers.environments as Obj[]) {
      const values = await fileOf(`kubernetes/cluster/cluster-autoscaler/values-${String(env.name)}.yaml`);
      expect(values.awsRegion).toBe(env.region);
      expect(values.autoDiscovery.clusterName).toBe(`${String(answers.service)}-${String(env.name)}`);
      expect(values.rbac.serviceAccount.annotations['eks.amazonaws.com/role-arn']).toContain(`::${String(env.accountId)}:role/`);
      expect(values.containerSecurityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
      expect(values.extraArgs['balance-similar-node-groups']).toBe(true);
    }
  });
});

describe('audit policy mutation twin', () => {
  it('a RequestResponse rule for writes placed before the secrets rule would log secret bodies', async () => {
    const files = await renderExample('payments-api');
    const policy = parseYaml(files.get('kubernetes/cluster/audit-policy.yaml')!.content) as Obj;
    const writes = policy.rules.findIndex((r: Obj) => r.level === 'RequestResponse');
    const mutated = clone(policy);
    mutated.rules.unshift(mutated.rules.splice(writes, 1)[0]);
    expect(auditLevel(policy, { user: 'alice', verb: 'create', resource: 'secrets', namespace: 'x' })).toBe('Metadata');
    expect(auditLevel(mutated, { user: 'alice', verb: 'create', resource: 'secrets', namespace: 'x' })).toBe('RequestResponse');
  });
});

// ---------------------------------------------------------------------------------------------
// Answers that change the output, and answers that must never become template code

describe('kubernetes answers shape the output', () => {
  const render = async (kubernetes: Obj, extra: Obj = {}) => {
    const answers = { ...clone(exampleAnswers('payments-api')), ...extra } as Obj;
    answers.kubernetes = { ...answers.kubernetes, ...kubernetes };
    return renderAnswers(answers);
  };
  const yamlOf = (files: Map<string, { content: string }>, path: string) => parseYaml(files.get(path)!.content) as Obj;

  it('verifies keyless signatures from the repository owner on GitHub Actions', async () => {
    const files = await render({ imageVerification: 'keyless' });
    const policy = yamlOf(files, 'kubernetes/platform/base/kyverno-verify-images.yaml');
    expect(policy.spec.rules[1].verifyImages[0].attestors[0].entries[0].keyless).toMatchObject({
      subject: 'https://github.com/example-bank/*',
      issuer: 'https://token.actions.githubusercontent.com',
    });
  });

  it('requires only a digest with imageVerification: digest', async () => {
    const files = await render({ imageVerification: 'digest' });
    const policy = yamlOf(files, 'kubernetes/platform/base/kyverno-verify-images.yaml');
    expect(policy.spec.rules.map((r: Obj) => r.name)).toEqual(['require-image-digest']);
  });

  it('admits named callers through the NetworkPolicy and the AuthorizationPolicy', async () => {
    const files = await render({ allowedCallers: ['checkout/checkout-api'] });
    const np = yamlOf(files, 'kubernetes/platform/base/networkpolicy-allow-callers.yaml');
    expect(np.spec.ingress[0].from).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'checkout' } } }]);
    const authz = yamlOf(files, 'kubernetes/platform/base/istio-authorizationpolicy.yaml');
    expect(JSON.stringify(authz.spec.rules)).toContain('cluster.local/ns/checkout/sa/checkout-api');
  });

  it('annotates the ingress for cert-manager when an issuer is chosen', async () => {
    const files = await render({ certManagerClusterIssuer: 'letsencrypt-prod' });
    const values = yamlOf(files, 'kubernetes/helm/payments-api/values.yaml');
    expect(values.ingress.annotations['cert-manager.io/cluster-issuer']).toBe('letsencrypt-prod');
    const plain = yamlOf(await renderExample('payments-api'), 'kubernetes/helm/payments-api/values.yaml');
    expect(plain.ingress.annotations['cert-manager.io/cluster-issuer']).toBeUndefined();
  });

  it('moves the Prometheus and ingress-controller allows to the namespaces in the answers', async () => {
    const files = await render({ ingressControllerNamespace: 'edge', monitoringNamespace: 'observability' });
    const ingress = yamlOf(files, 'kubernetes/platform/base/networkpolicy-allow-ingress-controller.yaml');
    const scrape = yamlOf(files, 'kubernetes/platform/base/networkpolicy-allow-prometheus.yaml');
    expect(ingress.spec.ingress[0].from[0].namespaceSelector.matchLabels['kubernetes.io/metadata.name']).toBe('edge');
    expect(scrape.spec.ingress[0].from[0].namespaceSelector.matchLabels['kubernetes.io/metadata.name']).toBe('observability');
  });

  it('keeps the chart templates identical for every answer set (answers reach Helm only as values)', async () => {
    const strip = (text: string) => text.split('\n').slice(3).join('\n');
    const templatesOf = async (files: Map<string, { content: string }>) =>
      [...files].filter(([p]) => /^kubernetes\/helm\/[^/]+\/templates\//.test(p)).map(([p, f]) => [p.replace(/^kubernetes\/helm\/[^/]+\//, ''), strip(f.content)]);
    const reference = await templatesOf(await renderExample('payments-api'));
    expect(reference.length).toBe(9);
    for (const example of KUBE_EXAMPLES) expect(await templatesOf(await renderExample(example))).toEqual(reference);
    expect(await templatesOf(await render({ ingressHost: 'pay.example.org', hpaMetric: 'queue_depth', allowedCallers: ['a/b'] }))).toEqual(reference);
  });
});
