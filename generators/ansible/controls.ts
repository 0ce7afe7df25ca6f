/**
 * The ansible component's audit checks: the PCI DSS 8.3 account values and the immutable audit
 * rules, read from the role defaults and templates the team edits. Data only.
 */
import type { Context } from '../../lib/answers/context.js';
import type { Check } from '../../lib/compliance/types.js';

const DEFAULTS = 'ansible/roles/cis_hardening/defaults/main.yml';

export function ansibleChecks(ctx: Context): Check[] {
  if (!ctx.flags.components.ansible) return [];
  const value = (control: string, pattern: string, description: string): Check => ({ control, kind: 'pattern', file: DEFAULTS, pattern, description });
  const minlen = String.raw`^cis_pwquality_minlen: (1[2-9]|[2-9][0-9])\b`;
  return [
    value('PCI-DSS-4.0:8.3.6', minlen, 'passwords are at least 12 characters'),
    value('SOC2:CC6.1', minlen, 'passwords are at least 12 characters'),
    value('PCI-DSS-4.0:8.3.4', String.raw`^cis_faillock_deny: ([1-9]|10)\b`, 'accounts lock after at most 10 failed attempts'),
    value('PCI-DSS-4.0:8.3.4', String.raw`^cis_faillock_unlock_time: (0|(1[89]|[2-9][0-9])[0-9]{2}|[0-9]{5,})\b`, 'a locked account stays locked for at least 30 minutes'),
    value('PCI-DSS-4.0:8.3.7', String.raw`^cis_pwhistory_remember: ([4-9]|[1-9][0-9])\b`, 'the last four passwords or more cannot be reused'),
    value('PCI-DSS-4.0:8.3.9', String.raw`^cis_pass_max_days: ([1-8]?[0-9]|90)\b`, 'passwords expire after at most 90 days'),
    {
      control: 'PCI-DSS-4.0:10.2.1',
      kind: 'pattern',
      file: 'ansible/roles/auditd/templates/finalize.rules.j2',
      pattern: '^-e 2$',
      description: 'the audit rules are immutable until reboot (-e 2)',
    },
  ];
}
