output "cluster_name" {
  description = "Name of the EKS cluster, or null when it is not created."
  value       = one(aws_eks_cluster.this[*].name)
}

output "cluster_endpoint" {
  description = "Private API endpoint of the EKS cluster, or null."
  value       = one(aws_eks_cluster.this[*].endpoint)
}

output "host_launch_template_id" {
  description = "Launch template of the Ansible-managed hosts, or null when it is not created."
  value       = one(aws_launch_template.host[*].id)
}

output "workload_security_group_ids" {
  description = "Security groups of the workloads (EKS cluster and hosts) that may reach the database."
  value = concat(
    var.create_eks ? [aws_eks_cluster.this[0].vpc_config[0].cluster_security_group_id] : [],
    var.create_host_launch_template ? [aws_security_group.host[0].id] : [],
  )
}
