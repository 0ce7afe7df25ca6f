/**
 * Terraform policy suite (fast tier): one named test per checkov id the baseline promises, run over
 * the parsed HCL of every example (@cdktf/hcl2json), each asserting the setting on every matching
 * resource. Values given as `var.x` are followed through module calls to each environment's
 * terraform.tfvars. Every check has a mutation twin: the setting is broken in a copy of the parsed
 * output and the check must then fail. A `#checkov:skip=ID:reason` comment on a block exempts it from
 * that id only when it gives a reason; the skips are listed in the module READMEs.
 */
import { parse } from '@cdktf/hcl2json';
import { posix } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Context } from '../lib/answers/context.js';
import { EXAMPLES, contextFor, exampleAnswers, renderExample } from './helpers/render.js';
import { CHECKOV_COVERED } from '../generators/terraform/view.js';

type Json = Record<string, unknown>;
type Tree = Map<string, Json>;
/** `<dir>|<type>.<name>` -> checkov ids skipped on that block, with reasons. */
type Skips = Map<string, Map<string, string>>;

interface Output {
  tree: Tree;
  skips: Skips;
  ctx: Context;
}

const TERRAFORM_EXAMPLES = EXAMPLES.filter((e) => (exampleAnswers(e).components as string[] | undefined)?.includes('terraform') ?? true);

async function load(example: string): Promise<Output> {
  const files = await renderExample(example);
  const tree: Tree = new Map();
  const skips: Skips = new Map();
  const paths = [...files.keys()].filter((p) => p.startsWith('terraform/') && /\.(tf|tfvars)$/.test(p)).sort();
  const bodies = await Promise.all(paths.map((p) => parse(posix.basename(p), files.get(p)!.content)));
  for (const [i, path] of paths.entries()) {
    const file = files.get(path)!;
    tree.set(path, bodies[i] as Json);
    let block: string | undefined;
    for (const line of file.content.split('\n')) {
      const header = /^(?:resource|data) "([a-z0-9_]+)" "([A-Za-z0-9_-]+)" \{$/.exec(line);
      if (header) block = `${posix.dirname(path)}|${header[1]}.${header[2]}`;
      const skip = /^\s+#checkov:skip=(CKV2?_AWS_[0-9]+):(.*)$/.exec(line);
      if (skip && block) {
        if (!skips.has(block)) skips.set(block, new Map());
        skips.get(block)!.set(skip[1]!, skip[2]!.trim());
      }
      if (line === '}') block = undefined;
    }
  }
  return { tree, skips, ctx: contextFor(exampleAnswers(example)) };
}

// --- Navigation -----------------------------------------------------------------------------------

interface Block {
  dir: string;
  path: string;
  type: string;
  name: string;
  body: Json;
}

function blocksOf(tree: Tree, kind: 'resource' | 'data', type: string): Block[] {
  const out: Block[] = [];
  for (const [path, file] of tree) {
    if (!path.endsWith('.tf')) continue;
    const byType = (file[kind] as Record<string, Record<string, Json[]>> | undefined)?.[type] ?? {};
    for (const [name, bodies] of Object.entries(byType)) out.push({ dir: posix.dirname(path), path, type, name, body: bodies[0]! });
  }
  return out;
}

const resources = (tree: Tree, type: string) => blocksOf(tree, 'resource', type);
const documents = (tree: Tree) => blocksOf(tree, 'data', 'aws_iam_policy_document');

function skipped(o: Output, b: Block, ...ids: string[]): boolean {
  const reasons = o.skips.get(`${b.dir}|${b.type}.${b.name}`);
  return ids.some((id) => (reasons?.get(id)?.length ?? 0) >= 10);
}

/** Does a value mention `<type>.<name>` (as a reference)? */
function refers(value: unknown, type: string, name: string): boolean {
  return new RegExp(`\\b${type}\\.${name}(?![A-Za-z0-9_-])`).test(JSON.stringify(value));
}

/** Blocks of `type` in the same directory whose `attr` refers to the given block. */
function attached(tree: Tree, target: Block, type: string, attr = 'bucket'): Block[] {
  return resources(tree, type).filter(
    (r) =>
      r.dir === target.dir &&
      (refers(r.body[attr], target.type, target.name) || (JSON.stringify(r.body[attr]).includes('each.value') && refers(r.body.for_each, target.type, target.name))),
  );
}

function first(value: unknown): Json {
  return (Array.isArray(value) ? value[0] : value) as Json;
}

function list(value: unknown): Json[] {
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]) as Json[];
}

function localValue(tree: Tree, dir: string, name: string): unknown {
  for (const [path, file] of tree) {
    if (posix.dirname(path) !== dir || !path.endsWith('.tf')) continue;
    for (const block of list(file.locals)) if (name in block) return block[name];
  }
  return undefined;
}

function variableOf(tree: Tree, dir: string, name: string): Json | undefined {
  for (const [path, file] of tree) {
    if (posix.dirname(path) !== dir || !path.endsWith('.tf')) continue;
    const v = (file.variable as Record<string, Json[]> | undefined)?.[name];
    if (v) return v[0];
  }
  return undefined;
}

interface Resolved {
  value: unknown;
  /** The environment whose terraform.tfvars gave the value, when it came from one. */
  env?: string;
}

/**
 * Every concrete value an attribute takes: literals as they are; `var.x` followed to the callers'
 * module arguments, each root's terraform.tfvars (or <env>.tfvars in the bootstrap), or the default;
 * `local.a.b` to the local's literal value. Anything else is returned unresolved.
 */
function resolve(tree: Tree, dir: string, value: unknown, env?: string): Resolved[] {
  if (typeof value !== 'string') return [{ value, env }];
  const local = /^\$\{local\.([A-Za-z0-9_]+)((?:\.[A-Za-z0-9_]+)*)\}$/.exec(value);
  if (local) {
    let v = localValue(tree, dir, local[1]!);
    for (const key of local[2]!.split('.').filter(Boolean)) v = (v as Json | undefined)?.[key];
    return v === undefined ? [{ value, env }] : resolve(tree, dir, v, env);
  }
  const variable = /^\$\{var\.([A-Za-z0-9_]+)\}$/.exec(value);
  if (!variable) return [{ value, env }];
  const name = variable[1]!;
  const declared = variableOf(tree, dir, name);
  const out: Resolved[] = [];
  const tfvars = [...tree.keys()].filter((p) => posix.dirname(p) === dir && p.endsWith('.tfvars'));
  for (const path of tfvars) {
    const file = tree.get(path)!;
    const envName = path.endsWith('/terraform.tfvars') ? posix.basename(dir) : posix.basename(path, '.tfvars');
    out.push(name in file ? { value: file[name], env: envName } : { value: declared?.default, env: envName });
  }
  for (const [path, file] of tree) {
    if (!path.endsWith('.tf')) continue;
    for (const [, calls] of Object.entries((file.module as Record<string, Json[]> | undefined) ?? {})) {
      const call = calls[0]!;
      if (posix.normalize(posix.join(posix.dirname(path), String(call.source))) !== dir) continue;
      if (name in call) out.push(...resolve(tree, posix.dirname(path), call[name], env));
      else out.push({ value: declared?.default, env: posix.basename(posix.dirname(path)) });
    }
  }
  if (out.length === 0) out.push({ value: declared?.default, env });
  return out;
}

/** Every resolved value of an attribute must satisfy `ok`; returns the problems. */
function every(tree: Tree, b: Block, value: unknown, ok: (v: unknown, env?: string) => boolean, what: string): string[] {
  return resolve(tree, b.dir, value)
    .filter((r) => !ok(r.value, r.env))
    .map((r) => `${b.dir}: ${b.type}.${b.name} ${what} (got ${JSON.stringify(r.value)}${r.env ? ` in ${r.env}` : ''})`);
}

function isProduction(ctx: Context, env?: string): boolean {
  return ctx.environments.find((e) => e.name === env)?.isProduction ?? false;
}

// --- Policy documents -----------------------------------------------------------------------------

interface Statement {
  doc: Block;
  effect: string;
  actions: string[];
  resources: string[];
  principals: Json[];
  conditions: Json[];
}

function statements(tree: Tree): Statement[] {
  const out: Statement[] = [];
  for (const doc of documents(tree)) {
    const direct = list(doc.body.statement);
    const dynamic = list(first(doc.body.dynamic)?.statement).flatMap((d) => list(d.content));
    for (const s of [...direct, ...dynamic]) {
      out.push({
        doc,
        effect: String(s.effect ?? 'Allow'),
        actions: list(s.actions).map(String),
        resources: list(s.resources).map(String),
        principals: list(s.principals),
        conditions: list(s.condition),
      });
    }
  }
  return out;
}

const READ_ONLY = /^[a-z0-9-]+:(Get|List|Describe|LookupEvents|BatchGet|Head)/;

function addStatement(tree: Tree, dir: string, doc: string, statement: Json): Tree {
  return mutateBlock(tree, dir, 'data', 'aws_iam_policy_document', doc, (b) => {
    b.statement = [...list(b.statement), statement];
  });
}

// --- Mutation -------------------------------------------------------------------------------------

function clone(tree: Tree): Tree {
  return new Map([...tree].map(([k, v]) => [k, structuredClone(v)]));
}

/** Change one block in a copy of the tree (the block must exist). */
function mutateBlock(tree: Tree, dir: string, kind: 'resource' | 'data', type: string, name: string, change: (body: Json) => void): Tree {
  const copy = clone(tree);
  const found = blocksOf(copy, kind, type).find((b) => b.dir === dir && b.name === name);
  if (!found) throw new Error(`no ${kind} ${type}.${name} in ${dir}`);
  change(found.body);
  return copy;
}

function mutateResource(tree: Tree, dir: string, type: string, name: string, change: (body: Json) => void): Tree {
  return mutateBlock(tree, dir, 'resource', type, name, change);
}

function removeResource(tree: Tree, dir: string, type: string, name: string): Tree {
  const copy = clone(tree);
  for (const [path, file] of copy) {
    if (posix.dirname(path) !== dir) continue;
    const byType = (file.resource as Record<string, Record<string, unknown>> | undefined)?.[type];
    if (byType && name in byType) {
      delete byType[name];
      return copy;
    }
  }
  throw new Error(`no resource ${type}.${name} in ${dir}`);
}

function mutateFile(tree: Tree, path: string, change: (file: Json) => void): Tree {
  const copy = clone(tree);
  const file = copy.get(path);
  if (!file) throw new Error(`no ${path}`);
  change(file);
  return copy;
}

function mutateLocals(tree: Tree, dir: string, change: (locals: Json) => void): Tree {
  return mutateFile(tree, `${dir}/main.tf`, (f) => change(list(f.locals)[0]!));
}

const M = 'terraform/modules';
const BOOT = 'terraform/bootstrap/state-backend';
const prodEnv = (ctx: Context) => ctx.environments.find((e) => e.isProduction)?.name ?? ctx.environments[ctx.environments.length - 1]!.name;

// --- The checks -----------------------------------------------------------------------------------

interface PolicyCheck {
  id: string;
  title: string;
  run: (o: Output) => string[];
  /** A copy of the output with the setting broken somewhere the check must notice. */
  mutate: (o: Output) => Tree;
}

function buckets(o: Output): Block[] {
  return resources(o.tree, 'aws_s3_bucket');
}

/** The check applies to a bucket unless it, or the attached block, carries a reasoned skip for the id. */
function bucketCheck(id: string, type: string, ok: (o: Output, bucket: Block, attachedBlocks: Block[]) => string | undefined): (o: Output) => string[] {
  return (o) => {
    const problems: string[] = [];
    for (const bucket of buckets(o)) {
      const blocks = attached(o.tree, bucket, type);
      if (skipped(o, bucket, id) || blocks.some((b) => skipped(o, b, id))) continue;
      const problem = ok(o, bucket, blocks);
      if (problem) problems.push(`${bucket.dir}: aws_s3_bucket.${bucket.name} ${problem}`);
    }
    if (buckets(o).length === 0) problems.push('no buckets found');
    return problems;
  };
}

function publicAccessBlockCheck(id: string, field: string): PolicyCheck {
  return {
    id,
    title: `S3 public access block sets ${field}`,
    run: bucketCheck(id, 'aws_s3_bucket_public_access_block', (o, _b, pabs) =>
      pabs.length > 0 && pabs.every((p) => p.body[field] === true) ? undefined : `has no public access block with ${field} = true`,
    ),
    mutate: (o) => mutateResource(o.tree, `${M}/storage`, 'aws_s3_bucket_public_access_block', 'this', (b) => void (b[field] = false)),
  };
}

function dbCheck(id: string, title: string, attr: string, ok: (v: unknown, env: string | undefined, o: Output) => boolean, broken: unknown): PolicyCheck {
  return {
    id,
    title,
    run: (o) => {
      const dbs = resources(o.tree, 'aws_db_instance');
      if (dbs.length === 0) return ['no aws_db_instance found'];
      return dbs.flatMap((db) => every(o.tree, db, db.body[attr], (v, env) => ok(v, env, o), `${attr} fails ${id}`));
    },
    mutate: (o) => mutateResource(o.tree, `${M}/database`, 'aws_db_instance', 'this', (b) => void (b[attr] = broken)),
  };
}

function logGroups(o: Output): Block[] {
  return resources(o.tree, 'aws_cloudwatch_log_group');
}

function ingressRules(o: Output): { block: Block; cidr: string; from: number; to: number; protocol: string }[] {
  const out: { block: Block; cidr: string; from: number; to: number; protocol: string }[] = [];
  for (const block of resources(o.tree, 'aws_vpc_security_group_ingress_rule')) {
    for (const cidr of [block.body.cidr_ipv4, block.body.cidr_ipv6].filter((c) => c !== undefined).map(String)) {
      out.push({ block, cidr, from: Number(block.body.from_port ?? 0), to: Number(block.body.to_port ?? 65535), protocol: String(block.body.ip_protocol) });
    }
  }
  for (const block of resources(o.tree, 'aws_security_group_rule').filter((b) => b.body.type === 'ingress')) {
    for (const cidr of list(block.body.cidr_blocks).map(String)) out.push({ block, cidr, from: Number(block.body.from_port), to: Number(block.body.to_port), protocol: String(block.body.protocol) });
  }
  for (const block of resources(o.tree, 'aws_security_group')) {
    for (const rule of list(block.body.ingress)) {
      for (const cidr of list(rule.cidr_blocks).map(String)) out.push({ block, cidr, from: Number(rule.from_port), to: Number(rule.to_port), protocol: String(rule.protocol) });
    }
  }
  return out;
}

function openToWorld(o: Output, port: number | 'all'): string[] {
  return ingressRules(o)
    .filter((r) => r.cidr === '0.0.0.0/0' || r.cidr === '::/0')
    .filter((r) => (port === 'all' ? r.protocol === '-1' || (r.from <= 0 && r.to >= 65535) : r.protocol === '-1' || (r.from <= port && r.to >= port)))
    .map((r) => `${r.block.dir}: ${r.block.type}.${r.block.name} opens ${port} to ${r.cidr}`);
}

function openIngress(o: Output, from: number, to: number, protocol = 'tcp'): Tree {
  return mutateFile(o.tree, `${M}/network/main.tf`, (f) => {
    const r = f.resource as Record<string, Record<string, Json[]>>;
    r.aws_vpc_security_group_ingress_rule!.broken = [
      { security_group_id: '${aws_security_group.endpoints.id}', ip_protocol: protocol, from_port: from, to_port: to, cidr_ipv4: '0.0.0.0/0' },
    ];
  });
}

function launchTemplates(o: Output): Block[] {
  return resources(o.tree, 'aws_launch_template');
}

function metadataOption(o: Output, lt: Block, attr: string): Resolved[] {
  return resolve(o.tree, lt.dir, first(lt.body.metadata_options)?.[attr]);
}

function trail(o: Output, attr: string, expected: (v: unknown) => boolean): string[] {
  const trails = resources(o.tree, 'aws_cloudtrail');
  if (trails.length === 0) return ['no aws_cloudtrail found'];
  return trails.flatMap((t) => every(o.tree, t, t.body[attr], expected, attr));
}

function roleTrust(o: Output, role: Block): Statement[] {
  const match = /data\.aws_iam_policy_document\.([A-Za-z0-9_-]+)/.exec(String(role.body.assume_role_policy));
  return statements(o.tree).filter((s) => s.doc.dir === role.dir && s.doc.name === match?.[1]);
}

const conditionOn = (s: Statement, variable: string) => s.conditions.find((c) => c.variable === variable);

const CHECKS: PolicyCheck[] = [
  // --- S3 -----------------------------------------------------------------------------------------
  {
    id: 'CKV_AWS_18',
    title: 'S3 server access logging is enabled',
    run: bucketCheck('CKV_AWS_18', 'aws_s3_bucket_logging', (_o, _b, logs) => (logs.some((l) => l.body.target_bucket) ? undefined : 'has no access logging')),
    mutate: (o) => removeResource(o.tree, `${M}/storage`, 'aws_s3_bucket_logging', 'this'),
  },
  {
    id: 'CKV_AWS_19',
    title: 'S3 default encryption is configured',
    run: bucketCheck('CKV_AWS_19', 'aws_s3_bucket_server_side_encryption_configuration', (_o, _b, sse) =>
      sse.some((s) => ['aws:kms', 'AES256'].includes(String(first(first(s.body.rule)?.apply_server_side_encryption_by_default)?.sse_algorithm)))
        ? undefined
        : 'has no default encryption',
    ),
    mutate: (o) => removeResource(o.tree, BOOT, 'aws_s3_bucket_server_side_encryption_configuration', 'state'),
  },
  {
    id: 'CKV_AWS_145',
    title: 'S3 default encryption uses a KMS key',
    run: bucketCheck('CKV_AWS_145', 'aws_s3_bucket_server_side_encryption_configuration', (_o, _b, sse) =>
      sse.some((s) => {
        const d = first(first(s.body.rule)?.apply_server_side_encryption_by_default);
        return d?.sse_algorithm === 'aws:kms' && typeof d.kms_master_key_id === 'string';
      })
        ? undefined
        : 'is not encrypted with a KMS key',
    ),
    mutate: (o) =>
      mutateResource(o.tree, `${M}/storage`, 'aws_s3_bucket_server_side_encryption_configuration', 'this', (b) => {
        first(first(b.rule)!.apply_server_side_encryption_by_default).sse_algorithm = 'AES256';
      }),
  },
  {
    id: 'CKV_AWS_21',
    title: 'S3 versioning is enabled',
    run: bucketCheck('CKV_AWS_21', 'aws_s3_bucket_versioning', (_o, _b, v) =>
      v.some((x) => first(x.body.versioning_configuration)?.status === 'Enabled') ? undefined : 'is not versioned',
    ),
    mutate: (o) => mutateResource(o.tree, BOOT, 'aws_s3_bucket_versioning', 'state', (b) => void (first(b.versioning_configuration).status = 'Suspended')),
  },
  publicAccessBlockCheck('CKV_AWS_53', 'block_public_acls'),
  publicAccessBlockCheck('CKV_AWS_54', 'block_public_policy'),
  publicAccessBlockCheck('CKV_AWS_55', 'ignore_public_acls'),
  publicAccessBlockCheck('CKV_AWS_56', 'restrict_public_buckets'),
  {
    id: 'CKV2_AWS_6',
    title: 'every S3 bucket has a public access block',
    run: bucketCheck('CKV2_AWS_6', 'aws_s3_bucket_public_access_block', (_o, _b, pabs) => (pabs.length > 0 ? undefined : 'has no public access block')),
    mutate: (o) => removeResource(o.tree, BOOT, 'aws_s3_bucket_public_access_block', 'logs'),
  },
  {
    id: 'CKV2_AWS_61',
    title: 'every S3 bucket has an enabled lifecycle rule',
    run: bucketCheck('CKV2_AWS_61', 'aws_s3_bucket_lifecycle_configuration', (_o, _b, lc) =>
      lc.some((l) => list(l.body.rule).some((r) => r.status === 'Enabled')) ? undefined : 'has no enabled lifecycle rule',
    ),
    mutate: (o) => removeResource(o.tree, `${M}/storage`, 'aws_s3_bucket_lifecycle_configuration', 'logs'),
  },
  {
    id: 'CKV2_AWS_65',
    title: 'S3 ACLs are disabled (BucketOwnerEnforced)',
    run: bucketCheck('CKV2_AWS_65', 'aws_s3_bucket_ownership_controls', (_o, _b, oc) =>
      oc.some((x) => first(x.body.rule)?.object_ownership === 'BucketOwnerEnforced') ? undefined : 'allows ACLs',
    ),
    mutate: (o) => mutateResource(o.tree, `${M}/storage`, 'aws_s3_bucket_ownership_controls', 'this', (b) => void (first(b.rule).object_ownership = 'ObjectWriter')),
  },
  {
    id: 'S3-TLS-ONLY',
    title: 'every S3 bucket policy denies requests without TLS',
    run: bucketCheck('S3-TLS-ONLY', 'aws_s3_bucket_policy', (o, bucket, policies) => {
      const docs = policies.map((p) => /data\.aws_iam_policy_document\.([A-Za-z0-9_-]+)/.exec(String(p.body.policy))?.[1]);
      const denies = statements(o.tree).filter(
        (s) =>
          s.doc.dir === bucket.dir &&
          docs.includes(s.doc.name) &&
          s.effect === 'Deny' &&
          s.actions.includes('s3:*') &&
          s.principals.some((p) => list(p.identifiers).includes('*')) &&
          s.conditions.some((c) => c.test === 'Bool' && c.variable === 'aws:SecureTransport' && list(c.values).includes('false')),
      );
      return denies.length > 0 ? undefined : 'has no policy denying aws:SecureTransport = false';
    }),
    mutate: (o) =>
      mutateBlock(o.tree, BOOT, 'data', 'aws_iam_policy_document', 'state', (b) => {
        b.statement = list(b.statement).filter((s) => s.sid !== 'DenyInsecureTransport');
      }),
  },
  {
    id: 'S3-DENY-UNENCRYPTED-PUT',
    title: 'the state and data buckets deny puts without server-side encryption',
    run: (o) => {
      const targets = [
        { dir: BOOT, doc: 'state' },
        { dir: `${M}/storage`, doc: 'this' },
      ];
      return targets
        .filter(({ dir, doc }) => !statements(o.tree).some((s) => s.doc.dir === dir && s.doc.name === doc && s.effect === 'Deny' && s.actions.includes('s3:PutObject') && s.conditions.some((c) => c.variable === 's3:x-amz-server-side-encryption' && ['Null', 'StringNotEquals'].includes(String(c.test)))))
        .map(({ dir, doc }) => `${dir}: policy document ${doc} does not deny unencrypted puts`);
    },
    mutate: (o) =>
      mutateBlock(o.tree, BOOT, 'data', 'aws_iam_policy_document', 'state', (b) => {
        b.statement = list(b.statement).filter((s) => s.sid !== 'DenyUnencryptedPuts');
      }),
  },

  // --- RDS ----------------------------------------------------------------------------------------
  dbCheck('CKV_AWS_16', 'RDS storage is encrypted', 'storage_encrypted', (v) => v === true, false),
  dbCheck('CKV_AWS_17', 'RDS is not publicly accessible', 'publicly_accessible', (v) => v === false, true),
  dbCheck('CKV_AWS_118', 'RDS Enhanced Monitoring is on', 'monitoring_interval', (v) => typeof v === 'number' && v > 0, 0),
  {
    id: 'CKV_AWS_129',
    title: 'RDS exports every engine log type',
    run: (o) => {
      const engines = localValue(o.tree, `${M}/database`, 'engines') as Record<string, Json> | undefined;
      const want: Record<string, string[]> = { postgres: ['postgresql', 'upgrade'], mysql: ['audit', 'error', 'general', 'slowquery'] };
      const problems = Object.entries(want)
        .filter(([engine, types]) => !types.every((t) => list(engines?.[engine]?.log_types).includes(t as never)))
        .map(([engine]) => `database: ${engine} does not export all log types`);
      for (const db of resources(o.tree, 'aws_db_instance')) if (db.body.enabled_cloudwatch_logs_exports !== '${local.engine.log_types}') problems.push('database: logs exports not wired');
      return problems;
    },
    mutate: (o) => mutateLocals(o.tree, `${M}/database`, (l) => void (((l.engines as Json).postgres as Json).log_types = [])),
  },
  dbCheck('CKV_AWS_133', 'RDS backups are kept at least 7 days, longer in production', 'backup_retention_period', (v, env, o) => typeof v === 'number' && v >= 7 && (!isProduction(o.ctx, env) || v > 7), 1),
  {
    ...dbCheck('CKV_AWS_157', 'RDS is multi-AZ in production', 'multi_az', (v, env, o) => typeof v === 'boolean' && (!isProduction(o.ctx, env) || v), false),
    mutate: (o) => mutateFile(o.tree, `terraform/environments/${prodEnv(o.ctx)}/terraform.tfvars`, (f) => void (f.db_multi_az = false)),
  },
  dbCheck('CKV_AWS_161', 'RDS IAM authentication is on', 'iam_database_authentication_enabled', (v) => v === true, false),
  dbCheck('CKV_AWS_226', 'RDS minor versions upgrade automatically', 'auto_minor_version_upgrade', (v) => v === true, false),
  dbCheck('CKV_AWS_293', 'RDS deletion protection is on', 'deletion_protection', (v) => v === true, false),
  dbCheck('CKV_AWS_353', 'RDS Performance Insights is on', 'performance_insights_enabled', (v) => v === true, false),
  dbCheck('CKV_AWS_354', 'RDS Performance Insights is encrypted with a KMS key', 'performance_insights_kms_key_id', (v) => typeof v === 'string' && v.length > 0, undefined),
  dbCheck('CKV_AWS_211', 'RDS uses a current CA certificate', 'ca_cert_identifier', (v) => ['rds-ca-rsa2048-g1', 'rds-ca-rsa4096-g1', 'rds-ca-ecc384-g1'].includes(String(v)), 'rds-ca-2019'),
  dbCheck('CKV2_AWS_60', 'RDS copies tags to snapshots', 'copy_tags_to_snapshot', (v) => v === true, false),
  {
    id: 'CKV2_AWS_69',
    title: 'RDS enforces TLS in its parameter group (rds.force_ssl, require_secure_transport)',
    run: (o) => {
      const engines = localValue(o.tree, `${M}/database`, 'engines') as Record<string, Json> | undefined;
      const problems: string[] = [];
      if ((engines?.postgres?.parameters as Json | undefined)?.['rds.force_ssl'] !== '1') problems.push('postgres: rds.force_ssl is not 1');
      if ((engines?.mysql?.parameters as Json | undefined)?.require_secure_transport !== 'ON') problems.push('mysql: require_secure_transport is not ON');
      for (const db of resources(o.tree, 'aws_db_instance')) if (!refers(db.body.parameter_group_name, 'aws_db_parameter_group', 'this')) problems.push('database: parameter group not used');
      return problems;
    },
    mutate: (o) => mutateLocals(o.tree, `${M}/database`, (l) => void ((((l.engines as Json).postgres as Json).parameters as Json)['rds.force_ssl'] = '0')),
  },
  {
    id: 'RDS-MANAGED-CREDENTIALS',
    title: 'RDS credentials are managed by AWS, never passed as a variable',
    run: (o) => {
      const problems: string[] = [];
      for (const db of resources(o.tree, 'aws_db_instance')) {
        if (db.body.manage_master_user_password !== true) problems.push(`${db.dir}: manage_master_user_password is not true`);
        if ('password' in db.body) problems.push(`${db.dir}: a password is set`);
      }
      for (const [path, file] of o.tree) for (const name of Object.keys((file.variable as Json | undefined) ?? {})) if (/password|secret_value/i.test(name)) problems.push(`${path}: variable ${name}`);
      return problems;
    },
    mutate: (o) => mutateResource(o.tree, `${M}/database`, 'aws_db_instance', 'this', (b) => void (b.password = '${var.db_password}')),
  },

  // --- VPC ----------------------------------------------------------------------------------------
  {
    id: 'CKV2_AWS_11',
    title: 'every VPC has flow logs for all traffic',
    run: (o) =>
      resources(o.tree, 'aws_vpc')
        .filter((vpc) => !resources(o.tree, 'aws_flow_log').some((f) => f.dir === vpc.dir && refers(f.body.vpc_id, 'aws_vpc', vpc.name) && f.body.traffic_type === 'ALL'))
        .map((vpc) => `${vpc.dir}: aws_vpc.${vpc.name} has no flow log`),
    mutate: (o) => removeResource(o.tree, `${M}/network`, 'aws_flow_log', 'this'),
  },
  {
    id: 'CKV_AWS_158',
    title: 'every CloudWatch log group is encrypted with KMS',
    run: (o) => logGroups(o).flatMap((g) => every(o.tree, g, g.body.kms_key_id, (v) => typeof v === 'string' && v.length > 0, 'has no kms_key_id')),
    mutate: (o) => mutateResource(o.tree, `${M}/network`, 'aws_cloudwatch_log_group', 'flow_logs', (b) => void delete b.kms_key_id),
  },
  {
    id: 'CKV_AWS_338',
    title: 'every CloudWatch log group keeps logs at least 365 days',
    run: (o) => logGroups(o).flatMap((g) => every(o.tree, g, g.body.retention_in_days, (v) => typeof v === 'number' && v >= 365, 'keeps logs under 365 days')),
    mutate: (o) => mutateFile(o.tree, `terraform/environments/${o.ctx.environments[0]!.name}/terraform.tfvars`, (f) => void (f.log_retention_days = 30)),
  },
  {
    id: 'CKV2_AWS_12',
    title: 'the default security group of every VPC has no rules',
    run: (o) =>
      resources(o.tree, 'aws_vpc')
        .filter((vpc) => !resources(o.tree, 'aws_default_security_group').some((g) => g.dir === vpc.dir && refers(g.body.vpc_id, 'aws_vpc', vpc.name) && !('ingress' in g.body) && !('egress' in g.body)))
        .map((vpc) => `${vpc.dir}: aws_vpc.${vpc.name} default security group is not closed`),
    mutate: (o) => mutateResource(o.tree, `${M}/network`, 'aws_default_security_group', 'this', (b) => void (b.ingress = [{ protocol: '-1', self: true, from_port: 0, to_port: 0 }])),
  },
  {
    id: 'CKV_AWS_130',
    title: 'no subnet assigns public IPs on launch',
    run: (o) => resources(o.tree, 'aws_subnet').flatMap((s) => (s.body.map_public_ip_on_launch === false ? [] : [`${s.dir}: aws_subnet.${s.name} maps public IPs`])),
    mutate: (o) => mutateResource(o.tree, `${M}/network`, 'aws_subnet', 'public', (b) => void (b.map_public_ip_on_launch = true)),
  },
  { id: 'CKV_AWS_24', title: 'no ingress from 0.0.0.0/0 to port 22', run: (o) => openToWorld(o, 22), mutate: (o) => openIngress(o, 22, 22) },
  { id: 'CKV_AWS_25', title: 'no ingress from 0.0.0.0/0 to port 3389', run: (o) => openToWorld(o, 3389), mutate: (o) => openIngress(o, 3389, 3389) },
  { id: 'CKV_AWS_277', title: 'no ingress from 0.0.0.0/0 to all ports', run: (o) => openToWorld(o, 'all'), mutate: (o) => openIngress(o, 0, 0, '-1') },
  {
    id: 'VPC-PRIVATE-ENDPOINTS',
    title: 'S3 gateway endpoint and KMS, STS, Secrets Manager interface endpoints with private DNS',
    run: (o) => {
      const problems: string[] = [];
      const endpoints = resources(o.tree, 'aws_vpc_endpoint');
      if (!endpoints.some((e) => e.body.vpc_endpoint_type === 'Gateway' && String(e.body.service_name).endsWith('.s3'))) problems.push('no S3 gateway endpoint');
      const iface = endpoints.find((e) => e.body.vpc_endpoint_type === 'Interface');
      if (!iface || iface.body.private_dns_enabled !== true) problems.push('no interface endpoints with private DNS');
      const services = iface ? resolve(o.tree, iface.dir, '${var.interface_endpoints}') : [];
      for (const r of services) for (const s of ['kms', 'sts', 'secretsmanager']) if (!list(r.value).includes(s as never)) problems.push(`interface endpoints lack ${s}${r.env ? ` in ${r.env}` : ''}`);
      if (services.length === 0) problems.push('interface endpoint services not resolved');
      return problems;
    },
    mutate: (o) =>
      mutateFile(o.tree, `${M}/network/variables.tf`, (f) => {
        const v = ((f.variable as Record<string, Json[]>).interface_endpoints as Json[])[0]!;
        v.default = list(v.default).filter((s) => s !== ('secretsmanager' as never));
      }),
  },

  // --- KMS ----------------------------------------------------------------------------------------
  {
    id: 'CKV_AWS_7',
    title: 'every KMS key rotates',
    run: (o) => resources(o.tree, 'aws_kms_key').flatMap((k) => (k.body.enable_key_rotation === true ? [] : [`${k.dir}: aws_kms_key.${k.name} does not rotate`])),
    mutate: (o) => mutateResource(o.tree, BOOT, 'aws_kms_key', 'state', (b) => void (b.enable_key_rotation = false)),
  },
  {
    id: 'CKV_AWS_33',
    title: 'every KMS key has an explicit key policy with no wildcard principal',
    run: (o) =>
      resources(o.tree, 'aws_kms_key').flatMap((k) => {
        const doc = /data\.aws_iam_policy_document\.([A-Za-z0-9_-]+)/.exec(String(k.body.policy))?.[1];
        if (!doc) return [`${k.dir}: aws_kms_key.${k.name} has no explicit policy`];
        const wild = statements(o.tree).filter((s) => s.doc.dir === k.dir && s.doc.name === doc && s.effect === 'Allow' && s.principals.some((p) => list(p.identifiers).includes('*' as never)));
        return wild.length > 0 ? [`${k.dir}: key policy ${doc} has a wildcard principal`] : [];
      }),
    mutate: (o) =>
      mutateBlock(o.tree, `${M}/security`, 'data', 'aws_iam_policy_document', 'key_policy', (b) => {
        first(list(b.statement)[0]!.principals).identifiers = ['*'];
      }),
  },

  // --- IAM ----------------------------------------------------------------------------------------
  {
    id: 'CKV_AWS_355',
    title: 'no policy allows wildcard actions on every resource (CKV_AWS_356 for documents)',
    run: (o) =>
      statements(o.tree)
        .filter((s) => s.effect === 'Allow' && s.resources.includes('*') && s.actions.some((a) => a === '*' || a.endsWith(':*')))
        .filter((s) => !skipped(o, s.doc, 'CKV_AWS_356', 'CKV_AWS_355'))
        .map((s) => `${s.doc.dir}: ${s.doc.name} allows ${s.actions.join(',')} on *`),
    mutate: (o) => addStatement(o.tree, `${M}/security`, 'cloudtrail_logs', { effect: 'Allow', actions: ['s3:*'], resources: ['*'] }),
  },
  {
    id: 'CKV_AWS_290',
    title: 'no policy allows write actions on every resource (CKV_AWS_111 for documents)',
    run: (o) =>
      statements(o.tree)
        .filter((s) => s.effect === 'Allow' && s.resources.includes('*') && s.actions.some((a) => !READ_ONLY.test(a) && a !== 'sts:GetCallerIdentity'))
        .filter((s) => !skipped(o, s.doc, 'CKV_AWS_111', 'CKV_AWS_290'))
        .map((s) => `${s.doc.dir}: ${s.doc.name} allows write actions on *`),
    mutate: (o) => addStatement(o.tree, `${M}/network`, 'flow_logs', { effect: 'Allow', actions: ['s3:PutObject'], resources: ['*'] }),
  },
  {
    id: 'CKV_AWS_289',
    title: 'no policy allows permissions management on every resource (CKV_AWS_109 for documents)',
    run: (o) =>
      statements(o.tree)
        .filter((s) => s.effect === 'Allow' && s.resources.includes('*') && s.actions.some((a) => /^iam:(\*|Put|Attach|Create|Delete|Update|PassRole|Detach|Add|Remove|Set)/.test(a) || a === '*'))
        .filter((s) => !skipped(o, s.doc, 'CKV_AWS_109', 'CKV_AWS_289'))
        .map((s) => `${s.doc.dir}: ${s.doc.name} allows permissions management on *`),
    mutate: (o) => addStatement(o.tree, `${M}/config-rules`, 'delivery', { effect: 'Allow', actions: ['iam:AttachRolePolicy'], resources: ['*'] }),
  },
  {
    id: 'CKV_AWS_274',
    title: 'no role, user or group gets AdministratorAccess',
    run: (o) => [...o.tree].filter(([, f]) => JSON.stringify(f).includes('policy/AdministratorAccess')).map(([p]) => `${p} attaches AdministratorAccess`),
    mutate: (o) => mutateResource(o.tree, `${M}/security`, 'aws_iam_role_policy_attachment', 'ci_read_only', (b) => void (b.policy_arn = 'arn:aws:iam::aws:policy/AdministratorAccess')),
  },
  {
    id: 'IAM-MFA-FOR-HUMANS',
    title: 'roles humans assume (AWS principals) require recent MFA',
    run: (o) => {
      const problems: string[] = [];
      let humanRoles = 0;
      for (const role of resources(o.tree, 'aws_iam_role')) {
        for (const s of roleTrust(o, role).filter((x) => x.principals.some((p) => p.type === 'AWS'))) {
          humanRoles += 1;
          const mfa = conditionOn(s, 'aws:MultiFactorAuthPresent');
          if (!mfa || !list(mfa.values).includes('true' as never)) problems.push(`${role.dir}: aws_iam_role.${role.name} trusts humans without MFA`);
          if (!conditionOn(s, 'aws:MultiFactorAuthAge')) problems.push(`${role.dir}: aws_iam_role.${role.name} does not bound the MFA age`);
        }
      }
      if (humanRoles === 0) problems.push('no human role found');
      return problems;
    },
    mutate: (o) =>
      mutateBlock(o.tree, `${M}/security`, 'data', 'aws_iam_policy_document', 'operator_trust', (b) => {
        const s = list(b.statement)[0]!;
        s.condition = list(s.condition).filter((c) => c.variable !== 'aws:MultiFactorAuthPresent');
      }),
  },
  {
    id: 'IAM-PERMISSIONS-BOUNDARY',
    title: 'every role a human, CI or a compute workload assumes carries the permissions boundary',
    run: (o) => {
      const roles = resources(o.tree, 'aws_iam_role').filter((r) =>
        roleTrust(o, r).some((s) => s.principals.some((p) => p.type === 'AWS' || p.type === 'Federated' || list(p.identifiers).some((i) => String(i) === 'ec2.amazonaws.com' || String(i) === '${each.value}'))),
      );
      const problems = roles.filter((r) => typeof r.body.permissions_boundary !== 'string').map((r) => `${r.dir}: aws_iam_role.${r.name} has no permissions boundary`);
      for (const name of ['operator', 'ci', 'node', 'host']) if (!roles.some((r) => r.name === name)) problems.push(`role ${name} not found among human, CI and compute roles`);
      return problems;
    },
    mutate: (o) => mutateResource(o.tree, `${M}/compute`, 'aws_iam_role', 'host', (b) => void delete b.permissions_boundary),
  },
  {
    id: 'IAM-CI-OIDC',
    title: 'CI assumes its role through GitHub OIDC, pinned to one repository (pull requests and the default branch); no IAM users or access keys',
    run: (o) => {
      const problems: string[] = [];
      for (const type of ['aws_iam_user', 'aws_iam_access_key', 'aws_iam_user_login_profile']) for (const r of resources(o.tree, type)) problems.push(`${r.dir}: ${type}.${r.name} exists`);
      const ci = resources(o.tree, 'aws_iam_role').filter((r) => r.name === 'ci');
      if (ci.length === 0) problems.push('no CI role');
      for (const role of ci) {
        const trust = roleTrust(o, role);
        const oidc = trust.find((s) => s.actions.includes('sts:AssumeRoleWithWebIdentity') && s.principals.some((p) => p.type === 'Federated'));
        if (!oidc || trust.length !== 1) {
          problems.push('CI role is not assumed through web identity only');
          continue;
        }
        if (!list(conditionOn(oidc, 'token.actions.githubusercontent.com:aud')?.values).includes('sts.amazonaws.com' as never)) problems.push('CI trust does not pin the audience');
        const sub = conditionOn(oidc, 'token.actions.githubusercontent.com:sub');
        const subs = list(sub?.values).map(String);
        if (!sub || sub.test !== 'StringEquals' || subs.length === 0 || !subs.every((v) => /^repo:\$\{var\.github_repository\}:(pull_request|ref:refs\/heads\/[^*]+|environment:[^*]+)$/.test(v))) {
          problems.push('CI trust does not pin the repository to pull requests, one branch or one environment');
        }
      }
      return problems;
    },
    mutate: (o) =>
      mutateBlock(o.tree, `${M}/security`, 'data', 'aws_iam_policy_document', 'ci_trust', (b) => {
        const s = list(b.statement)[0]!;
        s.condition = list(s.condition).map((c) => (c.variable === 'token.actions.githubusercontent.com:sub' ? { ...c, test: 'StringLike', values: ['repo:*'] } : c));
      }),
  },

  // --- CloudTrail ---------------------------------------------------------------------------------
  {
    id: 'CKV_AWS_67',
    title: 'CloudTrail is multi-region',
    run: (o) => trail(o, 'is_multi_region_trail', (v) => v === true),
    mutate: (o) => mutateResource(o.tree, `${M}/security`, 'aws_cloudtrail', 'main', (b) => void (b.is_multi_region_trail = false)),
  },
  {
    id: 'CKV_AWS_36',
    title: 'CloudTrail validates log files',
    run: (o) => trail(o, 'enable_log_file_validation', (v) => v === true),
    mutate: (o) => mutateResource(o.tree, `${M}/security`, 'aws_cloudtrail', 'main', (b) => void (b.enable_log_file_validation = false)),
  },
  {
    id: 'CKV_AWS_35',
    title: 'CloudTrail logs are encrypted with KMS',
    run: (o) => trail(o, 'kms_key_id', (v) => typeof v === 'string' && v.length > 0),
    mutate: (o) => mutateResource(o.tree, `${M}/security`, 'aws_cloudtrail', 'main', (b) => void delete b.kms_key_id),
  },
  {
    id: 'CKV2_AWS_10',
    title: 'CloudTrail sends events to CloudWatch Logs',
    run: (o) => trail(o, 'cloud_watch_logs_group_arn', (v) => typeof v === 'string' && v.length > 0),
    mutate: (o) => mutateResource(o.tree, `${M}/security`, 'aws_cloudtrail', 'main', (b) => void delete b.cloud_watch_logs_group_arn),
  },

  // --- Compute ------------------------------------------------------------------------------------
  {
    id: 'CKV_AWS_37',
    title: 'EKS sends all five control-plane log types',
    run: (o) =>
      resources(o.tree, 'aws_eks_cluster').flatMap((c) =>
        every(o.tree, c, c.body.enabled_cluster_log_types, (v) => ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'].every((t) => list(v).includes(t as never)), 'misses log types'),
      ),
    mutate: (o) => mutateLocals(o.tree, `${M}/compute`, (l) => void (l.eks_log_types = ['api', 'audit'])),
  },
  {
    id: 'CKV_AWS_39',
    title: 'the EKS API endpoint is private only',
    run: (o) =>
      resources(o.tree, 'aws_eks_cluster').flatMap((c) => {
        const vpc = first(c.body.vpc_config);
        return vpc?.endpoint_public_access === false && vpc.endpoint_private_access === true ? [] : [`${c.dir}: aws_eks_cluster.${c.name} endpoint is public`];
      }),
    mutate: (o) => mutateResource(o.tree, `${M}/compute`, 'aws_eks_cluster', 'this', (b) => void (first(b.vpc_config).endpoint_public_access = true)),
  },
  {
    id: 'CKV_AWS_58',
    title: 'EKS secrets are encrypted with KMS',
    run: (o) =>
      resources(o.tree, 'aws_eks_cluster').flatMap((c) => {
        const enc = first(c.body.encryption_config);
        return list(enc?.resources).includes('secrets' as never) && typeof first(enc?.provider)?.key_arn === 'string' ? [] : [`${c.dir}: aws_eks_cluster.${c.name} secrets are not KMS-encrypted`];
      }),
    mutate: (o) => mutateResource(o.tree, `${M}/compute`, 'aws_eks_cluster', 'this', (b) => void delete b.encryption_config),
  },
  {
    id: 'CKV_AWS_79',
    title: 'every launch template requires IMDSv2',
    run: (o) => launchTemplates(o).flatMap((lt) => metadataOption(o, lt, 'http_tokens').filter((r) => r.value !== 'required').map(() => `${lt.dir}: aws_launch_template.${lt.name} does not require IMDSv2`)),
    mutate: (o) => mutateLocals(o.tree, `${M}/compute`, (l) => void ((l.metadata_options as Json).http_tokens = 'optional')),
  },
  {
    id: 'CKV_AWS_341',
    title: 'every launch template sets the metadata hop limit to 1',
    run: (o) => launchTemplates(o).flatMap((lt) => metadataOption(o, lt, 'http_put_response_hop_limit').filter((r) => r.value !== 1).map(() => `${lt.dir}: aws_launch_template.${lt.name} hop limit is not 1`)),
    mutate: (o) => mutateLocals(o.tree, `${M}/compute`, (l) => void ((l.metadata_options as Json).http_put_response_hop_limit = 2)),
  },
  {
    id: 'EBS-ENCRYPTED',
    title: 'every launch template encrypts its EBS volumes with the environment key',
    run: (o) =>
      launchTemplates(o).flatMap((lt) => {
        const ebs = list(lt.body.block_device_mappings).map((m) => first(m.ebs));
        return ebs.length > 0 && ebs.every((e) => e?.encrypted === true && typeof e.kms_key_id === 'string') ? [] : [`${lt.dir}: aws_launch_template.${lt.name} has unencrypted volumes`];
      }),
    mutate: (o) => mutateResource(o.tree, `${M}/compute`, 'aws_launch_template', 'host', (b) => void (first(first(b.block_device_mappings).ebs).encrypted = false)),
  },
  {
    id: 'CKV_AWS_100',
    title: 'EKS node groups allow no SSH remote access',
    run: (o) => resources(o.tree, 'aws_eks_node_group').flatMap((n) => ('remote_access' in n.body ? [`${n.dir}: aws_eks_node_group.${n.name} allows remote access`] : [])),
    mutate: (o) => mutateResource(o.tree, `${M}/compute`, 'aws_eks_node_group', 'this', (b) => void (b.remote_access = [{ ec2_ssh_key: 'ops' }])),
  },

  // --- WAF ----------------------------------------------------------------------------------------
  {
    id: 'WAF-MANAGED-RULES',
    title: 'the web ACL uses the common, known-bad-inputs (CKV_AWS_192), SQLi and IP-reputation managed rule groups',
    run: (o) => {
      const groups = list(localValue(o.tree, `${M}/waf`, 'managed_rule_groups')).map((g) => g.name);
      return ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet', 'AWSManagedRulesSQLiRuleSet', 'AWSManagedRulesAmazonIpReputationList']
        .filter((g) => !groups.includes(g))
        .map((g) => `waf: ${g} missing`);
    },
    mutate: (o) => mutateLocals(o.tree, `${M}/waf`, (l) => void (l.managed_rule_groups = list(l.managed_rule_groups).filter((g) => g.name !== 'AWSManagedRulesSQLiRuleSet'))),
  },
  {
    id: 'WAF-RATE-LIMIT',
    title: 'the web ACL blocks clients above a rate limit',
    run: (o) =>
      resources(o.tree, 'aws_wafv2_web_acl').flatMap((acl) =>
        list(acl.body.rule).some((r) => first(first(r.statement)?.rate_based_statement) && first(r.action)?.block) ? [] : [`${acl.dir}: no blocking rate-based rule`],
      ),
    mutate: (o) => mutateResource(o.tree, `${M}/waf`, 'aws_wafv2_web_acl', 'this', (b) => void delete b.rule),
  },
  {
    id: 'CKV2_AWS_31',
    title: 'WAF logging is on with the authorization header redacted',
    run: (o) => {
      const acls = resources(o.tree, 'aws_wafv2_web_acl');
      return acls.flatMap((acl) => {
        const logging = resources(o.tree, 'aws_wafv2_web_acl_logging_configuration').find((l) => l.dir === acl.dir && refers(l.body.resource_arn, acl.type, acl.name));
        if (!logging) return [`${acl.dir}: no logging`];
        const redacted = list(logging.body.redacted_fields).map((f) => String(first(f.single_header)?.name).toLowerCase());
        return redacted.includes('authorization') ? [] : [`${acl.dir}: authorization header not redacted`];
      });
    },
    mutate: (o) => mutateResource(o.tree, `${M}/waf`, 'aws_wafv2_web_acl_logging_configuration', 'this', (b) => void delete b.redacted_fields),
  },
  {
    id: 'WAF-SHIELD-PROD',
    title: 'Shield Advanced is toggled on for production environments and off elsewhere',
    run: (o) => {
      const shield = resources(o.tree, 'aws_shield_protection');
      if (shield.length === 0 || !String(shield[0]!.body.count).includes('var.enable_shield_advanced')) return ['waf: shield protection not gated by enable_shield_advanced'];
      return resolve(o.tree, `${M}/waf`, '${var.enable_shield_advanced}')
        .filter((r) => r.value !== isProduction(o.ctx, r.env))
        .map((r) => `enable_shield_advanced is ${JSON.stringify(r.value)} in ${r.env}`);
    },
    mutate: (o) => mutateFile(o.tree, `terraform/environments/${prodEnv(o.ctx)}/terraform.tfvars`, (f) => void (f.enable_shield_advanced = false)),
  },

  // --- AWS Config ---------------------------------------------------------------------------------
  {
    id: 'CONFIG-RULES',
    title: 'AWS Config records everything, delivers encrypted, and runs the baseline managed rules',
    run: (o) => {
      const problems: string[] = [];
      const recorder = resources(o.tree, 'aws_config_configuration_recorder')[0];
      const group = first(recorder?.body.recording_group);
      if (group?.all_supported !== true || group.include_global_resource_types !== true) problems.push('recorder does not record all resources');
      if (!resources(o.tree, 'aws_config_delivery_channel').some((c) => typeof c.body.s3_kms_key_arn === 'string')) problems.push('delivery channel is not KMS-encrypted');
      if (!resources(o.tree, 'aws_config_configuration_recorder_status').some((s) => s.body.is_enabled === true)) problems.push('recorder is not enabled');
      const rules = (localValue(o.tree, `${M}/config-rules`, 'rules') ?? {}) as Record<string, Json>;
      const baseline = Object.values(rules).filter((r) => list(r.frameworks).includes('baseline' as never)).map((r) => r.source);
      for (const id of ['ENCRYPTED_VOLUMES', 'S3_BUCKET_SSL_REQUESTS_ONLY', 'RDS_STORAGE_ENCRYPTED', 'CLOUD_TRAIL_ENABLED', 'IAM_ROOT_ACCESS_KEY_CHECK', 'INCOMING_SSH_DISABLED', 'VPC_FLOW_LOGS_ENABLED']) {
        if (!baseline.includes(id)) problems.push(`baseline rule ${id} missing`);
      }
      return problems;
    },
    mutate: (o) => mutateLocals(o.tree, `${M}/config-rules`, (l) => void delete (l.rules as Json)['restricted-ssh']),
  },
];

describe.each(TERRAFORM_EXAMPLES)('terraform policy: %s', (example) => {
  let output: Output;
  beforeAll(async () => {
    output = await load(example);
  }, 120_000);

  it.each(CHECKS.map((c) => [c.id, c.title, c] as const))('%s: %s', (_id, _title, check) => {
    expect(check.run(output)).toEqual([]);
  });

  it.each(CHECKS.map((c) => [c.id, c.title, c] as const))('%s (mutation): breaking it fails the check', (_id, _title, check) => {
    const broken = check.mutate(output);
    expect(check.run({ ...output, tree: broken }).length).toBeGreaterThan(0);
  });

  it('gives every checkov skip a reason', () => {
    expect(output.skips.size).toBeGreaterThan(0);
    for (const [block, ids] of output.skips) for (const [id, reason] of ids) expect(reason.length, `${block} ${id}`).toBeGreaterThanOrEqual(10);
  });
});

describe('terraform policy suite', () => {
  it('covers every checkov id the issue lists', () => {
    const listed = [
      'CKV_AWS_18', 'CKV_AWS_19', 'CKV_AWS_21', 'CKV_AWS_53', 'CKV_AWS_54', 'CKV_AWS_55', 'CKV_AWS_56', 'CKV_AWS_145', 'CKV2_AWS_6', 'CKV2_AWS_61', 'CKV2_AWS_65',
      'CKV_AWS_16', 'CKV_AWS_17', 'CKV_AWS_118', 'CKV_AWS_129', 'CKV_AWS_133', 'CKV_AWS_157', 'CKV_AWS_161', 'CKV_AWS_226', 'CKV_AWS_293', 'CKV_AWS_353', 'CKV_AWS_354', 'CKV2_AWS_60', 'CKV2_AWS_69',
      'CKV2_AWS_11', 'CKV_AWS_158', 'CKV_AWS_338', 'CKV2_AWS_12', 'CKV_AWS_130', 'CKV_AWS_24', 'CKV_AWS_25', 'CKV_AWS_277',
      'CKV_AWS_7', 'CKV_AWS_33', 'CKV_AWS_355', 'CKV_AWS_290', 'CKV_AWS_289', 'CKV_AWS_274',
      'CKV_AWS_37', 'CKV_AWS_39', 'CKV_AWS_58', 'CKV_AWS_79', 'CKV_AWS_341',
    ];
    const ids = new Set(CHECKS.map((c) => c.id));
    expect(listed.filter((id) => !ids.has(id))).toEqual([]);
    // The README's list of covered ids claims nothing the suite does not test.
    expect(CHECKOV_COVERED.filter((id) => !ids.has(id) && !CHECKS.some((c) => c.title.includes(id)))).toEqual([]);
    expect(new Set(CHECKS.map((c) => c.id)).size).toBe(CHECKS.length);
  });
});
