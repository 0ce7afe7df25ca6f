variable "service" {
  description = "Service name (the Service tag and the first part of every resource name)."
  type        = string
}

variable "team" {
  description = "Owning team (the Team tag)."
  type        = string
}

variable "owner" {
  description = "E-mail address of the accountable owner (the Owner tag)."
  type        = string
}

variable "cost_center" {
  description = "Cost centre code (the CostCenter tag)."
  type        = string
}

variable "environment" {
  description = "Environment name (the Environment tag)."
  type        = string
}

variable "data_classification" {
  description = "Highest classification of data in this environment (the DataClassification tag)."
  type        = string
}

variable "compliance_scope" {
  description = "Frameworks in scope, space-separated, or none (the ComplianceScope tag)."
  type        = string
}

variable "repository" {
  description = "Where this code lives, as host/owner/name (the Repository tag)."
  type        = string
}

variable "account_id" {
  description = "AWS account id of this environment; the provider refuses any other account."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "The account id must be exactly 12 digits."
  }
}

variable "region" {
  description = "AWS region of this environment."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.region))
    error_message = "The region must look like eu-west-1."
  }
}

variable "compliance_frameworks" {
  description = "Frameworks in scope as a list; they select the AWS Config managed rules."
  type        = list(string)
}

variable "vpc_cidr" {
  description = "VPC CIDR: an RFC 1918 private range, /16 to /24 (validated by modules/network)."
  type        = string
}

variable "az_count" {
  description = "Availability zones the VPC spans."
  type        = number
  default     = 3
}

variable "single_nat_gateway" {
  description = "One shared NAT gateway (small tiers) instead of one per zone."
  type        = bool
}

variable "log_retention_days" {
  description = "Retention of every log group of this environment, in days (at least 365)."
  type        = number
}

variable "github_repository" {
  description = "GitHub repository (owner/name) whose workflows assume the CI role through OIDC."
  type        = string
}

variable "create_database" {
  description = "Create the RDS database (true when the answers name a database engine)."
  type        = bool
}

variable "database_engine" {
  description = "RDS engine: postgres or mysql."
  type        = string
}

variable "database_engine_major_version" {
  description = "RDS major engine version (minor versions upgrade automatically)."
  type        = string
}

variable "db_instance_class" {
  description = "RDS instance class for this tier."
  type        = string
}

variable "db_allocated_storage_gb" {
  description = "RDS initial storage for this tier, in GiB."
  type        = number
}

variable "db_max_allocated_storage_gb" {
  description = "RDS storage autoscaling bound for this tier, in GiB."
  type        = number
}

variable "db_backup_retention_days" {
  description = "RDS backup retention for this tier, in days (at least 7, more in production)."
  type        = number
}

variable "db_multi_az" {
  description = "RDS synchronous standby in a second zone (production tiers)."
  type        = bool
}

variable "create_eks" {
  description = "Create the EKS cluster (Kubernetes is a component)."
  type        = bool
}

variable "create_host_launch_template" {
  description = "Create the launch template of the Ansible-managed hosts."
  type        = bool
}

variable "instance_type" {
  description = "EC2 instance type of nodes and hosts for this tier."
  type        = string
}

variable "node_min_size" {
  description = "Minimum EKS nodes for this tier."
  type        = number
}

variable "node_max_size" {
  description = "Maximum EKS nodes for this tier."
  type        = number
}

variable "host_ssh_source_security_group_ids" {
  description = "Security groups allowed to reach the hosts on SSH (bastion, CI runners)."
  type        = list(string)
  default     = []
}

variable "enable_shield_advanced" {
  description = "Protect the listed resources with Shield Advanced (production)."
  type        = bool
}

variable "shield_protected_resource_arns" {
  description = "Resources Shield Advanced protects when enabled (load balancers, Elastic IPs)."
  type        = list(string)
  default     = []
}

variable "waf_associated_resource_arns" {
  description = "Load balancers the web ACL is associated with (or use the ALB ingress annotation)."
  type        = list(string)
  default     = []
}

variable "state_bucket_name" {
  description = "State bucket of this environment (the same as in backend.tf), for the CI role's access."
  type        = string
}

variable "state_key" {
  description = "State object key of this environment (the same as in backend.tf)."
  type        = string
}

variable "state_kms_alias" {
  description = "Alias of the state key (the same key as backend.tf names)."
  type        = string
}
