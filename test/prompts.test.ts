/** `yo fluxora` interactively: prompts derived from the schema, answered through yeoman-test's adapter. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import helpers from 'yeoman-test';
import { packageRoot } from '../lib/paths.js';

const APP = join(packageRoot, 'dist', 'generators', 'app', 'index.js');

describe('interactive run', () => {
  it('asks for the missing answers, validates them and stores them in .yo-rc.json', async () => {
    const result = await helpers
      .run(APP, { namespace: 'fluxora:app' })
      .withOptions({ interactive: true, skipInstall: true })
      .withAnswers({
        service: 'ledger-api',
        description: 'Ledger API',
        team: 'ledger-team',
        ownerEmail: 'ledger@example.com',
        costCenter: 'LED-1',
        repository: 'github.com/example/ledger-api',
        dataClassification: 'internal',
        compliance: ['soc2'],
        components: ['pipeline'],
        names: 'dev,prod',
        accountId: '123456789012',
        region: 'eu-west-1',
        tier: 'small',
        secrets__backend: 'aws-secrets-manager',
        network__vpcCidr: '10.30.0.0/16',
        logging__siemHost: 'siem.example.com',
        alerting__chatChannel: '#ledger-alerts',
        slo__availability: '0.999',
        slo__latencyThreshold: '250ms',
      });
    const stored = JSON.parse(result.fs.read(join(result.cwd, '.yo-rc.json')))['generator-fluxora'].answers;
    expect(stored.service).toBe('ledger-api');
    expect(stored.environments.map((e: { name: string }) => e.name)).toEqual(['dev', 'prod']);
    expect(stored.network.vpcCidr).toBe('10.30.0.0/16');
    // Conditional questions: no kubernetes, ansible, vault or SLO question for this component set.
    expect(stored.kubernetes).toBeUndefined();
    expect(stored.ansible).toBeUndefined();
    expect(stored.secrets).toEqual({ backend: 'aws-secrets-manager' });
    expect(stored.slo).toBeUndefined();
    expect(result.fs.exists(join(result.cwd, '.github/workflows/infra-ci.yml'))).toBe(true);
  });
});
