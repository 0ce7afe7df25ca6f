output "name_prefix" {
  description = "Prefix of every resource name in this environment."
  value       = local.name_prefix
}

output "tags" {
  description = "The required tags every resource carries through default_tags."
  value       = module.tagging.tags
}

output "kms_key_arn" {
  description = "ARN of the environment's customer managed key."
  value       = module.security.kms_key_arn
}

output "ci_role_arn" {
  description = "Role GitHub Actions assumes through OIDC for plan and drift detection."
  value       = module.security.ci_role_arn
}

output "operator_role_arn" {
  description = "MFA-gated, read-only role for human operators."
  value       = module.security.operator_role_arn
}

output "vpc_id" {
  description = "ID of the environment's VPC."
  value       = module.network.vpc_id
}

output "data_bucket_name" {
  description = "Name of the service's data bucket."
  value       = module.storage.data_bucket_name
}

output "cluster_name" {
  description = "EKS cluster name, or null when Kubernetes is not a component."
  value       = module.compute.cluster_name
}

output "database_endpoint" {
  description = "RDS endpoint, or null when no database is created."
  value       = module.database.endpoint
}

output "web_acl_arn" {
  description = "WAF web ACL to attach to the service's load balancer."
  value       = module.waf.web_acl_arn
}
