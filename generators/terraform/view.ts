/**
 * The terraform component's derived values (`view`): every decision the templates need is made and
 * named here, once, from the context.
 */
import type { Context, EnvironmentContext } from '../../lib/answers/context.js';

export interface StateBackend {
  /** `<service>-tfstate-<account>`: one bucket per account, created by bootstrap/state-backend. */
  bucket: string;
  /** `<service>/<env>/terraform.tfstate`: one key per environment. */
  key: string;
  /** ARN of the state key's alias, known before the key exists. */
  kmsKeyId: string;
  /** The alias itself (`alias/<service>-tfstate`). */
  kmsAlias: string;
}

export function stateBackend(ctx: Context, env: EnvironmentContext): StateBackend {
  return {
    bucket: `${ctx.service.name}-tfstate-${env.accountId}`,
    key: `${ctx.service.name}/${env.name}/terraform.tfstate`,
    kmsKeyId: `arn:aws:kms:${env.region}:${env.accountId}:alias/${ctx.service.name}-tfstate`,
    kmsAlias: `alias/${ctx.service.name}-tfstate`,
  };
}

export interface Account {
  accountId: string;
  region: string;
  /** The first environment (promotion order) in this account: it names the tfvars file and workspace. */
  environment: string;
  environmentNames: string;
  file: string;
}

/** Accounts in promotion order of their first environment; one state backend each. */
export function accounts(ctx: Context): Account[] {
  const byAccount = new Map<string, EnvironmentContext[]>();
  for (const env of ctx.environments) byAccount.set(env.accountId, [...(byAccount.get(env.accountId) ?? []), env]);
  return [...byAccount.entries()].map(([accountId, envs]) => ({
    accountId,
    region: envs[0]!.region,
    environment: envs[0]!.name,
    environmentNames: envs.map((e) => e.name).join(', '),
    file: `${envs[0]!.name}.tfvars`,
  }));
}

/** `owner/name` of the repository for the GitHub OIDC trust (the path of host/owner/name). */
export function githubRepository(ctx: Context): string {
  const parts = ctx.service.repository.split('/').slice(1);
  return parts.length >= 2 ? `${parts[0]}/${parts[1]}` : `${ctx.service.team}/${parts[0] ?? ctx.service.name}`;
}

/**
 * The database decision: the database module is always generated and called with `create`. It is
 * true when the answers name a database engine (ansible.database), and the RDS engine follows it.
 */
export function database(ctx: Context) {
  return {
    create: ctx.flags.database,
    engine: ctx.flags.mysql ? 'mysql' : 'postgres',
    majorVersion: ctx.flags.mysql ? '8.0' : '16',
  };
}

/** Per-environment values the tfvars need beyond the context's sizing. */
export function environmentView(env: EnvironmentContext) {
  return {
    singleNatGateway: env.sizing.natGateways === 'single' && !env.isProduction,
    dbMultiAz: env.sizing.multiAz || env.isProduction,
  };
}

/** The checkov ids the baseline satisfies (asserted by test/terraform.policy.test.ts). */
export const CHECKOV_COVERED = [
  'CKV_AWS_7', 'CKV_AWS_16', 'CKV_AWS_17', 'CKV_AWS_18', 'CKV_AWS_19', 'CKV_AWS_21', 'CKV_AWS_24', 'CKV_AWS_25', 'CKV_AWS_33',
  'CKV_AWS_35', 'CKV_AWS_36', 'CKV_AWS_37', 'CKV_AWS_39', 'CKV_AWS_53', 'CKV_AWS_54', 'CKV_AWS_55', 'CKV_AWS_56', 'CKV_AWS_58',
  'CKV_AWS_67', 'CKV_AWS_79', 'CKV_AWS_100', 'CKV_AWS_118', 'CKV_AWS_129', 'CKV_AWS_130', 'CKV_AWS_133', 'CKV_AWS_145',
  'CKV_AWS_157', 'CKV_AWS_158', 'CKV_AWS_161', 'CKV_AWS_211', 'CKV_AWS_226', 'CKV_AWS_274', 'CKV_AWS_277', 'CKV_AWS_289',
  'CKV_AWS_290', 'CKV_AWS_293', 'CKV_AWS_338', 'CKV_AWS_341', 'CKV_AWS_353', 'CKV_AWS_354', 'CKV_AWS_355', 'CKV2_AWS_6',
  'CKV2_AWS_10', 'CKV2_AWS_11', 'CKV2_AWS_12', 'CKV2_AWS_31', 'CKV2_AWS_60', 'CKV2_AWS_61', 'CKV2_AWS_65', 'CKV2_AWS_69',
];

/** Checks deliberately not met by default, each with a reasoned `#checkov:skip` in the code. */
export const CHECKOV_LEFT_TO_TEAM = [
  'CKV_AWS_144 (S3 cross-region replication): needs a second region, key and budget, and may conflict with data residency.',
  'CKV2_AWS_62 (S3 event notifications): depends on a consumer; none in this baseline.',
  'CKV_AWS_18 on the access-log buckets themselves: logging a log bucket into itself would loop.',
  'CKV_AWS_145 on the access-log buckets: S3 server access logging delivers only to SSE-S3 buckets.',
  'CKV_AWS_252 (CloudTrail SNS notifications): no subscriber in this baseline.',
  'CKV_AWS_356, CKV_AWS_109, CKV_AWS_111 on key policies (resource * means this key) and on the permissions boundary (a ceiling that grants nothing); CKV_AWS_355, 289 and 290 on the boundary policy for the same reason.',
];

export function terraformView(ctx: Context) {
  return {
    environments: ctx.environments.map((env) => ({ ...env, stateKey: stateBackend(ctx, env).key })),
    ciRoleName: `${ctx.service.name}-ci-plan`,
    promotionOrder: ctx.environments.map((env) => env.name).join(', then '),
    databaseDecision: ctx.flags.database
      ? `The answers name ${ctx.flags.mysql ? 'MySQL' : 'PostgreSQL'} (ansible.database), so create_database is true and RDS runs that engine; if the Ansible-managed hosts run the database instead, set it false.`
      : 'The answers name no database engine, so create_database is false; set it true (and database_engine) to get an RDS instance with every secure default.',
    computeDecision: [
      ctx.flags.components.kubernetes ? 'Kubernetes is a component, so create_eks is true (private endpoint, all control-plane logs, KMS-encrypted secrets, IMDSv2 nodes).' : 'Kubernetes is not a component, so no EKS cluster is created.',
      ctx.flags.components.ansible || !ctx.flags.components.kubernetes
        ? 'Hosts are managed by Ansible, so create_host_launch_template is true (IMDSv2 with hop limit 1, encrypted EBS, SSH only from named security groups).'
        : 'No Ansible-managed hosts, so create_host_launch_template is false.',
    ].join(' '),
    checkov: { covered: CHECKOV_COVERED.join(', '), leftToTeam: CHECKOV_LEFT_TO_TEAM },
    accounts: accounts(ctx),
    githubRepository: githubRepository(ctx),
    database: database(ctx),
    /** Launch templates for hosts when Ansible manages hosts, or when there is no cluster to run on. */
    createHostLaunchTemplate: ctx.flags.components.ansible || !ctx.flags.components.kubernetes,
  };
}
