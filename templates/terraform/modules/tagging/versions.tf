terraform {
  # Pure Terraform: no provider, so `terraform test` runs offline.
  required_version = ">= 1.11"
}
