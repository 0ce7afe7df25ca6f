/**
 * Alertmanager configuration as data: a route tree on severity then team, a SIEM copy of security
 * alerts, inhibition, and receivers whose secrets are read from files (only paths are generated).
 */
import { dirname, posix } from 'node:path';
import type { Context } from '../../lib/answers/context.js';
import { goTemplateText, promqlString } from '../../lib/render/escape.js';

/** Receiver names, decided once (tests and the routes test read them from here). */
export function receivers(ctx: Context) {
  return {
    pager: `${ctx.service.team}-pagerduty`,
    chat: `${ctx.service.team}-slack`,
    siem: 'siem',
    deadMansSwitch: 'deadmans-switch',
    none: 'null',
  };
}

/**
 * The heartbeat URL file. The context has no answer for it yet, so it sits beside the SIEM webhook
 * URL file, in the same secrets directory.
 */
export function deadMansSwitchUrlFile(ctx: Context): string {
  return posix.join(dirname(ctx.alerting.siemWebhookUrlFile), 'deadmans-switch-url');
}

const matcher = (label: string, op: '=' | '=~' | '!=', value: string) => `${label}${op}${promqlString(value)}`;

const SLACK_TITLE = '[{{ .Status | toUpper }}:{{ .Alerts.Firing | len }}] {{ .CommonLabels.alertname }} - {{ .CommonLabels.service }}';
const SLACK_TEXT = [
  '{{ range .Alerts }}*{{ .Labels.severity | toUpper }}* {{ .Annotations.summary }}',
  '{{ .Annotations.description }}',
  'Runbook: {{ .Annotations.runbook_url }}',
  'Controls: {{ .Labels.compliance }}',
  '{{ end }}',
].join('\n');

export function alertmanagerConfig(ctx: Context): object {
  const r = receivers(ctx);
  const team = ctx.service.team;
  return {
    global: { resolve_timeout: '5m' },
    route: {
      receiver: r.chat,
      group_by: ['alertname', 'service', 'severity'],
      group_wait: '30s',
      group_interval: '5m',
      repeat_interval: '4h',
      routes: [
        {
          receiver: r.siem,
          matchers: [matcher('category', '=', 'security')],
          group_by: ['alertname', 'service', 'instance'],
          group_wait: '10s',
          group_interval: '1m',
          repeat_interval: '1h',
          continue: true,
        },
        { receiver: r.deadMansSwitch, matchers: [matcher('alertname', '=', 'Watchdog')], group_wait: '0s', group_interval: '1m', repeat_interval: '1m' },
        { receiver: r.none, matchers: [matcher('alertname', '=', 'InfoInhibitor')] },
        {
          receiver: r.chat,
          matchers: [matcher('severity', '=', 'critical')],
          group_wait: '10s',
          repeat_interval: '1h',
          routes: [{ receiver: r.pager, matchers: [matcher('team', '=', team)] }],
        },
        {
          receiver: r.chat,
          matchers: [matcher('severity', '=', 'warning')],
          routes: [{ receiver: r.chat, matchers: [matcher('team', '=', team)] }],
        },
        { receiver: r.none, matchers: [matcher('severity', '=', 'info')] },
      ],
    },
    inhibit_rules: [
      {
        source_matchers: [matcher('severity', '=', 'critical')],
        target_matchers: [matcher('severity', '=~', 'warning|info')],
        equal: ['alertname', 'service'],
      },
      {
        source_matchers: [matcher('alertname', '=', 'InfoInhibitor')],
        target_matchers: [matcher('severity', '=', 'info'), matcher('alertname', '!=', 'Watchdog')],
        equal: ['service'],
      },
    ],
    receivers: [
      { name: r.none },
      {
        name: r.pager,
        pagerduty_configs: [
          {
            routing_key_file: ctx.alerting.pagerKeyFile,
            send_resolved: true,
            description: '{{ .CommonLabels.alertname }}: {{ .CommonAnnotations.summary }}',
            links: [{ href: '{{ .CommonAnnotations.runbook_url }}', text: 'Runbook' }],
          },
        ],
      },
      {
        name: r.chat,
        slack_configs: [
          {
            api_url_file: ctx.alerting.chatUrlFile,
            channel: goTemplateText(ctx.alerting.chatChannel),
            send_resolved: true,
            title: SLACK_TITLE,
            text: SLACK_TEXT,
          },
        ],
      },
      { name: r.siem, webhook_configs: [{ url_file: ctx.alerting.siemWebhookUrlFile, send_resolved: true, max_alerts: 0 }] },
      { name: r.deadMansSwitch, webhook_configs: [{ url_file: deadMansSwitchUrlFile(ctx), send_resolved: false }] },
    ],
  };
}
