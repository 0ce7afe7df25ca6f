import { readdirSync, statSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { Context, EnvironmentContext } from '../../lib/answers/context.js';
import type { ComponentFiles, FileSpec } from '../../lib/render/files.js';
import { templatesRoot } from '../../lib/paths.js';

/** The account Ansible connects as on every host (inventories name it as ansible_user). */
export const AUTOMATION_USER = 'fluxora-automation';

/** Roles whose files are copied verbatim; the answers reach them through inventories/<env>/group_vars/all.yml. */
const ROLES: ReadonlyArray<{ name: string; when?: (ctx: Context) => boolean; controls: readonly string[] }> = [
  { name: 'secrets', controls: ['PCI-DSS-4.0:3.6.1', 'PCI-DSS-4.0:8.3.2', 'SOC2:CC6.1'] },
  { name: 'access', controls: ['PCI-DSS-4.0:7.2.1', 'PCI-DSS-4.0:7.2.2', 'PCI-DSS-4.0:10.2.1.2', 'SOC2:CC6.1', 'SOC2:CC6.3'] },
  {
    name: 'cis_hardening',
    controls: ['PCI-DSS-4.0:2.2.1', 'PCI-DSS-4.0:2.2.4', 'PCI-DSS-4.0:2.2.6', 'PCI-DSS-4.0:8.2.8', 'PCI-DSS-4.0:8.3.4', 'PCI-DSS-4.0:8.3.6',
      'PCI-DSS-4.0:8.3.7', 'PCI-DSS-4.0:8.3.9', 'PCI-DSS-4.0:10.6.1', 'PCI-DSS-4.0:11.5.2', 'SOC2:CC6.1', 'SOC2:CC6.8', 'SOC2:CC7.1'],
  },
  { name: 'auditd', controls: ['PCI-DSS-4.0:10.2.1', 'PCI-DSS-4.0:10.2.2', 'PCI-DSS-4.0:10.3.2', 'SOC2:CC7.2'] },
  { name: 'patching', controls: ['PCI-DSS-4.0:6.3.3', 'SOC2:CC7.1'] },
  { name: 'log_forwarding', controls: ['PCI-DSS-4.0:10.3.3', 'PCI-DSS-4.0:10.5.1', 'SOC2:CC7.2'] },
  { name: 'webserver', when: (ctx) => ctx.flags.nginx, controls: ['PCI-DSS-4.0:4.2.1', 'PCI-DSS-4.0:6.4.1', 'PCI-DSS-4.0:10.2.1'] },
  { name: 'database', when: (ctx) => ctx.flags.database, controls: ['PCI-DSS-4.0:2.2.1', 'PCI-DSS-4.0:4.2.1', 'PCI-DSS-4.0:8.3.2', 'PCI-DSS-4.0:10.2.1'] },
];

/** Every file below a template folder, relative POSIX paths, sorted (the listing is the table of contents). */
function filesBelow(dir: string): string[] {
  const root = join(templatesRoot, 'ansible', dir);
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const name of readdirSync(join(root, rel)).sort()) {
      const path = rel ? `${rel}/${name}` : name;
      if (statSync(join(root, path)).isDirectory()) walk(path);
      else out.push(posix.join(dir, path));
    }
  };
  walk('');
  return out;
}

/** Jinja templates carry the header as a Jinja comment, so it never reaches the file on the host. */
function verbatim(template: string, extra: Partial<FileSpec> = {}): FileSpec {
  return { template, ...(template.endsWith('.j2') ? { header: 'jinja' as const } : {}), ...extra };
}

function roleFiles(): FileSpec[] {
  return ROLES.flatMap((role) =>
    filesBelow(`roles/${role.name}`).map((template) => verbatim(template, { controls: role.controls, ...(role.when ? { when: role.when } : {}) })),
  );
}

function environmentLocals(ctx: Context, env: EnvironmentContext) {
  return {
    env: {
      ...env,
      secretsPathPrefix: `${ctx.secrets.pathPrefix}/${env.name}`,
      automaticReboot: !env.isProduction,
    },
  };
}

function perEnvironment(template: string, to: (env: string) => string, controls: readonly string[] = []): FileSpec {
  return {
    template,
    controls,
    each: (ctx) => ctx.environments.map((env) => ({ to: to(env.name), locals: environmentLocals(ctx, env) })),
  };
}

/** Decisions the ansible templates branch on, named once. */
function ansibleView(ctx: Context) {
  const vault = ctx.secrets.vault;
  return {
    automationUser: AUTOMATION_USER,
    nginx: ctx.flags.nginx,
    database: ctx.flags.database,
    databaseEngine: ctx.flags.mysql ? 'mysql' : 'postgresql',
    databasePlayName: `Database | hardened ${ctx.flags.mysql ? 'MySQL' : 'PostgreSQL'}`,
    databaseName: ctx.service.name.replace(/-/g, '_'),
    serverName: ctx.kubernetes.ingressHost ?? `${ctx.service.name}.${ctx.service.team}.internal`,
    appLogGlob: `/var/log/${ctx.service.name}/*.log`,
    vault: vault
      ? { address: vault.address, kvMount: vault.kvMount, authMethod: vault.authMethod === 'approle' ? 'approle' : 'jwt' }
      : undefined,
  };
}

/** The ansible baseline: a table of contents of the files it generates. */
export const ansibleFiles: ComponentFiles = {
  component: 'ansible',
  root: 'ansible',
  view: ansibleView,
  files: [
    verbatim('README.md'),
    verbatim('ansible.cfg'),
    verbatim('requirements.yml'),
    perEnvironment('inventories/_env/hosts.yml.hbs', (env) => `inventories/${env}/hosts.yml`, ['SOC2:CC6.1']),
    perEnvironment('inventories/_env/group_vars/all.yml.hbs', (env) => `inventories/${env}/group_vars/all.yml`, ['SOC2:CC6.1']),
    { template: 'playbooks/site.yml.hbs' },
    verbatim('playbooks/compliance-check.yml', { controls: ['PCI-DSS-4.0:11.5.2', 'SOC2:CC7.1'] }),
    verbatim('playbooks/vars/compliance_checks.yml'),
    verbatim('playbooks/templates/compliance-report.md.j2'),
    ...roleFiles(),
  ],
  nextSteps: () => [
    'cd ansible && ansible-galaxy collection install -r requirements.yml',
    'ansible-playbook -i ansible/inventories/<env>/hosts.yml ansible/playbooks/site.yml --check --diff',
    'ansible-playbook -i ansible/inventories/<env>/hosts.yml ansible/playbooks/compliance-check.yml',
  ],
};
