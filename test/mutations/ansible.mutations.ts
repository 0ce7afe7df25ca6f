/** Mutations of the ansible role defaults and templates: each weakens one PCI DSS value. */
import type { Mutation } from '../compliance-helpers.js';

const DEFAULTS = 'ansible/roles/cis_hardening/defaults/main.yml';

export const mutations: Mutation[] = [
  { name: 'password minimum length lowered to 8', control: 'PCI-DSS-4.0:8.3.6', file: DEFAULTS, examples: ['payments-api'], replace: { find: '^cis_pwquality_minlen: .*$', with: 'cis_pwquality_minlen: 8' } },
  { name: 'password minimum length lowered to 8 (SOC 2)', control: 'SOC2:CC6.1', file: DEFAULTS, examples: ['customer-data-eu'], replace: { find: '^cis_pwquality_minlen: .*$', with: 'cis_pwquality_minlen: 8' } },
  { name: 'lockout after 20 attempts', control: 'PCI-DSS-4.0:8.3.4', file: DEFAULTS, examples: ['payments-api'], replace: { find: '^cis_faillock_deny: .*$', with: 'cis_faillock_deny: 20' } },
  { name: 'lockout lasts 5 minutes', control: 'PCI-DSS-4.0:8.3.4', file: DEFAULTS, examples: ['payments-api'], replace: { find: '^cis_faillock_unlock_time: .*$', with: 'cis_faillock_unlock_time: 300' } },
  { name: 'password history of 2', control: 'PCI-DSS-4.0:8.3.7', file: DEFAULTS, examples: ['payments-api'], replace: { find: '^cis_pwhistory_remember: .*$', with: 'cis_pwhistory_remember: 2' } },
  { name: 'passwords valid for a year', control: 'PCI-DSS-4.0:8.3.9', file: DEFAULTS, examples: ['payments-api'], replace: { find: '^cis_pass_max_days: .*$', with: 'cis_pass_max_days: 365' } },
  { name: 'audit rules left mutable', control: 'PCI-DSS-4.0:10.2.1', file: 'ansible/roles/auditd/templates/finalize.rules.j2', examples: ['payments-api'], deleteLine: '^-e 2$' },
];
