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

module "security" {
  source = "../../modules/security"

  name_prefix            = local.name_prefix
  account_id             = var.account_id
  region                 = var.region
  github_repository      = var.github_repository
  ci_role_name           = "${var.service}-ci-plan"
  cloudtrail_bucket_name = module.storage.audit_bucket_name
  log_retention_days     = var.log_retention_days
  state_bucket_name      = var.state_bucket_name
  state_key              = var.state_key
  state_kms_alias        = var.state_kms_alias
}

module "storage" {
  source = "../../modules/storage"

  name_prefix = local.name_prefix
  account_id  = var.account_id
  region      = var.region
  kms_key_arn = module.security.kms_key_arn
}

module "network" {
  source = "../../modules/network"

  name_prefix              = local.name_prefix
  region                   = var.region
  vpc_cidr                 = var.vpc_cidr
  az_count                 = var.az_count
  single_nat_gateway       = var.single_nat_gateway
  kms_key_arn              = module.security.kms_key_arn
  flow_log_retention_days  = var.log_retention_days
  permissions_boundary_arn = module.security.permissions_boundary_arn
}

module "compute" {
  source = "../../modules/compute"

  name_prefix                        = local.name_prefix
  create_eks                         = var.create_eks
  create_host_launch_template        = var.create_host_launch_template
  vpc_id                             = module.network.vpc_id
  subnet_ids                         = module.network.private_subnet_ids
  kms_key_arn                        = module.security.kms_key_arn
  permissions_boundary_arn           = module.security.permissions_boundary_arn
  instance_type                      = var.instance_type
  node_min_size                      = var.node_min_size
  node_max_size                      = var.node_max_size
  host_ssh_source_security_group_ids = var.host_ssh_source_security_group_ids
  log_retention_days                 = var.log_retention_days
}

module "database" {
  source = "../../modules/database"

  create                     = var.create_database
  name_prefix                = local.name_prefix
  engine                     = var.database_engine
  engine_major_version       = var.database_engine_major_version
  instance_class             = var.db_instance_class
  allocated_storage_gb       = var.db_allocated_storage_gb
  max_allocated_storage_gb   = var.db_max_allocated_storage_gb
  backup_retention_days      = var.db_backup_retention_days
  multi_az                   = var.db_multi_az
  vpc_id                     = module.network.vpc_id
  subnet_ids                 = module.network.database_subnet_ids
  allowed_security_group_ids = module.compute.workload_security_group_ids
  kms_key_arn                = module.security.kms_key_arn
  log_retention_days         = var.log_retention_days
  permissions_boundary_arn   = module.security.permissions_boundary_arn
}

module "waf" {
  source = "../../modules/waf"

  name_prefix                    = local.name_prefix
  kms_key_arn                    = module.security.kms_key_arn
  log_retention_days             = var.log_retention_days
  associated_resource_arns       = var.waf_associated_resource_arns
  enable_shield_advanced         = var.enable_shield_advanced
  shield_protected_resource_arns = var.shield_protected_resource_arns
}

module "config_rules" {
  source = "../../modules/config-rules"

  name_prefix          = local.name_prefix
  account_id           = var.account_id
  frameworks           = var.compliance_frameworks
  delivery_bucket_name = module.storage.audit_bucket_name
  kms_key_arn          = module.security.kms_key_arn
}
