variable "service" {
  description = "Service name: a lowercase DNS label of at most 40 characters."
  type        = string

  validation {
    condition     = can(regex("^[a-z]([a-z0-9-]*[a-z0-9])?$", var.service)) && length(var.service) <= 40
    error_message = "The service must be a lowercase DNS label (letters, digits, hyphens; starts with a letter) of at most 40 characters."
  }
}

variable "team" {
  description = "Owning team as a lowercase slug (the Team tag)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]*[a-z0-9]$", var.team)) && length(var.team) <= 40
    error_message = "The team must be a lowercase slug of at most 40 characters."
  }
}

variable "owner" {
  description = "E-mail address of the accountable owner (the Owner tag)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,63}$", var.owner)) && length(var.owner) <= 254
    error_message = "The owner must be an e-mail address."
  }
}

variable "cost_center" {
  description = "Cost centre code (the CostCenter tag)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9._-]*$", var.cost_center)) && length(var.cost_center) <= 32
    error_message = "The cost centre must be letters, digits, '.', '_' or '-', at most 32 characters."
  }
}

variable "environment" {
  description = "Environment name (the Environment tag): lowercase letters and digits, at most 16."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9]*$", var.environment)) && length(var.environment) <= 16
    error_message = "The environment must be lowercase letters and digits, starting with a letter, at most 16 characters."
  }
}

variable "data_classification" {
  description = "Highest classification of data the resources hold (the DataClassification tag)."
  type        = string

  validation {
    condition     = contains(["public", "internal", "confidential", "restricted"], var.data_classification)
    error_message = "The data classification must be one of public, internal, confidential, restricted."
  }
}

variable "compliance_scope" {
  description = "Frameworks in scope, space-separated (pci-dss-4, soc2, gdpr), or none (the ComplianceScope tag)."
  type        = string

  validation {
    condition = var.compliance_scope == "none" || alltrue([
      for framework in split(" ", var.compliance_scope) : contains(["pci-dss-4", "soc2", "gdpr"], framework)
    ])
    error_message = "The compliance scope must be none or a space-separated list of pci-dss-4, soc2, gdpr."
  }
}

variable "repository" {
  description = "Where this infrastructure code lives, as host/owner/name (the Repository tag)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9.-]+(/[A-Za-z0-9._-]+){1,3}$", var.repository)) && length(var.repository) <= 200
    error_message = "The repository must look like host/owner/name."
  }
}

variable "managed_by" {
  description = "What manages the resources (the ManagedBy tag)."
  type        = string
  default     = "terraform"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]*$", var.managed_by))
    error_message = "ManagedBy must be a lowercase slug such as terraform."
  }
}

variable "additional_tags" {
  description = "Extra tags merged after the required ones; they may not override a required tag."
  type        = map(string)
  default     = {}

  validation {
    condition = length(setintersection(keys(var.additional_tags), [
      "Service", "Team", "Owner", "CostCenter", "Environment", "DataClassification", "ComplianceScope", "ManagedBy", "Repository",
    ])) == 0
    error_message = "additional_tags may not set a required tag (Service, Team, Owner, CostCenter, Environment, DataClassification, ComplianceScope, ManagedBy, Repository)."
  }

  validation {
    condition = alltrue([
      for key, value in var.additional_tags : length(key) <= 128 && length(value) <= 256 && can(regex("^[\\p{L}\\p{Z}\\p{N}_.:/=+@-]*$", "${key}${value}"))
    ])
    error_message = "Tag keys must be at most 128 and values at most 256 characters, using letters, digits, spaces and _ . : / = + - @ only."
  }
}
