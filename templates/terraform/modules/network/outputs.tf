output "vpc_id" {
  description = "ID of the VPC."
  value       = aws_vpc.this.id
}

output "vpc_cidr" {
  description = "CIDR block of the VPC."
  value       = aws_vpc.this.cidr_block
}

output "public_subnet_ids" {
  description = "IDs of the public subnets (load balancers and NAT gateways only; no public IPs on launch)."
  value       = aws_subnet.public[*].id
}

output "private_subnet_ids" {
  description = "IDs of the private subnets (workloads), routed to the internet through NAT."
  value       = aws_subnet.private[*].id
}

output "database_subnet_ids" {
  description = "IDs of the database subnets, with no route to the internet."
  value       = aws_subnet.database[*].id
}

output "flow_log_group_name" {
  description = "Name of the KMS-encrypted log group that receives the VPC flow logs."
  value       = aws_cloudwatch_log_group.flow_logs.name
}

output "endpoint_security_group_id" {
  description = "Security group of the interface endpoints."
  value       = aws_security_group.endpoints.id
}
