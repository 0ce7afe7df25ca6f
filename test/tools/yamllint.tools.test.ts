/** Tool tier: yamllint (the generated repo's own .yamllint config) over every example's output. */
import { describe, expect, it } from 'vitest';
import { EXAMPLES, renderExample, writeTree } from '../helpers/render.js';
import { requireTool, run } from '../helpers/tools.js';

describe.each(EXAMPLES)('yamllint: %s', (example) => {
  it('passes yamllint --strict with the generated config', async (ctx) => {
    const yamllint = requireTool('yamllint', ctx);
    const dir = writeTree(await renderExample(example));
    const result = run(yamllint, ['--strict', '-f', 'parsable', '.'], { cwd: dir });
    expect(result.output).toBe('');
    expect(result.status).toBe(0);
  });
});
