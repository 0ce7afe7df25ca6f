/**
 * Fast tier for the ansible component: parses the generated roles back and checks the structure the
 * issue asks for (one toggle, id and tags per control; argument_specs covering every default; FQCN
 * modules; PCI DSS values; no secret values; answers reaching the roles only as escaped variables).
 * Every checker has a mutation twin that shows it can fail.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { contextFor, exampleAnswers, renderExample } from './helpers/render.js';
import { renderComponent } from '../lib/render/files.js';
import { yamlScalar } from '../lib/render/escape.js';
import { ansibleFiles } from '../generators/ansible/files.js';
import type { RenderedFile } from '../lib/render/files.js';

type Files = Map<string, RenderedFile>;
type Task = Record<string, unknown>;

const CONTROL_NAME = /^((?:FLX-)?\d+(?:\.\d+)*) \| (PATCH|AUDIT) \| (.+)$/;
const TASK_KEYWORDS = new Set([
  'name', 'when', 'tags', 'loop', 'loop_control', 'register', 'changed_when', 'failed_when', 'notify', 'become', 'become_user', 'no_log',
  'delegate_to', 'run_once', 'vars', 'environment', 'block', 'rescue', 'always', 'listen', 'args', 'check_mode', 'ignore_errors', 'until',
  'retries', 'delay',
]);
const FQCN = /^(ansible\.builtin|ansible\.posix|community\.general|community\.hashi_vault|community\.postgresql|community\.mysql|amazon\.aws)\.[a-z0-9_]+$/;
const OSES = ['debian-12', 'ubuntu-22.04', 'ubuntu-24.04', 'rhel-9'] as const;

const yamlOf = (files: Files, path: string): unknown => {
  const file = files.get(path);
  if (!file) throw new Error(`missing ${path}`);
  return parse(file.content);
};
const tasksOf = (files: Files, path: string): Task[] => (yamlOf(files, path) as Task[] | null) ?? [];
const whenList = (task: Task): string[] => {
  const when = task.when;
  if (when === undefined) return [];
  return (Array.isArray(when) ? when : [when]).map(String);
};
const toggleOf = (id: string, prefix: string) => `${prefix}_${id.replace(/^FLX-/, 'flx_').replace(/[.-]/g, '_').toLowerCase()}`;

/** Every task below a list, blocks included. */
function allTasks(tasks: Task[]): Task[] {
  return tasks.flatMap((task) => [task, ...['block', 'rescue', 'always'].flatMap((k) => allTasks((task[k] as Task[] | undefined) ?? []))]);
}

function roleTaskFiles(files: Files, role: string): string[] {
  return [...files.keys()].filter((p) => p.startsWith(`ansible/roles/${role}/tasks/`) && p.endsWith('.yml'));
}

interface Control {
  id: string;
  kind: string;
  title: string;
  task: Task;
  file: string;
}

/** The control tasks of a role: top-level tasks named "<id> | PATCH|AUDIT | <title>". */
function controlsOf(files: Files, role: string): Control[] {
  const out: Control[] = [];
  for (const file of roleTaskFiles(files, role)) {
    for (const task of tasksOf(files, file)) {
      const match = CONTROL_NAME.exec(String(task.name ?? ''));
      if (match) out.push({ id: match[1]!, kind: match[2]!, title: match[3]!, task, file });
    }
  }
  return out;
}

/** Problems of one control task: its own toggle first in `when`, tags with id, level and PCI DSS requirement. */
function controlProblems(control: Control, prefix: string): string[] {
  const problems: string[] = [];
  const when = whenList(control.task);
  const tags = ((control.task.tags as unknown[] | undefined) ?? []).map(String);
  if (when[0] !== toggleOf(control.id, prefix)) problems.push(`${control.id}: first condition is not its toggle ${toggleOf(control.id, prefix)}`);
  if (!tags.includes(control.id)) problems.push(`${control.id}: not tagged with its id`);
  if (!tags.includes('level1')) problems.push(`${control.id}: not tagged level1`);
  if (!tags.some((t) => /^pci_dss_\d+(\.\d+)*$/.test(t))) problems.push(`${control.id}: no PCI DSS requirement tag`);
  return problems;
}

/** Which OS a control applies to, from its OS conditions. */
function appliesTo(control: Control, os: (typeof OSES)[number]): boolean {
  const when = whenList(control.task).join(' ');
  const family = os === 'rhel-9' ? 'RedHat' : 'Debian';
  if (/ansible_os_family == 'Debian'/.test(when) && family !== 'Debian') return false;
  if (/ansible_os_family == 'RedHat'/.test(when) && family !== 'RedHat') return false;
  if (/ansible_distribution == 'Ubuntu'/.test(when) && !os.startsWith('ubuntu')) return false;
  return true;
}

function countPerOs(controls: Control[]): Record<string, number> {
  return Object.fromEntries(OSES.map((os) => [os, new Set(controls.filter((c) => appliesTo(c, os)).map((c) => c.id)).size]));
}

/** Toggles in defaults that no task's `when` uses. */
function unusedToggles(files: Files, role: string, toggle: RegExp): string[] {
  const defaults = Object.keys((yamlOf(files, `ansible/roles/${role}/defaults/main.yml`) as Record<string, unknown>) ?? {});
  const used = new Set(roleTaskFiles(files, role).flatMap((f) => allTasks(tasksOf(files, f)).flatMap(whenList)));
  return defaults.filter((name) => toggle.test(name) && ![...used].some((w) => new RegExp(`\\b${name}\\b`).test(w)));
}

/** Defaults missing from argument_specs, and specs without a default or a description. */
function specProblems(files: Files, role: string): string[] {
  const defaults = Object.keys((yamlOf(files, `ansible/roles/${role}/defaults/main.yml`) as Record<string, unknown>) ?? {});
  const specs = yamlOf(files, `ansible/roles/${role}/meta/argument_specs.yml`) as { argument_specs: { main: { options: Record<string, Record<string, unknown>> } } };
  const options = specs.argument_specs.main.options;
  const problems = defaults.filter((d) => !(d in options)).map((d) => `${role}: ${d} has no argument spec`);
  for (const [name, spec] of Object.entries(options)) {
    if (!defaults.includes(name) && spec.required !== true) problems.push(`${role}: spec ${name} is neither a default nor required`);
    if (typeof spec.description !== 'string' || spec.description.length < 5) problems.push(`${role}: spec ${name} has no description`);
    if (typeof spec.type !== 'string') problems.push(`${role}: spec ${name} has no type`);
  }
  return problems;
}

/** Module keys that are not fully qualified, in every task file, handler file and playbook. */
function fqcnProblems(files: Files): string[] {
  const problems: string[] = [];
  for (const [path, file] of files) {
    if (!/^ansible\/(roles\/[^/]+\/(tasks|handlers)\/|playbooks\/)[^/]+\.yml$/.test(path) || path.includes('/vars/')) continue;
    const doc = parse(file.content) as Task[] | null;
    const plays = path.includes('/playbooks/') ? (doc ?? []) : [{ tasks: doc ?? [] } as Task];
    for (const play of plays) {
      const lists = ['tasks', 'pre_tasks', 'post_tasks', 'handlers'].flatMap((k) => (play[k] as Task[] | undefined) ?? []);
      for (const task of allTasks(lists)) {
        const modules = Object.keys(task).filter((k) => !TASK_KEYWORDS.has(k));
        if (task.block) continue;
        if (modules.length !== 1 || !FQCN.test(modules[0]!)) problems.push(`${path}: ${String(task.name)} uses ${modules.join(',')}`);
      }
    }
  }
  return problems;
}

/** Secret material or literal credentials anywhere in the output, and secret-handling tasks without no_log. */
function secretProblems(files: Files): string[] {
  const problems: string[] = [];
  for (const [path, file] of files) {
    if (!path.startsWith('ansible/')) continue;
    if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(file.content)) problems.push(`${path}: private key`);
    if (/\bAKIA[0-9A-Z]{16}\b/.test(file.content)) problems.push(`${path}: AWS access key`);
    if (/\b(ssh-ed25519|ssh-rsa) AAAA[0-9A-Za-z+/]{20,}/.test(file.content)) problems.push(`${path}: literal public key`);
    const literal = /^\s*-?\s*(password|secret_id|token|secret|jwt):\s*(?!["']?\{\{|$)(\S+)/m.exec(file.content);
    if (literal) problems.push(`${path}: literal ${literal[1]}`);
    if (/^ansible\/roles\/[^/]+\/tasks\/[^/]+\.yml$/.test(path)) {
      for (const task of allTasks((parse(file.content) as Task[] | null) ?? [])) {
        const text = JSON.stringify(task);
        const handlesSecret = /private_key_pem|_password\b|vault_kv2_get|aws_secret|fluxora_secrets/.test(text) && !task.block;
        const module = Object.keys(task).find((k) => !TASK_KEYWORDS.has(k)) ?? '';
        if (handlesSecret && /copy|set_fact|vault_kv2_get|postgresql_user|mysql_user/.test(module) && task.no_log !== true) {
          problems.push(`${path}: ${String(task.name)} handles a secret without no_log`);
        }
      }
    }
  }
  return problems;
}

const clone = (files: Files): Files => new Map([...files].map(([p, f]) => [p, { ...f }]));
const edit = (files: Files, path: string, fn: (s: string) => string): Files => {
  const out = clone(files);
  const file = out.get(path)!;
  out.set(path, { ...file, content: fn(file.content) });
  return out;
};

describe('ansible: payments-api (debian-12, postgresql, nginx)', () => {
  it('lays out the component: cfg, pinned requirements, per-environment inventories, playbooks, roles', async () => {
    const files = await renderExample('payments-api');
    const cfg = files.get('ansible/ansible.cfg')!.content;
    expect(cfg).toMatch(/^host_key_checking = True$/m);
    expect(cfg).toMatch(/^forks = \d+$/m);
    expect(cfg).toMatch(/^display_args_to_stdout = False$/m);
    const reqs = yamlOf(files, 'ansible/requirements.yml') as { collections: { name: string; version: string }[] };
    for (const c of reqs.collections) expect(c.version, c.name).toMatch(/^\d+\.\d+\.\d+$/);
    expect(reqs.collections.map((c) => c.name)).toEqual(expect.arrayContaining(['ansible.posix', 'community.general', 'community.hashi_vault']));
    for (const env of ['dev', 'staging', 'prod']) {
      const vars = yamlOf(files, `ansible/inventories/${env}/group_vars/all.yml`) as Record<string, unknown>;
      expect(vars.ansible_user).toBe('fluxora-automation');
      expect(vars.access_automation_user).toBe(vars.ansible_user);
      expect(vars.secrets_path_prefix).toBe(`payments-platform/payments-api/${env}`);
      expect(vars.secrets_vault_url).toBe('https://vault.example.com:8200');
      expect(vars.log_forwarding_siem_host).toBe('siem.example.com');
      expect(vars.log_forwarding_siem_port).toBe(6514);
      expect(vars.patching_automatic_reboot).toBe(env !== 'prod');
      const hosts = yamlOf(files, `ansible/inventories/${env}/hosts.yml`) as { all: { children: Record<string, unknown> } };
      expect(Object.keys(hosts.all.children)).toEqual(['app_servers', 'webservers', 'databases']);
    }
    const site = yamlOf(files, 'ansible/playbooks/site.yml') as { hosts: string; roles: { role: string }[] }[];
    expect(site.map((p) => p.hosts)).toEqual(['all', 'webservers', 'databases', 'all']);
    expect(site[0]!.roles.map((r) => r.role)).toEqual(['secrets', 'access', 'cis_hardening', 'auditd', 'patching', 'log_forwarding']);
    expect(files.has('ansible/playbooks/compliance-check.yml')).toBe(true);
    for (const role of ['cis_hardening', 'auditd', 'access', 'patching', 'log_forwarding', 'secrets', 'webserver', 'database']) {
      for (const part of ['tasks/main.yml', 'defaults/main.yml', 'meta/main.yml', 'meta/argument_specs.yml']) {
        expect(files.has(`ansible/roles/${role}/${part}`), `${role}/${part}`).toBe(true);
      }
    }
  });

  it('keeps tasks/main.yml thin: only includes or imports of task files', async () => {
    const files = await renderExample('payments-api');
    for (const role of ['cis_hardening', 'auditd', 'access', 'patching', 'secrets', 'webserver', 'database']) {
      const tasks = tasksOf(files, `ansible/roles/${role}/tasks/main.yml`);
      const modules = tasks.map((t) => Object.keys(t).find((k) => !TASK_KEYWORDS.has(k)));
      expect(modules.filter((m) => !/^ansible\.builtin\.(import_tasks|include_tasks|include_vars|assert)$/.test(m ?? '')), role).toEqual([]);
    }
  });

  it('has at least 120 CIS controls per OS, each with its toggle, id and tags', async () => {
    const files = await renderExample('payments-api');
    const controls = controlsOf(files, 'cis_hardening');
    const counts = countPerOs(controls);
    for (const os of OSES) expect(counts[os], os).toBeGreaterThanOrEqual(120);
    expect(controls.flatMap((c) => controlProblems(c, 'cis'))).toEqual([]);
    const auditd = controlsOf(files, 'auditd');
    expect(auditd.length).toBeGreaterThanOrEqual(20);
    expect(auditd.flatMap((c) => controlProblems(c, 'auditd'))).toEqual([]);
    // a mutation twin: a control that lost its toggle, and one that lost its PCI tag
    const path = 'ansible/roles/cis_hardening/tasks/network.yml';
    const mutated = edit(files, path, (s) => s.replace('    - cis_3_3_10\n', '    - true\n').replace('    - "pci_dss_1.4.2"\n', ''));
    expect(controlsOf(mutated, 'cis_hardening').flatMap((c) => controlProblems(c, 'cis')).length).toBeGreaterThanOrEqual(2);
  });

  it('uses every toggle in defaults, and has a toggle for every control', async () => {
    const files = await renderExample('payments-api');
    expect(unusedToggles(files, 'cis_hardening', /^cis_(flx_)?\d/)).toEqual([]);
    expect(unusedToggles(files, 'auditd', /^auditd_(flx_)?\d/)).toEqual([]);
    const ids = new Set(controlsOf(files, 'cis_hardening').map((c) => toggleOf(c.id, 'cis')));
    const defaults = yamlOf(files, 'ansible/roles/cis_hardening/defaults/main.yml') as Record<string, unknown>;
    for (const toggle of ids) expect(defaults[toggle], toggle).toBe(true);
    // mutation twin: a toggle no task reads
    const mutated = edit(files, 'ansible/roles/cis_hardening/defaults/main.yml', (s) => `${s}cis_9_9_9: true\n`);
    expect(unusedToggles(mutated, 'cis_hardening', /^cis_(flx_)?\d/)).toEqual(['cis_9_9_9']);
  });

  it('documents every default in meta/argument_specs.yml, in every role', async () => {
    const files = await renderExample('payments-api');
    const roles = ['cis_hardening', 'auditd', 'access', 'patching', 'log_forwarding', 'secrets', 'webserver', 'database'];
    expect(roles.flatMap((role) => specProblems(files, role))).toEqual([]);
    const mutated = edit(files, 'ansible/roles/patching/defaults/main.yml', (s) => `${s}patching_undocumented: 1\n`);
    expect(specProblems(mutated, 'patching')).toEqual(['patching: patching_undocumented has no argument spec']);
  });

  it('uses fully qualified module names everywhere', async () => {
    const files = await renderExample('payments-api');
    expect(fqcnProblems(files)).toEqual([]);
    const mutated = edit(files, 'ansible/roles/patching/tasks/debian.yml', (s) => s.replace('ansible.builtin.template:', 'template:'));
    expect(fqcnProblems(mutated)).toEqual(['ansible/roles/patching/tasks/debian.yml: Patching | Turn on the daily update and upgrade uses template']);
  });

  it('carries no secret value, and every task that handles one has no_log', async () => {
    const files = await renderExample('payments-api');
    expect(secretProblems(files)).toEqual([]);
    const leaked = edit(files, 'ansible/roles/webserver/tasks/tls.yml', (s) => s.replace(/  no_log: true\n/, ''));
    expect(secretProblems(leaked)).toEqual(['ansible/roles/webserver/tasks/tls.yml: Webserver | Install the private key from the secrets backend handles a secret without no_log']);
    const literal = edit(files, 'ansible/roles/access/defaults/main.yml', (s) => `${s}access_extra_key: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMutationMutationMutation\n`);
    expect(secretProblems(literal)).toEqual(['ansible/roles/access/defaults/main.yml: literal public key']);
    const password = edit(files, 'ansible/roles/database/tasks/mysql.yml', (s) => s.replace('password: "{{ database_app_password }}"', 'password: hunter2hunter2'));
    expect(secretProblems(password)).toEqual(['ansible/roles/database/tasks/mysql.yml: literal password']);
  });

  it('reads secrets from Vault with certificate validation and credentials from the environment', async () => {
    const files = await renderExample('payments-api');
    const [read] = tasksOf(files, 'ansible/roles/secrets/tasks/vault.yml') as Record<string, Record<string, unknown>>[];
    const args = read!['community.hashi_vault.vault_kv2_get']!;
    expect(args.validate_certs).toBe(true);
    expect(String(args.role_id)).toContain("lookup('ansible.builtin.env'");
    expect(read!.no_log).toBe(true);
    expect(read!.delegate_to).toBe('localhost');
  });

  it('sets the PCI DSS 4.0 values in the hardening defaults', async () => {
    const files = await renderExample('payments-api');
    const d = yamlOf(files, 'ansible/roles/cis_hardening/defaults/main.yml') as Record<string, number | string | boolean>;
    expect(d.cis_pwquality_minlen as number).toBeGreaterThanOrEqual(12);
    expect(d.cis_faillock_deny as number).toBeLessThanOrEqual(10);
    expect(d.cis_faillock_unlock_time as number).toBeGreaterThanOrEqual(1800);
    expect(d.cis_pwhistory_remember as number).toBeGreaterThanOrEqual(4);
    expect(d.cis_pass_max_days as number).toBeLessThanOrEqual(90);
    expect(d.cis_shell_timeout as number).toBeLessThanOrEqual(900);
    expect(d.cis_umask).toBe('027');
    expect(d.cis_ssh_max_auth_tries as number).toBeLessThanOrEqual(4);
    expect([d.cis_ssh_client_alive_interval, d.cis_ssh_client_alive_count_max]).toEqual([300, 3]);
    expect(d.cis_disruptive).toBe(false);
    expect(String(d.cis_ssh_macs)).not.toMatch(/sha1|md5/);
  });

  it('writes sshd_config as one validated template, never locking out the connecting user', async () => {
    const files = await renderExample('payments-api');
    const ssh = tasksOf(files, 'ansible/roles/cis_hardening/tasks/ssh.yml');
    const write = ssh.find((t) => String(t.name).startsWith('5.1.1 |'))!;
    expect((write['ansible.builtin.template'] as Record<string, string>).validate).toBe('/usr/sbin/sshd -t -f %s');
    const settings = ssh.map((t) => String((t['ansible.builtin.set_fact'] as Record<string, string> | undefined)?.cis_sshd_settings ?? '')).join('\n');
    for (const s of ["'PermitRootLogin': 'no'", "'PasswordAuthentication': 'no'", "'DisableForwarding': 'yes'", "'Banner': '/etc/issue.net'"]) expect(settings).toContain(s);
    const prereq = tasksOf(files, 'ansible/roles/cis_hardening/tasks/ssh_prereq.yml');
    expect(JSON.stringify(prereq)).toContain('[cis_ssh_connecting_user] + cis_protected_accounts');
    const preflight = tasksOf(files, 'ansible/roles/cis_hardening/tasks/preflight.yml');
    const guard = preflight.find((t) => String(t.name).includes('password authentication would lock'))!;
    expect(whenList(guard)).toEqual(['cis_flx_5_1_101']);
    const main = tasksOf(files, 'ansible/roles/cis_hardening/tasks/main.yml').map((t) => String(t['ansible.builtin.import_tasks'] ?? ''));
    expect(main.indexOf('preflight.yml')).toBeLessThan(main.indexOf('filesystems.yml'));
  });

  it('gates every service handler so it never runs in a chroot or container', async () => {
    const files = await renderExample('payments-api');
    for (const [path, file] of files) {
      if (!/^ansible\/roles\/[^/]+\/handlers\/main\.yml$/.test(path)) continue;
      for (const handler of (parse(file.content) as Task[]) ?? []) expect(whenList(handler).join(' '), `${path}: ${String(handler.name)}`).toMatch(/runtime_apply/);
    }
    const vars = files.get('ansible/roles/cis_hardening/vars/main.yml')!.content;
    expect(vars).toContain('ansible_facts.is_chroot');
    expect(vars).toContain('ansible_facts.virtualization_type');
  });

  it('ends the audit rules with -e 2 and covers b64 and b32', async () => {
    const files = await renderExample('payments-api');
    const rules = [...files].filter(([p]) => p.startsWith('ansible/roles/auditd/templates/rules/')).map(([, f]) => f.content).join('\n');
    expect(rules).toContain('arch=b64');
    expect(rules).toContain('arch=b32');
    expect(files.get('ansible/roles/auditd/templates/finalize.rules.j2')!.content).toMatch(/^-e 2$/m);
  });
});

describe('ansible: customer-data-eu (ubuntu-22.04, postgresql, no nginx) and internal-tool (no ansible)', () => {
  it('renders the database role but no webserver role, and jwt auth for Vault', async () => {
    const files = await renderExample('customer-data-eu');
    expect(files.has('ansible/roles/database/tasks/main.yml')).toBe(true);
    expect([...files.keys()].some((p) => p.startsWith('ansible/roles/webserver/'))).toBe(false);
    const site = yamlOf(files, 'ansible/playbooks/site.yml') as { hosts: string }[];
    expect(site.map((p) => p.hosts)).toEqual(['all', 'databases', 'all']);
    const vars = yamlOf(files, 'ansible/inventories/prod/group_vars/all.yml') as Record<string, unknown>;
    expect(vars.secrets_vault_auth_method).toBe('jwt');
    expect(vars.cis_allowed_webservers).toEqual([]);
  });

  it('renders no ansible/ tree for internal-tool', async () => {
    const files = await renderExample('internal-tool');
    expect([...files.keys()].some((p) => p.startsWith('ansible/'))).toBe(false);
  });

  it('keeps a Jinja-looking answer as literal text (!unsafe) in the generated variables', () => {
    const ctx = contextFor(exampleAnswers('payments-api'));
    ctx.secrets.vault!.address = "https://vault.example.com/{{ lookup('pipe', 'id') }}";
    const vars = renderComponent(ansibleFiles, ctx).find((f) => f.path === 'ansible/inventories/dev/group_vars/all.yml')!.content;
    expect(vars).toContain(`secrets_vault_url: !unsafe "https://vault.example.com/{{ lookup('pipe', 'id') }}"`);
    // the twin: the same value through the plain yaml helper would be live Jinja
    expect(yamlScalar(ctx.secrets.vault!.address)).not.toContain('!unsafe');
  });
});
