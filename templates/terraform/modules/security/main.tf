locals {
  account_root_arn     = "arn:aws:iam::${var.account_id}:root"
  autoscaling_role_arn = "arn:aws:iam::${var.account_id}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling"
  trail_name           = "${var.name_prefix}-trail"
  trail_arn            = "arn:aws:cloudtrail:${var.region}:${var.account_id}:trail/${local.trail_name}"
  github_oidc_provider_arn = (
    var.create_github_oidc_provider
    ? aws_iam_openid_connect_provider.github[0].arn
    : "arn:aws:iam::${var.account_id}:oidc-provider/token.actions.githubusercontent.com"
  )
}

# --- KMS: one customer managed key per environment, rotated, with an explicit key policy -----------

data "aws_iam_policy_document" "key_policy" {
  #checkov:skip=CKV_AWS_356:In a key policy the resource "*" means this key only.
  #checkov:skip=CKV_AWS_109:Key administration is granted to the account root, so IAM policies decide who may manage the key.
  #checkov:skip=CKV_AWS_111:As above: the account root principal delegates key use to IAM policies.
  statement {
    sid       = "AccountRootAdministersTheKey"
    effect    = "Allow"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = [local.account_root_arn]
    }
  }

  statement {
    sid       = "CloudWatchLogsEncryptsThisAccountsLogGroups"
    effect    = "Allow"
    actions   = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["logs.${var.region}.amazonaws.com"]
    }

    condition {
      test     = "ArnLike"
      variable = "kms:EncryptionContext:aws:logs:arn"
      values   = ["arn:aws:logs:${var.region}:${var.account_id}:log-group:*"]
    }
  }

  statement {
    sid       = "CloudTrailEncryptsThisTrail"
    effect    = "Allow"
    actions   = ["kms:GenerateDataKey*", "kms:DescribeKey"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [local.trail_arn]
    }

    condition {
      test     = "StringLike"
      variable = "kms:EncryptionContext:aws:cloudtrail:arn"
      values   = ["arn:aws:cloudtrail:*:${var.account_id}:trail/*"]
    }
  }

  # Launching nodes and hosts with encrypted volumes: the EC2 Auto Scaling service-linked role must be
  # able to use the key (it must exist; see the README).
  statement {
    sid       = "AutoScalingUsesTheKeyForVolumes"
    effect    = "Allow"
    actions   = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = [local.autoscaling_role_arn]
    }
  }

  statement {
    sid       = "AutoScalingGrantsForAttachedVolumes"
    effect    = "Allow"
    actions   = ["kms:CreateGrant"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = [local.autoscaling_role_arn]
    }

    condition {
      test     = "Bool"
      variable = "kms:GrantIsForAWSResource"
      values   = ["true"]
    }
  }

  statement {
    sid       = "ConfigAndLogDeliveryUseTheKey"
    effect    = "Allow"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey*"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["config.amazonaws.com", "delivery.logs.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [var.account_id]
    }
  }
}

resource "aws_kms_key" "main" {
  description             = "Encrypts data, logs and secrets of ${var.name_prefix}"
  enable_key_rotation     = true
  rotation_period_in_days = 365
  deletion_window_in_days = 30
  policy                  = data.aws_iam_policy_document.key_policy.json
}

resource "aws_kms_alias" "main" {
  name          = "alias/${var.name_prefix}"
  target_key_id = aws_kms_key.main.key_id
}

# --- IAM: a permissions boundary every role of this baseline carries -----------------------------

data "aws_iam_policy_document" "boundary" {
  #checkov:skip=CKV_AWS_356:A permissions boundary is a ceiling, not a grant; effective permissions are the intersection with each role's own policy.
  #checkov:skip=CKV_AWS_109:As above: the boundary grants nothing by itself.
  #checkov:skip=CKV_AWS_111:As above: the boundary grants nothing by itself.
  statement {
    sid    = "CeilingForThisBaselinesServicesInOneRegion"
    effect = "Allow"
    actions = [
      "autoscaling:*", "cloudtrail:Describe*", "cloudtrail:Get*", "cloudtrail:List*", "cloudtrail:LookupEvents",
      "cloudwatch:*", "config:Describe*", "config:Get*", "config:List*", "ec2:*", "ecr:*", "eks:*",
      "elasticloadbalancing:*", "kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey*",
      "logs:*", "rds:*", "rds-db:connect", "s3:*", "secretsmanager:*", "shield:*", "wafv2:*",
      "ssm:*", "ssmmessages:*", "ec2messages:*",
    ]
    resources = ["*"]

    condition {
      test     = "StringEquals"
      variable = "aws:RequestedRegion"
      values   = [var.region]
    }
  }

  statement {
    sid       = "GrantsOnlyForAwsResources"
    effect    = "Allow"
    actions   = ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"]
    resources = ["*"]

    condition {
      test     = "Bool"
      variable = "kms:GrantIsForAWSResource"
      values   = ["true"]
    }
  }

  statement {
    sid       = "ServiceLinkedRolesOfThisBaselinesServices"
    effect    = "Allow"
    actions   = ["iam:CreateServiceLinkedRole"]
    resources = ["*"]

    condition {
      test     = "StringEquals"
      variable = "iam:AWSServiceName"
      values   = ["autoscaling.amazonaws.com", "eks.amazonaws.com", "eks-nodegroup.amazonaws.com", "elasticloadbalancing.amazonaws.com", "rds.amazonaws.com"]
    }
  }

  statement {
    sid    = "ReadOnlyGlobalServices"
    effect = "Allow"
    actions = [
      "iam:Get*", "iam:List*", "sts:GetCallerIdentity",
    ]
    resources = ["*"]
  }

  statement {
    sid    = "NeverWeakenTheAuditTrailOrTheKeys"
    effect = "Deny"
    actions = [
      "cloudtrail:DeleteTrail", "cloudtrail:StopLogging", "cloudtrail:UpdateTrail", "cloudtrail:PutEventSelectors",
      "config:DeleteConfigurationRecorder", "config:StopConfigurationRecorder", "config:DeleteDeliveryChannel",
      "kms:ScheduleKeyDeletion", "kms:DisableKey", "kms:DisableKeyRotation", "kms:PutKeyPolicy",
      "s3:PutBucketPolicy", "s3:DeleteBucketPolicy", "s3:PutEncryptionConfiguration", "s3:PutBucketPublicAccessBlock",
    ]
    resources = ["*"]
  }

  statement {
    sid    = "NeverCreateLongLivedCredentialsOrEscapeTheBoundary"
    effect = "Deny"
    actions = [
      "iam:CreateUser", "iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile",
      "iam:DeleteRolePermissionsBoundary", "iam:PutRolePermissionsBoundary", "iam:DeleteUserPermissionsBoundary",
      "iam:PutUserPermissionsBoundary", "iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion",
    ]
    resources = ["*"]
  }
}

resource "aws_iam_policy" "boundary" {
  #checkov:skip=CKV_AWS_355:A permissions boundary is a ceiling, not a grant (see the policy document).
  #checkov:skip=CKV_AWS_289:A permissions boundary is a ceiling, not a grant (see the policy document).
  #checkov:skip=CKV_AWS_290:A permissions boundary is a ceiling, not a grant (see the policy document).
  name        = "${var.name_prefix}-boundary"
  description = "Permissions boundary of every role ${var.name_prefix} creates"
  policy      = data.aws_iam_policy_document.boundary.json
}

# --- Human operators: assume a role only with recent MFA ----------------------------------------

data "aws_iam_policy_document" "operator_trust" {
  statement {
    sid     = "HumansFromThisAccountWithRecentMfa"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "AWS"
      identifiers = [local.account_root_arn]
    }

    condition {
      test     = "Bool"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["true"]
    }

    condition {
      test     = "NumericLessThan"
      variable = "aws:MultiFactorAuthAge"
      values   = [tostring(var.mfa_max_age_seconds)]
    }
  }
}

resource "aws_iam_role" "operator" {
  name                 = "${var.name_prefix}-operator"
  description          = "Read-only operator access for humans, MFA required"
  assume_role_policy   = data.aws_iam_policy_document.operator_trust.json
  permissions_boundary = aws_iam_policy.boundary.arn
  max_session_duration = var.max_session_duration_seconds
}

resource "aws_iam_role_policy_attachment" "operator_read_only" {
  role       = aws_iam_role.operator.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

# --- CI: GitHub Actions assumes a role through OIDC; no long-lived keys exist ------------------

resource "aws_iam_openid_connect_provider" "github" {
  count = var.create_github_oidc_provider ? 1 : 0

  url            = "https://token.actions.githubusercontent.com"
  client_id_list = ["sts.amazonaws.com"]
}

data "aws_iam_policy_document" "ci_trust" {
  statement {
    sid     = "GitHubActionsOfThisRepository"
    effect  = "Allow"
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [local.github_oidc_provider_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:sub"
      # Pull requests (plan) and the default branch (scheduled drift detection) of this repository only.
      values = [
        "repo:${var.github_repository}:pull_request",
        "repo:${var.github_repository}:ref:refs/heads/${var.github_branch}",
      ]
    }
  }
}

resource "aws_iam_role" "ci" {
  name                 = var.ci_role_name
  description          = "Terraform plan and drift detection from GitHub Actions (OIDC)"
  assume_role_policy   = data.aws_iam_policy_document.ci_trust.json
  permissions_boundary = aws_iam_policy.boundary.arn
  max_session_duration = var.max_session_duration_seconds
}

data "aws_iam_policy_document" "ci_state" {
  statement {
    sid       = "ListTheStateBucket"
    effect    = "Allow"
    actions   = ["s3:ListBucket"]
    resources = ["arn:aws:s3:::${var.state_bucket_name}"]
  }

  statement {
    sid       = "ReadThisEnvironmentsState"
    effect    = "Allow"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::${var.state_bucket_name}/${var.state_key}"]
  }

  statement {
    sid       = "TakeAndReleaseTheStateLock"
    effect    = "Allow"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    resources = ["arn:aws:s3:::${var.state_bucket_name}/${var.state_key}.tflock"]
  }

  statement {
    sid       = "UseTheStateKey"
    effect    = "Allow"
    actions   = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey"]
    resources = ["arn:aws:kms:${var.region}:${var.account_id}:key/*"]

    condition {
      test     = "ForAnyValue:StringEquals"
      variable = "kms:ResourceAliases"
      values   = [var.state_kms_alias]
    }
  }
}

resource "aws_iam_role_policy" "ci_state" {
  name   = "terraform-state"
  role   = aws_iam_role.ci.id
  policy = data.aws_iam_policy_document.ci_state.json
}

resource "aws_iam_role_policy_attachment" "ci_read_only" {
  role       = aws_iam_role.ci.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

# --- CloudTrail: multi-region, validated, KMS-encrypted, also sent to CloudWatch Logs -------------

resource "aws_cloudwatch_log_group" "cloudtrail" {
  name              = "/aws/cloudtrail/${var.name_prefix}"
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.main.arn
}

data "aws_iam_policy_document" "cloudtrail_assume" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [local.trail_arn]
    }
  }
}

data "aws_iam_policy_document" "cloudtrail_logs" {
  statement {
    sid       = "WriteThisTrailsLogGroupOnly"
    effect    = "Allow"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.cloudtrail.arn}:log-stream:*"]
  }
}

resource "aws_iam_role" "cloudtrail" {
  name                 = "${var.name_prefix}-cloudtrail-logs"
  description          = "Lets CloudTrail deliver events to its CloudWatch log group"
  assume_role_policy   = data.aws_iam_policy_document.cloudtrail_assume.json
  permissions_boundary = aws_iam_policy.boundary.arn
}

resource "aws_iam_role_policy" "cloudtrail" {
  name   = "deliver-to-log-group"
  role   = aws_iam_role.cloudtrail.id
  policy = data.aws_iam_policy_document.cloudtrail_logs.json
}

resource "aws_cloudtrail" "main" {
  #checkov:skip=CKV_AWS_252:SNS notification of log delivery is left to the team (no topic consumer in this baseline).
  name                          = local.trail_name
  s3_bucket_name                = var.cloudtrail_bucket_name
  s3_key_prefix                 = "cloudtrail"
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true
  kms_key_id                    = aws_kms_key.main.arn
  cloud_watch_logs_group_arn    = "${aws_cloudwatch_log_group.cloudtrail.arn}:*"
  cloud_watch_logs_role_arn     = aws_iam_role.cloudtrail.arn

  event_selector {
    read_write_type           = "All"
    include_management_events = true
  }
}
