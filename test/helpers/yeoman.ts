/** Run a fluxora generator in-process through yeoman-environment, as the bin does, quietly. */
import { createEnv } from 'yeoman-environment';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { packageRoot } from '../../lib/paths.js';
import { runOutcome, type RunOutcome } from '../../lib/yeoman/generators.js';

export async function runGenerator(cwd: string, options: Record<string, unknown>, name = 'app'): Promise<{ outcome: RunOutcome | undefined; log: string }> {
  let log = '';
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      log += chunk.toString();
      done();
    },
  });
  const env = createEnv({ cwd, skipInstall: true, stdout: sink as never, stderr: sink as never });
  env.register(join(packageRoot, 'dist', 'generators', name, 'index.js'), { namespace: `fluxora:${name}` });
  const saved = process.exitCode;
  try {
    await env.run([`fluxora:${name}`], { interactive: false, skipInstall: true, ...options } as never);
  } finally {
    process.exitCode = saved;
  }
  return { outcome: runOutcome(env), log };
}
