/** Mutations of the pipeline's files: each removes or weakens one implementing setting. */
import type { Mutation } from '../compliance-helpers.js';

const WF = '.github/workflows/infra-ci.yml';

export const mutations: Mutation[] = [
  { name: 'default permissions widened to write-all', control: 'PCI-DSS-4.0:7.2.5', file: WF, replace: { find: '^permissions: \\{\\}$', with: 'permissions: write-all' } },
  { name: 'a job loses its permissions block', control: 'PCI-DSS-4.0:7.2.5', file: WF, replace: { find: '(  yamllint:\\n(?:.*\\n)*?)    permissions:\\n      contents: read\\n', with: '$1' } },
  { name: 'a job gets contents: write', control: 'PCI-DSS-4.0:7.2.5', file: WF, replace: { find: '(  secrets:\\n(?:.*\\n)*?      contents: )read', with: '$1write' } },
  { name: 'an action pinned by tag instead of SHA', control: 'PCI-DSS-4.0:6.3.2', file: WF, replace: { find: 'actions/checkout@[0-9a-f]{40}', with: 'actions/checkout@v4' } },
  { name: 'the pull_request trigger removed', control: 'SOC2:CC8.1', file: WF, deleteLine: '^  pull_request:$' },
  { name: 'the pull_request trigger removed (PCI change control)', control: 'PCI-DSS-4.0:6.5.1', file: WF, deleteLine: '^  pull_request:$' },
  { name: 'the audit step removed', control: 'PCI-DSS-4.0:2.2.1', file: WF, examples: ['payments-api'], deleteLine: 'fluxora audit --format sarif' },
  { name: 'the audit step removed (GDPR Art 32)', control: 'GDPR:Art32', file: WF, examples: ['customer-data-eu'], deleteLine: 'fluxora audit --format sarif' },
  { name: 'the audit step removed (GDPR Art 25)', control: 'GDPR:Art25', file: WF, examples: ['customer-data-eu'], deleteLine: 'fluxora audit --format sarif' },
  { name: 'checkov no longer fails the build', control: 'PCI-DSS-4.0:6.3.1', file: '.checkov.yaml', replace: { find: '^soft-fail: false$', with: 'soft-fail: true' } },
  { name: 'checkov SARIF upload removed', control: 'PCI-DSS-4.0:6.3.1', file: WF, replace: { find: '(  checkov:\\n(?:.*\\n)*?)      - name: Upload checkov results to code scanning\\n(?:.*\\n){5}', with: '$1' } },
  { name: 'trivy no longer fails on findings', control: 'SOC2:CC7.1', file: 'trivy.yaml', replace: { find: '^exit-code: 1$', with: 'exit-code: 0' } },
  { name: 'the gitleaks CI scan removed', control: 'PCI-DSS-4.0:8.6.2', file: WF, deleteLine: 'gitleaks' },
  { name: 'gitleaks default rules dropped', control: 'PCI-DSS-4.0:8.6.2', file: '.gitleaks.toml', replace: { find: '^useDefault = true$', with: 'useDefault = false' } },
  { name: 'the gitleaks pre-commit hook removed', control: 'PCI-DSS-4.0:8.6.2', file: '.pre-commit-config.yaml', deleteLine: '- id: gitleaks$' },
  { name: 'pre-commit no longer excludes only .fluxora', control: 'SOC2:CC8.1', file: '.pre-commit-config.yaml', replace: { find: "^exclude: .*$", with: "exclude: '^(\\.fluxora|terraform)/'" } },
  { name: 'long-lived AWS keys added to the plan job', control: 'SOC2:CC6.1', file: WF, examples: ['payments-api', 'internal-tool'], replace: { find: '          role-to-assume: \\$\\{\\{ matrix.role \\}\\}', with: '          aws-access-key-id: ${{ secrets.AWS_KEY }}' } },
  { name: 'OIDC token permission removed from the plan job', control: 'SOC2:CC6.1', file: WF, examples: ['payments-api'], replace: { find: '(  plan:\\n(?:.*\\n)*?)      id-token: write\\n', with: '$1' } },
  { name: 'drift detection no longer scheduled', control: 'PCI-DSS-4.0:11.5.2', file: WF, examples: ['payments-api'], replace: { find: '^  schedule:\\n    - cron: .*\\n', with: '' } },
  { name: 'drift no longer fails the job', control: 'SOC2:CC7.1', file: WF, examples: ['internal-tool', 'customer-data-eu'], replace: { find: 'plan -detailed-exitcode -input', with: 'plan -input' } },
  { name: 'image signing removed', control: 'SOC2:CC6.8', file: WF, examples: ['payments-api', 'internal-tool'], deleteLine: 'cosign sign --yes' },
  { name: 'image scan no longer blocks', control: 'SOC2:CC6.8', file: WF, examples: ['payments-api'], replace: { find: '(  image:\\n(?:.*\\n)*?          exit-code: )"1"', with: '$1"0"' } },
  { name: 'kube-linter job removed', control: 'PCI-DSS-4.0:2.2.1', file: WF, examples: ['payments-api'], deleteLine: 'bin/kube-linter' },
  { name: 'ansible-lint no longer strict', control: 'PCI-DSS-4.0:2.2.1', file: WF, examples: ['payments-api'], replace: { find: 'run: ansible-lint --strict', with: 'run: ansible-lint' } },
  { name: 'promtool tests removed', control: 'SOC2:CC8.1', file: WF, examples: ['customer-data-eu'], deleteLine: 'promtool test rules' },
  { name: 'the whole workflow deleted', control: 'PCI-DSS-4.0:6.5.1', file: WF, examples: ['payments-api'], deleteFile: true },
];
