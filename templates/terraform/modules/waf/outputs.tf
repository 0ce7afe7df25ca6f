output "web_acl_arn" {
  description = "ARN of the web ACL; give it to the load balancer (for example the ALB ingress annotation)."
  value       = aws_wafv2_web_acl.this.arn
}

output "log_group_name" {
  description = "Name of the KMS-encrypted WAF log group (authorization and cookie headers redacted)."
  value       = aws_cloudwatch_log_group.this.name
}

output "shield_protection_ids" {
  description = "IDs of the Shield Advanced protections (empty unless enabled)."
  value       = aws_shield_protection.this[*].id
}
