/** `yo fluxora`: composes the chosen components, prompts only for what is missing. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleAnswers, renderAnswers, readTree } from '../helpers/render.js';
import { runGenerator } from '../helpers/yeoman.js';
import { fieldsToAsk, questionFor, promptFields } from '../../lib/yeoman/answers-input.js';
import { packageRoot } from '../../lib/paths.js';

describe('fluxora:app', () => {
  it('composes exactly the components chosen in the answers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fluxora-app-'));
    const { outcome } = await runGenerator(dir, { answers: join(packageRoot, 'examples', 'internal-tool.yaml') });
    const expected = await renderAnswers(exampleAnswers('internal-tool'));
    const tree = readTree(dir);
    for (const [path, file] of expected) expect(tree.get(path), path).toBe(file.content);
    const components = new Set(outcome!.plan.files.map((f) => f.component));
    for (const c of components) expect(['app', 'terraform', 'kubernetes', 'compliance']).toContain(c);
  });
});

describe('prompts from the schema', () => {
  it('asks every unanswered, relevant question, in schema order', () => {
    const asked = fieldsToAsk({ components: ['terraform'], secrets: { backend: 'aws-secrets-manager' } }, false).map((f) => f.path);
    expect(asked.slice(0, 5)).toEqual(['service', 'description', 'team', 'ownerEmail', 'costCenter']);
    expect(asked).not.toContain('components');
    expect(asked).not.toContain('secrets.backend');
  });
  it('asks nothing already answered, unless asked to ask again', () => {
    const answers = exampleAnswers('payments-api');
    const unanswered = fieldsToAsk(answers, false).map((f) => f.path);
    expect(unanswered).toEqual(promptFields().map((f) => f.path).filter((p) => !p.split('.').reduce<unknown>((n, k) => (n as Record<string, unknown> | undefined)?.[k], answers)));
    expect(fieldsToAsk(answers, true).length).toBe(promptFields().length);
  });
  it('builds inquirer questions with the schema defaults and choices', () => {
    const field = (path: string) => promptFields().find((f) => f.path === path)!;
    expect(questionFor(field('dataClassification'), undefined)).toMatchObject({ type: 'select', choices: ['public', 'internal', 'confidential', 'restricted'], default: 'confidential' });
    expect(questionFor(field('components'), undefined)).toMatchObject({ type: 'checkbox' });
    expect(questionFor(field('kubernetes.containerPort'), undefined)).toMatchObject({ type: 'input', default: '8080' });
  });
});
