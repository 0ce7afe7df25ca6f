import { Document } from 'yaml';
import type { Context } from '../../lib/answers/context.js';
import type { ComponentFiles, FileSpec, Locals } from '../../lib/render/files.js';
import { alertmanagerConfig } from './alertmanager.js';
import { alertsOf, prometheusGroup, ruleGroups, type GroupDef } from './rules.js';
import { testFile } from './tests.js';

/** Every alert name the baseline can emit; each has a runbook in templates/monitoring/runbooks/. */
export const RUNBOOKS = [
  'AuditLogDeliveryFailing',
  'AuditLogShipperAbsent',
  'AuditLogShipperDown',
  'AuthenticationFailureSpike',
  'BackupTooOld',
  'CertificateExpiringSoon',
  'DataAccessVolumeAnomaly',
  'ExternalSecretSyncError',
  'FalcoCriticalEvent',
  'InfoInhibitor',
  'InfrastructureDriftDetected',
  'KMSKeyDisabledOrPendingDeletion',
  'KubeHpaMaxedOut',
  'KubePdbAtLimit',
  'KubePodCrashLooping',
  'SLOAvailabilityErrorBudgetBurn',
  'SLOErrorBudgetLow',
  'SLOLatencyErrorBudgetBurn',
  'VaultSealed',
  'VaultUnreachable',
  'Watchdog',
] as const;

interface MonitoringView {
  groups: GroupDef[];
  alertNames: string[];
}

function monitoringView(ctx: Context): MonitoringView {
  const groups = ruleGroups(ctx);
  return { groups, alertNames: [...new Set(alertsOf(groups).map((a) => a.alert))].sort() };
}

/** A YAML document that starts with `---` (the generated .yamllint requires document-start). */
function yamlDocument(value: unknown): Document {
  const doc = new Document(value, { version: '1.1' });
  doc.directives!.docStart = true;
  return doc;
}

function groupOf(locals: Locals): GroupDef {
  const view = locals.view as MonitoringView;
  const group = view.groups.find((g) => g.kind === locals.kind);
  if (!group) throw new Error(`no rule group ${String(locals.kind)}`);
  return group;
}

const KINDS = ['slo', 'security', 'platform'] as const;
const perGroup = (path: (ctx: Context, kind: string) => string) => (ctx: Context) => KINDS.map((kind) => ({ to: path(ctx, kind), locals: { kind } }));

const runbooks: FileSpec[] = RUNBOOKS.map((name) => ({
  template: `runbooks/${name}.md`,
  to: `monitoring/runbooks/${name}.md`,
  when: (ctx: Context) => monitoringView(ctx).alertNames.includes(name),
}));

/** The monitoring baseline: a table of contents of the files it generates. */
export const monitoringFiles: ComponentFiles = {
  component: 'monitoring',
  root: '',
  view: monitoringView,
  files: [
    { template: 'README.md', to: 'monitoring/README.md' },
    {
      each: perGroup((ctx, kind) => `monitoring/prometheus/rules/${ctx.service.name}-${kind}.rules.yaml`),
      data: (ctx, locals) => yamlDocument({ groups: [prometheusGroup(ctx, groupOf(locals))] }),
      controls: ['PCI-DSS-4.0:10.4.1.1', 'PCI-DSS-4.0:10.7.2', 'SOC2:CC7.2'],
    },
    {
      each: perGroup((ctx, kind) => `monitoring/prometheus/tests/${ctx.service.name}-${kind}.test.yaml`),
      data: (ctx, locals) => yamlDocument(testFile(ctx, groupOf(locals))),
    },
    {
      when: (ctx) => ctx.flags.components.kubernetes,
      each: perGroup((ctx, kind) => `kubernetes/monitoring/${ctx.service.name}-${kind}.prometheusrule.yaml`),
      data: (ctx, locals) => {
        const group = groupOf(locals);
        return yamlDocument({
          apiVersion: 'monitoring.coreos.com/v1',
          kind: 'PrometheusRule',
          metadata: {
            name: group.name,
            namespace: ctx.kubernetes.namespace,
            labels: {
              'app.kubernetes.io/name': ctx.service.name,
              'app.kubernetes.io/component': 'monitoring',
              'app.kubernetes.io/part-of': ctx.service.name,
              team: ctx.service.team,
              role: 'alert-rules',
            },
          },
          spec: { groups: [prometheusGroup(ctx, group)] },
        });
      },
      controls: ['PCI-DSS-4.0:10.7.2', 'SOC2:CC7.2'],
    },
    {
      to: 'monitoring/alertmanager/alertmanager.yml',
      data: (ctx) => yamlDocument(alertmanagerConfig(ctx)),
      controls: ['PCI-DSS-4.0:10.7.2', 'PCI-DSS-4.0:12.10.5', 'SOC2:CC7.3'],
    },
    ...runbooks,
  ],
  nextSteps: () => [
    'promtool check rules monitoring/prometheus/rules/*.rules.yaml',
    'promtool test rules monitoring/prometheus/tests/*.test.yaml',
    'amtool check-config monitoring/alertmanager/alertmanager.yml',
  ],
};
