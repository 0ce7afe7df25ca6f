variable "name_prefix" {
  description = "Prefix of every resource name (service-environment)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,56}[a-z0-9]$", var.name_prefix))
    error_message = "The name prefix must be a lowercase DNS label of at most 58 characters."
  }
}

variable "account_id" {
  description = "AWS account id, used to scope the delivery prefix."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "The account id must be exactly 12 digits."
  }
}

variable "frameworks" {
  description = "Compliance frameworks in scope (pci-dss-4, soc2, gdpr); they add managed rules to the baseline set."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for f in var.frameworks : contains(["pci-dss-4", "soc2", "gdpr"], f)])
    error_message = "Frameworks must be pci-dss-4, soc2 or gdpr."
  }
}

variable "delivery_bucket_name" {
  description = "Audit bucket that receives configuration snapshots and history (created by the storage module)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.delivery_bucket_name))
    error_message = "The bucket name must be a valid S3 bucket name."
  }
}

variable "kms_key_arn" {
  description = "ARN of the customer managed key AWS Config encrypts its deliveries with."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:", var.kms_key_arn))
    error_message = "The KMS key must be given as an ARN."
  }
}

variable "snapshot_delivery_frequency" {
  description = "How often AWS Config delivers a configuration snapshot."
  type        = string
  default     = "TwentyFour_Hours"

  validation {
    condition     = contains(["One_Hour", "Three_Hours", "Six_Hours", "Twelve_Hours", "TwentyFour_Hours"], var.snapshot_delivery_frequency)
    error_message = "The frequency must be One_Hour, Three_Hours, Six_Hours, Twelve_Hours or TwentyFour_Hours."
  }
}
