output "state_bucket" {
  description = "Name of the state bucket (the bucket of every environment backend in this account)."
  value       = aws_s3_bucket.state.id
}

output "state_kms_key_arn" {
  description = "ARN of the customer managed key that encrypts the state."
  value       = aws_kms_key.state.arn
}

output "state_kms_alias_arn" {
  description = "ARN of the key alias the environment backends name as kms_key_id."
  value       = aws_kms_alias.state.arn
}

output "access_log_bucket" {
  description = "Name of the bucket that receives the state bucket's access logs."
  value       = aws_s3_bucket.logs.id
}
