locals {
  # AWS managed rules: "baseline" rules always apply; the others when one of their frameworks is in scope.
  rules = {
    "encrypted-volumes"                   = { source = "ENCRYPTED_VOLUMES", frameworks = ["baseline"], input = null }
    "s3-bucket-ssl-requests-only"         = { source = "S3_BUCKET_SSL_REQUESTS_ONLY", frameworks = ["baseline"], input = null }
    "s3-bucket-public-read-prohibited"    = { source = "S3_BUCKET_PUBLIC_READ_PROHIBITED", frameworks = ["baseline"], input = null }
    "s3-bucket-public-write-prohibited"   = { source = "S3_BUCKET_PUBLIC_WRITE_PROHIBITED", frameworks = ["baseline"], input = null }
    "s3-bucket-sse-enabled"               = { source = "S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED", frameworks = ["baseline"], input = null }
    "rds-storage-encrypted"               = { source = "RDS_STORAGE_ENCRYPTED", frameworks = ["baseline"], input = null }
    "rds-instance-public-access-check"    = { source = "RDS_INSTANCE_PUBLIC_ACCESS_CHECK", frameworks = ["baseline"], input = null }
    "cloudtrail-enabled"                  = { source = "CLOUD_TRAIL_ENABLED", frameworks = ["baseline"], input = null }
    "multi-region-cloudtrail-enabled"     = { source = "MULTI_REGION_CLOUD_TRAIL_ENABLED", frameworks = ["baseline"], input = null }
    "iam-root-access-key-check"           = { source = "IAM_ROOT_ACCESS_KEY_CHECK", frameworks = ["baseline"], input = null }
    "root-account-mfa-enabled"            = { source = "ROOT_ACCOUNT_MFA_ENABLED", frameworks = ["baseline"], input = null }
    "restricted-ssh"                      = { source = "INCOMING_SSH_DISABLED", frameworks = ["baseline"], input = null }
    "vpc-flow-logs-enabled"               = { source = "VPC_FLOW_LOGS_ENABLED", frameworks = ["baseline"], input = null }
    "vpc-default-security-group-closed"   = { source = "VPC_DEFAULT_SECURITY_GROUP_CLOSED", frameworks = ["baseline"], input = null }
    "ec2-imdsv2-check"                    = { source = "EC2_IMDSV2_CHECK", frameworks = ["baseline"], input = null }
    "cmk-backing-key-rotation-enabled"    = { source = "CMK_BACKING_KEY_ROTATION_ENABLED", frameworks = ["baseline"], input = null }
    "iam-policy-no-admin-access"          = { source = "IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS", frameworks = ["baseline"], input = null }
    "cloudtrail-log-file-validation"      = { source = "CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED", frameworks = ["pci-dss-4", "soc2"], input = null }
    "cloudtrail-encryption-enabled"       = { source = "CLOUD_TRAIL_ENCRYPTION_ENABLED", frameworks = ["pci-dss-4", "soc2", "gdpr"], input = null }
    "s3-bucket-logging-enabled"           = { source = "S3_BUCKET_LOGGING_ENABLED", frameworks = ["pci-dss-4", "soc2"], input = null }
    "s3-bucket-versioning-enabled"        = { source = "S3_BUCKET_VERSIONING_ENABLED", frameworks = ["soc2", "gdpr"], input = null }
    "rds-multi-az-support"                = { source = "RDS_MULTI_AZ_SUPPORT", frameworks = ["soc2"], input = null }
    "db-instance-backup-enabled"          = { source = "DB_INSTANCE_BACKUP_ENABLED", frameworks = ["soc2", "gdpr"], input = null }
    "rds-snapshots-public-prohibited"     = { source = "RDS_SNAPSHOTS_PUBLIC_PROHIBITED", frameworks = ["pci-dss-4", "gdpr"], input = null }
    "rds-logging-enabled"                 = { source = "RDS_LOGGING_ENABLED", frameworks = ["pci-dss-4", "soc2"], input = null }
    "mfa-enabled-for-iam-console-access"  = { source = "MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS", frameworks = ["pci-dss-4", "soc2"], input = null }
    "eks-endpoint-no-public-access"       = { source = "EKS_ENDPOINT_NO_PUBLIC_ACCESS", frameworks = ["pci-dss-4", "soc2"], input = null }
    "eks-secrets-encrypted"               = { source = "EKS_SECRETS_ENCRYPTED", frameworks = ["pci-dss-4", "soc2", "gdpr"], input = null }
    "cloudwatch-log-group-encrypted"      = { source = "CLOUDWATCH_LOG_GROUP_ENCRYPTED", frameworks = ["pci-dss-4", "gdpr"], input = null }
    "wafv2-logging-enabled"               = { source = "WAFV2_LOGGING_ENABLED", frameworks = ["pci-dss-4"], input = null }
    "restricted-common-ports"             = { source = "RESTRICTED_INCOMING_TRAFFIC", frameworks = ["pci-dss-4"], input = null }
    "cw-loggroup-retention-period-check"  = { source = "CW_LOGGROUP_RETENTION_PERIOD_CHECK", frameworks = ["pci-dss-4", "soc2"], input = jsonencode({ MinRetentionTime = "365" }) }
    "kms-cmk-not-scheduled-for-deletion"  = { source = "KMS_CMK_NOT_SCHEDULED_FOR_DELETION", frameworks = ["pci-dss-4", "gdpr"], input = null }
    "rds-instance-deletion-protection"    = { source = "RDS_INSTANCE_DELETION_PROTECTION_ENABLED", frameworks = ["soc2"], input = null }
    "rds-instance-iam-authentication"     = { source = "RDS_INSTANCE_IAM_AUTHENTICATION_ENABLED", frameworks = ["pci-dss-4"], input = null }
    "rds-enhanced-monitoring-enabled"     = { source = "RDS_ENHANCED_MONITORING_ENABLED", frameworks = ["soc2"], input = null }
    "iam-user-mfa-enabled"                = { source = "IAM_USER_MFA_ENABLED", frameworks = ["pci-dss-4", "soc2"], input = null }
    "s3-default-encryption-kms"           = { source = "S3_DEFAULT_ENCRYPTION_KMS", frameworks = ["pci-dss-4", "gdpr"], input = null }
    "cloudtrail-cloudwatch-logs-enabled"  = { source = "CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED", frameworks = ["pci-dss-4", "soc2"], input = null }
    "vpc-sg-open-only-to-authorized-port" = { source = "VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS", frameworks = ["pci-dss-4"], input = jsonencode({ authorizedTcpPorts = "443" }) }
  }

  in_scope = toset(concat(["baseline"], var.frameworks))
  enabled_rules = {
    for name, rule in local.rules : name => rule if length(setintersection(toset(rule.frameworks), local.in_scope)) > 0
  }
}

data "aws_iam_policy_document" "assume" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["config.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [var.account_id]
    }
  }
}

data "aws_iam_policy_document" "delivery" {
  statement {
    sid       = "DeliverToTheAuditBucketPrefixOnly"
    effect    = "Allow"
    actions   = ["s3:PutObject"]
    resources = ["arn:aws:s3:::${var.delivery_bucket_name}/config/AWSLogs/${var.account_id}/*"]
  }

  statement {
    sid       = "ReadTheAuditBucketAcl"
    effect    = "Allow"
    actions   = ["s3:GetBucketAcl"]
    resources = ["arn:aws:s3:::${var.delivery_bucket_name}"]
  }

  statement {
    sid       = "EncryptDeliveriesWithTheEnvironmentKey"
    effect    = "Allow"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [var.kms_key_arn]
  }
}

# A service role only AWS Config can assume. It carries no permissions boundary: AWS_ConfigRole must
# read the configuration of every service, which the baseline's boundary deliberately does not allow.
resource "aws_iam_role" "config" {
  name               = "${var.name_prefix}-config"
  description        = "AWS Config recorder of ${var.name_prefix}"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_iam_role_policy_attachment" "config" {
  role       = aws_iam_role.config.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWS_ConfigRole"
}

resource "aws_iam_role_policy" "delivery" {
  name   = "deliver-to-audit-bucket"
  role   = aws_iam_role.config.id
  policy = data.aws_iam_policy_document.delivery.json
}

resource "aws_config_configuration_recorder" "this" {
  name     = var.name_prefix
  role_arn = aws_iam_role.config.arn

  recording_group {
    all_supported                 = true
    include_global_resource_types = true
  }
}

resource "aws_config_delivery_channel" "this" {
  name           = var.name_prefix
  s3_bucket_name = var.delivery_bucket_name
  s3_key_prefix  = "config"
  s3_kms_key_arn = var.kms_key_arn

  snapshot_delivery_properties {
    delivery_frequency = var.snapshot_delivery_frequency
  }

  depends_on = [aws_config_configuration_recorder.this]
}

resource "aws_config_configuration_recorder_status" "this" {
  name       = aws_config_configuration_recorder.this.name
  is_enabled = true

  depends_on = [aws_config_delivery_channel.this]
}

resource "aws_config_config_rule" "this" {
  for_each = local.enabled_rules

  name             = "${var.name_prefix}-${each.key}"
  input_parameters = each.value.input

  source {
    owner             = "AWS"
    source_identifier = each.value.source
  }

  depends_on = [aws_config_configuration_recorder_status.this]
}
