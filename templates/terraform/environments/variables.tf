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
