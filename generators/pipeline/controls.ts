/**
 * The pipeline's checks: how `fluxora audit` verifies, in the team's current files, the controls the
 * pipeline files implement. Data only (see lib/compliance/README.md); chosen by the derived answers.
 */
import type { Context } from '../../lib/answers/context.js';
import type { Check } from '../../lib/compliance/types.js';

const WORKFLOW = '.github/workflows/infra-ci.yml';
const PRE_COMMIT = '.pre-commit-config.yaml';

/** Any `uses:` not pinned to a 40-hex commit SHA (docker:// and local ./ actions aside). */
const UNPINNED_USES = String.raw`^\s*(-\s+)?uses:\s*["']?(?!docker://|\./)[^@\s"']+@(?![0-9a-f]{40}(["'\s]|$))`;
const WRITE_SCOPES = String.raw`^\s*(actions|checks|contents|deployments|issues|packages|pages|pull-requests|repository-projects|statuses|attestations|discussions):\s*write\b|^\s*permissions:\s*write-all\b`;
const LONG_LIVED_KEYS = String.raw`aws-access-key-id|aws-secret-access-key|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY`;

function always(): Check[] {
  return [
    { control: 'PCI-DSS-4.0:7.2.5', kind: 'yaml', file: WORKFLOW, path: 'permissions', op: 'equals', expected: {}, description: 'the workflow grants no permission by default (permissions: {})' },
    { control: 'PCI-DSS-4.0:7.2.5', kind: 'yaml', file: WORKFLOW, path: 'jobs.*.permissions', op: 'exists', description: 'every job declares its own permissions' },
    { control: 'PCI-DSS-4.0:7.2.5', kind: 'pattern', file: WORKFLOW, pattern: WRITE_SCOPES, expected: false, description: 'no job can write to the repository, packages or pull requests' },
    { control: 'PCI-DSS-4.0:6.3.2', kind: 'pattern', file: WORKFLOW, pattern: UNPINNED_USES, expected: false, description: 'every action is pinned by full commit SHA' },
    { control: 'PCI-DSS-4.0:6.5.1', kind: 'yaml', file: WORKFLOW, path: 'on.pull_request', op: 'exists', description: 'the checks run on every pull request' },
    { control: 'SOC2:CC8.1', kind: 'yaml', file: WORKFLOW, path: 'on.pull_request', op: 'exists', description: 'the checks run on every pull request' },
    { control: 'SOC2:CC8.1', kind: 'yaml', file: WORKFLOW, path: 'jobs.yamllint.steps.*.run', op: 'contains', expected: 'yamllint --strict', match: 'any', description: 'yamllint --strict runs in CI' },
    { control: 'PCI-DSS-4.0:2.2.1', kind: 'yaml', file: WORKFLOW, path: 'jobs.audit.steps.*.run', op: 'contains', expected: 'fluxora audit --format sarif', match: 'any', description: 'fluxora audit runs in CI and reports to code scanning' },
    { control: 'GDPR:Art25', kind: 'yaml', file: WORKFLOW, path: 'jobs.audit.steps.*.run', op: 'contains', expected: 'fluxora audit', match: 'any', description: 'fluxora audit keeps the protective defaults in place on every change' },
    { control: 'GDPR:Art32', kind: 'yaml', file: WORKFLOW, path: 'jobs.audit.steps.*.run', op: 'contains', expected: 'fluxora audit', match: 'any', description: 'fluxora audit tests the measures on every change' },
    { control: 'PCI-DSS-4.0:6.3.1', kind: 'yaml', file: WORKFLOW, path: 'jobs.checkov.steps.*.run', op: 'contains', expected: 'checkov --config-file .checkov.yaml', match: 'any', description: 'checkov scans the repository in CI' },
    { control: 'PCI-DSS-4.0:6.3.1', kind: 'yaml', file: WORKFLOW, path: 'jobs.checkov.steps.*.uses', op: 'contains', expected: 'github/codeql-action/upload-sarif@', match: 'any', description: 'checkov findings are uploaded to code scanning' },
    { control: 'PCI-DSS-4.0:6.3.1', kind: 'yaml', file: '.checkov.yaml', path: 'soft-fail', op: 'equals', expected: false, description: 'checkov fails the build on a finding' },
    { control: 'PCI-DSS-4.0:6.3.1', kind: 'yaml', file: '.checkov.yaml', path: 'skip-path', op: 'contains', expected: '.fluxora', description: 'checkov skips only the generator bookkeeping' },
    { control: 'SOC2:CC7.1', kind: 'yaml', file: WORKFLOW, path: 'jobs.trivy-config.steps.*.with.scan-type', op: 'equals', expected: 'config', match: 'any', description: 'trivy config scans for misconfigurations in CI' },
    { control: 'SOC2:CC7.1', kind: 'yaml', file: 'trivy.yaml', path: 'exit-code', op: 'equals', expected: 1, description: 'trivy fails the build on HIGH or CRITICAL findings' },
    { control: 'PCI-DSS-4.0:8.6.2', kind: 'yaml', file: WORKFLOW, path: 'jobs.secrets.steps.*.run', op: 'contains', expected: 'gitleaks', match: 'any', description: 'gitleaks scans the history for secrets in CI' },
    { control: 'PCI-DSS-4.0:8.6.2', kind: 'pattern', file: '.gitleaks.toml', pattern: String.raw`^useDefault\s*=\s*true`, description: 'gitleaks keeps its default rules' },
    { control: 'PCI-DSS-4.0:8.6.2', kind: 'yaml', file: PRE_COMMIT, path: 'repos.*.hooks.*.id', op: 'equals', expected: 'gitleaks', match: 'any', description: 'the gitleaks pre-commit hook runs before each commit' },
    { control: 'PCI-DSS-4.0:8.6.2', kind: 'yaml', file: PRE_COMMIT, path: 'repos.*.hooks.*.id', op: 'equals', expected: 'detect-private-key', match: 'any', description: 'private keys are refused before each commit' },
    { control: 'SOC2:CC8.1', kind: 'yaml', file: PRE_COMMIT, path: 'exclude', op: 'equals', expected: '^\\.fluxora/', description: 'pre-commit skips only the generator bookkeeping' },
  ];
}

function terraform(): Check[] {
  return [
    { control: 'SOC2:CC6.1', kind: 'yaml', file: WORKFLOW, path: 'jobs.plan.permissions.id-token', op: 'equals', expected: 'write', description: 'the plan job authenticates to AWS through OIDC' },
    { control: 'SOC2:CC6.1', kind: 'yaml', file: WORKFLOW, path: 'jobs.plan.steps.*.with.role-to-assume', op: 'exists', match: 'any', description: 'the plan job assumes a role (no stored keys)' },
    { control: 'SOC2:CC6.1', kind: 'pattern', file: WORKFLOW, pattern: LONG_LIVED_KEYS, expected: false, description: 'no long-lived AWS keys are used by the workflow' },
    { control: 'PCI-DSS-4.0:7.2.5', kind: 'yaml', file: WORKFLOW, path: 'jobs.drift.steps.*.with.role-to-assume', op: 'exists', match: 'any', description: 'drift detection assumes a read-only role through OIDC' },
    { control: 'PCI-DSS-4.0:6.5.1', kind: 'yaml', file: WORKFLOW, path: 'jobs.plan.if', op: 'contains', expected: 'pull_request', description: 'every pull request shows the plan of every environment' },
    { control: 'PCI-DSS-4.0:11.5.2', kind: 'yaml', file: WORKFLOW, path: 'on.schedule', op: 'exists', description: 'drift detection runs on a schedule' },
    { control: 'PCI-DSS-4.0:11.5.2', kind: 'yaml', file: WORKFLOW, path: 'jobs.drift.steps.*.run', op: 'contains', expected: '-detailed-exitcode', match: 'any', description: 'drift (plan exit code 2) fails the job' },
    { control: 'SOC2:CC7.1', kind: 'yaml', file: WORKFLOW, path: 'jobs.drift.steps.*.run', op: 'contains', expected: '-detailed-exitcode', match: 'any', description: 'configuration drift is detected and fails the job' },
    { control: 'SOC2:CC8.1', kind: 'yaml', file: WORKFLOW, path: 'jobs.terraform.steps.*.run', op: 'contains', expected: 'terraform fmt -check', match: 'any', description: 'terraform fmt and validate run in CI' },
  ];
}

function kubernetes(ctx: Context): Check[] {
  const checks: Check[] = [
    { control: 'PCI-DSS-4.0:2.2.1', kind: 'yaml', file: WORKFLOW, path: 'jobs.kube-linter.steps.*.run', op: 'contains', expected: 'lint --config .kube-linter.yaml', match: 'any', description: 'kube-linter checks the manifests in CI' },
    { control: 'SOC2:CC8.1', kind: 'yaml', file: WORKFLOW, path: 'jobs.helm-lint.steps.*.run', op: 'contains', expected: 'helm lint --strict', match: 'any', description: 'helm lint --strict runs in CI' },
  ];
  if (ctx.kubernetes.image) {
    checks.push(
      { control: 'SOC2:CC6.8', kind: 'yaml', file: WORKFLOW, path: 'jobs.image.steps.*.run', op: 'contains', expected: 'cosign sign', match: 'any', description: 'the scanned image digest is signed with cosign' },
      { control: 'SOC2:CC6.8', kind: 'yaml', file: WORKFLOW, path: 'jobs.image.steps.*.with.exit-code', op: 'equals', expected: '1', match: 'any', description: 'a vulnerable image fails the image job before signing' },
      { control: 'PCI-DSS-4.0:11.3.1', kind: 'yaml', file: WORKFLOW, path: 'jobs.image.steps.*.with.image-ref', op: 'exists', match: 'any', description: 'the service image is scanned for vulnerabilities' },
    );
  }
  return checks;
}

function ansible(): Check[] {
  return [{ control: 'PCI-DSS-4.0:2.2.1', kind: 'yaml', file: WORKFLOW, path: 'jobs.ansible-lint.steps.*.run', op: 'equals', expected: 'ansible-lint --strict', match: 'any', description: 'ansible-lint --strict runs in CI' }];
}

function monitoring(): Check[] {
  return [{ control: 'SOC2:CC8.1', kind: 'yaml', file: WORKFLOW, path: 'jobs.promtool.steps.*.run', op: 'contains', expected: 'promtool test rules', match: 'any', description: 'every alert rule is unit-tested with promtool in CI' }];
}

/** The pipeline's checks for these answers (none when the pipeline is not chosen). */
export function pipelineChecks(ctx: Context): Check[] {
  if (!ctx.flags.components.pipeline) return [];
  const c = ctx.flags.components;
  return [...always(), ...(c.terraform ? terraform() : []), ...(c.kubernetes ? kubernetes(ctx) : []), ...(c.ansible ? ansible() : []), ...(c.monitoring ? monitoring() : [])];
}
