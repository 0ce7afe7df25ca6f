/**
 * The monitoring component's audit checks: the alerts that evidence control failures and the
 * secret-free Alertmanager configuration. Data only.
 */
import type { Context } from '../../lib/answers/context.js';
import type { Check } from '../../lib/compliance/types.js';

export function monitoringChecks(ctx: Context): Check[] {
  if (!ctx.flags.components.monitoring) return [];
  const security = `monitoring/prometheus/rules/${ctx.service.name}-security.rules.yaml`;
  const alertmanager = 'monitoring/alertmanager/alertmanager.yml';
  const shipperDown = (control: string): Check => ({
    control,
    kind: 'pattern',
    file: security,
    pattern: String.raw`^\s*- alert: AuditLogShipperDown$`,
    description: 'an alert fires when the audit log pipeline is down',
  });
  return [
    shipperDown('PCI-DSS-4.0:10.7.2'),
    shipperDown('SOC2:CC7.2'),
    {
      control: 'PCI-DSS-4.0:10.4.1.1',
      kind: 'yaml',
      file: alertmanager,
      path: 'route.routes.*.receiver',
      op: 'equals',
      expected: 'siem',
      match: 'any',
      description: 'security alerts are routed to the SIEM',
    },
    {
      control: 'PCI-DSS-4.0:8.6.2',
      kind: 'pattern',
      file: alertmanager,
      pattern: String.raw`^\s*(-\s+)?(routing_key|api_url|url|service_key):`,
      expected: false,
      description: 'Alertmanager reads every credential from a file, never inline',
    },
  ];
}
