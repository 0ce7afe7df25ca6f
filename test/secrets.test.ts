/**
 * No secret in any output: secretlint (recommended preset) over every example's files. A planted
 * fake credential in a copy of the output proves the scan would catch one.
 */
import { describe, expect, it } from 'vitest';
import { createEngine } from '@secretlint/node';
import { EXAMPLES, renderExample } from './helpers/render.js';

const engine = createEngine({
  formatter: 'json',
  color: false,
  maskSecrets: true,
  configFileJSON: { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] },
});

async function scan(filePath: string, content: string): Promise<{ ok: boolean; output: string }> {
  return (await engine).executeOnContent({ content, filePath });
}

/** Fake credentials shaped like real ones (not valid anywhere). */
const PLANTED = {
  'github token': `token: ghp_${'A1b2C3d4E5'.repeat(3)}A1b2C3`,
  'private key': `-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA${'q'.repeat(60)}\n${'Zm9v'.repeat(16)}\n-----END RSA PRIVATE KEY-----`,
  'slack webhook': 'url: https://hooks.slack.com/services/T01234567/B01234567/abcdefghijklmnopqrstuvwx',
};

describe.each(EXAMPLES)('secret scan: %s', (example) => {
  it('finds nothing in any generated file', async () => {
    const files = await renderExample(example);
    expect(files.size).toBeGreaterThan(0);
    for (const [path, file] of files) {
      const result = await scan(path, file.content);
      expect(result.ok, `${path}: ${result.output}`).toBe(true);
    }
  });

  it.each(Object.entries(PLANTED))('catches a planted %s in a copy of the output', async (_, secret) => {
    const files = await renderExample(example);
    const [path, file] = [...files.entries()].find(([p]) => p.endsWith('.md') || p.endsWith('.yml') || p.endsWith('.yaml'))!;
    const result = await scan(path, `${file.content}\n${secret}\n`);
    expect(result.ok).toBe(false);
  });
});
