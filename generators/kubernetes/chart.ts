/**
 * The service's Helm chart: Chart.yaml, values.yaml, values-<env>.yaml and values.schema.json are
 * built as data; the templates are verbatim Go-template files that read only these values, so an
 * answer reaches the chart as a value and never as template code.
 */
import type { Context } from '../../lib/answers/context.js';
import type { KubeEnvironment, KubeView } from './view.js';

type Obj = Record<string, unknown>;

export function chartYaml(ctx: Context, v: KubeView): Obj {
  return {
    apiVersion: 'v2',
    name: v.service,
    description: ctx.service.description || `Helm chart of ${v.service}`,
    type: 'application',
    version: '0.1.0',
    kubeVersion: v.kubeVersion,
    home: `https://${ctx.service.repository}`,
    sources: [`https://${ctx.service.repository}`],
    maintainers: [{ name: v.team, email: ctx.service.ownerEmail }],
    annotations: { 'fluxora.io/compliance-scope': ctx.complianceScope, 'fluxora.io/data-classification': ctx.dataClassification },
  };
}

function resourcesOf(env: KubeEnvironment): Obj {
  return { requests: { ...env.resources.requests }, limits: { ...env.resources.limits } };
}

/** Defaults: the first (smallest) environment; each values-<env>.yaml overrides what differs. */
export function valuesYaml(v: KubeView): Obj {
  const first = v.environments[0]!;
  return {
    image: { repository: v.image, digest: '', pullPolicy: 'Always' },
    commonLabels: { team: v.team, 'data-classification': v.labels['data-classification'] },
    serviceAccount: { name: v.serviceAccount },
    podAnnotations: v.sidecar
      ? {
          'sidecar.istio.io/proxyCPU': v.sidecar.cpuRequest,
          'sidecar.istio.io/proxyCPULimit': v.sidecar.cpuLimit,
          'sidecar.istio.io/proxyMemory': v.sidecar.memoryRequest,
          'sidecar.istio.io/proxyMemoryLimit': v.sidecar.memoryLimit,
        }
      : {},
    containerPort: v.containerPort,
    metrics: {
      port: v.metricsPort,
      path: '/metrics',
      serviceMonitor: { enabled: v.monitoring, interval: '30s', scrapeTimeout: '10s' },
    },
    podSecurityContext: {
      runAsNonRoot: true,
      runAsUser: v.runAsUser,
      runAsGroup: v.runAsGroup,
      fsGroup: v.runAsGroup,
      seccompProfile: { type: 'RuntimeDefault' },
    },
    securityContext: {
      runAsNonRoot: true,
      runAsUser: v.runAsUser,
      runAsGroup: v.runAsGroup,
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    },
    resources: resourcesOf(first),
    tmpSizeLimit: '64Mi',
    probes: {
      startup: { path: '/healthz/startup', periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 30 },
      liveness: { path: '/healthz/live', periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3 },
      readiness: { path: '/healthz/ready', periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 3 },
    },
    terminationGracePeriodSeconds: 30,
    replicaCount: first.minReplicas,
    autoscaling: {
      enabled: true,
      minReplicas: first.minReplicas,
      maxReplicas: first.maxReplicas,
      cpuAverageUtilization: 70,
      podsMetric: { name: v.hpaMetric, averageValue: String(v.hpaMetricTarget) },
      scaleDown: { stabilizationWindowSeconds: 300, percentPerMinute: 25 },
      scaleUp: { stabilizationWindowSeconds: 0, podsPerMinute: 4 },
    },
    verticalAutoscaling: { enabled: true, updateMode: 'Off', controlledResources: ['memory'] },
    podDisruptionBudget: { maxUnavailable: 1 },
    topologySpread: {
      zone: { maxSkew: 1, whenUnsatisfiable: first.zoneSpread },
      host: { maxSkew: 1, whenUnsatisfiable: 'ScheduleAnyway' },
    },
    service: { port: v.containerPort },
    ingress: {
      enabled: v.ingress,
      className: v.ingressClassName,
      host: v.ingressHost ?? '',
      tlsSecretName: v.tlsSecretName,
      annotations: {
        ...(v.certManagerClusterIssuer ? { 'cert-manager.io/cluster-issuer': v.certManagerClusterIssuer } : {}),
        ...(v.ingressClassName === 'nginx' ? { 'nginx.ingress.kubernetes.io/force-ssl-redirect': 'true' } : {}),
      },
    },
    secrets: { enabled: true, secretName: v.secretName, mountPath: `/var/run/secrets/${v.service}` },
  };
}

export function environmentValues(env: KubeEnvironment): Obj {
  return {
    replicaCount: env.minReplicas,
    resources: resourcesOf(env),
    autoscaling: { minReplicas: env.minReplicas, maxReplicas: env.maxReplicas },
    topologySpread: { zone: { whenUnsatisfiable: env.zoneSpread } },
  };
}

// ---------------------------------------------------------------------------------------------
// values.schema.json: rejects unknown keys everywhere and pins the restricted security fields

type Schema = Record<string, unknown>;
const strictObject = (properties: Record<string, Schema>, required = Object.keys(properties)): Schema => ({
  type: 'object',
  additionalProperties: false,
  required,
  properties,
});
const str = (extra: Schema = {}): Schema => ({ type: 'string', ...extra });
const int = (minimum: number, maximum: number): Schema => ({ type: 'integer', minimum, maximum });
const DNS_LABEL = '^[a-z0-9]([a-z0-9-]*[a-z0-9])?$';
const CPU = '^([0-9]+m|[0-9]+(\\.[0-9]+)?)$';
const BYTES = '^[0-9]+(Ki|Mi|Gi)$';
const DURATION = '^[0-9]+(s|m)$';
const LABEL_VALUE = '^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$';

function resourceSchema(): Schema {
  const set = strictObject({ cpu: str({ pattern: CPU }), memory: str({ pattern: BYTES }), 'ephemeral-storage': str({ pattern: BYTES }) });
  return strictObject({ requests: set, limits: set });
}

function probeSchema(): Schema {
  return strictObject({ path: str({ pattern: '^/[A-Za-z0-9/._-]*$' }), periodSeconds: int(1, 300), timeoutSeconds: int(1, 60), failureThreshold: int(1, 120) });
}

export function valuesSchema(): Schema {
  const whenUnsatisfiable = { enum: ['DoNotSchedule', 'ScheduleAnyway'] };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Values of the service chart',
    description: 'Unknown keys are rejected; the restricted pod security fields are constants.',
    ...strictObject({
      image: strictObject({
        repository: str({ pattern: '^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]{1,5})?(/[a-z0-9]+([._-][a-z0-9]+)*)+$' }),
        digest: str({ pattern: '^(sha256:[a-f0-9]{64})?$', description: 'sha256 digest of the signed image; the pipeline sets it (`--set image.digest=...`).' }),
        pullPolicy: { enum: ['IfNotPresent', 'Always'] },
      }),
      commonLabels: { type: 'object', additionalProperties: str({ pattern: LABEL_VALUE, maxLength: 63 }) },
      serviceAccount: strictObject({ name: str({ pattern: DNS_LABEL, maxLength: 63 }) }),
      podAnnotations: { type: 'object', additionalProperties: { type: 'string' } },
      containerPort: int(1024, 65535),
      metrics: strictObject({
        port: int(1024, 65535),
        path: str({ pattern: '^/[A-Za-z0-9/._-]*$' }),
        serviceMonitor: strictObject({ enabled: { type: 'boolean' }, interval: str({ pattern: DURATION }), scrapeTimeout: str({ pattern: DURATION }) }),
      }),
      podSecurityContext: strictObject({
        runAsNonRoot: { const: true },
        runAsUser: int(1, 2147483647),
        runAsGroup: int(1, 2147483647),
        fsGroup: int(1, 2147483647),
        seccompProfile: strictObject({ type: { const: 'RuntimeDefault' } }),
      }),
      securityContext: strictObject({
        runAsNonRoot: { const: true },
        runAsUser: int(1, 2147483647),
        runAsGroup: int(1, 2147483647),
        allowPrivilegeEscalation: { const: false },
        privileged: { const: false },
        readOnlyRootFilesystem: { const: true },
        capabilities: strictObject({ drop: { type: 'array', const: ['ALL'] } }),
        seccompProfile: strictObject({ type: { const: 'RuntimeDefault' } }),
      }),
      resources: resourceSchema(),
      tmpSizeLimit: str({ pattern: BYTES }),
      probes: strictObject({ startup: probeSchema(), liveness: probeSchema(), readiness: probeSchema() }),
      terminationGracePeriodSeconds: int(1, 600),
      replicaCount: int(1, 100),
      autoscaling: strictObject({
        enabled: { type: 'boolean' },
        minReplicas: int(1, 100),
        maxReplicas: int(1, 100),
        cpuAverageUtilization: int(10, 100),
        podsMetric: strictObject({ name: str({ pattern: '^[a-zA-Z_:][a-zA-Z0-9_:]*$' }), averageValue: str({ pattern: '^[0-9]+(m)?$' }) }),
        scaleDown: strictObject({ stabilizationWindowSeconds: int(0, 3600), percentPerMinute: int(1, 100) }),
        scaleUp: strictObject({ stabilizationWindowSeconds: int(0, 3600), podsPerMinute: int(1, 100) }),
      }),
      verticalAutoscaling: strictObject({
        enabled: { type: 'boolean' },
        updateMode: { enum: ['Off', 'Initial'], description: 'Recommendations only (Off) or applied at pod creation (Initial); never Auto or Recreate.' },
        controlledResources: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: ['memory'] }, description: 'Never cpu: the HPA scales on cpu.' },
      }),
      podDisruptionBudget: strictObject({ maxUnavailable: int(1, 1) }),
      topologySpread: strictObject({
        zone: strictObject({ maxSkew: int(1, 5), whenUnsatisfiable }),
        host: strictObject({ maxSkew: int(1, 5), whenUnsatisfiable }),
      }),
      service: strictObject({ port: int(1, 65535) }),
      ingress: strictObject({
        enabled: { type: 'boolean' },
        className: str({ pattern: '^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$' }),
        host: str({ pattern: '^(([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63})?$' }),
        tlsSecretName: str({ pattern: DNS_LABEL, maxLength: 253 }),
        annotations: { type: 'object', additionalProperties: { type: 'string' } },
      }),
      secrets: strictObject({ enabled: { type: 'boolean' }, secretName: str({ pattern: DNS_LABEL, maxLength: 253 }), mountPath: str({ pattern: '^/[A-Za-z0-9/._-]+$' }) }),
    }),
  };
}
