module "tagging" {
  source = "../../modules/tagging"

  service             = var.service
  team                = var.team
  owner               = var.owner
  cost_center         = var.cost_center
  environment         = var.environment
  data_classification = var.data_classification
  compliance_scope    = var.compliance_scope
  repository          = var.repository
}

locals {
  name_prefix = module.tagging.name_prefix
}
