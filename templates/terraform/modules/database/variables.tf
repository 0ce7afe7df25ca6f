variable "create" {
  description = "Create the database. The environment roots set it from the answers (a database was named)."
  type        = bool
  default     = true
}

variable "name_prefix" {
  description = "Prefix of every resource name (service-environment)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,56}[a-z0-9]$", var.name_prefix))
    error_message = "The name prefix must be a lowercase DNS label of at most 58 characters."
  }
}

variable "engine" {
  description = "Database engine: postgres or mysql."
  type        = string
  default     = "postgres"

  validation {
    condition     = contains(["postgres", "mysql"], var.engine)
    error_message = "The engine must be postgres or mysql."
  }
}

variable "engine_major_version" {
  description = "Major engine version (minor versions are upgraded automatically): 16 for postgres, 8.0 for mysql."
  type        = string
  default     = "16"

  validation {
    condition     = can(regex("^[0-9]+(\\.[0-9]+)?$", var.engine_major_version))
    error_message = "The major version must look like 16 or 8.0."
  }
}

variable "instance_class" {
  description = "RDS instance class, sized by the environment's tier."
  type        = string

  validation {
    condition     = can(regex("^db\\.[a-z0-9]+\\.[a-z0-9]+$", var.instance_class))
    error_message = "The instance class must look like db.r6g.large."
  }
}

variable "allocated_storage_gb" {
  description = "Initial storage, in GiB."
  type        = number

  validation {
    condition     = var.allocated_storage_gb >= 20 && var.allocated_storage_gb <= 65536
    error_message = "Allocated storage must be between 20 and 65536 GiB."
  }
}

variable "max_allocated_storage_gb" {
  description = "Upper bound of storage autoscaling, in GiB (at least the allocated storage)."
  type        = number

  validation {
    condition     = var.max_allocated_storage_gb >= 20 && var.max_allocated_storage_gb <= 65536
    error_message = "Maximum storage must be between 20 and 65536 GiB."
  }
}

variable "backup_retention_days" {
  description = "Days automated backups are kept: at least 7, more in production."
  type        = number

  validation {
    condition     = var.backup_retention_days >= 7 && var.backup_retention_days <= 35
    error_message = "Backup retention must be between 7 and 35 days."
  }
}

variable "multi_az" {
  description = "Run a synchronous standby in a second zone (production tiers)."
  type        = bool
}

variable "vpc_id" {
  description = "VPC of the database's security group."
  type        = string
}

variable "subnet_ids" {
  description = "Database subnets (no internet route), in at least two zones."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 2
    error_message = "RDS needs subnets in at least two availability zones."
  }
}

variable "allowed_security_group_ids" {
  description = "Security groups whose members may connect to the database port."
  type        = list(string)
  default     = []
}

variable "kms_key_arn" {
  description = "ARN of the customer managed key for storage, Performance Insights, the master secret and logs."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:", var.kms_key_arn))
    error_message = "The KMS key must be given as an ARN."
  }
}

variable "monitoring_interval_seconds" {
  description = "Enhanced Monitoring interval, in seconds."
  type        = number
  default     = 30

  validation {
    condition     = contains([1, 5, 10, 15, 30, 60], var.monitoring_interval_seconds)
    error_message = "The monitoring interval must be 1, 5, 10, 15, 30 or 60 seconds."
  }
}

variable "performance_insights_retention_days" {
  description = "Performance Insights retention: 7 days (free tier) or a multiple of 31 up to 731."
  type        = number
  default     = 7

  validation {
    condition     = var.performance_insights_retention_days == 7 || var.performance_insights_retention_days == 731 || (var.performance_insights_retention_days % 31 == 0 && var.performance_insights_retention_days <= 713)
    error_message = "Performance Insights retention must be 7, 731 or a multiple of 31 up to 713 days."
  }
}

variable "log_retention_days" {
  description = "Retention of the exported database logs, in days (at least 365)."
  type        = number
  default     = 365

  validation {
    condition     = contains([365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "Log retention must be a CloudWatch Logs retention value of at least 365 days."
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
