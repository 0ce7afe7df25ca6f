/** Mutations of the repository skeleton (app): each removes one implementing setting. */
import type { Mutation } from '../compliance-helpers.js';

export const mutations: Mutation[] = [
  { name: 'Terraform state no longer ignored', control: 'PCI-DSS-4.0:8.6.2', file: '.gitignore', examples: ['payments-api'], deleteLine: '^\\*\\.tfstate$' },
  { name: 'Terraform state no longer ignored (GDPR)', control: 'GDPR:Art5(1)(f)', file: '.gitignore', examples: ['customer-data-eu'], deleteLine: '^\\*\\.tfstate$' },
  { name: 'private keys no longer ignored', control: 'PCI-DSS-4.0:8.6.2', file: '.gitignore', examples: ['payments-api'], deleteLine: '^\\*\\.key$' },
  { name: 'Terraform state no longer ignored (SOC 2)', control: 'SOC2:CC6.1', file: '.gitignore', examples: ['internal-tool'], deleteLine: '^\\*\\.tfstate$' },
  { name: 'yamllint document-start relaxed', control: 'SOC2:CC8.1', file: '.yamllint', replace: { find: '(document-start:\\n    present: )true', with: '$1false' } },
];
