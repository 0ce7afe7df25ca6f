/**
 * The Handlebars environment: `noEscape` (HTML escaping is never right for IaC) and `strict` (a
 * missing context field is an error, not an empty string). Templates are logic-less: the only
 * mustaches allowed are calls to the escaping helpers below, the built-in block helpers, and the
 * `raw` block that emits `{{ }}` literally for Jinja, Go templates and Prometheus annotations.
 */
import Handlebars from 'handlebars';
import type { HelperOptions } from 'handlebars';
import {
  ansibleScalar,
  commentText,
  goTemplateText,
  hclString,
  jsonValue,
  markdownText,
  promqlString,
  shellWord,
  yamlDoubleQuoted,
  yamlScalar,
} from './escape.js';

/** Helper name -> the escaping function it applies. Every interpolation must use one of these. */
export const ESCAPERS: Readonly<Record<string, (value: unknown) => string>> = {
  yaml: yamlScalar,
  yamlq: yamlDoubleQuoted,
  ansible: ansibleScalar,
  hcl: hclString,
  json: jsonValue,
  sh: shellWord,
  md: markdownText,
  comment: commentText,
  promql: promqlString,
};

/** Helpers that transform a value for an inner syntax; only allowed inside an escaper's argument. */
export const TRANSFORMS: Readonly<Record<string, (value: unknown) => string>> = {
  gotmpl: goTemplateText,
};

const BLOCK_HELPERS = new Set(['if', 'unless', 'each', 'with', 'raw']);

function createEnvironment(): typeof Handlebars {
  const hbs = Handlebars.create();
  for (const [name, fn] of Object.entries({ ...ESCAPERS, ...TRANSFORMS })) {
    hbs.registerHelper(name, (value: unknown, options: HelperOptions) => {
      if (options === undefined || typeof (options as { name?: unknown }).name !== 'string') {
        throw new Error(`helper ${name} takes exactly one value`);
      }
      return fn(value);
    });
  }
  // {{{{raw}}}} ... {{{{/raw}}}}: the documented way to emit literal {{ }} (Jinja, Go templates).
  hbs.registerHelper('raw', (options: HelperOptions) => options.fn(undefined));
  // Block helpers are strict too: a condition or list that is missing from the context (a typo, a
  // renamed flag) is an error, never a silent `false`. Branch on named booleans, not on optionals.
  for (const name of ['if', 'unless', 'each', 'with']) {
    const builtin = hbs.helpers[name] as (this: unknown, ...args: unknown[]) => unknown;
    hbs.registerHelper(name, function (this: unknown, ...args: unknown[]) {
      const options = args.at(-1) as HelperOptions & { loc?: { start: { line: number } } };
      if (args.length !== 2 || args[0] === undefined) {
        throw new Error(`#${name} at line ${options.loc?.start.line ?? '?'} got ${args.length !== 2 ? 'the wrong number of arguments' : 'a value missing from the context'}`);
      }
      return builtin.apply(this, args);
    });
  }
  return hbs;
}

const environment = createEnvironment();

type AstNode = { type: string; [key: string]: unknown };

/** Reject any mustache that is not an escaping-helper call: a value can only reach output escaped. */
export function assertLogicLess(source: string, name: string): void {
  const visit = (node: unknown, insideRaw: boolean): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const child of node) visit(child, insideRaw);
      return;
    }
    const n = node as AstNode;
    if (n.type === 'MustacheStatement') {
      const path = n.path as { original?: unknown; type: string };
      const params = n.params as AstNode[];
      const helper = typeof path.original === 'string' ? path.original : '';
      if (!(helper in ESCAPERS) || params.length !== 1) {
        const loc = (n.loc as { start: { line: number } } | undefined)?.start.line ?? 0;
        throw new Error(
          `${name}:${loc}: \`{{${helper || path.type} ...}}\` interpolates without an escaping helper; use one of ${Object.keys(ESCAPERS).join(', ')}`,
        );
      }
      for (const param of params) checkSubExpression(param, name);
      return;
    }
    if (n.type === 'BlockStatement') {
      const helper = (n.path as { original?: unknown }).original;
      if (typeof helper !== 'string' || !BLOCK_HELPERS.has(helper)) {
        throw new Error(`${name}: block helper \`${String(helper)}\` is not allowed (logic belongs in the context builder)`);
      }
      if (helper === 'raw') return; // its content is literal text
    }
    if (n.type === 'PartialStatement' || n.type === 'PartialBlockStatement' || n.type === 'DecoratorBlock') {
      throw new Error(`${name}: partials and decorators are not used in fluxora templates`);
    }
    for (const [key, value] of Object.entries(n)) if (key !== 'loc') visit(value, insideRaw);
  };
  visit(Handlebars.parse(source), false);
}

function checkSubExpression(node: AstNode, name: string): void {
  if (node.type !== 'SubExpression') return;
  const helper = (node.path as { original?: unknown }).original;
  if (typeof helper !== 'string' || !(helper in TRANSFORMS)) {
    throw new Error(`${name}: sub-expression \`(${String(helper)} ...)\` is not a known transform`);
  }
}

const compiled = new Map<string, Handlebars.TemplateDelegate>();

/** Render one template source with the context. Compiled templates are cached by name. */
export function renderTemplate(name: string, source: string, data: object): string {
  let template = compiled.get(name);
  if (!template) {
    assertLogicLess(source, name);
    template = environment.compile(source, { noEscape: true, strict: true, knownHelpersOnly: false });
    compiled.set(name, template);
  }
  try {
    return template(data);
  } catch (error) {
    throw new Error(`${name}: ${(error as Error).message}`, { cause: error });
  }
}
