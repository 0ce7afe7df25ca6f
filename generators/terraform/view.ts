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
}

export function stateBackend(ctx: Context, env: EnvironmentContext): StateBackend {
  return {
    bucket: `${ctx.service.name}-tfstate-${env.accountId}`,
    key: `${ctx.service.name}/${env.name}/terraform.tfstate`,
    kmsKeyId: `arn:aws:kms:${env.region}:${env.accountId}:alias/${ctx.service.name}-tfstate`,
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

export function terraformView(ctx: Context) {
  return {
    accounts: accounts(ctx),
    githubRepository: githubRepository(ctx),
    database: database(ctx),
    /** Launch templates for hosts when Ansible manages hosts, or when there is no cluster to run on. */
    createHostLaunchTemplate: ctx.flags.components.ansible || !ctx.flags.components.kubernetes,
  };
}
