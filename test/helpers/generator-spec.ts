/** The shared spec of a component generator run on its own (`yo fluxora:<name>`). */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { exampleAnswers, readTree, renderAnswers } from './render.js';
import { runGenerator } from './yeoman.js';

export function componentGeneratorSpec(name: string): void {
  describe(`fluxora:${name} on its own`, () => {
    it('renders its own files from the stored answers, turns itself on, and leaves the rest alone', async () => {
      const dir = mkdtempSync(join(tmpdir(), `fluxora-${name}-`));
      const answers = structuredClone(exampleAnswers('payments-api'));
      answers.components = (answers.components as string[]).filter((c) => c !== name);
      // Settings of a component that is not chosen are rejected, so they go with it.
      if (!(answers.components as string[]).includes('ansible')) delete answers.ansible;
      if (!(answers.components as string[]).includes('kubernetes')) delete answers.kubernetes;
      const file = join(dir, '..', `${name}-answers-${Date.now()}.yaml`);
      writeFileSync(file, stringify(answers));
      await runGenerator(dir, { answers: file });
      const before = readTree(dir);

      // Its settings come in an answers file (as a user turning it on would give them).
      const full = exampleAnswers('payments-api');
      const fullFile = join(dir, '..', `${name}-full-${Date.now()}.yaml`);
      writeFileSync(fullFile, stringify(full));
      const { outcome } = name === 'ansible' || name === 'kubernetes' ? await runGenerator(dir, { answers: fullFile }, name) : await runGenerator(dir, {}, name);
      const stored = JSON.parse(readFileSync(join(dir, '.yo-rc.json'), 'utf8'))['generator-fluxora'].answers;
      expect(stored.components).toContain(name);
      const expected = await renderAnswers(name === 'ansible' || name === 'kubernetes' ? full : { ...answers, components: [...(answers.components as string[]), name] });
      const mine = [...expected.values()].filter((f) => f.component === name);
      const after = readTree(dir);
      for (const f of mine) expect(after.get(f.path), f.path).toBe(f.content);
      expect(outcome?.plan.files.filter((f) => f.component !== name && f.component !== 'compliance')).toEqual([]);
      // Everything else stays as it was; the compliance matrix follows the component being turned on.
      const derived = (path: string) => path.startsWith('.fluxora/') || path === '.yo-rc.json' || path === 'COMPLIANCE.md' || path.startsWith('compliance/');
      for (const [path, content] of before) if (!derived(path)) expect(after.get(path), path).toBe(content);
      // The matrix lists this component's files (other components' files that depend on it arrive
      // with the next full `yo fluxora`, which renders every component).
      for (const f of mine.filter((m) => m.controls.length > 0)) expect(after.get('compliance/controls.json'), f.path).toContain(JSON.stringify(f.path));
    });

    it('refuses to run without answers, writing nothing', async () => {
      const dir = mkdtempSync(join(tmpdir(), `fluxora-${name}-empty-`));
      await expect(runGenerator(dir, {}, name)).rejects.toThrow(/nothing was written/);
      expect(readTree(dir).size).toBe(0);
    });
  });
}
