/**
 * The terraform component's audit checks, in the data form of lib/compliance on main (`Check`,
 * kinds `hcl` and `pattern`): each names a control of the catalog, the generated file and the
 * setting that implements it. To register: add `terraformChecks(ctx)` to `componentChecks` in
 * generators/audit/registry.ts (see lib/compliance/README.md, "How a component declares its checks").
 */
import type { Context } from '../../lib/answers/context.js';

/** Structural copy of lib/compliance's HclCheck and PatternCheck (that module is not on this branch). */
export type TerraformCheck =
  | { control: string; kind: 'hcl'; file: string; attribute: string; op?: 'equals' | 'contains' | 'exists'; expected?: unknown; match?: 'all' | 'any'; files?: 'all' | 'any'; description: string }
  | { control: string; kind: 'pattern'; file: string; pattern: string; expected?: boolean; files?: 'all' | 'any'; description: string };

const M = 'terraform/modules';

function hcl(control: string, file: string, attribute: string, expected: unknown, description: string, extra: { op?: 'equals' | 'contains' | 'exists'; match?: 'all' | 'any' } = {}): TerraformCheck {
  return { control, kind: 'hcl', file, attribute, expected, description, ...extra };
}

export function terraformChecks(ctx: Context): TerraformCheck[] {
  if (!ctx.flags.components.terraform) return [];
  const security = `${M}/security/main.tf`;
  const storage = `${M}/storage/main.tf`;
  const database = `${M}/database/main.tf`;
  const compute = `${M}/compute/main.tf`;
  const network = `${M}/network/main.tf`;
  return [
    hcl('CIS-AWS:3.8', security, 'resource.aws_kms_key.*.enable_key_rotation', true, 'the environment KMS key rotates'),
    hcl('PCI-DSS-4.0:3.7.4', security, 'resource.aws_kms_key.*.enable_key_rotation', true, 'keys are rotated at the end of their cryptoperiod (yearly)'),
    hcl('CIS-AWS:3.1', security, 'resource.aws_cloudtrail.*.is_multi_region_trail', true, 'CloudTrail covers every region'),
    hcl('PCI-DSS-4.0:10.2.1', security, 'resource.aws_cloudtrail.*.is_multi_region_trail', true, 'API audit logging is on in every region'),
    hcl('CIS-AWS:3.7', security, 'resource.aws_cloudtrail.*.kms_key_id', undefined, 'CloudTrail logs are encrypted with the CMK', { op: 'exists' }),
    hcl('PCI-DSS-4.0:10.3.2', security, 'resource.aws_cloudtrail.*.enable_log_file_validation', true, 'CloudTrail log files are integrity-validated'),
    hcl('PCI-DSS-4.0:8.4.2', security, 'data.aws_iam_policy_document.operator_trust.statement.condition.variable', 'aws:MultiFactorAuthPresent', 'humans assume the operator role only with MFA', { match: 'any' }),
    hcl('SOC2:CC6.1', security, 'data.aws_iam_policy_document.ci_trust.statement.actions', 'sts:AssumeRoleWithWebIdentity', 'CI assumes its role through OIDC (no long-lived keys)', { op: 'contains' }),
    hcl('PCI-DSS-4.0:7.2.5', security, 'resource.aws_iam_role.*.permissions_boundary', undefined, 'machine and human roles carry the permissions boundary', { op: 'exists' }),
    hcl('CIS-AWS:2.1.4', storage, 'resource.aws_s3_bucket_public_access_block.*.restrict_public_buckets', true, 'every bucket blocks public access'),
    hcl('CIS-AWS:2.1.1', storage, 'data.aws_iam_policy_document.*.statement.condition.variable', 'aws:SecureTransport', 'bucket policies deny requests without TLS', { match: 'any' }),
    hcl('PCI-DSS-4.0:3.5.1', storage, 'resource.aws_s3_bucket_server_side_encryption_configuration.this.rule.apply_server_side_encryption_by_default.sse_algorithm', 'aws:kms', 'data and audit buckets are encrypted with the CMK'),
    hcl('PCI-DSS-4.0:10.5.1', storage, 'resource.aws_s3_bucket_lifecycle_configuration.logs.rule.expiration.days', '${var.access_log_retention_days}', 'access logs expire only after the retention variable (validated >= 365)'),
    hcl('CIS-AWS:2.3.1', database, 'resource.aws_db_instance.*.storage_encrypted', true, 'RDS storage is encrypted'),
    hcl('SOC2:A1.2', database, 'resource.aws_db_instance.*.deletion_protection', true, 'the database cannot be deleted by accident'),
    hcl('SOC2:CC6.7', database, 'locals.engines.postgres.parameters["rds.force_ssl"]', '1', 'PostgreSQL accepts TLS connections only'),
    hcl('CIS-AWS:2.2.1', compute, 'resource.aws_launch_template.*.block_device_mappings.ebs.encrypted', true, 'node and host volumes are encrypted'),
    hcl('PCI-DSS-4.0:2.2.1', compute, 'locals.metadata_options.http_tokens', 'required', 'instances require IMDSv2'),
    hcl('PCI-DSS-4.0:1.4.1', network, 'resource.aws_subnet.*.map_public_ip_on_launch', false, 'no subnet hands out public IPs'),
    hcl('SOC2:CC6.6', network, 'resource.aws_flow_log.*.traffic_type', 'ALL', 'VPC flow logs record all traffic'),
    hcl('PCI-DSS-4.0:6.4.2', `${M}/waf/main.tf`, 'locals.managed_rule_groups.name', 'AWSManagedRulesKnownBadInputsRuleSet', 'the WAF runs the known-bad-inputs managed rules', { match: 'any' }),
    hcl('CIS-AWS:3.5', `${M}/config-rules/main.tf`, 'resource.aws_config_configuration_recorder.*.recording_group.all_supported', true, 'AWS Config records every supported resource'),
    hcl('PCI-DSS-4.0:6.5.3', 'terraform/environments/*/providers.tf', 'provider.aws.allowed_account_ids', undefined, 'each environment is pinned to its own account', { op: 'exists' }),
    hcl('PCI-DSS-4.0:3.5.1', 'terraform/environments/*/backend.tf', 'terraform.backend.s3.encrypt', true, 'state is encrypted at rest'),
    { control: 'SOC2:CC7.1', kind: 'pattern', file: 'terraform/scripts/drift.sh', pattern: 'plan -detailed-exitcode -lock=false', description: 'drift detection plans every environment with -detailed-exitcode' },
  ];
}
