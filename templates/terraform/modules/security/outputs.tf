output "kms_key_arn" {
  description = "ARN of the environment's customer managed key (rotation on, explicit key policy)."
  value       = aws_kms_key.main.arn
}

output "kms_key_alias" {
  description = "Alias of the environment's customer managed key."
  value       = aws_kms_alias.main.name
}

output "permissions_boundary_arn" {
  description = "ARN of the permissions boundary every role of this baseline carries."
  value       = aws_iam_policy.boundary.arn
}

output "operator_role_arn" {
  description = "ARN of the MFA-gated, read-only role for human operators."
  value       = aws_iam_role.operator.arn
}

output "ci_role_arn" {
  description = "ARN of the role GitHub Actions assumes through OIDC (plan and drift detection)."
  value       = aws_iam_role.ci.arn
}

output "cloudtrail_arn" {
  description = "ARN of the multi-region CloudTrail trail."
  value       = aws_cloudtrail.main.arn
}
