/** Mutations of the terraform modules: each weakens one implementing setting (HCL checks, parsed). */
import type { Mutation } from '../compliance-helpers.js';

const SECURITY = 'terraform/modules/security/main.tf';
const STORAGE = 'terraform/modules/storage/main.tf';

export const mutations: Mutation[] = [
  { name: 'KMS key rotation turned off', control: 'PCI-DSS-4.0:3.7.4', file: SECURITY, examples: ['payments-api'], replace: { find: 'enable_key_rotation     = true', with: 'enable_key_rotation     = false' } },
  { name: 'CloudTrail limited to one region', control: 'PCI-DSS-4.0:10.2.1', file: SECURITY, examples: ['payments-api'], replace: { find: 'is_multi_region_trail         = true', with: 'is_multi_region_trail         = false' } },
  { name: 'CloudTrail log file validation off', control: 'PCI-DSS-4.0:10.3.2', file: SECURITY, examples: ['payments-api'], replace: { find: 'enable_log_file_validation    = true', with: 'enable_log_file_validation    = false' } },
  { name: 'data bucket encryption downgraded to SSE-S3', control: 'PCI-DSS-4.0:3.5.1', file: STORAGE, examples: ['payments-api'], replace: { find: 'sse_algorithm     = "aws:kms"', with: 'sse_algorithm     = "AES256"' } },
];
