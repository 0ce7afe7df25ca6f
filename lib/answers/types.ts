/** Answers as validated against schemas/answers.schema.json, with the schema's defaults applied. */

export const COMPONENTS = ['ansible', 'terraform', 'kubernetes', 'monitoring', 'pipeline'] as const;
export type Component = (typeof COMPONENTS)[number];
export type Framework = 'pci-dss-4' | 'soc2' | 'gdpr';
export type DataClassification = 'public' | 'internal' | 'confidential' | 'restricted';
export type Tier = 'small' | 'medium' | 'large';

export interface EnvironmentAnswer {
  name: string;
  accountId: string;
  region: string;
  tier: Tier;
}

export interface Answers {
  $schema?: string;
  service: string;
  description: string;
  team: string;
  ownerEmail: string;
  costCenter: string;
  repository?: string;
  cloud: { provider: 'aws' };
  environments: EnvironmentAnswer[];
  dataClassification: DataClassification;
  compliance: Framework[];
  riskAcceptance?: { owner: string; reason: string };
  components: Component[];
  secrets: {
    backend: 'vault' | 'aws-secrets-manager';
    vault?: { address: string; kvMount: string; authMethod: 'approle' | 'jwt' | 'kubernetes' };
  };
  ansible: { os: 'ubuntu-22.04' | 'ubuntu-24.04' | 'debian-12' | 'rhel-9'; database: 'postgresql' | 'mysql' | 'none'; webserver: 'nginx' | 'none' };
  kubernetes: {
    namespace?: string;
    containerPort: number;
    image?: string;
    ingressHost?: string;
    minReplicas: number;
    maxReplicas: number;
    mesh: 'istio' | 'none';
    metricsPort: number;
    ingressControllerNamespace: string;
    ingressClassName: string;
    monitoringNamespace: string;
    imageVerification: 'key' | 'keyless' | 'digest';
    hpaMetric: string;
    hpaMetricTarget: number;
    allowedCallers: string[];
    certManagerClusterIssuer: string;
  };
  network: { vpcCidr: string; egressCidrs: string[] };
  logging: { siemHost?: string; siemPort: number };
  alerting: { pagerKeyFile?: string; chatUrlFile?: string; chatChannel?: string; siemWebhookUrlFile?: string };
  slo: { availability: number; latencyThreshold: string; latencyTarget: number };
}
