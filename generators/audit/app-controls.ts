/**
 * Checks for the repository skeleton (generators/app). They live here until generators/app gets its
 * own controls.ts; then this file moves there unchanged.
 */
import type { Check } from '../../lib/compliance/types.js';

const ignored = (pattern: string, what: string, control: string): Check => ({
  control,
  kind: 'pattern',
  file: '.gitignore',
  pattern: `^${pattern.replace(/[.*]/g, (c) => `\\${c}`)}$`,
  description: `git ignores ${what}`,
});

export const appChecks: readonly Check[] = [
  ignored('*.tfstate', 'Terraform state (it holds secrets in clear)', 'PCI-DSS-4.0:8.6.2'),
  ignored('*.pem', 'PEM private keys and certificates', 'PCI-DSS-4.0:8.6.2'),
  ignored('*.key', 'private key files', 'PCI-DSS-4.0:8.6.2'),
  ignored('.vault-token', 'Vault tokens', 'PCI-DSS-4.0:8.6.2'),
  ignored('.env', 'environment files with credentials', 'PCI-DSS-4.0:8.6.2'),
  ignored('*.tfstate', 'Terraform state (it holds secrets in clear)', 'SOC2:CC6.1'),
  ignored('*.tfstate', 'Terraform state (it holds personal data and secrets in clear)', 'GDPR:Art5(1)(f)'),
  { control: 'SOC2:CC8.1', kind: 'yaml', file: '.yamllint', path: 'rules.document-start.present', op: 'equals', expected: true, description: 'yamllint requires explicit YAML documents' },
  { control: 'SOC2:CC8.1', kind: 'yaml', file: '.yamllint', path: 'rules.truthy.allowed-values', op: 'equals', expected: ['true', 'false'], description: 'yamllint refuses ambiguous YAML 1.1 booleans' },
];
