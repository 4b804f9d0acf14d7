import Handlebars from 'handlebars';
import { VERSIONS } from '../versions.js';
import type { TemplateContext } from './context.js';
import { PRECOMPILED_TEMPLATES } from './precompiled-templates.js';

/** We render source code, not HTML: nothing is escaped; a misspelt variable fails the plan. */
export const COMPILE_OPTIONS = { noEscape: true, strict: true } as const;

/** How a template is named in the plan's errors and in the precompiled table. */
export function templateName(templateDir: string, path: string): string {
  return `templates/${templateDir}/${path}`;
}

/** One handlebars instance for all templates (in the bundle: handlebars' runtime only). */
const handlebars = Handlebars.create();

handlebars.registerHelper('version', (name: unknown, options: Handlebars.HelperOptions) => {
  if (typeof name !== 'string' || !(name in VERSIONS)) {
    throw new Error(`Unknown package in {{version}}: ${String(name)} (add it to src/versions.ts)`);
  }
  // The context's map, so snapshot tests can render with normalised versions.
  const versions = (options.data?.root as TemplateContext | undefined)?.versions ?? VERSIONS;
  return versions[name as keyof typeof versions];
});
handlebars.registerHelper('json', (value: unknown) => JSON.stringify(value));
handlebars.registerHelper('eq', (a: unknown, b: unknown) => a === b);

export function renderTemplate(source: string, context: TemplateContext, fileName: string): string {
  try {
    const precompiled = PRECOMPILED_TEMPLATES[fileName];
    // From source (tests, dev-generate) nothing is precompiled and templates compile here.
    const template = precompiled ? handlebars.template(precompiled) : handlebars.compile(source, COMPILE_OPTIONS);
    return template(context);
  } catch (error) {
    throw new Error(`Template ${fileName}: ${(error as Error).message}`, { cause: error });
  }
}
