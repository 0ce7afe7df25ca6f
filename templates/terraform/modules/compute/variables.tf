variable "name_prefix" {
  description = "Prefix of every resource name (service-environment)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,56}[a-z0-9]$", var.name_prefix))
    error_message = "The name prefix must be a lowercase DNS label of at most 58 characters."
  }
}

variable "create_eks" {
  description = "Create the EKS cluster and its managed node group (when Kubernetes is a component)."
  type        = bool
}

variable "create_host_launch_template" {
  description = "Create the launch template, instance profile and security group of the Ansible-managed hosts."
  type        = bool
}

variable "kubernetes_version" {
  description = "EKS Kubernetes minor version."
  type        = string
  default     = "1.31"

  validation {
    condition     = can(regex("^1\\.[0-9]{2}$", var.kubernetes_version))
    error_message = "The Kubernetes version must look like 1.31."
  }
}

variable "vpc_id" {
  description = "VPC of the cluster and hosts."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets for the control plane interfaces, the nodes and the hosts."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 2
    error_message = "EKS needs subnets in at least two availability zones."
  }
}

variable "kms_key_arn" {
  description = "ARN of the customer managed key for Kubernetes secrets, EBS volumes and the control-plane log group."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:", var.kms_key_arn))
    error_message = "The KMS key must be given as an ARN."
  }
}

variable "permissions_boundary_arn" {
  description = "Permissions boundary attached to every role this module creates."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:policy/", var.permissions_boundary_arn))
    error_message = "The permissions boundary must be an IAM policy ARN."
  }
}

variable "instance_type" {
  description = "EC2 instance type of the nodes and hosts, sized by the environment's tier."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9]*\\.[a-z0-9]+$", var.instance_type))
    error_message = "The instance type must look like m6i.large."
  }
}

variable "node_min_size" {
  description = "Minimum number of EKS nodes."
  type        = number

  validation {
    condition     = var.node_min_size >= 1
    error_message = "Run at least one node."
  }
}

variable "node_max_size" {
  description = "Maximum number of EKS nodes (at least node_min_size)."
  type        = number

  validation {
    condition     = var.node_max_size >= 1 && var.node_max_size <= 100
    error_message = "The node maximum must be between 1 and 100."
  }
}

variable "root_volume_size_gb" {
  description = "Size of the encrypted root volume of nodes and hosts, in GiB."
  type        = number
  default     = 50

  validation {
    condition     = var.root_volume_size_gb >= 20 && var.root_volume_size_gb <= 1000
    error_message = "The root volume must be between 20 and 1000 GiB."
  }
}

variable "host_image_id" {
  description = "AMI of the Ansible-managed hosts (your CIS-hardened golden image); null leaves it to the launch request."
  type        = string
  default     = null

  validation {
    condition     = var.host_image_id == null || can(regex("^ami-[0-9a-f]{8,17}$", var.host_image_id))
    error_message = "The image id must look like ami-0123456789abcdef0."
  }
}

variable "host_ssh_source_security_group_ids" {
  description = "Security groups (bastion, CI runners) allowed to reach the hosts on SSH for Ansible; never a CIDR."
  type        = list(string)
  default     = []
}

variable "log_retention_days" {
  description = "Retention of the EKS control-plane log group, in days (at least 365)."
  type        = number
  default     = 365

  validation {
    condition     = contains([365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "Log retention must be a CloudWatch Logs retention value of at least 365 days."
  }
}
