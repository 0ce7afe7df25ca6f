# Offline tests for the tagging module: `terraform init -backend=false && terraform test`.

variables {
  service             = "payments-api"
  team                = "payments-platform"
  owner               = "payments-platform@example.com"
  cost_center         = "FIN-4410"
  environment         = "prod"
  data_classification = "restricted"
  compliance_scope    = "pci-dss-4 soc2"
  repository          = "github.com/example-bank/payments-api-infra"
}

run "builds_the_required_tags" {
  command = plan

  assert {
    condition     = output.name_prefix == "payments-api-prod"
    error_message = "The name prefix must be <service>-<environment>."
  }

  assert {
    condition = output.tags == {
      Service            = "payments-api"
      Team               = "payments-platform"
      Owner              = "payments-platform@example.com"
      CostCenter         = "FIN-4410"
      Environment        = "prod"
      DataClassification = "restricted"
      ComplianceScope    = "pci-dss-4 soc2"
      ManagedBy          = "terraform"
      Repository         = "github.com/example-bank/payments-api-infra"
    }
    error_message = "The tags must be exactly the nine required tags."
  }

  assert {
    condition     = length(output.required_tag_keys) == 9
    error_message = "Nine tag keys are required."
  }
}

run "merges_additional_tags" {
  command = plan

  variables {
    additional_tags = { Backup = "daily" }
  }

  assert {
    condition     = output.tags["Backup"] == "daily" && output.tags["Service"] == "payments-api"
    error_message = "Additional tags must be merged with the required ones."
  }
}

run "accepts_no_compliance_scope" {
  command = plan

  variables {
    compliance_scope = "none"
  }

  assert {
    condition     = output.tags["ComplianceScope"] == "none"
    error_message = "none is a valid compliance scope."
  }
}

run "rejects_an_invalid_owner" {
  command = plan

  variables {
    owner = "not-an-email"
  }

  expect_failures = [var.owner]
}

run "rejects_an_unknown_classification" {
  command = plan

  variables {
    data_classification = "secret"
  }

  expect_failures = [var.data_classification]
}

run "rejects_an_unknown_framework" {
  command = plan

  variables {
    compliance_scope = "pci-dss-4 hipaa"
  }

  expect_failures = [var.compliance_scope]
}

run "rejects_an_invalid_service" {
  command = plan

  variables {
    service = "Payments_API"
  }

  expect_failures = [var.service]
}

run "rejects_an_invalid_environment" {
  command = plan

  variables {
    environment = "Prod-1"
  }

  expect_failures = [var.environment]
}

run "rejects_an_invalid_cost_center" {
  command = plan

  variables {
    cost_center = "FIN 4410"
  }

  expect_failures = [var.cost_center]
}

run "rejects_an_invalid_repository" {
  command = plan

  variables {
    repository = "not a repository"
  }

  expect_failures = [var.repository]
}

run "rejects_overriding_a_required_tag" {
  command = plan

  variables {
    additional_tags = { Owner = "someone-else@example.com" }
  }

  expect_failures = [var.additional_tags]
}

run "rejects_an_invalid_team" {
  command = plan

  variables {
    team = "Payments Platform"
  }

  expect_failures = [var.team]
}

run "rejects_an_invalid_managed_by" {
  command = plan

  variables {
    managed_by = "Click Ops"
  }

  expect_failures = [var.managed_by]
}
