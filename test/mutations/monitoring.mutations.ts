/** Mutations of the monitoring files: each removes an alert or a protection the audit relies on. */
import type { Mutation } from '../compliance-helpers.js';

export const mutations: Mutation[] = [
  { name: 'audit pipeline alert removed', control: 'PCI-DSS-4.0:10.7.2', file: 'monitoring/prometheus/rules/payments-api-security.rules.yaml', examples: ['payments-api'], replace: { find: '- alert: AuditLogShipperDown', with: '- alert: LogShipperDownRenamed' } },
  { name: 'audit pipeline alert removed (SOC 2)', control: 'SOC2:CC7.2', file: 'monitoring/prometheus/rules/customer-profile-security.rules.yaml', examples: ['customer-data-eu'], replace: { find: '- alert: AuditLogShipperDown', with: '- alert: LogShipperDownRenamed' } },
  { name: 'PagerDuty key written inline', control: 'PCI-DSS-4.0:8.6.2', file: 'monitoring/alertmanager/alertmanager.yml', examples: ['payments-api'], replace: { find: '- routing_key_file: .*', with: '- routing_key: inline-key-value' } },
  { name: 'SIEM route removed', control: 'PCI-DSS-4.0:10.4.1.1', file: 'monitoring/alertmanager/alertmanager.yml', examples: ['payments-api'], replace: { find: '- receiver: siem$', with: '- receiver: "null"' } },
];
