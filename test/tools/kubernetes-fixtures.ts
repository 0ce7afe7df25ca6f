/**
 * The kubernetes output of an example, parsed: platform objects per environment (kustomize base +
 * overlay), the chart's values per environment, and, for the fast tier, the chart's objects as the
 * templates build them from those values (the tool tier renders the same with helm).
 */
import { parse as parseYaml } from 'yaml';
import type { RenderedFile } from '../../lib/render/files.js';
import { parseObjects, type K8sObject } from './kubernetes-checks.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A digest the tests pass as `image.digest`, the way the pipeline does. */
export const TEST_DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;

export interface KubeOutput {
  chartDir: string;
  chartName: string;
  environments: string[];
  /** Objects of `platform/base` plus `platform/<env>`, as kustomize would combine them. */
  platform: (env: string) => K8sObject[];
  /** Every raw object file: path -> objects. */
  raw: Map<string, K8sObject[]>;
  values: Obj;
  /** values.yaml deep-merged with values-<env>.yaml (Helm's merge). */
  valuesFor: (env: string) => Obj;
  valuesSchema: Obj;
}

export function deepMerge(base: Obj, over: Obj): Obj {
  const out: Obj = { ...base };
  for (const [k, v] of Object.entries(over)) {
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && base[k] && typeof base[k] === 'object' && !Array.isArray(base[k]) ? deepMerge(base[k], v) : v;
  }
  return out;
}

export function kubeOutput(files: Map<string, RenderedFile>): KubeOutput {
  const chartFile = [...files.keys()].find((p) => /^kubernetes\/helm\/[^/]+\/Chart\.yaml$/.test(p));
  if (!chartFile) throw new Error('no chart');
  const chartDir = chartFile.replace(/\/Chart\.yaml$/, '');
  const chartName = chartDir.split('/').pop()!;
  const raw = new Map<string, K8sObject[]>();
  for (const [path, file] of files) {
    if (path.startsWith('kubernetes/platform/') && path.endsWith('.yaml') && !path.endsWith('kustomization.yaml')) raw.set(path, parseObjects(file.content));
  }
  const environments = [...files.keys()]
    .map((p) => /^kubernetes\/platform\/([^/]+)\/kustomization\.yaml$/.exec(p)?.[1])
    .filter((e): e is string => e !== undefined && e !== 'base');
  const values = parseYaml(files.get(`${chartDir}/values.yaml`)!.content) as Obj;
  return {
    chartDir,
    chartName,
    environments,
    raw,
    platform: (env) => [...raw].filter(([p]) => p.startsWith('kubernetes/platform/base/') || p.startsWith(`kubernetes/platform/${env}/`)).flatMap(([, o]) => o),
    values,
    valuesFor: (env) => deepMerge(values, parseYaml(files.get(`${chartDir}/values-${env}.yaml`)!.content) as Obj),
    valuesSchema: JSON.parse(files.get(`${chartDir}/values.schema.json`)!.content) as Obj,
  };
}

/**
 * The chart's objects as templates/*.yaml build them from the values (fast tier only; the tool tier
 * checks the real `helm template` output with the same checks).
 */
export function chartObjectsFromValues(name: string, values: Obj, digest = TEST_DIGEST): K8sObject[] {
  const selector = { 'app.kubernetes.io/name': name, 'app.kubernetes.io/instance': name };
  const labels = { ...selector, 'app.kubernetes.io/part-of': name, ...values.commonLabels };
  const probe = (p: Obj) => ({ httpGet: { path: p.path, port: 'http' }, periodSeconds: p.periodSeconds, timeoutSeconds: p.timeoutSeconds, failureThreshold: p.failureThreshold });
  const spread = (topologyKey: string, s: Obj) => ({ topologyKey, maxSkew: s.maxSkew, whenUnsatisfiable: s.whenUnsatisfiable, labelSelector: { matchLabels: selector } });
  const deployment: Obj = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels },
    spec: {
      ...(values.autoscaling.enabled ? {} : { replicas: values.replicaCount }),
      selector: { matchLabels: selector },
      template: {
        metadata: { labels },
        spec: {
          serviceAccountName: values.serviceAccount.name,
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          securityContext: values.podSecurityContext,
          topologySpreadConstraints: [spread('topology.kubernetes.io/zone', values.topologySpread.zone), spread('kubernetes.io/hostname', values.topologySpread.host)],
          containers: [
            {
              name,
              image: `${values.image.repository}@${digest}`,
              ports: [
                { name: 'http', containerPort: values.containerPort, protocol: 'TCP' },
                { name: 'metrics', containerPort: values.metrics.port, protocol: 'TCP' },
              ],
              securityContext: values.securityContext,
              resources: values.resources,
              startupProbe: probe(values.probes.startup),
              livenessProbe: probe(values.probes.liveness),
              readinessProbe: probe(values.probes.readiness),
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }, ...(values.secrets.enabled ? [{ name: 'secrets', mountPath: values.secrets.mountPath, readOnly: true }] : [])],
            },
          ],
          volumes: [{ name: 'tmp', emptyDir: { sizeLimit: values.tmpSizeLimit } }, ...(values.secrets.enabled ? [{ name: 'secrets', secret: { secretName: values.secrets.secretName, defaultMode: 0o440 } }] : [])],
        },
      },
    },
  };
  const out: Obj[] = [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: values.serviceAccount.name, labels }, automountServiceAccountToken: false },
    deployment,
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, labels },
      spec: {
        type: 'ClusterIP',
        selector,
        ports: [
          { name: 'http', port: values.service.port, targetPort: 'http', protocol: 'TCP' },
          { name: 'metrics', port: values.metrics.port, targetPort: 'metrics', protocol: 'TCP' },
        ],
      },
    },
    { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name, labels }, spec: { maxUnavailable: values.podDisruptionBudget.maxUnavailable, unhealthyPodEvictionPolicy: 'AlwaysAllow', selector: { matchLabels: selector } } },
  ];
  if (values.autoscaling.enabled) {
    out.push({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name, labels },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
        minReplicas: values.autoscaling.minReplicas,
        maxReplicas: values.autoscaling.maxReplicas,
        metrics: [
          { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: values.autoscaling.cpuAverageUtilization } } },
          { type: 'Pods', pods: { metric: { name: values.autoscaling.podsMetric.name }, target: { type: 'AverageValue', averageValue: values.autoscaling.podsMetric.averageValue } } },
        ],
      },
    });
  }
  if (values.verticalAutoscaling.enabled) {
    out.push({
      apiVersion: 'autoscaling.k8s.io/v1',
      kind: 'VerticalPodAutoscaler',
      metadata: { name, labels },
      spec: {
        targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name },
        updatePolicy: { updateMode: values.verticalAutoscaling.updateMode },
        resourcePolicy: { containerPolicies: [{ containerName: name, controlledResources: values.verticalAutoscaling.controlledResources, controlledValues: 'RequestsAndLimits' }] },
      },
    });
  }
  return out as K8sObject[];
}
