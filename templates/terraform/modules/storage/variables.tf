variable "name_prefix" {
  description = "Prefix of every resource name (service-environment)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,56}[a-z0-9]$", var.name_prefix))
    error_message = "The name prefix must be a lowercase DNS label of at most 58 characters."
  }
}

variable "account_id" {
  description = "AWS account id; it makes bucket names unique and scopes the service principals' writes."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "The account id must be exactly 12 digits."
  }
}

variable "region" {
  description = "AWS region of the buckets."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.region))
    error_message = "The region must look like eu-west-1."
  }
}

variable "kms_key_arn" {
  description = "ARN of the customer managed key that encrypts the data and audit buckets."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:", var.kms_key_arn))
    error_message = "The KMS key must be given as an ARN."
  }
}

variable "noncurrent_version_retention_days" {
  description = "Days a superseded object version in the data bucket is kept before it expires."
  type        = number
  default     = 90

  validation {
    condition     = var.noncurrent_version_retention_days >= 30
    error_message = "Keep superseded versions for at least 30 days."
  }
}

variable "audit_log_retention_days" {
  description = "Days CloudTrail and AWS Config records are kept in the audit bucket (at least 365)."
  type        = number
  default     = 365

  validation {
    condition     = var.audit_log_retention_days >= 365
    error_message = "Audit records must be kept for at least 365 days."
  }
}

variable "access_log_retention_days" {
  description = "Days S3 server access logs are kept (at least 365)."
  type        = number
  default     = 365

  validation {
    condition     = var.access_log_retention_days >= 365
    error_message = "Access logs must be kept for at least 365 days."
  }
}
