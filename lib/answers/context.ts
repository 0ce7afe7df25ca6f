import { currentBaselineVersion, generatorName } from '../paths.js';
import type { Answers, Component, EnvironmentAnswer, Framework, Tier } from './types.js';
import { COMPONENTS } from './types.js';

/** Per-tier sizing: every size-dependent number is decided here, once, and named. */
export interface Sizing {
  minReplicas: number;
  maxReplicas: number;
  cpuRequest: string;
  cpuLimit: string;
  memoryRequest: string;
  memoryLimit: string;
  ephemeralStorageRequest: string;
  ephemeralStorageLimit: string;
  instanceType: string;
  nodeMinSize: number;
  nodeMaxSize: number;
  dbInstanceClass: string;
  dbAllocatedStorageGb: number;
  dbMaxAllocatedStorageGb: number;
  backupRetentionDays: number;
  multiAz: boolean;
  deletionProtection: boolean;
  logRetentionDays: number;
  natGateways: 'single' | 'per-az';
}

const SIZING: Record<Tier, Sizing> = {
  small: {
    minReplicas: 1, maxReplicas: 3, cpuRequest: '100m', cpuLimit: '500m', memoryRequest: '128Mi', memoryLimit: '256Mi',
    ephemeralStorageRequest: '64Mi', ephemeralStorageLimit: '256Mi', instanceType: 't3.medium', nodeMinSize: 1, nodeMaxSize: 3,
    dbInstanceClass: 'db.t4g.medium', dbAllocatedStorageGb: 20, dbMaxAllocatedStorageGb: 100, backupRetentionDays: 7,
    multiAz: false, deletionProtection: true, logRetentionDays: 365, natGateways: 'single',
  },
  medium: {
    minReplicas: 2, maxReplicas: 6, cpuRequest: '250m', cpuLimit: '1', memoryRequest: '256Mi', memoryLimit: '512Mi',
    ephemeralStorageRequest: '128Mi', ephemeralStorageLimit: '512Mi', instanceType: 'm6i.large', nodeMinSize: 2, nodeMaxSize: 6,
    dbInstanceClass: 'db.r6g.large', dbAllocatedStorageGb: 50, dbMaxAllocatedStorageGb: 500, backupRetentionDays: 14,
    multiAz: true, deletionProtection: true, logRetentionDays: 365, natGateways: 'per-az',
  },
  large: {
    minReplicas: 3, maxReplicas: 20, cpuRequest: '500m', cpuLimit: '2', memoryRequest: '512Mi', memoryLimit: '1Gi',
    ephemeralStorageRequest: '256Mi', ephemeralStorageLimit: '1Gi', instanceType: 'm6i.xlarge', nodeMinSize: 3, nodeMaxSize: 12,
    dbInstanceClass: 'db.r6g.xlarge', dbAllocatedStorageGb: 100, dbMaxAllocatedStorageGb: 1000, backupRetentionDays: 35,
    multiAz: true, deletionProtection: true, logRetentionDays: 400, natGateways: 'per-az',
  },
};

export interface EnvironmentContext extends EnvironmentAnswer {
  /** Production-grade: the `large` tier or an environment named prod/production. */
  isProduction: boolean;
  sizing: Sizing;
  /** Replica bounds for this environment: the answers' bounds, raised to at least 3 in production. */
  replicas: { min: number; max: number };
  /** `<service>-<env>`: the name prefix of every resource in this environment. */
  namePrefix: string;
}

export interface Context {
  generator: { name: string; version: string };
  service: {
    name: string;
    description: string;
    team: string;
    ownerEmail: string;
    costCenter: string;
    repository: string;
  };
  cloud: Answers['cloud'];
  environments: EnvironmentContext[];
  /** The first environment in promotion order, and the last (usually prod). */
  firstEnvironment: EnvironmentContext;
  dataClassification: Answers['dataClassification'];
  frameworks: Framework[];
  /** Flags decided once from the answers; templates branch only on these. */
  flags: {
    pciScope: boolean;
    soc2: boolean;
    gdpr: boolean;
    restrictedData: boolean;
    riskAccepted: boolean;
    vault: boolean;
    awsSecretsManager: boolean;
    components: Record<Component, boolean>;
    database: boolean;
    postgresql: boolean;
    mysql: boolean;
    nginx: boolean;
    ingress: boolean;
    istio: boolean;
  };
  /** `pci-dss-4 soc2` as one tag value (`none` when empty). */
  complianceScope: string;
  riskAcceptance?: { owner: string; reason: string };
  secrets: {
    backend: Answers['secrets']['backend'];
    vault?: { address: string; kvMount: string; authMethod: string };
    /** Path prefix of this service's secrets, without the environment: `<team>/<service>`. */
    pathPrefix: string;
  };
  ansible: Answers['ansible'] & { osFamily: 'debian' | 'redhat' };
  kubernetes: Answers['kubernetes'] & { namespace: string };
  network: Answers['network'];
  logging: { siemHost: string; siemPort: number };
  alerting: { pagerKeyFile: string; chatUrlFile: string; chatChannel: string; siemWebhookUrlFile: string };
  slo: Answers['slo'] & { errorBudget: number; latencyThresholdSeconds: number };
}

function environmentContext(answers: Answers, env: EnvironmentAnswer): EnvironmentContext {
  const sizing = SIZING[env.tier];
  const isProduction = env.tier === 'large' || env.name === 'prod' || env.name === 'production';
  const min = Math.min(Math.max(answers.kubernetes.minReplicas, isProduction ? 3 : 1), answers.kubernetes.maxReplicas);
  const max = Math.max(answers.kubernetes.maxReplicas, min, isProduction ? 3 : 1);
  return { ...env, isProduction, sizing, replicas: { min: isProduction ? Math.max(min, 3) : min, max }, namePrefix: `${answers.service}-${env.name}` };
}

function durationSeconds(duration: string): number {
  const match = /^([0-9]+)(ms|s)$/.exec(duration);
  if (!match) throw new Error(`not a duration: ${duration}`);
  return match[2] === 'ms' ? Number(match[1]) / 1000 : Number(match[1]);
}

/** Build the one typed, derived context from validated answers (defaults applied). */
export function buildContext(answers: Answers): Context {
  const environments = answers.environments.map((env) => environmentContext(answers, env));
  const has = (framework: Framework) => answers.compliance.includes(framework);
  const components = Object.fromEntries(COMPONENTS.map((c) => [c, answers.components.includes(c)])) as Record<Component, boolean>;
  const vault = answers.secrets.backend === 'vault' && answers.secrets.vault
    ? { address: answers.secrets.vault.address.replace(/\/$/, ''), kvMount: answers.secrets.vault.kvMount, authMethod: answers.secrets.vault.authMethod }
    : undefined;
  const secretsDir = `/etc/alertmanager/secrets/${answers.service}`;
  const context: Context = {
    generator: { name: generatorName, version: currentBaselineVersion() },
    service: {
      name: answers.service,
      description: answers.description,
      team: answers.team,
      ownerEmail: answers.ownerEmail,
      costCenter: answers.costCenter,
      repository: answers.repository ?? `github.com/${answers.team}/${answers.service}`,
    },
    cloud: answers.cloud,
    environments,
    firstEnvironment: environments[0]!,
    dataClassification: answers.dataClassification,
    frameworks: [...answers.compliance].sort(),
    flags: {
      pciScope: has('pci-dss-4'),
      soc2: has('soc2'),
      gdpr: has('gdpr'),
      restrictedData: answers.dataClassification === 'restricted',
      riskAccepted: answers.riskAcceptance !== undefined,
      vault: vault !== undefined,
      awsSecretsManager: answers.secrets.backend === 'aws-secrets-manager',
      components,
      database: components.ansible && answers.ansible.database !== 'none',
      postgresql: components.ansible && answers.ansible.database === 'postgresql',
      mysql: components.ansible && answers.ansible.database === 'mysql',
      nginx: components.ansible && answers.ansible.webserver === 'nginx',
      ingress: components.kubernetes && answers.kubernetes.ingressHost !== undefined,
      istio: components.kubernetes && answers.kubernetes.mesh === 'istio',
    },
    complianceScope: answers.compliance.length > 0 ? [...answers.compliance].sort().join(' ') : 'none',
    ...(answers.riskAcceptance ? { riskAcceptance: answers.riskAcceptance } : {}),
    secrets: {
      backend: answers.secrets.backend,
      ...(vault ? { vault } : {}),
      pathPrefix: `${answers.team}/${answers.service}`,
    },
    ansible: { ...answers.ansible, osFamily: answers.ansible.os === 'rhel-9' ? 'redhat' : 'debian' },
    kubernetes: { ...answers.kubernetes, namespace: answers.kubernetes.namespace ?? answers.service },
    network: answers.network,
    logging: { siemHost: answers.logging.siemHost ?? `siem.${answers.team}.internal`, siemPort: answers.logging.siemPort },
    alerting: {
      pagerKeyFile: answers.alerting.pagerKeyFile ?? `${secretsDir}/pagerduty-routing-key`,
      chatUrlFile: answers.alerting.chatUrlFile ?? `${secretsDir}/slack-webhook-url`,
      chatChannel: answers.alerting.chatChannel ?? `#${answers.team}-alerts`,
      siemWebhookUrlFile: answers.alerting.siemWebhookUrlFile ?? `${secretsDir}/siem-webhook-url`,
    },
    slo: {
      ...answers.slo,
      errorBudget: Number((1 - answers.slo.availability).toPrecision(6)),
      latencyThresholdSeconds: durationSeconds(answers.slo.latencyThreshold),
    },
  };
  return context;
}
