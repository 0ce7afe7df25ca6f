output "name_prefix" {
  description = "Prefix of every resource name in this environment: service-environment."
  value       = local.name_prefix
}

output "tags" {
  description = "The required tags plus any additional tags; pass to the AWS provider's default_tags."
  value       = local.tags
}

output "required_tag_keys" {
  description = "The tag keys every resource must carry."
  value       = sort(keys(local.required_tags))
}
