variable "name_prefix" {
  description = "Prefix of every resource name (service-environment)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,56}[a-z0-9]$", var.name_prefix))
    error_message = "The name prefix must be a lowercase DNS label of at most 58 characters."
  }
}

variable "account_id" {
  description = "AWS account id; key policies and trust policies name it instead of a wildcard principal."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "The account id must be exactly 12 digits."
  }
}

variable "region" {
  description = "AWS region; the permissions boundary denies every other region."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.region))
    error_message = "The region must look like eu-west-1."
  }
}

variable "github_repository" {
  description = "GitHub repository (owner/name) whose workflows may assume the CI role through OIDC."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", var.github_repository))
    error_message = "The GitHub repository must be owner/name."
  }
}

variable "github_branch" {
  description = "Default branch whose scheduled and manual runs (drift detection) may assume the CI role."
  type        = string
  default     = "main"

  validation {
    condition     = can(regex("^[A-Za-z0-9_./-]+$", var.github_branch))
    error_message = "The branch must be a plain branch name."
  }
}

variable "ci_role_name" {
  description = "Name of the CI role (the pipeline assumes arn:aws:iam::ACCOUNT:role/NAME)."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9+=,.@_-]{1,64}$", var.ci_role_name))
    error_message = "The role name must be a valid IAM role name of at most 64 characters."
  }
}

variable "create_github_oidc_provider" {
  description = "Create the account's GitHub OIDC identity provider; set false when another root already manages it."
  type        = bool
  default     = true
}

variable "cloudtrail_bucket_name" {
  description = "Name of the audit bucket CloudTrail writes to (created by the storage module)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.cloudtrail_bucket_name))
    error_message = "The bucket name must be a valid S3 bucket name."
  }
}

variable "log_retention_days" {
  description = "Retention of the CloudTrail log group, in days (at least 365)."
  type        = number
  default     = 365

  validation {
    condition     = contains([365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "Log retention must be a CloudWatch Logs retention value of at least 365 days."
  }
}

variable "max_session_duration_seconds" {
  description = "Longest session the human and CI roles grant, in seconds (1 hour by default)."
  type        = number
  default     = 3600

  validation {
    condition     = var.max_session_duration_seconds >= 900 && var.max_session_duration_seconds <= 43200
    error_message = "Session duration must be between 900 and 43200 seconds."
  }
}

variable "mfa_max_age_seconds" {
  description = "How recent the MFA sign-in of a human assuming the operator role must be, in seconds."
  type        = number
  default     = 3600

  validation {
    condition     = var.mfa_max_age_seconds >= 300 && var.mfa_max_age_seconds <= 43200
    error_message = "The MFA age must be between 300 and 43200 seconds."
  }
}

variable "state_bucket_name" {
  description = "Bucket holding this environment's Terraform state (created by bootstrap/state-backend)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.state_bucket_name))
    error_message = "The bucket name must be a valid S3 bucket name."
  }
}

variable "state_key" {
  description = "Object key of this environment's state; the CI role may read it and take its lock file."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9._/-]+\\.tfstate$", var.state_key))
    error_message = "The state key must end in .tfstate."
  }
}

variable "state_kms_alias" {
  description = "Alias (alias/name) of the key that encrypts the state."
  type        = string

  validation {
    condition     = can(regex("^alias/[A-Za-z0-9/_-]+$", var.state_kms_alias))
    error_message = "The state key alias must look like alias/name."
  }
}
