variable "name_prefix" {
  description = "Prefix of every resource name (service-environment)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,56}[a-z0-9]$", var.name_prefix))
    error_message = "The name prefix must be a lowercase DNS label of at most 58 characters."
  }
}

variable "region" {
  description = "AWS region, used to name the VPC endpoint services."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.region))
    error_message = "The region must look like eu-west-1."
  }
}

variable "vpc_cidr" {
  description = "VPC CIDR: an RFC 1918 private range with a prefix from /16 to /24."
  type        = string

  validation {
    condition = (
      can(regex("^(10\\.|172\\.(1[6-9]|2[0-9]|3[01])\\.|192\\.168\\.)", var.vpc_cidr))
      && try(cidrsubnet(var.vpc_cidr, 0, 0) == var.vpc_cidr, false)
      && try(tonumber(split("/", var.vpc_cidr)[1]) >= 16 && tonumber(split("/", var.vpc_cidr)[1]) <= 24, false)
    )
    error_message = "The VPC CIDR must be a private (RFC 1918) network address with a prefix from /16 to /24."
  }
}

variable "az_count" {
  description = "Number of availability zones to spread subnets over (2 or 3)."
  type        = number
  default     = 3

  validation {
    condition     = contains([2, 3], var.az_count)
    error_message = "Use 2 or 3 availability zones."
  }
}

variable "single_nat_gateway" {
  description = "One NAT gateway for all zones (cheaper, for small tiers) instead of one per zone."
  type        = bool
  default     = false
}

variable "kms_key_arn" {
  description = "ARN of the customer managed key that encrypts the flow log group."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:", var.kms_key_arn))
    error_message = "The KMS key must be given as an ARN."
  }
}

variable "flow_log_retention_days" {
  description = "Retention of the VPC flow log group, in days (at least 365)."
  type        = number
  default     = 365

  validation {
    condition     = contains([365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.flow_log_retention_days)
    error_message = "Flow log retention must be a CloudWatch Logs retention value of at least 365 days."
  }
}

variable "interface_endpoints" {
  description = "AWS services reached through interface VPC endpoints (private DNS), so their traffic never leaves the VPC."
  type        = list(string)
  default     = ["kms", "sts", "secretsmanager", "logs", "ecr.api", "ecr.dkr", "ec2"]

  validation {
    condition     = alltrue([for s in var.interface_endpoints : can(regex("^[a-z0-9.-]+$", s))]) && length(setintersection(var.interface_endpoints, ["kms", "sts", "secretsmanager"])) == 3
    error_message = "Interface endpoints must be service names and include kms, sts and secretsmanager."
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
