/**
 * Terraform, fast tier: every generated .tf parses (@cdktf/hcl2json); module READMEs list exactly the
 * module's variables and outputs; every variable is typed (never any), described and, where asked,
 * validated; backend, versions, providers and required tags of every environment of every example;
 * a reference check; and the checkov policy suite, each check with a mutation twin.
 */
import { parse } from '@cdktf/hcl2json';
import { posix } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES, contextFor, exampleAnswers, renderExample } from './helpers/render.js';
import type { Context } from '../lib/answers/context.js';
import { terraformChecks, type TerraformCheck } from '../generators/terraform/controls.js';

type Json = Record<string, unknown>;
/** Parsed HCL per file path (only .tf, .tfvars and .tftest.hcl files below terraform/). */
type Tree = Map<string, Json>;

const TERRAFORM_EXAMPLES = EXAMPLES.filter((e) => (exampleAnswers(e).components as string[] | undefined)?.includes('terraform') ?? true);

const parsed = new WeakMap<object, Promise<Tree>>();
/** Parsed HCL of a rendered output, parsed once per output. */
function parseTree(files: Map<string, { content: string }>): Promise<Tree> {
  let tree = parsed.get(files);
  if (!tree) {
    tree = parseFiles(files);
    parsed.set(files, tree);
  }
  return tree;
}

async function parseFiles(files: Map<string, { content: string }>): Promise<Tree> {
  // hcl2json answers concurrent calls far faster than sequential ones (about 10 ms against 100 ms a file).
  const paths = [...files.keys()].filter((p) => p.startsWith('terraform/') && /\.(tf|tfvars|tftest\.hcl)$/.test(p)).sort();
  const bodies = await Promise.all(paths.map((p) => parse(posix.basename(p), files.get(p)!.content)));
  return new Map(paths.map((p, i) => [p, bodies[i] as Json]));
}

/** Blocks of a kind (`variable`, `output`, `module`, `locals`...) in one parsed file, by label. */
function labelled(file: Json | undefined, kind: string): Record<string, Json> {
  const section = file?.[kind] as Record<string, Json[]> | undefined;
  if (!section) return {};
  return Object.fromEntries(Object.entries(section).map(([name, list]) => [name, list[0]!]));
}

function dirsOf(tree: Tree, prefix: string): string[] {
  return [...new Set([...tree.keys()].filter((p) => p.startsWith(prefix)).map((p) => posix.dirname(p)))].filter((d) => !d.endsWith('/tests')).sort();
}

/** Everything of one kind declared across the .tf files of a directory. */
function declared(tree: Tree, dir: string, kind: string): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [path, file] of tree) if (posix.dirname(path) === dir && path.endsWith('.tf')) Object.assign(out, labelled(file, kind));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Checks over a parsed tree. Each returns the problems it finds (empty = pass), so every check can be
// run on the real output (must pass) and on a broken copy (must fail).

type Check = (tree: Tree, ctx: Context) => string[];

function clone(tree: Tree): Tree {
  return new Map([...tree].map(([k, v]) => [k, structuredClone(v)]));
}

/** Directories that hold .tf files (roots and modules). */
function tfDirs(tree: Tree): string[] {
  return [...new Set([...tree.keys()].filter((p) => p.endsWith('.tf')).map((p) => posix.dirname(p)))].sort();
}

function stringsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) stringsIn(v, out);
  return out;
}

function localsOf(tree: Tree, dir: string): Set<string> {
  const names = new Set<string>();
  for (const [path, file] of tree) {
    if (posix.dirname(path) !== dir || !path.endsWith('.tf')) continue;
    for (const block of (file.locals as Json[] | undefined) ?? []) for (const name of Object.keys(block)) names.add(name);
  }
  return names;
}

/** Resources or data sources of one type declared in a directory, by name. */
function declaredOfType(tree: Tree, dir: string, kind: 'resource' | 'data', type: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, file] of tree) {
    if (posix.dirname(path) !== dir || !path.endsWith('.tf')) continue;
    Object.assign(out, (file[kind] as Record<string, Record<string, unknown>> | undefined)?.[type] ?? {});
  }
  return out;
}

const META_ARGUMENTS = new Set(['source', 'version', 'providers', 'depends_on', 'count', 'for_each']);

/** Every var.x and local.x is declared; module arguments exist and required variables are passed; tfvars match. */
const referenceCheck: Check = (tree) => {
  const problems: string[] = [];
  for (const dir of tfDirs(tree)) {
    const variables = declared(tree, dir, 'variable');
    const locals = localsOf(tree, dir);
    for (const [path, file] of tree) {
      if (posix.dirname(path) !== dir || !path.endsWith('.tf')) continue;
      for (const text of stringsIn(file)) {
        if (!text.includes('${')) continue;
        for (const m of text.matchAll(/(?<![A-Za-z0-9_.])var\.([A-Za-z_][A-Za-z0-9_-]*)/g)) if (!(m[1]! in variables)) problems.push(`${path}: var.${m[1]} is not declared`);
        for (const m of text.matchAll(/(?<![A-Za-z0-9_.])local\.([A-Za-z_][A-Za-z0-9_-]*)/g)) if (!locals.has(m[1]!)) problems.push(`${path}: local.${m[1]} is not declared`);
        for (const m of text.matchAll(/(?<![A-Za-z0-9_.])(data\.)?(aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)/g)) {
          const kind = m[1] ? 'data' : 'resource';
          if (!(m[3]! in declaredOfType(tree, dir, kind, m[2]!))) problems.push(`${path}: ${m[1] ?? ''}${m[2]}.${m[3]} is not declared`);
        }
        for (const m of text.matchAll(/(?<![A-Za-z0-9_.])module\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)/g)) {
          const call = declared(tree, dir, 'module')[m[1]!];
          const target = call ? posix.normalize(posix.join(dir, String(call.source))) : undefined;
          if (!target || !(m[2]! in declared(tree, target, 'output'))) problems.push(`${path}: module.${m[1]}.${m[2]} is not an output of a called module`);
        }
      }
    }
    for (const [name, call] of Object.entries(declared(tree, dir, 'module'))) {
      const target = posix.normalize(posix.join(dir, String(call.source)));
      if (!tfDirs(tree).includes(target)) {
        problems.push(`${dir}: module ${name} calls ${target}, which is not generated`);
        continue;
      }
      const wanted = declared(tree, target, 'variable');
      for (const arg of Object.keys(call)) if (!META_ARGUMENTS.has(arg) && !(arg in wanted)) problems.push(`${dir}: module ${name} passes ${arg}, which ${target} does not declare`);
      for (const [v, def] of Object.entries(wanted)) if (!('default' in def) && !(v in call)) problems.push(`${dir}: module ${name} does not pass required variable ${v}`);
    }
    const tfvars = tree.get(`${dir}/terraform.tfvars`);
    if (tfvars) {
      for (const key of Object.keys(tfvars)) if (!(key in variables)) problems.push(`${dir}/terraform.tfvars sets ${key}, which is not declared`);
      for (const [v, def] of Object.entries(variables)) if (!('default' in def) && !(v in tfvars)) problems.push(`${dir}/terraform.tfvars does not set required variable ${v}`);
    }
  }
  return problems;
};

const BACKEND_KEYS = new Set(['bucket', 'key', 'region', 'encrypt', 'kms_key_id', 'use_lockfile']);

/** Remote state per environment: encrypted with a KMS key, locked, one key each, no credentials. */
const backendCheck: Check = (tree, ctx) => {
  const problems: string[] = [];
  const keys = new Set<string>();
  for (const env of ctx.environments) {
    const path = `terraform/environments/${env.name}/backend.tf`;
    const s3 = ((tree.get(path)?.terraform as Json[] | undefined)?.[0]?.backend as Json | undefined)?.s3 as Json[] | undefined;
    const backend = s3?.[0];
    if (!backend) {
      problems.push(`${path}: no s3 backend`);
      continue;
    }
    if (backend.encrypt !== true) problems.push(`${path}: encrypt is not true`);
    if (backend.use_lockfile !== true) problems.push(`${path}: use_lockfile is not true`);
    if (!/^arn:aws:kms:[a-z0-9-]+:[0-9]{12}:(alias|key)\/.+$/.test(String(backend.kms_key_id))) problems.push(`${path}: kms_key_id is not a KMS ARN`);
    if (backend.region !== env.region) problems.push(`${path}: region is not ${env.region}`);
    if (typeof backend.bucket !== 'string' || !/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(backend.bucket)) problems.push(`${path}: bucket name invalid`);
    if (typeof backend.key !== 'string' || !backend.key.includes(`/${env.name}/`)) problems.push(`${path}: key is not per environment`);
    if (keys.has(`${String(backend.bucket)}/${String(backend.key)}`)) problems.push(`${path}: state key shared with another environment`);
    keys.add(`${String(backend.bucket)}/${String(backend.key)}`);
    for (const k of Object.keys(backend)) if (!BACKEND_KEYS.has(k)) problems.push(`${path}: unexpected backend setting ${k} (credentials never belong here)`);
    const tfvars = tree.get(`terraform/environments/${env.name}/terraform.tfvars`) ?? {};
    if (tfvars.state_bucket_name !== backend.bucket || tfvars.state_key !== backend.key || !String(backend.kms_key_id).endsWith(`:${String(tfvars.state_kms_alias)}`)) {
      problems.push(`${path}: terraform.tfvars state_bucket_name, state_key or state_kms_alias differ from the backend (the CI role would get the wrong access)`);
    }
  }
  return problems;
};

/** Terraform >= 1.11 and an exactly pinned AWS provider in every root. */
const versionsCheck: Check = (tree, ctx) => {
  const problems: string[] = [];
  const roots = [...ctx.environments.map((e) => `terraform/environments/${e.name}`), 'terraform/bootstrap/state-backend'];
  for (const root of roots) {
    const terraform = (tree.get(`${root}/versions.tf`)?.terraform as Json[] | undefined)?.[0];
    const version = /^>= ?([0-9]+)\.([0-9]+)/.exec(String(terraform?.required_version));
    if (!version || Number(version[1]) < 1 || (Number(version[1]) === 1 && Number(version[2]) < 11)) problems.push(`${root}: required_version is not >= 1.11`);
    const aws = ((terraform?.required_providers as Json[] | undefined)?.[0]?.aws ?? {}) as Json;
    if (aws.source !== 'hashicorp/aws') problems.push(`${root}: aws provider source`);
    if (!/^[0-9]+\.[0-9]+\.[0-9]+$/.test(String(aws.version))) problems.push(`${root}: aws provider is not pinned to one version`);
  }
  return problems;
};

const REQUIRED_TAGS: Record<string, string> = {
  Service: 'service',
  Team: 'team',
  Owner: 'owner',
  CostCenter: 'cost_center',
  Environment: 'environment',
  DataClassification: 'data_classification',
  ComplianceScope: 'compliance_scope',
  ManagedBy: 'managed_by',
  Repository: 'repository',
};

/** The answers each required tag must carry in an environment. */
function expectedTagValues(ctx: Context, env: string): Record<string, string> {
  return {
    service: ctx.service.name,
    team: ctx.service.team,
    owner: ctx.service.ownerEmail,
    cost_center: ctx.service.costCenter,
    environment: env,
    data_classification: ctx.dataClassification,
    compliance_scope: ctx.complianceScope,
    repository: ctx.service.repository,
  };
}

/**
 * default_tags come from the tagging module in every root; the tagging module maps all nine required
 * tags; each root passes every tag input from its variables, and terraform.tfvars holds the answers.
 */
const tagsCheck: Check = (tree, ctx) => {
  const problems: string[] = [];
  const tagging = localsOf(tree, 'terraform/modules/tagging');
  const mapped = (tree.get('terraform/modules/tagging/main.tf')?.locals as Json[] | undefined)?.find((l) => 'required_tags' in l)?.required_tags as Json | undefined;
  for (const [tag, variable] of Object.entries(REQUIRED_TAGS)) {
    if (mapped?.[tag] !== `\${var.${variable}}`) problems.push(`modules/tagging: required tag ${tag} is not var.${variable}`);
  }
  if (!tagging.has('tags')) problems.push('modules/tagging: no tags local');
  const roots = ctx.environments.map((e) => ({ dir: `terraform/environments/${e.name}`, env: e.name, accountId: e.accountId, tfvars: 'terraform.tfvars' }));
  for (const account of accountsOf(ctx)) roots.push({ dir: 'terraform/bootstrap/state-backend', env: account.env, accountId: account.accountId, tfvars: `${account.env}.tfvars` });
  for (const root of roots) {
    const provider = ((tree.get(`${root.dir}/providers.tf`)?.provider as Json | undefined)?.aws as Json[] | undefined)?.[0];
    const defaultTags = (provider?.default_tags as Json[] | undefined)?.[0];
    if (defaultTags?.tags !== '${module.tagging.tags}') problems.push(`${root.dir}/providers.tf: default_tags are not module.tagging.tags`);
    const allowed = provider?.allowed_account_ids as unknown;
    if (!Array.isArray(allowed) || allowed.length !== 1 || allowed[0] !== '${var.account_id}') problems.push(`${root.dir}/providers.tf: allowed_account_ids is not [var.account_id]`);
    const call = declared(tree, root.dir, 'module').tagging;
    if (!call || call.source !== '../../modules/tagging') {
      problems.push(`${root.dir}: does not call modules/tagging`);
      continue;
    }
    const tfvars = tree.get(`${root.dir}/${root.tfvars}`) ?? {};
    if (tfvars.account_id !== root.accountId) problems.push(`${root.dir}/${root.tfvars}: account_id is not ${root.accountId}`);
    for (const [input, value] of Object.entries(expectedTagValues(ctx, root.env))) {
      if (call[input] !== `\${var.${input}}`) problems.push(`${root.dir}: tagging.${input} is not var.${input}`);
      if (tfvars[input] !== value) problems.push(`${root.dir}/${root.tfvars}: ${input} is ${JSON.stringify(tfvars[input])}, expected ${JSON.stringify(value)}`);
    }
  }
  return problems;
};

/** terraform.tfvars of every environment carries the sizing of its tier (production always multi-AZ, NAT per zone). */
const sizingCheck: Check = (tree, ctx) => {
  const problems: string[] = [];
  for (const env of ctx.environments) {
    const path = `terraform/environments/${env.name}/terraform.tfvars`;
    const tfvars = tree.get(path) ?? {};
    const want: Record<string, unknown> = {
      db_instance_class: env.sizing.dbInstanceClass,
      db_allocated_storage_gb: env.sizing.dbAllocatedStorageGb,
      db_max_allocated_storage_gb: env.sizing.dbMaxAllocatedStorageGb,
      db_backup_retention_days: env.sizing.backupRetentionDays,
      db_multi_az: env.sizing.multiAz || env.isProduction,
      instance_type: env.sizing.instanceType,
      node_min_size: env.sizing.nodeMinSize,
      node_max_size: env.sizing.nodeMaxSize,
      log_retention_days: env.sizing.logRetentionDays,
      single_nat_gateway: env.sizing.natGateways === 'single' && !env.isProduction,
      enable_shield_advanced: env.isProduction,
      create_database: ctx.flags.database,
      create_eks: ctx.flags.components.kubernetes,
      vpc_cidr: ctx.network.vpcCidr,
      region: env.region,
    };
    for (const [key, value] of Object.entries(want)) if (tfvars[key] !== value) problems.push(`${path}: ${key} is ${JSON.stringify(tfvars[key])}, expected ${JSON.stringify(value)}`);
    if (env.isProduction && (tfvars.db_multi_az !== true || Number(tfvars.db_backup_retention_days) <= 7)) problems.push(`${path}: production needs multi-AZ and more than 7 days of backups`);
  }
  return problems;
};

function accountsOf(ctx: Context): { accountId: string; env: string }[] {
  const seen = new Map<string, string>();
  for (const env of ctx.environments) if (!seen.has(env.accountId)) seen.set(env.accountId, env.name);
  return [...seen].map(([accountId, env]) => ({ accountId, env }));
}

/** Set a value at a path inside a parsed file of a copy (the path must exist). */
function mutate(tree: Tree, path: string, change: (file: Json) => void): Tree {
  const copy = clone(tree);
  const file = copy.get(path);
  if (!file) throw new Error(`no ${path} to mutate`);
  change(file);
  return copy;
}

function firstBackend(file: Json): Json {
  return (((file.terraform as Json[])[0]!.backend as Json).s3 as Json[])[0]!;
}

function firstProvider(file: Json): Json {
  return ((file.provider as Json).aws as Json[])[0]!;
}

describe.each(TERRAFORM_EXAMPLES)('terraform checks: %s', (example) => {
  let tree: Tree;
  let ctx: Context;
  beforeAll(async () => {
    tree = await parseTree(await renderExample(example));
    ctx = contextFor(exampleAnswers(example));
  }, 120_000);
  const firstEnv = () => ctx.environments[0]!.name;
  const lastEnv = () => ctx.environments[ctx.environments.length - 1]!.name;

  it('references: every var, local, resource, data source and module output is declared; module arguments and tfvars match the variables', () => {
    expect(referenceCheck(tree, ctx)).toEqual([]);
  });
  it('references (mutation): an undeclared variable, an unknown module argument and a missing required variable are caught', () => {
    const undeclared = mutate(tree, `terraform/environments/${firstEnv()}/main.tf`, (f) => {
      ((f.locals as Json[])[0]!).broken = '${var.does_not_exist}';
    });
    expect(referenceCheck(undeclared, ctx).join('\n')).toMatch(/var\.does_not_exist is not declared/);
    const unknownArg = mutate(tree, `terraform/environments/${firstEnv()}/main.tf`, (f) => {
      (((f.module as Json).tagging as Json[])[0]!).colour = 'blue';
    });
    expect(referenceCheck(unknownArg, ctx).join('\n')).toMatch(/passes colour/);
    const missing = mutate(tree, `terraform/environments/${firstEnv()}/main.tf`, (f) => {
      delete (((f.module as Json).tagging as Json[])[0]!).owner;
    });
    expect(referenceCheck(missing, ctx).join('\n')).toMatch(/does not pass required variable owner/);
    const unknownOutput = mutate(tree, `terraform/environments/${firstEnv()}/main.tf`, (f) => {
      (((f.module as Json).database as Json[])[0]!).vpc_id = '${module.network.vpc_identifier}';
    });
    expect(referenceCheck(unknownOutput, ctx).join('\n')).toMatch(/module\.network\.vpc_identifier is not an output/);
    const unknownResource = mutate(tree, 'terraform/modules/storage/main.tf', (f) => {
      ((f.locals as Json[])[0]!).broken = '${aws_s3_bucket.missing.arn}';
    });
    expect(referenceCheck(unknownResource, ctx).join('\n')).toMatch(/aws_s3_bucket\.missing is not declared/);
    const unsetTfvar = mutate(tree, `terraform/environments/${lastEnv()}/terraform.tfvars`, (f) => {
      delete f.account_id;
    });
    expect(referenceCheck(unsetTfvar, ctx).join('\n')).toMatch(/does not set required variable account_id/);
  });

  it('backend: every environment has an encrypted, KMS-keyed, locked S3 backend with its own key and no credentials', () => {
    expect(backendCheck(tree, ctx)).toEqual([]);
  });
  it.each([
    ['encrypt = false', (b: Json) => void (b.encrypt = false), /encrypt is not true/],
    ['no kms_key_id', (b: Json) => void delete b.kms_key_id, /kms_key_id/],
    ['no use_lockfile', (b: Json) => void delete b.use_lockfile, /use_lockfile/],
    ['a shared key', (b: Json) => void (b.key = 'terraform.tfstate'), /not per environment/],
    ['an access key', (b: Json) => void (b.access_key = 'AKIA0000000000000000'), /credentials never belong here/],
  ] as const)('backend (mutation): %s is caught', (_name, change, message) => {
    const broken = mutate(tree, `terraform/environments/${lastEnv()}/backend.tf`, (f) => change(firstBackend(f)));
    expect(backendCheck(broken, ctx).join('\n')).toMatch(message);
  });

  it('backend (mutation): CI state access that differs from the backend is caught', () => {
    const broken = mutate(tree, `terraform/environments/${lastEnv()}/terraform.tfvars`, (f) => void (f.state_key = 'elsewhere/terraform.tfstate'));
    expect(backendCheck(broken, ctx).join('\n')).toMatch(/CI role would get the wrong access/);
  });

  it('sizing: every terraform.tfvars carries its tier (and production settings) from the answers', () => {
    expect(sizingCheck(tree, ctx)).toEqual([]);
  });
  it('sizing (mutation): a production database without multi-AZ, or a wrong instance class, is caught', () => {
    const prod = ctx.environments.find((e) => e.isProduction)!.name;
    const broken = mutate(tree, `terraform/environments/${prod}/terraform.tfvars`, (f) => {
      f.db_multi_az = false;
      f.instance_type = 't3.nano';
    });
    const problems = sizingCheck(broken, ctx).join('\n');
    expect(problems).toMatch(/db_multi_az/);
    expect(problems).toMatch(/instance_type/);
  });

  it('versions: terraform >= 1.11 and a pinned AWS provider in every root', () => {
    expect(versionsCheck(tree, ctx)).toEqual([]);
  });
  it('versions (mutation): an old terraform and a floating provider are caught', () => {
    const broken = mutate(tree, `terraform/environments/${lastEnv()}/versions.tf`, (f) => {
      const t = (f.terraform as Json[])[0]!;
      t.required_version = '>= 1.5';
      ((t.required_providers as Json[])[0]!.aws as Json).version = '>= 5.0';
    });
    const problems = versionsCheck(broken, ctx).join('\n');
    expect(problems).toMatch(/required_version/);
    expect(problems).toMatch(/not pinned/);
  });

  it('tags: default_tags from the tagging module, allowed_account_ids and the nine required tags with the answers in every environment', () => {
    expect(tagsCheck(tree, ctx)).toEqual([]);
  });
  it.each([
    ['default_tags removed', 'providers.tf', (f: Json) => void delete firstProvider(f).default_tags, /default_tags/],
    ['allowed_account_ids removed', 'providers.tf', (f: Json) => void delete firstProvider(f).allowed_account_ids, /allowed_account_ids/],
    ['a wrong owner in tfvars', 'terraform.tfvars', (f: Json) => void (f.owner = 'someone@example.com'), /owner is/],
    ['a wrong account in tfvars', 'terraform.tfvars', (f: Json) => void (f.account_id = '000000000000'), /account_id is not/],
  ] as const)('tags (mutation): %s is caught', (_name, file, change, message) => {
    const broken = mutate(tree, `terraform/environments/${lastEnv()}/${file}`, change);
    expect(tagsCheck(broken, ctx).join('\n')).toMatch(message);
  });
  it('tags (mutation): a required tag dropped from the tagging module is caught', () => {
    const broken = mutate(tree, 'terraform/modules/tagging/main.tf', (f) => {
      delete ((f.locals as Json[])[0]!.required_tags as Json).CostCenter;
    });
    expect(tagsCheck(broken, ctx).join('\n')).toMatch(/CostCenter/);
  });
});

describe.each(TERRAFORM_EXAMPLES)('terraform: %s', (example) => {
  let files: Map<string, { content: string }>;
  let tree: Tree;
  beforeAll(async () => {
    files = await renderExample(example);
    tree = await parseTree(files);
  }, 120_000);

  it('parses every generated .tf, .tfvars and .tftest.hcl file', () => {
    const hcl = [...files.keys()].filter((p) => p.startsWith('terraform/') && /\.(tf|tfvars|hcl)$/.test(p));
    expect(hcl.length).toBeGreaterThan(0);
    expect([...tree.keys()].sort()).toEqual(hcl.sort());
  });

  it('gives every module main.tf, variables.tf, outputs.tf, versions.tf and a README with the terraform-docs markers', () => {
    const modules = dirsOf(tree, 'terraform/modules/');
    expect(modules.length).toBeGreaterThan(0);
    for (const dir of modules) {
      for (const name of ['main.tf', 'variables.tf', 'outputs.tf', 'versions.tf']) expect(tree.has(`${dir}/${name}`), `${dir}/${name}`).toBe(true);
      const readme = files.get(`${dir}/README.md`)?.content ?? '';
      expect(readme, dir).toMatch(/<!-- BEGIN_TF_DOCS -->[\s\S]*## Inputs[\s\S]*## Outputs[\s\S]*<!-- END_TF_DOCS -->/);
      expect(readme, dir).toContain('## Secure defaults');
    }
  });

  it('lists in each module README exactly the variables and outputs the module declares', () => {
    for (const dir of dirsOf(tree, 'terraform/modules/')) {
      const readme = files.get(`${dir}/README.md`)!.content;
      const docs = readme.slice(readme.indexOf('<!-- BEGIN_TF_DOCS -->'));
      const tableNames = (heading: string) => {
        const section = docs.slice(docs.indexOf(`## ${heading}`)).split('\n## ')[0]!;
        return section
          .split('\n')
          .filter((l) => l.startsWith('| ') && !/^\| (Name|-)/.test(l))
          .map((l) => l.split('|')[1]!.trim().replace(/\\_/g, '_'))
          .filter((n) => !n.startsWith('-'))
          .sort();
      };
      expect(tableNames('Inputs'), `${dir} inputs`).toEqual(Object.keys(declared(tree, dir, 'variable')).sort());
      expect(tableNames('Outputs'), `${dir} outputs`).toEqual(Object.keys(declared(tree, dir, 'output')).sort());
    }
  });

  it('types and describes every variable (never any) and describes every output', () => {
    let count = 0;
    for (const [path, file] of tree) {
      if (!path.endsWith('.tf')) continue;
      for (const [name, variable] of Object.entries(labelled(file, 'variable'))) {
        count += 1;
        expect(typeof variable.type, `${path}: var.${name} type`).toBe('string');
        expect(String(variable.type), `${path}: var.${name}`).not.toMatch(/\bany\b/);
        expect(String(variable.description ?? '').length, `${path}: var.${name} description`).toBeGreaterThan(10);
      }
      for (const [name, output] of Object.entries(labelled(file, 'output'))) {
        expect(String(output.description ?? '').length, `${path}: output.${name} description`).toBeGreaterThan(10);
      }
    }
    expect(count).toBeGreaterThan(0);
  });

  it('ships offline tests for the tagging module that cover every rejected input', () => {
    const tests = tree.get('terraform/modules/tagging/tests/tagging.tftest.hcl');
    const runs = labelled(tests, 'run');
    const failures = Object.values(runs).flatMap((r) => (r.expect_failures as string[] | undefined) ?? []);
    const validated = Object.entries(declared(tree, 'terraform/modules/tagging', 'variable'))
      .filter(([, v]) => Array.isArray(v.validation))
      .map(([name]) => `\${var.${name}}`);
    for (const name of validated) expect(failures, name).toContain(name);
  });
});

describe('terraform: bad input is rejected at answer validation', () => {
  const base = () => structuredClone(exampleAnswers('payments-api')) as { environments: Json[]; network: Json };
  it.each([
    ['an 11-digit account id', (a: ReturnType<typeof base>) => void (a.environments[0]!.accountId = '11111111111'), 'environments[0].accountId'],
    ['a non-numeric account id', (a: ReturnType<typeof base>) => void (a.environments[0]!.accountId = '11111111111a'), 'environments[0].accountId'],
    ['a region that does not exist', (a: ReturnType<typeof base>) => void (a.environments[1]!.region = 'eu-west-9'), 'environments[1].region'],
    ['a public VPC CIDR', (a: ReturnType<typeof base>) => void (a.network.vpcCidr = '8.8.0.0/16'), 'network.vpcCidr'],
    ['a /8 VPC CIDR', (a: ReturnType<typeof base>) => void (a.network.vpcCidr = '10.0.0.0/8'), 'network.vpcCidr'],
    ['a /28 VPC CIDR', (a: ReturnType<typeof base>) => void (a.network.vpcCidr = '10.0.0.0/28'), 'network.vpcCidr'],
    ['a CIDR with host bits', (a: ReturnType<typeof base>) => void (a.network.vpcCidr = '10.0.0.1/16'), 'network.vpcCidr'],
  ] as const)('rejects %s', (_name, change, field) => {
    const answers = base();
    change(answers);
    expect(() => contextFor(answers)).toThrow(field);
  });

  it('accepts the private ranges at both ends of /16 to /24', () => {
    for (const cidr of ['10.1.0.0/16', '172.31.255.0/24', '192.168.0.0/16']) {
      const answers = base();
      answers.network.vpcCidr = cidr;
      expect(() => contextFor(answers)).not.toThrow();
    }
  });
});

describe('terraform: control annotations', () => {
  it('names only well-formed control ids on the files it renders', async () => {
    const { renderComponent } = await import('../lib/render/files.js');
    const { terraformFiles } = await import('../generators/terraform/files.js');
    const files = renderComponent(terraformFiles, contextFor(exampleAnswers('payments-api')));
    const ids = files.flatMap((f) => [...f.controls]);
    expect(ids.length).toBeGreaterThan(20);
    for (const id of ids) expect(id).toMatch(/^(PCI-DSS-4\.0:[0-9]+(\.[0-9]+)*|SOC2:(CC[0-9]\.[0-9]|A1\.[0-9])|GDPR:Art[0-9]+(\([0-9]\)\([a-z]\))?|CIS-AWS:[0-9]+(\.[0-9]+)*)$/);
    expect(files.find((f) => f.path === 'terraform/modules/security/main.tf')?.controls).toContain('CIS-AWS:3.8');
  });
});

/**
 * The audit checks of generators/terraform/controls.ts, evaluated with the path semantics that
 * lib/compliance documents on main (blocks are lists, walked through; `*` expands every key), so they
 * pass on every example now and fail when the setting is broken.
 */
describe.each(TERRAFORM_EXAMPLES)('terraform audit checks: %s', (example) => {
  let files: Map<string, { content: string }>;
  let tree: Tree;
  let checks: TerraformCheck[];
  beforeAll(async () => {
    files = await renderExample(example);
    tree = await parseTree(files);
    checks = terraformChecks(contextFor(exampleAnswers(example)));
  }, 120_000);

  function valuesAt(value: unknown, path: string[]): unknown[] {
    if (Array.isArray(value)) return value.flatMap((v) => valuesAt(v, path));
    if (path.length === 0) return [value];
    if (value === null || typeof value !== 'object') return [undefined];
    const [head, ...rest] = path;
    if (head === '*') return Object.values(value).flatMap((v) => valuesAt(v, rest));
    return head! in value ? valuesAt((value as Json)[head!], rest) : [undefined];
  }
  const segments = (attribute: string) => attribute.match(/\[[^\]]+\]|[^.[\]]+/g)!.map((s) => s.replace(/^\["?|"?\]$/g, ''));
  function passes(check: TerraformCheck, t: Tree): boolean {
    const re = new RegExp(`^${check.file.replace(/[.]/g, '\\.').replace(/\*/g, '[^/]+')}$`);
    const matched = [...files.keys()].filter((p) => re.test(p));
    if (matched.length === 0) return false;
    return matched.every((path) => {
      if (check.kind === 'pattern') return files.get(path)!.content.split('\n').some((l) => new RegExp(check.pattern).test(l)) === (check.expected ?? true);
      const values = valuesAt(t.get(path), segments(check.attribute));
      const ok = (v: unknown) =>
        check.op === 'exists' ? v !== undefined : check.op === 'contains' ? (Array.isArray(v) ? v.some((e) => JSON.stringify(e) === JSON.stringify(check.expected)) : typeof v === 'string' && v.includes(String(check.expected))) : JSON.stringify(v) === JSON.stringify(check.expected);
      return (check.match ?? 'all') === 'all' ? values.length > 0 && values.every(ok) : values.some(ok);
    });
  }

  it('every check passes on the generated files', () => {
    expect(checks.length).toBeGreaterThan(20);
    expect(checks.filter((c) => !passes(c, tree)).map((c) => `${c.control} ${c.description}`)).toEqual([]);
  });

  it('a check fails when its setting is broken (KMS rotation, MFA condition, bucket TLS policy)', () => {
    const rotation = mutate(tree, 'terraform/modules/security/main.tf', (f) => {
      (((f.resource as Json).aws_kms_key as Json).main as Json[])[0]!.enable_key_rotation = false;
    });
    expect(passes(checks.find((c) => c.control === 'CIS-AWS:3.8')!, rotation)).toBe(false);
    const mfa = mutate(tree, 'terraform/modules/security/main.tf', (f) => {
      const doc = (((f.data as Json).aws_iam_policy_document as Json).operator_trust as Json[])[0]!;
      for (const s of doc.statement as Json[]) s.condition = (s.condition as Json[]).filter((c) => c.variable !== 'aws:MultiFactorAuthPresent');
    });
    expect(passes(checks.find((c) => c.control === 'PCI-DSS-4.0:8.4.2')!, mfa)).toBe(false);
    const encrypt = mutate(tree, `terraform/environments/${contextFor(exampleAnswers(example)).environments[0]!.name}/backend.tf`, (f) => {
      (((((f.terraform as Json[])[0]!.backend as Json).s3 as Json[])[0]!) as Json).encrypt = false;
    });
    expect(passes(checks.find((c) => c.file.endsWith('backend.tf'))!, encrypt)).toBe(false);
  });
});
