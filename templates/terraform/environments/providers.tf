provider "aws" {
  region = var.region

  # Refuse to run against any other account: a wrong profile cannot touch this environment.
  allowed_account_ids = [var.account_id]

  # Every taggable resource gets the required tags (modules/tagging validates them).
  default_tags {
    tags = module.tagging.tags
  }
}
