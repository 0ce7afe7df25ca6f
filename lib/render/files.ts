/**
 * Declarative file lists. A generator's files.ts is an array of FileSpec; this module turns it into
 * rendered files. Template path = output path (below the component's root) + `.hbs`; a file without
 * `.hbs` is copied as it is, so its Jinja or Go-template braces never meet Handlebars.
 */
import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { stringify as yamlStringify } from 'yaml';
import type { Context } from '../answers/context.js';
import { currentTemplatesRoot } from '../paths.js';
import { renderTemplate } from './handlebars.js';
import { commentStyleFor, withHeader, type CommentStyle } from './header.js';
import { formatContent } from './format.js';

export type Locals = Record<string, unknown>;

export interface FileTarget {
  /** Output path relative to the component's root. */
  to: string;
  locals?: Locals;
}

export interface FileSpec {
  /**
   * Template path relative to templates/<component>/. Ending in `.hbs`: rendered with the context.
   * Otherwise copied verbatim. Omitted when `data` builds the content.
   */
  template?: string;
  /** Output path relative to the component's root; defaults to the template path without `.hbs`. */
  to?: string;
  /** Several outputs from one template: dynamic names come from here, never from file names. */
  each?: (ctx: Context) => FileTarget[];
  /** Render only when this returns true. */
  when?: (ctx: Context) => boolean;
  /** Mostly-computed files: build an object and serialize it (YAML or JSON by the output's extension). */
  data?: (ctx: Context, locals: Locals) => unknown;
  /** Override the header comment style chosen from the output name. */
  header?: CommentStyle;
  /** File mode for executables. */
  mode?: number;
  /** Control ids this file implements (see the compliance catalog). */
  controls?: readonly string[];
}

export interface RenderedFile {
  /** Output path relative to the target repo, POSIX separators. */
  path: string;
  content: string;
  /** Where it came from: `templates/<component>/<template>` or `data:<component>/<to>`. */
  source: string;
  component: string;
  controls: readonly string[];
  mode?: number;
}

export interface ComponentFiles {
  component: string;
  /** Output root of the component, relative to the repo: '' or e.g. 'terraform'. */
  root: string;
  files: readonly FileSpec[];
  /**
   * Component-specific derived values, computed once per run from the context and visible to this
   * component's templates and data builders as `view` (decisions are named here, not in templates).
   */
  view?: (ctx: Context) => object;
  /** Commands the run's summary suggests next (bootstrap order, validators). */
  nextSteps?: (ctx: Context) => string[];
}

const sources = new Map<string, string>();
function readTemplate(path: string): string {
  let source = sources.get(path);
  if (source === undefined) {
    source = readFileSync(path, 'utf8');
    sources.set(path, source);
  }
  return source;
}

function targetsOf(spec: FileSpec, ctx: Context): FileTarget[] {
  if (spec.each) return spec.each(ctx);
  const to = spec.to ?? spec.template?.replace(/\.hbs$/, '');
  if (!to) throw new Error('a file spec needs `template` or `to`');
  return [{ to }];
}

function serialize(path: string, value: unknown): string {
  if (path.endsWith('.json')) return `${JSON.stringify(value, null, 2)}\n`;
  // Every YAML file opens with a document start (the generated .yamllint requires it).
  const text = yamlStringify(value, { lineWidth: 0, version: '1.1' });
  return text.startsWith('---') ? text : `---\n${text}`;
}

/** Render one component's file list: body, header; not yet formatted. Sorted by path. */
export function renderComponent(component: ComponentFiles, ctx: Context): RenderedFile[] {
  const out: RenderedFile[] = [];
  const view = component.view?.(ctx) ?? {};
  for (const spec of component.files) {
    if (spec.when && !spec.when(ctx)) continue;
    for (const target of targetsOf(spec, ctx)) {
      const path = posix.join(component.root, target.to);
      const locals = target.locals ?? {};
      let body: string;
      let source: string;
      if (spec.data) {
        body = serialize(path, spec.data(ctx, { view, ...locals }));
        source = `data:${component.component}/${target.to}`;
      } else if (spec.template) {
        const file = join(currentTemplatesRoot(), component.component, spec.template);
        const text = readTemplate(file);
        body = spec.template.endsWith('.hbs') ? renderTemplate(file, text, { ...ctx, view, ...locals }) : text;
        source = `templates/${component.component}/${spec.template}`;
      } else {
        throw new Error(`file spec for ${path} has neither template nor data`);
      }
      const content = withHeader(body, spec.header ?? commentStyleFor(path), ctx.generator.version);
      out.push({
        path,
        content,
        source,
        component: component.component,
        controls: [...(spec.controls ?? [])].sort(),
        ...(spec.mode !== undefined ? { mode: spec.mode } : {}),
      });
    }
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * Whether prettier must format a rendered file. Verbatim copies are written prettier-clean; YAML built
 * from data is emitted by the yaml serializer already in prettier's style (a fast-tier test holds every
 * such file to `prettier(x) === x`), so only template renders and data-built JSON/Markdown need it.
 */
export function needsFormatting(file: RenderedFile): boolean {
  if (file.source.startsWith('templates/')) return file.source.endsWith('.hbs');
  return !/\.ya?ml$/.test(file.path);
}

/** Format rendered text files (prettier: YAML, JSON, Markdown) where needed. */
export async function formatFiles(files: RenderedFile[], onProgress?: (done: number, total: number) => void): Promise<RenderedFile[]> {
  const out: RenderedFile[] = [];
  let done = 0;
  for (const file of files) {
    out.push(needsFormatting(file) ? { ...file, content: await formatContent(file.path, file.content) } : file);
    done += 1;
    onProgress?.(done, files.length);
  }
  return out;
}
