/** Mutations of the Kubernetes platform objects and chart values: each weakens one setting. */
import type { Mutation } from '../compliance-helpers.js';

const NAMESPACE = 'kubernetes/platform/base/namespace.yaml';
const DENY = 'kubernetes/platform/base/networkpolicy-default-deny.yaml';

export const mutations: Mutation[] = [
  { name: 'Pod Security enforce relaxed to baseline', control: 'PCI-DSS-4.0:2.2.6', file: NAMESPACE, examples: ['payments-api'], replace: { find: 'pod-security.kubernetes.io/enforce: restricted', with: 'pod-security.kubernetes.io/enforce: baseline' } },
  { name: 'Pod Security enforce relaxed to privileged (SOC 2)', control: 'SOC2:CC6.8', file: NAMESPACE, examples: ['internal-tool', 'customer-data-eu'], replace: { find: 'pod-security.kubernetes.io/enforce: restricted', with: 'pod-security.kubernetes.io/enforce: privileged' } },
  { name: 'default deny no longer covers egress', control: 'PCI-DSS-4.0:1.3.2', file: DENY, examples: ['payments-api'], deleteLine: '^    - Egress$' },
  { name: 'default deny no longer covers egress (SOC 2)', control: 'SOC2:CC6.6', file: DENY, examples: ['internal-tool'], deleteLine: '^    - Egress$' },
  { name: 'writable root filesystem', control: 'PCI-DSS-4.0:2.2.6', file: 'kubernetes/helm/payments-api/values.yaml', examples: ['payments-api'], replace: { find: '  readOnlyRootFilesystem: true', with: '  readOnlyRootFilesystem: false' } },
  { name: 'privilege escalation allowed', control: 'SOC2:CC6.8', file: 'kubernetes/helm/customer-profile/values.yaml', examples: ['customer-data-eu'], replace: { find: '  allowPrivilegeEscalation: false', with: '  allowPrivilegeEscalation: true' } },
];
