locals {
  count = var.create ? 1 : 0

  engines = {
    postgres = {
      family     = "postgres${split(".", var.engine_major_version)[0]}"
      port       = 5432
      log_types  = ["postgresql", "upgrade"]
      parameters = { "rds.force_ssl" = "1", "log_connections" = "1", "log_disconnections" = "1", "ssl_min_protocol_version" = "TLSv1.2" }
    }
    mysql = {
      family     = "mysql${var.engine_major_version}"
      port       = 3306
      log_types  = ["audit", "error", "general", "slowquery"]
      parameters = { "require_secure_transport" = "ON", "tls_version" = "TLSv1.2,TLSv1.3" }
    }
  }
  engine     = local.engines[var.engine]
  identifier = var.name_prefix
}

resource "aws_db_subnet_group" "this" {
  count = local.count

  name        = local.identifier
  description = "Database subnets of ${var.name_prefix}"
  subnet_ids  = var.subnet_ids
}

resource "aws_security_group" "this" {
  count = local.count

  name        = "${local.identifier}-db"
  description = "Database port from the allowed security groups only"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "clients" {
  count = var.create ? length(var.allowed_security_group_ids) : 0

  security_group_id            = aws_security_group.this[0].id
  description                  = "Database clients"
  ip_protocol                  = "tcp"
  from_port                    = local.engine.port
  to_port                      = local.engine.port
  referenced_security_group_id = var.allowed_security_group_ids[count.index]
}

resource "aws_db_parameter_group" "this" {
  count = local.count

  name_prefix = "${local.identifier}-${replace(local.engine.family, ".", "-")}-"
  family      = local.engine.family
  description = "TLS-only connections and connection logging for ${var.name_prefix}"

  dynamic "parameter" {
    for_each = local.engine.parameters

    content {
      name         = parameter.key
      value        = parameter.value
      apply_method = "pending-reboot"
    }
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_cloudwatch_log_group" "this" {
  for_each = var.create ? toset(local.engine.log_types) : toset([])

  name              = "/aws/rds/instance/${local.identifier}/${each.value}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
}

data "aws_iam_policy_document" "monitoring_assume" {
  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["monitoring.rds.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "monitoring" {
  count = local.count

  name                 = "${local.identifier}-rds-monitoring"
  description          = "Enhanced Monitoring of ${var.name_prefix}"
  assume_role_policy   = data.aws_iam_policy_document.monitoring_assume.json
  permissions_boundary = var.permissions_boundary_arn
}

resource "aws_iam_role_policy_attachment" "monitoring" {
  count = local.count

  role       = aws_iam_role.monitoring[0].name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"
}

resource "aws_db_instance" "this" {
  count = local.count

  identifier                  = local.identifier
  engine                      = var.engine
  engine_version              = var.engine_major_version
  auto_minor_version_upgrade  = true
  allow_major_version_upgrade = false
  instance_class              = var.instance_class
  ca_cert_identifier          = "rds-ca-rsa2048-g1"

  allocated_storage     = var.allocated_storage_gb
  max_allocated_storage = var.max_allocated_storage_gb
  storage_type          = "gp3"
  storage_encrypted     = true
  kms_key_id            = var.kms_key_arn

  # The master password is created and rotated by RDS in Secrets Manager: never in a variable or state.
  username                      = "dbadmin"
  manage_master_user_password   = true
  master_user_secret_kms_key_id = var.kms_key_arn

  iam_database_authentication_enabled = true
  parameter_group_name                = aws_db_parameter_group.this[0].name
  db_subnet_group_name                = aws_db_subnet_group.this[0].name
  vpc_security_group_ids              = [aws_security_group.this[0].id]
  publicly_accessible                 = false
  port                                = local.engine.port
  multi_az                            = var.multi_az

  backup_retention_period   = var.backup_retention_days
  backup_window             = "02:00-03:00"
  maintenance_window        = "sun:03:30-sun:04:30"
  copy_tags_to_snapshot     = true
  deletion_protection       = true
  skip_final_snapshot       = false
  final_snapshot_identifier = "${local.identifier}-final"
  delete_automated_backups  = false

  monitoring_interval                   = var.monitoring_interval_seconds
  monitoring_role_arn                   = aws_iam_role.monitoring[0].arn
  performance_insights_enabled          = true
  performance_insights_kms_key_id       = var.kms_key_arn
  performance_insights_retention_period = var.performance_insights_retention_days
  enabled_cloudwatch_logs_exports       = local.engine.log_types

  depends_on = [aws_cloudwatch_log_group.this, aws_iam_role_policy_attachment.monitoring]
}
