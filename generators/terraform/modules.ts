/**
 * The Terraform modules the baseline ships, and the README model of each one. Module code is copied
 * verbatim (it needs no answer); each README's inputs/outputs table is read from the module's own
 * variables.tf and outputs.tf, so the table can never drift from the code.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { templatesRoot } from '../../lib/paths.js';

export interface ModuleSpec {
  name: string;
  /** Name of the module block in the environment roots. */
  callName: string;
  title: string;
  summary: string;
  /** One line per setting, naming the checkov id it satisfies. */
  secureDefaults: string[];
  /** Whether the module declares the AWS provider (every module but tagging). */
  usesAws: boolean;
  /** Files beyond main.tf, variables.tf, outputs.tf, versions.tf (paths below the module). */
  extraFiles?: string[];
  /** Control ids (lib/compliance catalog) the module's main.tf implements. */
  controls?: string[];
}

/** The AWS provider range every module accepts; the environment roots pin one exact version. */
export const MODULE_AWS_PROVIDER_RANGE = '>= 5.84, < 6.0';
/** The exact AWS provider version the roots (environments, bootstrap) pin. */
export const PINNED_AWS_PROVIDER = '5.100.0';
export const REQUIRED_TERRAFORM = '>= 1.11';

export const MODULES: ModuleSpec[] = [
  {
    name: 'tagging',
    callName: 'tagging',
    title: 'Module: tagging',
    summary:
      'Pure Terraform (no provider): builds the name prefix and the nine required tags, and rejects invalid values through variable validation. The environment roots pass its tags output to the AWS provider as default_tags, so every taggable resource carries them. Its tests in tests/tagging.tftest.hcl run offline with terraform test.',
    secureDefaults: [
      "Required tags: Service, Team, Owner, CostCenter, Environment, DataClassification, ComplianceScope, ManagedBy, Repository, applied through the AWS provider default_tags; an AWS Organizations tag policy can enforce the same keys.",
      'Every value is validated: DNS-label service, slug team, e-mail owner, known data classification and frameworks, host/owner/name repository.',
      'additional_tags can add keys but never override a required one.',
    ],
    usesAws: false,
    extraFiles: ['tests/tagging.tftest.hcl'],
  },
  {
    name: 'network',
    controls: ['PCI-DSS-4.0:1.2.1', 'PCI-DSS-4.0:1.3.1', 'PCI-DSS-4.0:1.3.2', 'PCI-DSS-4.0:1.4.1', 'PCI-DSS-4.0:10.2.1', 'SOC2:CC6.6', 'CIS-AWS:5.2'],
    callName: 'network',
    title: 'Module: network',
    summary:
      'A VPC across two or three zones with public, private and database subnets, NAT, flow logs to a KMS-encrypted log group, a closed default security group, and private endpoints: an S3 gateway endpoint and interface endpoints for KMS, STS, Secrets Manager, CloudWatch Logs, ECR and EC2.',
    secureDefaults: [
      'CKV2_AWS_11: VPC flow logs for ALL traffic, to CloudWatch Logs.',
      'CKV_AWS_158: the flow log group is encrypted with the environment key.',
      'CKV_AWS_338: flow logs are kept at least 365 days.',
      'CKV2_AWS_12: the default security group has no rules.',
      'CKV_AWS_130: no subnet assigns public IPs on launch.',
      'CKV_AWS_24, CKV_AWS_25, CKV_AWS_277: no security group rule opens 22, 3389 or all ports to 0.0.0.0/0.',
      'Private endpoints: S3 (gateway), KMS, STS and Secrets Manager (interface, private DNS) are mandatory in the variable validation.',
      'Database subnets have no route to the internet.',
    ],
    usesAws: true,
  },
  {
    name: 'security',
    controls: ['PCI-DSS-4.0:3.6.1', 'PCI-DSS-4.0:3.7.4', 'PCI-DSS-4.0:7.2.1', 'PCI-DSS-4.0:7.2.2', 'PCI-DSS-4.0:7.2.5', 'PCI-DSS-4.0:8.4.2', 'PCI-DSS-4.0:10.2.1', 'PCI-DSS-4.0:10.2.2', 'PCI-DSS-4.0:10.3.2', 'SOC2:CC6.1', 'SOC2:CC6.2', 'SOC2:CC6.3', 'SOC2:CC7.2', 'CIS-AWS:3.1', 'CIS-AWS:3.7', 'CIS-AWS:3.8'],
    callName: 'security',
    title: 'Module: security',
    summary:
      'The environment customer managed KMS key, a permissions boundary for every role, an MFA-gated read-only role for humans, the GitHub Actions OIDC role for CI (no long-lived keys), and a multi-region CloudTrail trail.',
    secureDefaults: [
      'CKV_AWS_7: KMS key rotation is on (yearly).',
      'CKV_AWS_33: the key policy names the account and service principals; never a wildcard principal.',
      'CKV_AWS_355, CKV_AWS_289, CKV_AWS_290 (and CKV_AWS_356, CKV_AWS_109, CKV_AWS_111 for policy documents): no identity policy allows a wildcard action or write and permissions-management actions on every resource. The boundary and the key policy carry documented checkov skips: a boundary grants nothing, and a key policy resource of * means this key.',
      'CKV_AWS_274: no role gets AdministratorAccess; operators and CI get ReadOnlyAccess under the boundary.',
      'Human role assumption requires MFA (aws:MultiFactorAuthPresent and a maximum aws:MultiFactorAuthAge).',
      'CI assumes its role (named SERVICE-ci-plan, as the pipeline expects) through GitHub OIDC, restricted to the sts.amazonaws.com audience and to pull requests and the default branch of one repository (sub claim).',
      'The permissions boundary denies creating IAM users and access keys, removing boundaries, and weakening CloudTrail, Config, KMS keys and bucket policies. Every role a human, CI or a compute workload assumes carries it; the AWS Config service role does not, because AWS_ConfigRole must read every service.',
      'The CI role reads only its environment state object, takes only its lock file, and uses the state key only through its alias.',
      'The key policy lets the EC2 Auto Scaling service-linked role use the key, so encrypted volumes launch (the role must exist; see the bootstrap README).',
      'CKV_AWS_67, CKV_AWS_36, CKV_AWS_35, CKV2_AWS_10: CloudTrail is multi-region, validates log files, is encrypted with KMS and sends events to CloudWatch Logs.',
    ],
    usesAws: true,
  },
  {
    name: 'storage',
    controls: ['PCI-DSS-4.0:3.5.1', 'PCI-DSS-4.0:10.3.2', 'PCI-DSS-4.0:10.5.1', 'SOC2:CC6.1', 'SOC2:CC6.7', 'GDPR:Art32', 'CIS-AWS:2.1.1', 'CIS-AWS:2.1.4'],
    callName: 'storage',
    title: 'Module: storage',
    summary:
      'The service data bucket and the audit bucket (CloudTrail, AWS Config) encrypted with the environment key, plus an access-log bucket that receives their server access logs.',
    secureDefaults: [
      'CKV_AWS_18: server access logging on every bucket but the log bucket itself.',
      'CKV_AWS_19, CKV_AWS_145: default encryption with SSE-KMS under the environment key (the access-log bucket uses SSE-S3 because log delivery requires it; documented skip).',
      'CKV_AWS_21: versioning on every bucket.',
      'CKV_AWS_53, CKV_AWS_54, CKV_AWS_55, CKV_AWS_56, CKV2_AWS_6: a public access block with all four settings on every bucket.',
      'CKV2_AWS_61: a lifecycle configuration on every bucket (noncurrent versions, incomplete uploads, log expiry).',
      'CKV2_AWS_65: object ownership BucketOwnerEnforced (ACLs disabled).',
      'TLS only: every bucket policy denies aws:SecureTransport = false; KMS buckets also deny TLS below 1.2 and puts that are not SSE-KMS.',
    ],
    usesAws: true,
  },
  {
    name: 'database',
    controls: ['PCI-DSS-4.0:3.5.1', 'PCI-DSS-4.0:2.2.7', 'SOC2:CC6.1', 'SOC2:CC6.7', 'SOC2:A1.2', 'GDPR:Art32', 'CIS-AWS:2.3.1'],
    callName: 'database',
    title: 'Module: database',
    summary:
      'An RDS PostgreSQL or MySQL instance in the database subnets, reachable only from the workload security groups, with its master password managed by RDS in Secrets Manager. The module is always generated; the environments set create from the answers (true when a database engine is named).',
    secureDefaults: [
      'CKV_AWS_16: storage encrypted with the environment key.',
      'CKV_AWS_17: never publicly accessible.',
      'CKV_AWS_118: Enhanced Monitoring every 30 seconds.',
      'CKV_AWS_129: all engine log types exported to KMS-encrypted log groups kept at least 365 days.',
      'CKV_AWS_133: backups kept at least 7 days (14 in medium, 35 in large tiers).',
      'CKV_AWS_157: multi-AZ in production tiers.',
      'CKV_AWS_161: IAM database authentication on.',
      'CKV_AWS_226: automatic minor version upgrades.',
      'CKV_AWS_293: deletion protection always on, and a final snapshot.',
      'CKV_AWS_211: a current RDS CA certificate (rds-ca-rsa2048-g1).',
      'CKV_AWS_353, CKV_AWS_354: Performance Insights on, encrypted with the environment key.',
      'CKV2_AWS_60: tags copied to snapshots.',
      'CKV2_AWS_69: TLS enforced by the parameter group (rds.force_ssl for PostgreSQL, require_secure_transport for MySQL).',
      'Credentials: manage_master_user_password; no password variable exists.',
    ],
    usesAws: true,
  },
  {
    name: 'compute',
    controls: ['PCI-DSS-4.0:2.2.1', 'PCI-DSS-4.0:10.2.1', 'SOC2:CC6.1', 'SOC2:CC6.8', 'CIS-AWS:2.2.1'],
    callName: 'compute',
    title: 'Module: compute',
    summary:
      'An EKS cluster with a managed node group when Kubernetes is a component, and a launch template, instance profile and security group for Ansible-managed hosts; both share the same instance settings.',
    secureDefaults: [
      'CKV_AWS_39: the EKS API endpoint is private only.',
      'CKV_AWS_37: all five control-plane log types (api, audit, authenticator, controllerManager, scheduler).',
      'CKV_AWS_58: Kubernetes secrets are envelope-encrypted with the environment key.',
      'CKV_AWS_79, CKV_AWS_341: nodes and hosts require IMDSv2 with a hop limit of 1; workloads use EKS Pod Identity.',
      'Encrypted EBS root volumes under the environment key on every launch template.',
      'CKV_AWS_100: node groups have no SSH remote access; SSH to hosts only from named security groups, never a CIDR.',
      'Every role carries the permissions boundary.',
    ],
    usesAws: true,
  },
  {
    name: 'waf',
    controls: ['PCI-DSS-4.0:6.4.2', 'SOC2:CC6.6'],
    callName: 'waf',
    title: 'Module: waf',
    summary:
      'A WAFv2 web ACL with the AWS managed rule groups and a per-IP rate limit, logging to a KMS-encrypted log group with the authorization and cookie headers redacted, and Shield Advanced protections as a production toggle.',
    secureDefaults: [
      'AWS managed rule groups: Amazon IP reputation, Common rule set, Known bad inputs (CKV_AWS_192, Log4j), SQL injection.',
      'A rate-based rule blocks a client IP above the limit per 5 minutes.',
      'CKV2_AWS_31: logging is on, with the authorization and cookie headers redacted.',
      'CKV_AWS_158, CKV_AWS_338: the WAF log group is KMS-encrypted and kept at least 365 days.',
      'Shield Advanced protections for the listed resources in production (an active subscription is a prerequisite).',
    ],
    usesAws: true,
  },
  {
    name: 'config-rules',
    controls: ['PCI-DSS-4.0:10.2.1', 'SOC2:CC7.1', 'CIS-AWS:3.5'],
    callName: 'config_rules',
    title: 'Module: config-rules',
    summary:
      'The AWS Config recorder (all resource types, global ones included), a delivery channel to the audit bucket encrypted with the environment key, and the AWS managed rules of the baseline plus those mapped to the frameworks in scope.',
    secureDefaults: [
      'Baseline rules: encrypted volumes, S3 SSL-only and public access, RDS encryption and public access, CloudTrail enabled and multi-region, root access keys and MFA, restricted SSH, VPC flow logs, closed default security groups, IMDSv2, KMS rotation, no admin policies.',
      'PCI DSS, SOC 2 and GDPR add log validation and encryption, S3 logging and versioning, RDS multi-AZ, backups, logging and IAM authentication, EKS endpoint and secrets, log group encryption and retention, WAF logging, restricted ports.',
      'The recorder covers all supported resource types, global ones included, and delivers with SSE-KMS.',
    ],
    usesAws: true,
  },
];

export interface ReadmeInput {
  name: string;
  description: string;
  type: string;
  default: string;
  required: string;
}

export interface ReadmeOutput {
  name: string;
  description: string;
}

interface Block {
  name: string;
  body: string[];
}

/** Top-level blocks `<kind> "<name>" {` ... `}` of a terraform-fmt formatted file. */
function blocksOf(text: string, kind: string): Block[] {
  const blocks: Block[] = [];
  let current: Block | undefined;
  for (const line of text.split('\n')) {
    const start = new RegExp(`^${kind} "([A-Za-z0-9_-]+)" \\{$`).exec(line);
    if (start) {
      current = { name: start[1]!, body: [] };
      continue;
    }
    if (current && line === '}') {
      blocks.push(current);
      current = undefined;
      continue;
    }
    current?.body.push(line);
  }
  return blocks;
}

/** The expression of a top-level attribute of a block (two-space indent), collapsed to one line. */
function attribute(block: Block, name: string): string | undefined {
  const index = block.body.findIndex((l) => new RegExp(`^  ${name}\\s+= `).test(l));
  if (index < 0) return undefined;
  let expr = block.body[index]!.replace(new RegExp(`^  ${name}\\s+= `), '');
  let depth = (expr.match(/[[({]/g) ?? []).length - (expr.match(/[\])}]/g) ?? []).length;
  for (let i = index + 1; depth > 0 && i < block.body.length; i += 1) {
    const line = block.body[i]!.trim();
    expr += ` ${line}`;
    depth += (line.match(/[[({]/g) ?? []).length - (line.match(/[\])}]/g) ?? []).length;
  }
  return expr.replace(/\{ /g, '{ ').replace(/\s+/g, ' ').replace(/, \}/g, ' }').trim();
}

function unquote(expr: string | undefined): string {
  if (expr === undefined) return '';
  const match = /^"(.*)"$/.exec(expr);
  return match ? match[1]!.replace(/\\"/g, '"').replace(/\\\\/g, '\\') : expr;
}

const moduleSources = new Map<string, string>();
function moduleFile(module: string, file: string): string {
  const path = join(templatesRoot, 'terraform', 'modules', module, file);
  let text = moduleSources.get(path);
  if (text === undefined) {
    text = readFileSync(path, 'utf8');
    moduleSources.set(path, text);
  }
  return text;
}

/** The inputs table of a module, as terraform-docs would list it (sorted by name). */
export function moduleInputs(module: string): ReadmeInput[] {
  return blocksOf(moduleFile(module, 'variables.tf'), 'variable')
    .map((block) => {
      const def = attribute(block, 'default');
      return {
        name: block.name,
        description: unquote(attribute(block, 'description')),
        type: attribute(block, 'type') ?? 'any',
        default: def ?? 'n/a',
        required: def === undefined ? 'yes' : 'no',
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function moduleOutputs(module: string): ReadmeOutput[] {
  return blocksOf(moduleFile(module, 'outputs.tf'), 'output')
    .map((block) => ({ name: block.name, description: unquote(attribute(block, 'description')) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function readmeModel(spec: ModuleSpec) {
  return {
    title: spec.title,
    summary: spec.summary,
    callName: spec.callName,
    source: `../../modules/${spec.name}`,
    secureDefaults: spec.secureDefaults,
    requiredVersion: REQUIRED_TERRAFORM,
    providers: spec.usesAws ? [{ name: 'aws', version: MODULE_AWS_PROVIDER_RANGE }] : [],
    inputs: moduleInputs(spec.name),
    outputs: moduleOutputs(spec.name),
  };
}
