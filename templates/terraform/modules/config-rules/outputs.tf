output "recorder_name" {
  description = "Name of the AWS Config configuration recorder."
  value       = aws_config_configuration_recorder.this.name
}

output "rule_names" {
  description = "Names of the AWS Config managed rules enabled for the frameworks in scope."
  value       = sort([for rule in aws_config_config_rule.this : rule.name])
}
