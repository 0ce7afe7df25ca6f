output "endpoint" {
  description = "Connection endpoint (host:port) of the database, or null when it is not created."
  value       = one(aws_db_instance.this[*].endpoint)
}

output "master_user_secret_arn" {
  description = "ARN of the Secrets Manager secret RDS manages for the master user, or null."
  value       = try(aws_db_instance.this[0].master_user_secret[0].secret_arn, null)
}

output "security_group_id" {
  description = "Security group of the database, or null when it is not created."
  value       = one(aws_security_group.this[*].id)
}
