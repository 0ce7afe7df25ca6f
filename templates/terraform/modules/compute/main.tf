locals {
  cluster_name  = var.name_prefix
  eks_count     = var.create_eks ? 1 : 0
  hosts_count   = var.create_host_launch_template ? 1 : 0
  eks_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"]

  # Shared by nodes and hosts: IMDSv2 only, one hop (containers cannot reach the node's credentials).
  metadata_options = {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
    instance_metadata_tags      = "disabled"
  }
}

data "aws_iam_policy_document" "assume" {
  for_each = { eks = "eks.amazonaws.com", ec2 = "ec2.amazonaws.com" }

  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = [each.value]
    }
  }
}

# --- EKS control plane: private endpoint only, all log types, secrets encrypted with KMS -----------

resource "aws_cloudwatch_log_group" "eks" {
  count = local.eks_count

  name              = "/aws/eks/${local.cluster_name}/cluster"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.kms_key_arn
}

resource "aws_iam_role" "cluster" {
  count = local.eks_count

  name                 = "${var.name_prefix}-eks-cluster"
  description          = "EKS control plane of ${var.name_prefix}"
  assume_role_policy   = data.aws_iam_policy_document.assume["eks"].json
  permissions_boundary = var.permissions_boundary_arn
}

resource "aws_iam_role_policy_attachment" "cluster" {
  count = local.eks_count

  role       = aws_iam_role.cluster[0].name
  policy_arn = "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy"
}

resource "aws_eks_cluster" "this" {
  count = local.eks_count

  name                      = local.cluster_name
  version                   = var.kubernetes_version
  role_arn                  = aws_iam_role.cluster[0].arn
  enabled_cluster_log_types = local.eks_log_types

  vpc_config {
    subnet_ids              = var.subnet_ids
    endpoint_private_access = true
    endpoint_public_access  = false
  }

  encryption_config {
    resources = ["secrets"]

    provider {
      key_arn = var.kms_key_arn
    }
  }

  access_config {
    authentication_mode = "API"
  }

  depends_on = [aws_cloudwatch_log_group.eks, aws_iam_role_policy_attachment.cluster]
}

# Workloads get AWS credentials through EKS Pod Identity, never from the node's metadata service.
resource "aws_eks_addon" "pod_identity" {
  count = local.eks_count

  cluster_name = aws_eks_cluster.this[0].name
  addon_name   = "eks-pod-identity-agent"
}

# --- EKS nodes: managed node group on a launch template with IMDSv2 and encrypted volumes --------

resource "aws_iam_role" "node" {
  count = local.eks_count

  name                 = "${var.name_prefix}-eks-node"
  description          = "EKS worker nodes of ${var.name_prefix}"
  assume_role_policy   = data.aws_iam_policy_document.assume["ec2"].json
  permissions_boundary = var.permissions_boundary_arn
}

resource "aws_iam_role_policy_attachment" "node" {
  for_each = var.create_eks ? toset([
    "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
    "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
    "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly",
    "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
  ]) : toset([])

  role       = aws_iam_role.node[0].name
  policy_arn = each.value
}

resource "aws_launch_template" "node" {
  count = local.eks_count

  name_prefix            = "${var.name_prefix}-node-"
  description            = "EKS nodes of ${var.name_prefix}: IMDSv2, encrypted root volume"
  update_default_version = true
  ebs_optimized          = true

  metadata_options {
    http_endpoint               = local.metadata_options.http_endpoint
    http_tokens                 = local.metadata_options.http_tokens
    http_put_response_hop_limit = local.metadata_options.http_put_response_hop_limit
    instance_metadata_tags      = local.metadata_options.instance_metadata_tags
  }

  block_device_mappings {
    device_name = "/dev/xvda"

    ebs {
      volume_size           = var.root_volume_size_gb
      volume_type           = "gp3"
      encrypted             = true
      kms_key_id            = var.kms_key_arn
      delete_on_termination = true
    }
  }

  monitoring {
    enabled = true
  }

  tag_specifications {
    resource_type = "instance"
    tags          = { Name = "${var.name_prefix}-node" }
  }
}

resource "aws_eks_node_group" "this" {
  count = local.eks_count

  cluster_name    = aws_eks_cluster.this[0].name
  node_group_name = "${var.name_prefix}-default"
  node_role_arn   = aws_iam_role.node[0].arn
  subnet_ids      = var.subnet_ids
  ami_type        = "AL2023_x86_64_STANDARD"
  instance_types  = [var.instance_type]

  scaling_config {
    min_size     = var.node_min_size
    desired_size = var.node_min_size
    max_size     = max(var.node_max_size, var.node_min_size)
  }

  update_config {
    max_unavailable = 1
  }

  launch_template {
    id      = aws_launch_template.node[0].id
    version = aws_launch_template.node[0].latest_version
  }

  lifecycle {
    ignore_changes = [scaling_config[0].desired_size]
  }

  depends_on = [aws_iam_role_policy_attachment.node]
}

# --- Ansible-managed hosts: launch template with the same settings -------------------------------

resource "aws_iam_role" "host" {
  count = local.hosts_count

  name                 = "${var.name_prefix}-host"
  description          = "Ansible-managed hosts of ${var.name_prefix} (Systems Manager only)"
  assume_role_policy   = data.aws_iam_policy_document.assume["ec2"].json
  permissions_boundary = var.permissions_boundary_arn
}

resource "aws_iam_role_policy_attachment" "host_ssm" {
  count = local.hosts_count

  role       = aws_iam_role.host[0].name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

resource "aws_iam_instance_profile" "host" {
  count = local.hosts_count

  name = "${var.name_prefix}-host"
  role = aws_iam_role.host[0].name
}

resource "aws_security_group" "host" {
  count = local.hosts_count

  name        = "${var.name_prefix}-hosts"
  description = "Ansible-managed hosts: SSH only from the named security groups, HTTPS out"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "host_ssh" {
  count = var.create_host_launch_template ? length(var.host_ssh_source_security_group_ids) : 0

  security_group_id            = aws_security_group.host[0].id
  description                  = "SSH for Ansible from a named security group"
  ip_protocol                  = "tcp"
  from_port                    = 22
  to_port                      = 22
  referenced_security_group_id = var.host_ssh_source_security_group_ids[count.index]
}

resource "aws_vpc_security_group_egress_rule" "host_https" {
  count = local.hosts_count

  security_group_id = aws_security_group.host[0].id
  description       = "HTTPS to package mirrors, Vault and AWS endpoints"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_launch_template" "host" {
  count = local.hosts_count

  name_prefix            = "${var.name_prefix}-host-"
  description            = "Ansible-managed hosts of ${var.name_prefix}: IMDSv2, encrypted root volume"
  image_id               = var.host_image_id
  instance_type          = var.instance_type
  update_default_version = true
  ebs_optimized          = true
  vpc_security_group_ids = [aws_security_group.host[0].id]

  iam_instance_profile {
    arn = aws_iam_instance_profile.host[0].arn
  }

  metadata_options {
    http_endpoint               = local.metadata_options.http_endpoint
    http_tokens                 = local.metadata_options.http_tokens
    http_put_response_hop_limit = local.metadata_options.http_put_response_hop_limit
    instance_metadata_tags      = local.metadata_options.instance_metadata_tags
  }

  block_device_mappings {
    device_name = "/dev/xvda"

    ebs {
      volume_size           = var.root_volume_size_gb
      volume_type           = "gp3"
      encrypted             = true
      kms_key_id            = var.kms_key_arn
      delete_on_termination = true
    }
  }

  monitoring {
    enabled = true
  }

  tag_specifications {
    resource_type = "instance"
    tags          = { Name = "${var.name_prefix}-host" }
  }

  tag_specifications {
    resource_type = "volume"
    tags          = { Name = "${var.name_prefix}-host" }
  }
}
