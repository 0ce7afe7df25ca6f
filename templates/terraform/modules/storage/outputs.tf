output "data_bucket_name" {
  description = "Name of the service's data bucket (SSE-KMS, versioned, logged, TLS-only)."
  value       = aws_s3_bucket.this["data"].id
}

output "data_bucket_arn" {
  description = "ARN of the service's data bucket."
  value       = aws_s3_bucket.this["data"].arn
}

output "audit_bucket_name" {
  description = "Name of the audit bucket for CloudTrail and AWS Config, available once its policy is in place."
  value       = aws_s3_bucket_policy.this["audit"].bucket
}

output "access_log_bucket_name" {
  description = "Name of the bucket that receives the S3 server access logs."
  value       = aws_s3_bucket.logs.id
}
