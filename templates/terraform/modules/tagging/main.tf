locals {
  name_prefix = "${var.service}-${var.environment}"

  required_tags = {
    Service            = var.service
    Team               = var.team
    Owner              = var.owner
    CostCenter         = var.cost_center
    Environment        = var.environment
    DataClassification = var.data_classification
    ComplianceScope    = var.compliance_scope
    ManagedBy          = var.managed_by
    Repository         = var.repository
  }

  tags = merge(var.additional_tags, local.required_tags)
}
