output "name_prefix" {
  description = "Prefix of every resource name in this environment."
  value       = local.name_prefix
}

output "tags" {
  description = "The required tags every resource carries through default_tags."
  value       = module.tagging.tags
}
