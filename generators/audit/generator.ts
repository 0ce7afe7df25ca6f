import Generator, { type BaseOptions } from 'yeoman-generator';
import { runAudit } from '../../lib/compliance/cli.js';

type Options = BaseOptions & { format?: string; today?: string };

/**
 * `yo fluxora:audit`: the same evaluation as `npx fluxora audit`, in the destination repository.
 * Writes nothing; sets the exit code (0 pass, 1 a control fails, 2 usage error).
 */
export default class AuditGenerator extends Generator<Options> {
  constructor(args: string[], options: Options) {
    super(args, options);
    this.option('format', { type: String, description: 'table (default), json or sarif' });
    this.option('today', { type: String, description: 'evaluate waiver expiry as of YYYY-MM-DD' });
  }

  async auditing(): Promise<void> {
    const { format, today } = this.options as Options;
    const argv = ['--cwd', this.destinationRoot(), ...(format ? ['--format', format] : []), ...(today ? ['--today', today] : [])];
    const code = await runAudit(argv, { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), cwd: this.destinationRoot() });
    if (code !== 0) process.exitCode = code;
  }
}
