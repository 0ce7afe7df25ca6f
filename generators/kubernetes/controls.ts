/**
 * The kubernetes component's audit checks: how `fluxora audit` verifies, in the team's current
 * files, the controls the namespace policies and the chart implement. Data only.
 */
import type { Context } from '../../lib/answers/context.js';
import type { Check } from '../../lib/compliance/types.js';

export function kubernetesChecks(ctx: Context): Check[] {
  if (!ctx.flags.components.kubernetes) return [];
  const namespace = 'kubernetes/platform/base/namespace.yaml';
  const denyAll = 'kubernetes/platform/base/networkpolicy-default-deny.yaml';
  const values = `kubernetes/helm/${ctx.service.name}/values.yaml`;
  const restricted = (control: string): Check => ({
    control,
    kind: 'yaml',
    file: namespace,
    path: 'metadata.labels["pod-security.kubernetes.io/enforce"]',
    op: 'equals',
    expected: 'restricted',
    description: 'the namespace enforces Pod Security Standards restricted',
  });
  const defaultDeny = (control: string): Check => ({
    control,
    kind: 'yaml',
    file: denyAll,
    path: 'spec.policyTypes',
    op: 'contains',
    expected: 'Egress',
    description: 'the default-deny NetworkPolicy covers egress as well as ingress',
  });
  const hardened = (control: string): Check[] => [
    { control, kind: 'yaml', file: values, path: 'securityContext.readOnlyRootFilesystem', op: 'equals', expected: true, description: 'the container root filesystem is read-only' },
    { control, kind: 'yaml', file: values, path: 'securityContext.allowPrivilegeEscalation', op: 'equals', expected: false, description: 'the container cannot escalate privileges' },
  ];
  return [
    restricted('PCI-DSS-4.0:2.2.6'),
    restricted('SOC2:CC6.8'),
    defaultDeny('PCI-DSS-4.0:1.3.2'),
    defaultDeny('SOC2:CC6.6'),
    ...hardened('PCI-DSS-4.0:2.2.6'),
    ...hardened('SOC2:CC6.8'),
  ];
}
