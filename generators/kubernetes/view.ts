/**
 * The kubernetes component's derived values: every decision the platform objects and the chart need,
 * made once from the context and named. Data builders (manifests.ts, chart.ts) read only this.
 */
import type { Context, EnvironmentContext } from '../../lib/answers/context.js';

export interface KubeEnvironment {
  name: string;
  namePrefix: string;
  isProduction: boolean;
  region: string;
  accountId: string;
  minReplicas: number;
  maxReplicas: number;
  resources: {
    requests: { cpu: string; memory: string; 'ephemeral-storage': string };
    limits: { cpu: string; memory: string; 'ephemeral-storage': string };
  };
  /** Hard quota for the namespace: room for maxReplicas pods plus a rolling-update surge, twice over. */
  quota: { pods: number; requestsCpu: string; requestsMemory: string; limitsCpu: string; limitsMemory: string; requestsEphemeral?: string; limitsEphemeral?: string };
  /** Production spreads must be honoured; smaller environments spread best-effort. */
  zoneSpread: 'DoNotSchedule' | 'ScheduleAnyway';
  /** Path (Vault KV key or AWS secret name) of this environment's secrets. */
  secretPath: string;
  /** IAM role assumed through IRSA by the External Secrets service account (AWS backend). */
  externalSecretsRoleArn: string;
  /** EKS cluster name the cluster-autoscaler discovers node groups of. */
  clusterName: string;
  clusterAutoscalerRoleArn: string;
  nodeMinSize: number;
  nodeMaxSize: number;
}

export interface KubeView {
  service: string;
  namespace: string;
  team: string;
  /** Group of the team's people in the cluster's authenticator (read-only Role binding). */
  teamGroup: string;
  image: string;
  containerPort: number;
  metricsPort: number;
  ingressControllerNamespace: string;
  ingressClassName: string;
  monitoringNamespace: string;
  ingressHost?: string;
  tlsSecretName: string;
  /** cert-manager ClusterIssuer of the ingress certificate, when one was chosen. */
  certManagerClusterIssuer?: string;
  imageVerification: Context['kubernetes']['imageVerification'];
  digestOnly: boolean;
  /** `https://github.com/<owner>/` when the repository lives on GitHub (keyless subject prefix). */
  keylessSubjectPrefix?: string;
  hpaMetric: string;
  hpaMetricTarget: number;
  allowedCallers: { namespace: string; serviceAccount: string }[];
  serviceAccount: string;
  externalSecretsServiceAccount: string;
  secretStoreName: string;
  secretName: string;
  /** PSS restricted version pin: the Kubernetes minor the baseline is written against. */
  pssVersion: string;
  kubeVersion: string;
  runAsUser: number;
  runAsGroup: number;
  /** Egress the workload needs beyond DNS. */
  database?: { engine: 'postgresql' | 'mysql'; port: number };
  vault?: { address: string; host: string; port: number; kvMount: string };
  egressCidrs: string[];
  vpcCidr: string;
  istio: boolean;
  /** Resources of the Istio sidecar, set through its pod annotations (counted in the quota). */
  sidecar?: { cpuRequest: string; cpuLimit: string; memoryRequest: string; memoryLimit: string };
  ingress: boolean;
  monitoring: boolean;
  pciScope: boolean;
  /** Refresh interval of ExternalSecrets: PCI scope refreshes faster so rotations land sooner. */
  secretRefreshInterval: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  environments: KubeEnvironment[];
}

const MILLI = /^([0-9]+)m$/;
function cpuMillis(q: string): number {
  const m = MILLI.exec(q);
  return m ? Number(m[1]) : Number(q) * 1000;
}
function cpuQuantity(millis: number): string {
  return millis % 1000 === 0 ? String(millis / 1000) : `${millis}m`;
}
function bytesMi(q: string): number {
  const m = /^([0-9]+)(Mi|Gi)$/.exec(q);
  if (!m) throw new Error(`unsupported quantity ${q}`);
  return m[2] === 'Gi' ? Number(m[1]) * 1024 : Number(m[1]);
}
function miQuantity(mi: number): string {
  return mi % 1024 === 0 ? `${mi / 1024}Gi` : `${mi}Mi`;
}

const SIDECAR = { cpuRequest: '100m', cpuLimit: '500m', memoryRequest: '128Mi', memoryLimit: '256Mi' };

function environmentView(ctx: Context, env: EnvironmentContext): KubeEnvironment {
  const s = env.sizing;
  // Quota: maxReplicas plus one surge pod, doubled so a rollout during a scale-out never blocks.
  const pods = (env.replicas.max + 1) * 2;
  // An injected Istio sidecar counts against cpu and memory; it sets no ephemeral-storage request,
  // so with a mesh the quota cannot track ephemeral storage (the LimitRange still bounds it).
  const side = ctx.flags.istio ? SIDECAR : { cpuRequest: '0m', cpuLimit: '0m', memoryRequest: '0Mi', memoryLimit: '0Mi' };
  return {
    name: env.name,
    namePrefix: env.namePrefix,
    isProduction: env.isProduction,
    region: env.region,
    accountId: env.accountId,
    minReplicas: env.replicas.min,
    maxReplicas: env.replicas.max,
    resources: {
      requests: { cpu: s.cpuRequest, memory: s.memoryRequest, 'ephemeral-storage': s.ephemeralStorageRequest },
      limits: { cpu: s.cpuLimit, memory: s.memoryLimit, 'ephemeral-storage': s.ephemeralStorageLimit },
    },
    quota: {
      pods,
      requestsCpu: cpuQuantity((cpuMillis(s.cpuRequest) + cpuMillis(side.cpuRequest)) * pods),
      limitsCpu: cpuQuantity((cpuMillis(s.cpuLimit) + cpuMillis(side.cpuLimit)) * pods),
      requestsMemory: miQuantity((bytesMi(s.memoryRequest) + bytesMi(side.memoryRequest)) * pods),
      limitsMemory: miQuantity((bytesMi(s.memoryLimit) + bytesMi(side.memoryLimit)) * pods),
      ...(ctx.flags.istio
        ? {}
        : {
            requestsEphemeral: miQuantity(bytesMi(s.ephemeralStorageRequest) * pods),
            limitsEphemeral: miQuantity(bytesMi(s.ephemeralStorageLimit) * pods),
          }),
    },
    zoneSpread: env.isProduction ? 'DoNotSchedule' : 'ScheduleAnyway',
    secretPath: `${ctx.secrets.pathPrefix}/${env.name}`,
    externalSecretsRoleArn: `arn:aws:iam::${env.accountId}:role/${env.namePrefix}-external-secrets`,
    clusterName: env.namePrefix,
    clusterAutoscalerRoleArn: `arn:aws:iam::${env.accountId}:role/${env.namePrefix}-cluster-autoscaler`,
    nodeMinSize: s.nodeMinSize,
    nodeMaxSize: s.nodeMaxSize,
  };
}

function vaultView(ctx: Context): KubeView['vault'] {
  const vault = ctx.secrets.vault;
  if (!vault) return undefined;
  const url = new URL(vault.address);
  return { address: vault.address, host: url.hostname, port: url.port ? Number(url.port) : 443, kvMount: vault.kvMount };
}

function keylessSubjectPrefix(repository: string): string | undefined {
  const m = /^github\.com\/([A-Za-z0-9._-]+)\//.exec(repository);
  return m ? `https://github.com/${m[1]}/` : undefined;
}

/** The component's view: computed once per run. */
export function kubernetesView(ctx: Context): KubeView {
  const k = ctx.kubernetes;
  const service = ctx.service.name;
  const database = ctx.flags.mysql
    ? { engine: 'mysql' as const, port: 3306 }
    : ctx.flags.postgresql || ctx.flags.components.terraform
      ? { engine: 'postgresql' as const, port: 5432 }
      : undefined;
  const vault = vaultView(ctx);
  const keyless = keylessSubjectPrefix(ctx.service.repository);
  return {
    service,
    namespace: ctx.kubernetes.namespace,
    team: ctx.service.team,
    teamGroup: ctx.service.team,
    image: k.image ?? '',
    containerPort: k.containerPort,
    metricsPort: k.metricsPort,
    ingressControllerNamespace: k.ingressControllerNamespace,
    ingressClassName: k.ingressClassName,
    monitoringNamespace: k.monitoringNamespace,
    ...(k.ingressHost ? { ingressHost: k.ingressHost } : {}),
    tlsSecretName: `${service}-tls`,
    ...(k.certManagerClusterIssuer ? { certManagerClusterIssuer: k.certManagerClusterIssuer } : {}),
    imageVerification: k.imageVerification === 'keyless' && !keyless ? 'key' : k.imageVerification,
    digestOnly: k.imageVerification === 'digest',
    ...(keyless ? { keylessSubjectPrefix: keyless } : {}),
    hpaMetric: k.hpaMetric,
    hpaMetricTarget: k.hpaMetricTarget,
    allowedCallers: [...k.allowedCallers].sort().map((c) => {
      const [namespace, serviceAccount] = c.split('/') as [string, string];
      return { namespace, serviceAccount };
    }),
    serviceAccount: service,
    externalSecretsServiceAccount: `${service}-external-secrets`,
    secretStoreName: ctx.flags.vault ? `${service}-vault` : `${service}-aws-secrets-manager`,
    secretName: `${service}-secrets`,
    pssVersion: 'v1.30',
    kubeVersion: '>= 1.30.0-0',
    runAsUser: 10001,
    runAsGroup: 10001,
    ...(database ? { database } : {}),
    ...(vault ? { vault } : {}),
    egressCidrs: [...ctx.network.egressCidrs],
    vpcCidr: ctx.network.vpcCidr,
    istio: ctx.flags.istio,
    ...(ctx.flags.istio ? { sidecar: SIDECAR } : {}),
    ingress: ctx.flags.ingress,
    monitoring: ctx.flags.components.monitoring,
    pciScope: ctx.flags.pciScope,
    secretRefreshInterval: ctx.flags.pciScope || ctx.flags.restrictedData ? '15m' : '1h',
    labels: {
      'app.kubernetes.io/name': service,
      'app.kubernetes.io/part-of': service,
      'app.kubernetes.io/managed-by': 'generator-fluxora',
      team: ctx.service.team,
      'data-classification': ctx.dataClassification,
    },
    annotations: {
      'fluxora.io/owner': ctx.service.ownerEmail,
      'fluxora.io/compliance-scope': ctx.complianceScope,
      'fluxora.io/cost-center': ctx.service.costCenter,
    },
    environments: ctx.environments.map((env) => environmentView(ctx, env)),
  };
}
