variable "service" {
  description = "Service name: the state bucket is named service-tfstate-account_id."
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
  description = "Environment whose account this state backend serves (the Environment tag)."
  type        = string
}

variable "data_classification" {
  description = "Highest classification of data in the account (the DataClassification tag)."
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
  description = "AWS account id that holds the state bucket; the provider refuses any other account."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "The account id must be exactly 12 digits."
  }
}

variable "region" {
  description = "AWS region of the state bucket."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.region))
    error_message = "The region must look like eu-west-1."
  }
}

variable "noncurrent_version_retention_days" {
  description = "Days a superseded state version is kept before it expires (state history for recovery)."
  type        = number
  default     = 365

  validation {
    condition     = var.noncurrent_version_retention_days >= 90
    error_message = "Keep superseded state versions for at least 90 days."
  }
}

variable "access_log_retention_days" {
  description = "Days the state bucket's access logs are kept (PCI DSS 10.5.1 asks for at least a year)."
  type        = number
  default     = 365

  validation {
    condition     = var.access_log_retention_days >= 365
    error_message = "Access logs must be kept for at least 365 days."
  }
}
