/**
 * Real convergence (DESIGN.md section 5): site.yml runs against a Debian 12 minbase chroot through
 * community.general.chroot, twice; the second run must report changed=0. Then, inside the chroot:
 * sshd -t, nginx -t, the connecting operator keeps key access and sudo, the hardened files hold the
 * PCI DSS values, and compliance-check.yml reports every applicable control as passing.
 *
 * The minbase tarball is built once with debootstrap into /var/tmp/fluxora-chroot-cache (outside the
 * repo) and extracted afresh for each run. Nothing here touches the host's /etc, kernel or services:
 * the roles skip runtime changes in a chroot, policy-rc.d stops package scripts from starting daemons.
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderExample, writeTree } from '../helpers/render.js';
import { requireTool, run } from '../helpers/tools.js';

const CACHE_DIR = '/var/tmp/fluxora-chroot-cache';
const CACHE = join(CACHE_DIR, 'bookworm.tar.gz');
const WORK_ROOT = '/var/tmp/fluxora-converge';
const ENV = { ANSIBLE_COLLECTIONS_PATH: '/usr/lib/python3/dist-packages/ansible_collections', ANSIBLE_NOCOLOR: '1', ANSIBLE_FORCE_COLOR: '0' };

/** Build the cached minbase tarball once (about a minute, Debian mirror only). */
function ensureCache(debootstrap: string): void {
  if (existsSync(CACHE)) return;
  mkdirSync(CACHE_DIR, { recursive: true });
  const build = mkdtempSync(join(CACHE_DIR, 'build-'));
  const boot = run(debootstrap, ['--variant=minbase', 'bookworm', build, 'http://deb.debian.org/debian']);
  if (boot.status !== 0) throw new Error(`debootstrap failed:\n${boot.output}`);
  const tar = run('tar', ['-C', build, '-czf', `${CACHE}.tmp`, '.']);
  if (tar.status !== 0) throw new Error(tar.output);
  run('mv', [`${CACHE}.tmp`, CACHE]);
  rmSync(build, { recursive: true, force: true });
}

/** A fresh chroot from the cache, with daemons kept from starting and name resolution for apt. */
function freshChroot(): string {
  mkdirSync(WORK_ROOT, { recursive: true });
  const root = mkdtempSync(join(WORK_ROOT, 'root-'));
  const tar = run('tar', ['-C', root, '-xzf', CACHE]);
  if (tar.status !== 0) throw new Error(tar.output);
  writeFileSync(join(root, 'usr/sbin/policy-rc.d'), '#!/bin/sh\nexit 101\n', { mode: 0o755 });
  copyFileSync('/etc/resolv.conf', join(root, 'etc/resolv.conf'));
  return root;
}

/** Test-only credentials, made at run time (never in the repo). */
function credentials(dir: string) {
  for (const name of ['operator', 'automation']) {
    run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', `${name}@converge`, '-f', join(dir, name)]);
  }
  run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2', '-subj', '/CN=converge.test',
    '-keyout', join(dir, 'tls.key'), '-out', join(dir, 'tls.crt')]);
  const read = (name: string) => readFileSync(join(dir, name), 'utf8');
  return {
    secrets_lookup_enabled: false,
    access_automation_public_key: read('automation.pub').trim(),
    webserver_tls_certificate_pem: read('tls.crt'),
    webserver_tls_private_key_pem: read('tls.key'),
    database_tls_certificate_pem: read('tls.crt'),
    database_tls_private_key_pem: read('tls.key'),
  };
}

const BOOTSTRAP = `---
- name: Bootstrap the chroot (test fixture) with python3, systemd and an operator who has a key and sudo
  hosts: all
  gather_facts: false
  tasks:
    - name: Install python3, sudo and systemd with raw
      ansible.builtin.raw: >-
        test -x /usr/bin/python3 && test -x /usr/bin/sudo && test -x /usr/bin/systemctl || (apt-get update -qq &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3 sudo systemd)
      changed_when: false
    - name: Create the operator
      ansible.builtin.user:
        name: operator
        shell: /bin/bash
    - name: Authorize the operator's key
      ansible.posix.authorized_key:
        user: operator
        key: "{{ lookup('ansible.builtin.file', operator_pub) }}"
    - name: Give the operator sudo
      ansible.builtin.copy:
        dest: /etc/sudoers.d/90-operator
        content: "operator ALL=(ALL) NOPASSWD: ALL\\n"
        mode: "0440"
        validate: /usr/sbin/visudo -cf %s
`;

function inventory(root: string, groups: string[]): string {
  const children = groups.map((g) => `    ${g}:\n      hosts:\n        converge:\n`).join('');
  return `---\nall:\n  hosts:\n    converge:\n      ansible_connection: community.general.chroot\n      ansible_host: ${root}\n      ansible_user: operator\n      ansible_python_interpreter: /usr/bin/python3\n  children:\n${children}`;
}

const recap = (output: string) => {
  const match = /converge\s+: ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)/.exec(output);
  return match ? { ok: Number(match[1]), changed: Number(match[2]), unreachable: Number(match[3]), failed: Number(match[4]) } : undefined;
};

/** Examples converged against Debian 12 (customer-data-eu targets Ubuntu 22.04: same family, same roles, no nginx). */
const CASES = [
  { example: 'payments-api', groups: ['app_servers', 'webservers', 'databases'], nginx: true },
  { example: 'customer-data-eu', groups: ['app_servers', 'databases'], nginx: false },
];

describe.each(CASES)('ansible converge: $example on a Debian 12 chroot', ({ example, groups, nginx }) => {
  it('converges, converges again with changed=0, keeps the operator in, and passes the compliance check', async (ctx) => {
    const playbook = requireTool('ansible-playbook', ctx);
    const debootstrap = requireTool('debootstrap', ctx);
    const chroot = requireTool('chroot', ctx);
    if (process.getuid?.() !== 0) throw new Error('the converge test needs root (chroot)');
    ensureCache(debootstrap);
    const root = freshChroot();
    const work = mkdtempSync(join(WORK_ROOT, `${example}-`));
    const dir = join(work, 'ansible');
    cpSync(join(writeTree(await renderExample(example), 'fluxora-converge-'), 'ansible'), dir, { recursive: true });
    mkdirSync(join(dir, 'inventories/converge'), { recursive: true });
    cpSync(join(dir, 'inventories/dev/group_vars'), join(dir, 'inventories/converge/group_vars'), { recursive: true });
    writeFileSync(join(dir, 'inventories/converge/hosts.yml'), inventory(root, groups));
    writeFileSync(join(work, 'extra.json'), JSON.stringify(credentials(work)));
    writeFileSync(join(dir, 'bootstrap.yml'), BOOTSTRAP);
    const inv = ['-i', 'inventories/converge/hosts.yml'];
    const timings: Record<string, number> = {};
    const timed = (label: string, args: string[]) => {
      const start = Date.now();
      const result = run(playbook, args, { cwd: dir, env: ENV });
      timings[label] = Math.round((Date.now() - start) / 1000);
      return result;
    };
    try {
      const boot = timed('bootstrap', [...inv, 'bootstrap.yml', '-e', `operator_pub=${join(work, 'operator.pub')}`]);
      expect(boot.status, boot.output.slice(-3000)).toBe(0);

      const first = timed('converge1', [...inv, 'playbooks/site.yml', '-e', `@${join(work, 'extra.json')}`]);
      expect(first.status, first.output.slice(-6000)).toBe(0);
      expect(recap(first.output)?.failed).toBe(0);

      const second = timed('converge2', [...inv, 'playbooks/site.yml', '-e', `@${join(work, 'extra.json')}`]);
      expect(second.status, second.output.slice(-6000)).toBe(0);
      const changedTasks = second.output.split('\n').filter((l) => l.startsWith('changed:')).length;
      expect(recap(second.output)?.changed, `second run changed tasks: ${changedTasks}\n${second.output.slice(-6000)}`).toBe(0);

      const inside = (...cmd: string[]) => run(chroot, [root, ...cmd]);
      expect(inside('/usr/sbin/sshd', '-t').status, inside('/usr/sbin/sshd', '-t').output).toBe(0);
      if (nginx) expect(inside('/usr/sbin/nginx', '-t').status, inside('/usr/sbin/nginx', '-t').output).toBe(0);
      const effective = inside('/usr/sbin/sshd', '-T', '-C', 'user=operator,host=converge,addr=127.0.0.1').stdout;
      expect(effective).toMatch(/^pubkeyauthentication yes$/m);
      expect(effective).toMatch(/^passwordauthentication no$/m);
      expect(effective).toMatch(/^permitrootlogin no$/m);
      expect(effective).toMatch(/^maxauthtries 4$/m);
      expect(effective).toMatch(/^allowgroups sshusers$/m);
      expect(inside('id', '-nG', 'operator').stdout.split(/\s+/)).toContain('sshusers');
      expect(inside('id', '-nG', 'fluxora-automation').stdout.split(/\s+/)).toContain('sshusers');
      const sudo = inside('su', 'operator', '-c', 'sudo -n true');
      expect(sudo.status, sudo.output).toBe(0);

      const file = (path: string) => readFileSync(join(root, path), 'utf8');
      expect(file('etc/sysctl.d/60-cis-hardening.conf')).toMatch(/^kernel\.randomize_va_space=2$/m);
      expect(file('etc/sysctl.d/60-cis-hardening.conf')).toMatch(/^net\.ipv4\.tcp_syncookies=1$/m);
      expect(file('etc/audit/rules.d/99-finalize.rules')).toMatch(/^-e 2$/m);
      expect(file('etc/audit/rules.d/50-identity.rules')).toMatch(/^-w \/etc\/shadow -p wa -k identity$/m);
      expect(file('etc/pam.d/common-auth')).toMatch(/pam_faillock\.so/);
      expect(file('etc/pam.d/common-password')).toMatch(/pam_pwhistory\.so remember=24/);
      expect(file('etc/pam.d/common-auth')).not.toMatch(/nullok/);
      expect(file('etc/login.defs')).toMatch(/^PASS_MAX_DAYS\t90$/m);
      expect(file('etc/security/faillock.conf')).toMatch(/^unlock_time = 1800$/m);
      expect(file('etc/security/pwquality.conf.d/60-cis.conf')).toMatch(/^minlen = 14$/m);
      expect(existsSync(join(root, 'var/lib/aide/aide.db'))).toBe(true);

      const check = timed('compliance', [...inv, 'playbooks/compliance-check.yml']);
      expect(check.status, check.output.slice(-6000)).toBe(0);
      const report = JSON.parse(readFileSync(join(dir, 'reports/converge.json'), 'utf8')) as { controls: { id: string; status: string }[] };
      expect(report.controls.filter((c) => c.status === 'fail')).toEqual([]);
      expect(report.controls.filter((c) => c.status === 'pass').length).toBeGreaterThanOrEqual(40);
      process.stderr.write(`\n[converge ${example}] timings (s): ${JSON.stringify(timings)}\n`);
    } finally {
      rmSync(root, { recursive: true, force: true });
      rmSync(work, { recursive: true, force: true });
    }
  }, 3_600_000);
});
