variable "name_prefix" {
  description = "Prefix of every resource name (service-environment)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,56}[a-z0-9]$", var.name_prefix))
    error_message = "The name prefix must be a lowercase DNS label of at most 58 characters."
  }
}

variable "scope" {
  description = "REGIONAL (load balancers, API Gateway) or CLOUDFRONT (must then be created in us-east-1)."
  type        = string
  default     = "REGIONAL"

  validation {
    condition     = contains(["REGIONAL", "CLOUDFRONT"], var.scope)
    error_message = "The scope must be REGIONAL or CLOUDFRONT."
  }
}

variable "rate_limit_per_5_minutes" {
  description = "Requests one client IP may send in any 5-minute window before it is blocked."
  type        = number
  default     = 2000

  validation {
    condition     = var.rate_limit_per_5_minutes >= 10 && var.rate_limit_per_5_minutes <= 2000000000
    error_message = "The rate limit must be between 10 and 2000000000."
  }
}

variable "associated_resource_arns" {
  description = "ARNs of regional resources (load balancers) the web ACL protects."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for arn in var.associated_resource_arns : can(regex("^arn:aws[a-z-]*:", arn))])
    error_message = "Associated resources must be given as ARNs."
  }
}

variable "kms_key_arn" {
  description = "ARN of the customer managed key that encrypts the WAF log group."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:", var.kms_key_arn))
    error_message = "The KMS key must be given as an ARN."
  }
}

variable "log_retention_days" {
  description = "Retention of the WAF log group, in days (at least 365)."
  type        = number
  default     = 365

  validation {
    condition     = contains([365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "Log retention must be a CloudWatch Logs retention value of at least 365 days."
  }
}

variable "enable_shield_advanced" {
  description = "Protect the listed resources with Shield Advanced (needs an active Shield Advanced subscription; on in production)."
  type        = bool
  default     = false
}

variable "shield_protected_resource_arns" {
  description = "ARNs Shield Advanced protects when enabled (load balancers, Elastic IPs, CloudFront distributions)."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for arn in var.shield_protected_resource_arns : can(regex("^arn:aws[a-z-]*:", arn))])
    error_message = "Protected resources must be given as ARNs."
  }
}
