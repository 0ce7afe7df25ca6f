/**
 * Checks over Kubernetes objects, shared by the fast tier (raw manifests, pod templates assembled
 * from the chart's values) and the tool tier (helm-rendered manifests):
 * - the Pod Security Standards `restricted` profile, written from the profile's rules
 *   (https://kubernetes.io/docs/concepts/security/pod-security-standards/), one id per rule;
 * - kube-linter's default checks and the opt-ins we promise, under kube-linter's own check names;
 * - the schema validation of kubernetes-models with an unknown-field check on top.
 * Every check returns the list of its findings; an empty list is a pass.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseAllDocuments } from 'yaml';

export type K8sObject = { apiVersion: string; kind: string; metadata?: { name?: string; namespace?: string; labels?: Record<string, string> }; [key: string]: unknown };
type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Every document of a YAML stream that is a Kubernetes object (comment-only documents skipped). */
export function parseObjects(text: string): K8sObject[] {
  const out: K8sObject[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) throw new Error(doc.errors.map((e) => e.message).join('; '));
    const value = doc.toJS() as unknown;
    if (value && typeof value === 'object' && 'kind' in value) out.push(value as K8sObject);
  }
  return out;
}

export const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job']);

/** The pod template of a workload (or the spec of a Pod), with where it came from. */
export function podTemplates(objects: K8sObject[]): { owner: string; metadata: Obj; spec: Obj }[] {
  const out: { owner: string; metadata: Obj; spec: Obj }[] = [];
  for (const o of objects) {
    const name = `${o.kind}/${o.metadata?.name ?? '?'}`;
    if (o.kind === 'Pod') out.push({ owner: name, metadata: (o.metadata ?? {}) as Obj, spec: (o as Obj).spec ?? {} });
    else if (WORKLOAD_KINDS.has(o.kind)) {
      const template = (o as Obj).spec?.template ?? {};
      out.push({ owner: name, metadata: template.metadata ?? {}, spec: template.spec ?? {} });
    } else if (o.kind === 'CronJob') {
      const template = (o as Obj).spec?.jobTemplate?.spec?.template ?? {};
      out.push({ owner: name, metadata: template.metadata ?? {}, spec: template.spec ?? {} });
    }
  }
  return out;
}

function allContainers(spec: Obj): Obj[] {
  return [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])];
}

// ---------------------------------------------------------------------------------------------
// Pod Security Standards: restricted (which includes baseline)

export const PSS_RULES = [
  'baseline/host-process',
  'baseline/host-namespaces',
  'baseline/privileged',
  'baseline/capabilities',
  'baseline/host-path-volumes',
  'baseline/host-ports',
  'baseline/apparmor',
  'baseline/selinux',
  'baseline/proc-mount',
  'baseline/seccomp',
  'baseline/sysctls',
  'restricted/volume-types',
  'restricted/privilege-escalation',
  'restricted/run-as-non-root',
  'restricted/run-as-user',
  'restricted/seccomp',
  'restricted/capabilities',
] as const;
export type PssRule = (typeof PSS_RULES)[number];

const BASELINE_CAPABILITIES = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);
const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes',
]);
const RESTRICTED_VOLUME_SOURCES = new Set(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret']);
const SELINUX_TYPES = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);

export interface Finding {
  rule: string;
  where: string;
  message: string;
}

/** Every violation of the restricted profile in one pod (metadata for the AppArmor annotations). */
export function pssRestricted(pod: { metadata?: Obj; spec: Obj }, where = 'pod'): Finding[] {
  const out: Finding[] = [];
  const fail = (rule: PssRule, message: string) => out.push({ rule, where, message });
  const spec = pod.spec;
  const psc: Obj = spec.securityContext ?? {};
  const containers = allContainers(spec);
  const csc = (c: Obj): Obj => c.securityContext ?? {};

  if (psc.windowsOptions?.hostProcess === true || containers.some((c) => csc(c).windowsOptions?.hostProcess === true)) fail('baseline/host-process', 'hostProcess is set');
  for (const field of ['hostNetwork', 'hostPID', 'hostIPC']) if (spec[field] === true) fail('baseline/host-namespaces', `${field} is true`);
  for (const c of containers) if (csc(c).privileged === true) fail('baseline/privileged', `${c.name} is privileged`);
  for (const c of containers) {
    for (const cap of csc(c).capabilities?.add ?? []) if (!BASELINE_CAPABILITIES.has(cap)) fail('baseline/capabilities', `${c.name} adds ${cap}`);
  }
  for (const v of spec.volumes ?? []) if (v.hostPath !== undefined) fail('baseline/host-path-volumes', `volume ${v.name} is a hostPath`);
  for (const c of containers) for (const p of c.ports ?? []) if (p.hostPort !== undefined && p.hostPort !== 0) fail('baseline/host-ports', `${c.name} uses hostPort ${p.hostPort}`);
  const appArmorOk = (profile: Obj | undefined) => profile === undefined || profile.type === 'RuntimeDefault' || profile.type === 'Localhost';
  if (!appArmorOk(psc.appArmorProfile) || containers.some((c) => !appArmorOk(csc(c).appArmorProfile))) fail('baseline/apparmor', 'an AppArmor profile is Unconfined');
  for (const [key, value] of Object.entries(pod.metadata?.annotations ?? {})) {
    if (key.startsWith('container.apparmor.security.beta.kubernetes.io/') && value !== 'runtime/default' && !String(value).startsWith('localhost/')) fail('baseline/apparmor', `${key}=${String(value)}`);
  }
  const selinuxOk = (o: Obj | undefined) => o === undefined || (SELINUX_TYPES.has(o.type ?? '') && o.user === undefined && o.role === undefined);
  if (!selinuxOk(psc.seLinuxOptions) || containers.some((c) => !selinuxOk(csc(c).seLinuxOptions))) fail('baseline/selinux', 'seLinuxOptions sets a user, role or custom type');
  for (const c of containers) if (csc(c).procMount !== undefined && csc(c).procMount !== 'Default') fail('baseline/proc-mount', `${c.name} procMount ${String(csc(c).procMount)}`);
  if (psc.seccompProfile?.type === 'Unconfined' || containers.some((c) => csc(c).seccompProfile?.type === 'Unconfined')) fail('baseline/seccomp', 'a seccomp profile is Unconfined');
  for (const s of psc.sysctls ?? []) if (!SAFE_SYSCTLS.has(s.name)) fail('baseline/sysctls', `unsafe sysctl ${s.name}`);

  for (const v of spec.volumes ?? []) {
    const sources = Object.keys(v).filter((k) => k !== 'name');
    for (const source of sources) if (!RESTRICTED_VOLUME_SOURCES.has(source)) fail('restricted/volume-types', `volume ${v.name} uses ${source}`);
  }
  for (const c of containers) if (csc(c).allowPrivilegeEscalation !== false) fail('restricted/privilege-escalation', `${c.name} does not set allowPrivilegeEscalation: false`);
  for (const c of containers) {
    const nonRoot = csc(c).runAsNonRoot ?? psc.runAsNonRoot;
    if (csc(c).runAsNonRoot === false || nonRoot !== true) fail('restricted/run-as-non-root', `${c.name} may run as root`);
  }
  if (psc.runAsUser === 0) fail('restricted/run-as-user', 'pod runAsUser is 0');
  for (const c of containers) if (csc(c).runAsUser === 0) fail('restricted/run-as-user', `${c.name} runAsUser is 0`);
  const seccompOk = (t: unknown) => t === 'RuntimeDefault' || t === 'Localhost';
  for (const c of containers) {
    const type = csc(c).seccompProfile?.type ?? psc.seccompProfile?.type;
    if (!seccompOk(type)) fail('restricted/seccomp', `${c.name} has no RuntimeDefault or Localhost seccomp profile`);
  }
  for (const c of containers) {
    const caps = csc(c).capabilities ?? {};
    if (!(caps.drop ?? []).includes('ALL')) fail('restricted/capabilities', `${c.name} does not drop ALL`);
    for (const cap of caps.add ?? []) if (cap !== 'NET_BIND_SERVICE') fail('restricted/capabilities', `${c.name} adds ${cap}`);
  }
  return out;
}

/** Hardening the issue asks for beyond PSS: read-only root, non-zero gid, /tmp emptyDir, probes, ephemeral storage. */
export function podHardening(pod: { spec: Obj }, where = 'pod'): Finding[] {
  const out: Finding[] = [];
  const fail = (rule: string, message: string) => out.push({ rule, where, message });
  const spec = pod.spec;
  const psc: Obj = spec.securityContext ?? {};
  if (!(psc.runAsUser > 0)) fail('non-zero-uid', 'pod runAsUser is not a positive uid');
  if (!(psc.runAsGroup > 0)) fail('non-zero-gid', 'pod runAsGroup is not a positive gid');
  if (spec.automountServiceAccountToken !== false) fail('no-token-automount', 'pod mounts the service account token');
  const tmp = (spec.volumes ?? []).find((v: Obj) => v.emptyDir !== undefined && (spec.containers ?? []).every((c: Obj) => (c.volumeMounts ?? []).some((m: Obj) => m.name === v.name && m.mountPath === '/tmp')));
  if (!tmp) fail('tmp-empty-dir', 'no emptyDir mounted at /tmp');
  for (const c of spec.containers ?? []) {
    if (c.securityContext?.readOnlyRootFilesystem !== true) fail('read-only-root-fs', `${c.name} root filesystem is writable`);
    const r = c.resources ?? {};
    for (const kind of ['cpu', 'memory', 'ephemeral-storage']) if (r.requests?.[kind] === undefined) fail('requests', `${c.name} has no ${kind} request`);
    for (const kind of ['memory', 'ephemeral-storage']) if (r.limits?.[kind] === undefined) fail('limits', `${c.name} has no ${kind} limit`);
    const probes = ['startupProbe', 'livenessProbe', 'readinessProbe'].map((p) => JSON.stringify(c[p] ?? null));
    if (probes.includes('null')) fail('probes', `${c.name} lacks a startup, liveness or readiness probe`);
    else if (new Set(probes).size !== 3) fail('probes', `${c.name} probes are not distinct`);
    if (!/@sha256:[a-f0-9]{64}$/.test(String(c.image))) fail('image-digest', `${c.name} image is not pinned by digest`);
  }
  const zone = (spec.topologySpreadConstraints ?? []).find((t: Obj) => t.topologyKey === 'topology.kubernetes.io/zone');
  if (!zone) fail('zone-spread', 'no topology spread across zones');
  return out;
}

// ---------------------------------------------------------------------------------------------
// kube-linter checks (names as in kube-linter's docs/generated/checks.md)

export const KUBE_LINTER_DEFAULT = [
  'latest-tag',
  'run-as-non-root',
  'privilege-escalation-container',
  'no-read-only-root-fs',
  'unset-cpu-requirements',
  'unset-memory-requirements',
  'pdb-min-available',
  'pdb-max-unavailable',
  'non-existent-service-account',
  'default-service-account',
  'dangling-service',
  'mismatching-selector',
  'dangling-horizontalpodautoscaler',
  'liveness-port',
  'readiness-port',
  'startup-port',
  'pdb-unhealthy-pod-eviction-policy',
  'drop-net-raw-capability',
  'privileged-ports',
] as const;
export const KUBE_LINTER_OPT_IN = ['wildcard-in-rules', 'access-to-secrets', 'cluster-admin-role-binding', 'no-liveness-probe', 'no-readiness-probe'] as const;
export type KubeLinterCheck = (typeof KUBE_LINTER_DEFAULT)[number] | (typeof KUBE_LINTER_OPT_IN)[number];

function containersOf(objects: K8sObject[]): { owner: string; pod: Obj; container: Obj }[] {
  return podTemplates(objects).flatMap((t) => allContainers(t.spec).map((container) => ({ owner: t.owner, pod: t.spec, container })));
}

function replicasOf(objects: K8sObject[], workload: K8sObject): number {
  const hpa = objects.find((o) => o.kind === 'HorizontalPodAutoscaler' && (o as Obj).spec?.scaleTargetRef?.name === workload.metadata?.name);
  return hpa ? Number((hpa as Obj).spec.minReplicas ?? 1) : Number((workload as Obj).spec?.replicas ?? 1);
}

function matches(selector: Obj | undefined, labels: Record<string, string> | undefined): boolean {
  const wanted = selector?.matchLabels ?? {};
  return Object.keys(wanted).length > 0 && Object.entries(wanted).every(([k, v]) => labels?.[k] === v);
}

function rulesOf(objects: K8sObject[]): { owner: string; rule: Obj }[] {
  return objects
    .filter((o) => o.kind === 'Role' || o.kind === 'ClusterRole')
    .flatMap((o) => (((o as Obj).rules ?? []) as Obj[]).map((rule) => ({ owner: `${o.kind}/${o.metadata?.name}`, rule })));
}

const CHECKS: Partial<Record<KubeLinterCheck, (objects: K8sObject[]) => Finding[]>> = {
  'latest-tag': (objects) =>
    containersOf(objects)
      .filter(({ container }) => {
        const image = String(container.image ?? '');
        if (image.includes('@sha256:')) return false;
        const tag = /:([^/:]+)$/.exec(image)?.[1];
        return tag === undefined || tag === 'latest';
      })
      .map(({ owner, container }) => ({ rule: 'latest-tag', where: owner, message: `${container.name} image ${String(container.image)} uses latest or no tag` })),
  'run-as-non-root': (objects) =>
    containersOf(objects)
      .filter(({ pod, container }) => {
        const nonRoot = container.securityContext?.runAsNonRoot ?? pod.securityContext?.runAsNonRoot;
        const uid = container.securityContext?.runAsUser ?? pod.securityContext?.runAsUser;
        return !(nonRoot === true || (typeof uid === 'number' && uid > 0)) || uid === 0;
      })
      .map(({ owner, container }) => ({ rule: 'run-as-non-root', where: owner, message: `${container.name} may run as root` })),
  'privilege-escalation-container': (objects) =>
    containersOf(objects)
      .filter(({ container }) => container.securityContext?.allowPrivilegeEscalation !== false || container.securityContext?.privileged === true || (container.securityContext?.capabilities?.add ?? []).includes('SYS_ADMIN'))
      .map(({ owner, container }) => ({ rule: 'privilege-escalation-container', where: owner, message: `${container.name} allows privilege escalation` })),
  'no-read-only-root-fs': (objects) =>
    containersOf(objects)
      .filter(({ container }) => container.securityContext?.readOnlyRootFilesystem !== true)
      .map(({ owner, container }) => ({ rule: 'no-read-only-root-fs', where: owner, message: `${container.name} root filesystem is writable` })),
  'unset-cpu-requirements': (objects) =>
    containersOf(objects)
      .filter(({ container }) => !container.resources?.requests?.cpu)
      .map(({ owner, container }) => ({ rule: 'unset-cpu-requirements', where: owner, message: `${container.name} has no cpu request` })),
  'unset-memory-requirements': (objects) =>
    containersOf(objects)
      .filter(({ container }) => !container.resources?.requests?.memory || !container.resources?.limits?.memory)
      .map(({ owner, container }) => ({ rule: 'unset-memory-requirements', where: owner, message: `${container.name} has no memory request or limit` })),
  'pdb-min-available': (objects) =>
    objects
      .filter((o) => o.kind === 'PodDisruptionBudget' && (o as Obj).spec?.minAvailable !== undefined)
      .filter((pdb) => {
        const min = (pdb as Obj).spec.minAvailable;
        const targets = objects.filter((o) => WORKLOAD_KINDS.has(o.kind) && matches((pdb as Obj).spec.selector, (o as Obj).spec?.template?.metadata?.labels));
        return targets.some((w) => (typeof min === 'string' ? min === '100%' : min >= replicasOf(objects, w)));
      })
      .map((pdb) => ({ rule: 'pdb-min-available', where: `PodDisruptionBudget/${pdb.metadata?.name}`, message: 'minAvailable blocks every voluntary eviction' })),
  'pdb-max-unavailable': (objects) =>
    objects
      .filter((o) => o.kind === 'PodDisruptionBudget')
      .filter((pdb) => {
        const max = (pdb as Obj).spec?.maxUnavailable;
        return max === 0 || max === '0%' || max === '0';
      })
      .map((pdb) => ({ rule: 'pdb-max-unavailable', where: `PodDisruptionBudget/${pdb.metadata?.name}`, message: 'maxUnavailable 0 blocks every voluntary eviction' })),
  'non-existent-service-account': (objects) => {
    const accounts = new Set(objects.filter((o) => o.kind === 'ServiceAccount').map((o) => o.metadata?.name));
    return podTemplates(objects)
      .filter((t) => t.spec.serviceAccountName && t.spec.serviceAccountName !== 'default' && !accounts.has(t.spec.serviceAccountName))
      .map((t) => ({ rule: 'non-existent-service-account', where: t.owner, message: `service account ${String(t.spec.serviceAccountName)} is not defined` }));
  },
  'default-service-account': (objects) =>
    podTemplates(objects)
      .filter((t) => !t.spec.serviceAccountName || t.spec.serviceAccountName === 'default')
      .map((t) => ({ rule: 'default-service-account', where: t.owner, message: 'pod uses the default service account' })),
  'wildcard-in-rules': (objects) =>
    rulesOf(objects)
      .filter(({ rule }) => ['apiGroups', 'resources', 'verbs', 'resourceNames', 'nonResourceURLs'].some((k) => (rule[k] ?? []).includes('*')))
      .map(({ owner }) => ({ rule: 'wildcard-in-rules', where: owner, message: 'a rule uses a wildcard' })),
  'access-to-secrets': (objects) =>
    rulesOf(objects)
      .filter(({ rule }) => (rule.apiGroups ?? []).some((g: string) => g === '' || g === '*') && (rule.resources ?? []).some((r: string) => r === 'secrets' || r === '*'))
      .map(({ owner }) => ({ rule: 'access-to-secrets', where: owner, message: 'a rule grants access to secrets' })),
  'cluster-admin-role-binding': (objects) =>
    objects
      .filter((o) => (o.kind === 'RoleBinding' || o.kind === 'ClusterRoleBinding') && (o as Obj).roleRef?.name === 'cluster-admin')
      .map((o) => ({ rule: 'cluster-admin-role-binding', where: `${o.kind}/${o.metadata?.name}`, message: 'binds cluster-admin' })),
  'no-liveness-probe': (objects) =>
    podTemplates(objects)
      .flatMap((t) => (t.spec.containers ?? []).map((c: Obj) => ({ owner: t.owner, c })))
      .filter(({ c }) => !c.livenessProbe)
      .map(({ owner, c }) => ({ rule: 'no-liveness-probe', where: owner, message: `${String(c.name)} has no liveness probe` })),
  'no-readiness-probe': (objects) =>
    podTemplates(objects)
      .flatMap((t) => (t.spec.containers ?? []).map((c: Obj) => ({ owner: t.owner, c })))
      .filter(({ c }) => !c.readinessProbe)
      .map(({ owner, c }) => ({ rule: 'no-readiness-probe', where: owner, message: `${String(c.name)} has no readiness probe` })),
};

function probePortFindings(objects: K8sObject[], probe: string, rule: string): Finding[] {
  return containersOf(objects)
    .filter(({ container }) => {
      const port = container[probe]?.httpGet?.port ?? container[probe]?.tcpSocket?.port;
      if (port === undefined) return false;
      const ports = (container.ports ?? []) as Obj[];
      return !ports.some((p) => p.name === port || p.containerPort === port);
    })
    .map(({ owner, container }) => ({ rule, where: owner, message: `${String(container.name)} ${probe} port is not a container port` }));
}

Object.assign(CHECKS, {
  'dangling-service': (objects: K8sObject[]) =>
    objects
      .filter((o) => o.kind === 'Service')
      .filter((svc) => !podTemplates(objects).some((t) => matches({ matchLabels: (svc as Obj).spec?.selector }, t.metadata.labels)))
      .map((svc) => ({ rule: 'dangling-service', where: `Service/${svc.metadata?.name}`, message: 'selects no pod template' })),
  'mismatching-selector': (objects: K8sObject[]) =>
    objects
      .filter((o) => WORKLOAD_KINDS.has(o.kind) && !matches((o as Obj).spec?.selector, (o as Obj).spec?.template?.metadata?.labels))
      .map((o) => ({ rule: 'mismatching-selector', where: `${o.kind}/${o.metadata?.name}`, message: 'selector does not match the pod template labels' })),
  'dangling-horizontalpodautoscaler': (objects: K8sObject[]) =>
    objects
      .filter((o) => o.kind === 'HorizontalPodAutoscaler')
      .filter((hpa) => !objects.some((o) => o.kind === (hpa as Obj).spec?.scaleTargetRef?.kind && o.metadata?.name === (hpa as Obj).spec?.scaleTargetRef?.name))
      .map((hpa) => ({ rule: 'dangling-horizontalpodautoscaler', where: `HorizontalPodAutoscaler/${hpa.metadata?.name}`, message: 'scale target does not exist' })),
  'liveness-port': (objects: K8sObject[]) => probePortFindings(objects, 'livenessProbe', 'liveness-port'),
  'readiness-port': (objects: K8sObject[]) => probePortFindings(objects, 'readinessProbe', 'readiness-port'),
  'startup-port': (objects: K8sObject[]) => probePortFindings(objects, 'startupProbe', 'startup-port'),
  'pdb-unhealthy-pod-eviction-policy': (objects: K8sObject[]) =>
    objects
      .filter((o) => o.kind === 'PodDisruptionBudget' && (o as Obj).spec?.unhealthyPodEvictionPolicy !== 'AlwaysAllow')
      .map((o) => ({ rule: 'pdb-unhealthy-pod-eviction-policy', where: `PodDisruptionBudget/${o.metadata?.name}`, message: 'unhealthyPodEvictionPolicy is not AlwaysAllow' })),
  'drop-net-raw-capability': (objects: K8sObject[]) =>
    containersOf(objects)
      .filter(({ container }) => {
        const drop = (container.securityContext?.capabilities?.drop ?? []) as string[];
        return !drop.includes('ALL') && !drop.includes('NET_RAW');
      })
      .map(({ owner, container }) => ({ rule: 'drop-net-raw-capability', where: owner, message: `${String(container.name)} keeps NET_RAW` })),
  'privileged-ports': (objects: K8sObject[]) =>
    containersOf(objects)
      .filter(({ container }) => ((container.ports ?? []) as Obj[]).some((p) => p.containerPort < 1024))
      .map(({ owner, container }) => ({ rule: 'privileged-ports', where: owner, message: `${String(container.name)} listens on a privileged port` })),
});

export function kubeLinter(check: KubeLinterCheck, objects: K8sObject[]): Finding[] {
  const run = CHECKS[check];
  if (!run) throw new Error(`no kube-linter check ${check}`);
  return run(objects);
}

/** Grants the issue forbids beyond kube-linter's checks: exec, attach, port-forward, escalate, bind, impersonate. */
export function dangerousGrants(objects: K8sObject[]): Finding[] {
  const forbiddenResources = new Set(['pods/exec', 'pods/attach', 'pods/portforward', 'secrets']);
  const forbiddenVerbs = new Set(['escalate', 'bind', 'impersonate', '*']);
  return rulesOf(objects)
    .filter(({ rule }) => (rule.resources ?? []).some((r: string) => forbiddenResources.has(r)) || (rule.verbs ?? []).some((v: string) => forbiddenVerbs.has(v)))
    .map(({ owner, rule }) => ({ rule: 'dangerous-grant', where: owner, message: JSON.stringify(rule) }));
}

// ---------------------------------------------------------------------------------------------
// kubernetes-models validation + unknown fields

const require = createRequire(import.meta.url);
const MODEL_PACKAGES = ['kubernetes-models', '@kubernetes-models/prometheus-operator', '@kubernetes-models/external-secrets'];

function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

/** The file of the model class for an apiVersion/kind, or undefined when no package models it. */
export function modelFile(apiVersion: string, kind: string): string | undefined {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  for (const pkg of MODEL_PACKAGES) {
    const file = group ? join(packageDir(pkg), group!, version!, `${kind}.js`) : join(packageDir(pkg), version!, `${kind}.js`);
    if (existsSync(file)) return file;
  }
  return undefined;
}

type Validate = ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string; keyword: string; params: unknown }[] | null };
const validators = new Map<string, Promise<Validate>>();

async function validatorFor(file: string): Promise<Validate> {
  let v = validators.get(file);
  if (!v) {
    const schemaPath = /from"(\.\.\/(?:\.\.\/)?_schemas\/[A-Za-z0-9]+\.js)"/.exec(readFileSync(file, 'utf8'))?.[1];
    if (!schemaPath) throw new Error(`no schema import in ${file}`);
    v = import(pathToFileURL(join(dirname(file), schemaPath)).href).then((m: { validate: Validate }) => m.validate);
    validators.set(file, v);
  }
  return v;
}

/**
 * Wrap an object so every property the validator reads is recorded. The compiled schemas read each
 * known property by name and walk every key of a free-form map, so a key nobody read is unknown.
 */
function tracked(value: unknown, path: string, seen: Map<object, { path: string; read: Set<string> }>): unknown {
  if (value === null || typeof value !== 'object') return value;
  const entry = { path, read: new Set<string>() };
  seen.set(value, entry);
  const children = new Map<string, unknown>();
  return new Proxy(value, {
    get(target, key, receiver) {
      const result = Reflect.get(target, key, receiver);
      if (typeof key !== 'string' || !Object.prototype.hasOwnProperty.call(target, key)) return result;
      entry.read.add(key);
      if (!children.has(key)) children.set(key, tracked(result, `${path}/${key}`, seen));
      return children.get(key);
    },
  });
}

/** Validate against kubernetes-models; returns undefined when no package models the kind. */
export async function validateModel(object: { apiVersion: string; kind: string } | Obj): Promise<string[] | undefined> {
  const file = modelFile(object.apiVersion, object.kind);
  if (!file) return undefined;
  const validate = await validatorFor(file);
  const seen = new Map<object, { path: string; read: Set<string> }>();
  const ok = validate(tracked(object, '', seen));
  const problems = ok ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`);
  for (const [target, { path, read }] of seen) {
    if (Array.isArray(target)) continue;
    for (const key of Object.keys(target)) {
      if (path === '' && (key === 'apiVersion' || key === 'kind')) continue;
      if (!read.has(key)) problems.push(`${path}/${key}: unknown field`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Network isolation

export interface NetworkExpectations {
  /** Namespaces that may open connections into the service's pods. */
  ingressNamespaces: string[];
  /** CIDRs the pods may reach (besides DNS and, with a mesh, istiod). */
  egressCidrs: string[];
}

/** Default deny both ways, DNS allowed, and every allow narrow: named namespaces, known CIDRs, explicit ports. */
export function networkIsolation(objects: K8sObject[], expect: NetworkExpectations): Finding[] {
  const out: Finding[] = [];
  const policies = objects.filter((o) => o.kind === 'NetworkPolicy') as Obj[];
  const fail = (p: Obj | undefined, message: string) => out.push({ rule: 'network-isolation', where: `NetworkPolicy/${p?.metadata?.name ?? '-'}`, message });
  const deny = policies.find(
    (p) => Object.keys(p.spec?.podSelector ?? { x: 1 }).length === 0 && ['Ingress', 'Egress'].every((t) => (p.spec.policyTypes ?? []).includes(t)) && !p.spec.ingress && !p.spec.egress,
  );
  if (!deny) fail(undefined, 'no default-deny policy for ingress and egress');
  const dns = policies.some((p) => (p.spec.egress ?? []).some((e: Obj) => (e.ports ?? []).some((port: Obj) => port.port === 53 && port.protocol === 'UDP')));
  if (!dns) fail(undefined, 'no DNS egress');
  for (const p of policies) {
    for (const rule of p.spec.ingress ?? []) {
      if (!rule.from || rule.from.length === 0) fail(p, 'an ingress rule admits every source');
      if (!rule.ports || rule.ports.length === 0) fail(p, 'an ingress rule admits every port');
      for (const peer of rule.from ?? []) {
        const ns = peer.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'];
        if (peer.ipBlock || !ns || !expect.ingressNamespaces.includes(ns)) fail(p, `ingress from an unexpected peer ${JSON.stringify(peer)}`);
      }
    }
    for (const rule of p.spec.egress ?? []) {
      if (!rule.to || rule.to.length === 0) fail(p, 'an egress rule reaches every destination');
      if (!rule.ports || rule.ports.length === 0) fail(p, 'an egress rule reaches every port');
      for (const peer of rule.to ?? []) {
        if (peer.ipBlock && !expect.egressCidrs.includes(peer.ipBlock.cidr)) fail(p, `egress to an unexpected CIDR ${String(peer.ipBlock.cidr)}`);
        if (peer.ipBlock?.except) fail(p, 'ipBlock with exceptions');
        const ns = peer.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'];
        if (!peer.ipBlock && !['kube-system', 'istio-system'].includes(ns)) fail(p, `egress to an unexpected peer ${JSON.stringify(peer)}`);
      }
    }
  }
  return out;
}
