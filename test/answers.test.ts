/**
 * The answers contract: schema rules in plain words, cross-field rules, defaults, the derived
 * context, and (property-based) that any invalid answer set is rejected with its field named and
 * nothing written.
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { validateAnswers } from '../lib/answers/schema.js';
import { buildContext } from '../lib/answers/context.js';
import { isPrivateVpcCidr, isCidr } from '../lib/answers/formats.js';
import { EXAMPLES, exampleAnswers } from './helpers/render.js';
import { runGenerator } from './helpers/yeoman.js';

type Raw = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A problem names `field` when its field is that field or inside it (`components[0]` names `components`). */
function names(problems: Array<{ field: string }>, field: string): boolean {
  return problems.some((p) => p.field === field || p.field.startsWith(`${field}[`) || p.field.startsWith(`${field}.`));
}

function problemsOf(raw: unknown) {
  const result = validateAnswers(raw);
  return result.ok ? [] : result.problems;
}

describe('examples', () => {
  it.each(EXAMPLES)('%s is valid', (name) => {
    expect(problemsOf(exampleAnswers(name))).toEqual([]);
  });
});

/**
 * Mutations that each make a valid answer set invalid, with the field the message must name.
 * They cover every rule family: patterns, enums, ranges, required fields, uniqueness, unknown keys
 * and the cross-field rules.
 */
const MUTATIONS: Array<{ field: string; apply: (a: Raw) => void; needs?: (a: Raw) => boolean }> = [
  ...['Payments', 'pay_api', '1api', 'api-', '', 'a'.repeat(41), 'pay api', 'pay\napi', '{{x}}'].map((v) => ({ field: 'service', apply: (a: Raw) => void (a.service = v) })),
  { field: 'service', apply: (a) => void delete a.service },
  { field: 'service', apply: (a) => void (a.service = 42) },
  ...['Team', 't', 'team_x', ''].map((v) => ({ field: 'team', apply: (a: Raw) => void (a.team = v) })),
  ...['not-an-email', 'a@', '@b.c', ''].map((v) => ({ field: 'ownerEmail', apply: (a: Raw) => void (a.ownerEmail = v) })),
  ...['', 'FIN 1', 'x'.repeat(33), '-x'].map((v) => ({ field: 'costCenter', apply: (a: Raw) => void (a.costCenter = v) })),
  { field: 'environments', apply: (a) => void (a.environments = []) },
  { field: 'environments', apply: (a) => void (a.environments = [a.environments[0], { ...a.environments[0] }]) },
  ...['12345678901', '1234567890123', 'abcdefghijkl', '12345678901a', ''].map((v) => ({ field: 'environments[0].accountId', apply: (a: Raw) => void (a.environments[0].accountId = v) })),
  ...['eu-west-9', 'mars-1', 'EU-WEST-1', ''].map((v) => ({ field: 'environments[0].region', apply: (a: Raw) => void (a.environments[0].region = v) })),
  ...['huge', ''].map((v) => ({ field: 'environments[0].tier', apply: (a: Raw) => void (a.environments[0].tier = v) })),
  ...['Prod', 'prod-1', '1prod', ''].map((v) => ({ field: 'environments[0].name', apply: (a: Raw) => void (a.environments[0].name = v) })),
  { field: 'environments[0].accountId', apply: (a) => void delete a.environments[0].accountId },
  { field: 'environments[0].colour', apply: (a) => void (a.environments[0].colour = 'blue') },
  { field: 'dataClassification', apply: (a) => void (a.dataClassification = 'secret') },
  { field: 'compliance', apply: (a) => void (a.compliance = ['hipaa']) },
  { field: 'compliance', apply: (a) => void (a.compliance = ['soc2', 'soc2']) },
  { field: 'components', apply: (a) => void (a.components = []) },
  { field: 'components', apply: (a) => void (a.components = ['puppet']) },
  { field: 'secrets.backend', apply: (a) => void (a.secrets = { backend: 'keepass' }) },
  { field: 'secrets.vault', apply: (a) => void (a.secrets = { backend: 'vault' }) },
  ...['http://vault.example.com', 'vault.example.com', 'https://', 'https://v.example.com/path/x'].map((v) => ({
    field: 'secrets.vault.address',
    apply: (a: Raw) => void (a.secrets = { backend: 'vault', vault: { address: v } }),
  })),
  { field: 'secrets.vault.authMethod', apply: (a) => void (a.secrets = { backend: 'vault', vault: { address: 'https://v.example.com', authMethod: 'token' } }) },
  { field: 'cloud.provider', apply: (a) => void (a.cloud = { provider: 'azure' }) },
  ...['centos-7', 'windows', 'ubuntu-20.04'].map((v) => ({ field: 'ansible.os', apply: (a: Raw) => void (a.components = ['ansible'], a.ansible = { os: v }) })),
  { field: 'ansible.webserver', apply: (a) => void ((a.components = ['ansible']), (a.ansible = { webserver: 'apache' })) },
  { field: 'ansible', apply: (a) => void ((a.components = ['terraform']), (a.kubernetes = {}), (a.ansible = { webserver: 'nginx' })) },
  { field: 'kubernetes.ingressHost', apply: (a) => void ((a.components = ['terraform']), (a.kubernetes = { ingressHost: 'x.example.com' })) },
  { field: 'kubernetes.image', apply: (a) => void ((a.components = ['kubernetes']), delete a.kubernetes) },
  ...[0, 80, 1023, 65536, 70000, 8080.5].map((v) => ({ field: 'kubernetes.containerPort', apply: (a: Raw) => void (a.components = ['kubernetes'], a.kubernetes = { image: 'r.example.com/x', containerPort: v }) })),
  ...['Payments', 'ns_1', '-ns', 'a'.repeat(64)].map((v) => ({ field: 'kubernetes.namespace', apply: (a: Raw) => void (a.components = ['kubernetes'], a.kubernetes = { image: 'r.example.com/x', namespace: v }) })),
  { field: 'kubernetes.minReplicas', apply: (a) => void ((a.components = ['kubernetes']), (a.kubernetes = { image: 'r.example.com/x', minReplicas: 5, maxReplicas: 3 })) },
  ...['not a host', 'localhost', 'http://x.example.com', 'x.example.com.', '-x.example.com', 'X.example.com'].map((v) => ({
    field: 'kubernetes.ingressHost',
    apply: (a: Raw) => void (a.components = ['kubernetes'], a.kubernetes = { image: 'r.example.com/x', ingressHost: v }),
  })),
  ...['UPPER/x', 'r.example.com/x:latest', 'r.example.com/x@sha256:abc', 'nopath'].map((v) => ({ field: 'kubernetes.image', apply: (a: Raw) => void (a.components = ['kubernetes'], a.kubernetes = { image: v }) })),
  ...['8.8.0.0/16', '10.0.0.0/8', '10.0.0.0/25', '10.0.0.1/16', '172.32.0.0/16', '192.168.0.0/15', 'banana', '10.0.0.0'].map((v) => ({ field: 'network.vpcCidr', apply: (a: Raw) => void (a.network = { vpcCidr: v }) })),
  ...['300.1.1.1/32', '1.2.3.4', '1.2.3.4/33'].map((v) => ({ field: 'network.egressCidrs[0]', apply: (a: Raw) => void (a.network = { egressCidrs: [v] }) })),
  ...[0.9, 0.5, 1, 0.999999, -1].map((v) => ({ field: 'slo.availability', apply: (a: Raw) => void (a.slo = { availability: v }) })),
  ...['0ms', '-1s', 'fast', '1m', '', '1.5s', '300'].map((v) => ({ field: 'slo.latencyThreshold', apply: (a: Raw) => void (a.slo = { latencyThreshold: v }) })),
  { field: 'dataClassification', apply: (a) => void ((a.dataClassification = 'restricted'), (a.compliance = ['soc2']), delete a.riskAcceptance) },
  { field: 'riskAcceptance.reason', apply: (a) => void ((a.dataClassification = 'restricted'), (a.compliance = []), (a.riskAcceptance = { owner: 'cto@example.com', reason: 'short' })) },
  { field: 'alerting.chatChannel', apply: (a) => void (a.alerting = { chatChannel: 'payments' }) },
  { field: 'alerting.pagerKeyFile', apply: (a) => void (a.alerting = { pagerKeyFile: 'relative/path' }) },
  { field: 'logging.siemPort', apply: (a) => void (a.logging = { siemPort: 0 }) },
  { field: 'unknownAnswer', apply: (a) => void (a.unknownAnswer = true) },
];

/** The top-level answers a mutation reads or writes (recorded through a proxy on a copy). */
function touchedKeys(apply: (a: Raw) => void, base: Raw): string[] {
  const keys = new Set<string>();
  const target = structuredClone(base);
  const proxy = new Proxy(target, {
    get: (o, k) => (typeof k === 'string' && keys.add(k), Reflect.get(o, k)),
    set: (o, k, v) => (typeof k === 'string' && keys.add(k), Reflect.set(o, k, v)),
    deleteProperty: (o, k) => (typeof k === 'string' && keys.add(k), Reflect.deleteProperty(o, k)),
  });
  apply(proxy);
  return [...keys];
}

const invalidAnswers = fc
  .tuple(fc.constantFrom(...EXAMPLES), fc.constantFrom(...MUTATIONS.map((_, i) => i)), fc.constantFrom(...MUTATIONS.map((_, i) => i)))
  .map(([example, first, second]) => {
    const base = exampleAnswers(example) as Raw;
    const answers = structuredClone(base);
    const mutation = MUTATIONS[first]!;
    mutation.apply(answers);
    const fields = [mutation.field];
    // Sometimes a second mutation on other answers: every failing field must still be listed.
    if (!touchedKeys(MUTATIONS[second]!.apply, base).some((k) => touchedKeys(mutation.apply, base).includes(k))) {
      MUTATIONS[second]!.apply(answers);
      fields.push(MUTATIONS[second]!.field);
    }
    return { example, answers, fields };
  });

describe('invalid answers (property-based)', () => {
  it('rejects every generated invalid set and names each failing field', () => {
    let runs = 0;
    fc.assert(
      fc.property(invalidAnswers, ({ answers, fields }) => {
        runs += 1;
        const problems = problemsOf(answers);
        expect(problems.length).toBeGreaterThan(0);
        for (const field of fields) expect(names(problems, field), `${field} in ${JSON.stringify(problems)}`).toBe(true);
        for (const p of problems) expect(p.message.length).toBeGreaterThan(5);
      }),
      { numRuns: 1000 },
    );
    expect(runs).toBe(1000);
  });

  it('through the generator: exits with the problems listed and writes nothing, not even .yo-rc.json', async () => {
    const samples = fc.sample(invalidAnswers, { numRuns: 300, seed: 4242 });
    for (const { answers, fields } of samples) {
      const dir = mkdtempSync(join(tmpdir(), 'fluxora-invalid-'));
      const file = join(tmpdir(), `${dir.split('/').pop()}.answers.json`);
      writeFileSync(file, JSON.stringify(answers));
      await expect(runGenerator(dir, { answers: file })).rejects.toThrow(new RegExp(`nothing was written[\\s\\S]*- ${fields[0]!.replace(/[.[\]]/g, '\\$&')}[.[:]`));
      expect(readdirSync(dir)).toEqual([]);
    }
  }, 120_000);

  it('every mutation kind is hit by its own fixed case', () => {
    for (const mutation of MUTATIONS) {
      const answers = structuredClone(exampleAnswers('payments-api')) as Raw;
      mutation.apply(answers);
      expect(names(problemsOf(answers), mutation.field), `${mutation.field} in ${JSON.stringify(problemsOf(answers))}`).toBe(true);
    }
  });
});

describe('plain-words messages', () => {
  it('says what the rule is', () => {
    const answers = structuredClone(exampleAnswers('payments-api')) as Raw;
    answers.environments[1].accountId = '123';
    answers.kubernetes.minReplicas = 20;
    expect(problemsOf(answers)).toEqual([
      { field: 'environments[1].accountId', message: 'has an invalid value (AWS account id of the environment: exactly 12 digits.)' },
      { field: 'kubernetes.minReplicas', message: expect.stringMatching(/^must be at most maxReplicas \(12\)/) },
    ]);
  });
  it('explains the cross-field rules', () => {
    const answers = structuredClone(exampleAnswers('internal-tool')) as Raw;
    answers.dataClassification = 'restricted';
    expect(problemsOf(answers)).toEqual([{ field: 'dataClassification', message: 'restricted data requires `pci-dss-4` in compliance, or a `riskAcceptance` with owner and reason' }]);
    answers.riskAcceptance = { owner: 'ciso@example.com', reason: 'No cardholder data; restricted because of trade secrets' };
    expect(problemsOf(answers)).toEqual([]);
  });
});

describe('addresses', () => {
  it('accepts exactly the RFC 1918 networks from /16 to /24 as VPC ranges', () => {
    expect(['10.0.0.0/16', '172.16.0.0/16', '172.31.255.0/24', '192.168.0.0/16', '10.20.30.0/24'].every(isPrivateVpcCidr)).toBe(true);
    expect(['10.0.0.0/15', '10.0.0.0/25', '172.15.0.0/16', '11.0.0.0/16', '192.169.0.0/16', '10.0.0.1/16'].some(isPrivateVpcCidr)).toBe(false);
  });
  it('parses CIDRs strictly', () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.integer({ min: 0, max: 32 }), (ip, prefix) => {
        const octets = ip.split('.').map(Number);
        const address = ((octets[0]! << 24) | (octets[1]! << 16) | (octets[2]! << 8) | octets[3]!) >>> 0;
        const hostBits = prefix === 0 ? 0xffffffff : (1 << (32 - prefix)) - 1;
        const isNetwork = prefix === 32 || (address & hostBits) >>> 0 === 0;
        expect(isCidr(`${ip}/${prefix}`)).toBe(isNetwork);
      }),
    );
  });
});

describe('defaults and the derived context', () => {
  it('applies schema defaults after validation', () => {
    const result = validateAnswers(exampleAnswers('internal-tool'));
    if (!result.ok) throw new Error('invalid');
    expect(result.answers.slo).toEqual({ availability: 0.999, latencyThreshold: '300ms', latencyTarget: 0.99 });
    expect(result.answers.kubernetes.mesh).toBe('none');
    expect(result.answers.network.egressCidrs).toEqual([]);
  });
  it('decides flags once', () => {
    const pay = buildContext((validateAnswers(exampleAnswers('payments-api')) as { answers: never }).answers);
    expect(pay.flags).toMatchObject({ pciScope: true, soc2: true, gdpr: false, restrictedData: true, vault: true, nginx: true, postgresql: true, istio: true, ingress: true });
    const tool = buildContext((validateAnswers(exampleAnswers('internal-tool')) as { answers: never }).answers);
    expect(tool.flags).toMatchObject({ pciScope: false, vault: false, awsSecretsManager: true, database: false, nginx: false, ingress: false });
    expect(tool.kubernetes.namespace).toBe('ledger-admin');
    expect(tool.service.repository).toBe('github.com/finance-tools/ledger-admin');
  });
  it('sizes production with at least three replicas and multi-AZ', () => {
    for (const example of EXAMPLES) {
      const ctx = buildContext((validateAnswers(exampleAnswers(example)) as { answers: never }).answers);
      for (const env of ctx.environments.filter((e) => e.isProduction)) {
        expect(env.replicas.min).toBeGreaterThanOrEqual(3);
        expect(env.replicas.max).toBeGreaterThanOrEqual(env.replicas.min);
        expect(env.sizing.multiAz).toBe(true);
      }
    }
  });
  it('computes the error budget and latency threshold in seconds', () => {
    const ctx = buildContext((validateAnswers(exampleAnswers('payments-api')) as { answers: never }).answers);
    expect(ctx.slo.errorBudget).toBeCloseTo(0.0005, 10);
    expect(ctx.slo.latencyThresholdSeconds).toBe(0.3);
  });
});

describe('README answers table', () => {
  it('is the table generated from the schema (npm run docs)', async () => {
    const { readFileSync } = await import('node:fs');
    const { withAnswersTable } = await import('../lib/answers/table.js');
    const { packageRoot } = await import('../lib/paths.js');
    const readme = readFileSync(join(packageRoot, 'README.md'), 'utf8');
    expect(readme).toBe(withAnswersTable(readme));
    expect(readme).toContain('| `environments[].accountId` | string | yes |');
  });
});
