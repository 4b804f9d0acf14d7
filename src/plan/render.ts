import Handlebars from 'handlebars';
import { VERSIONS } from '../versions.js';
import type { TemplateContext } from './context.js';
import { COMPILE_OPTIONS } from './precompile-contract.js';
import { PRECOMPILED_TEMPLATES } from './precompiled-templates.js';

/**
 * One handlebars instance for all templates. We render source code, not HTML, so nothing is
 * escaped; `strict` makes a misspelt variable fail the plan instead of rendering as "".
 */
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

/** `source` is undefined when only the bundle's precompiled copy exists (the template pack omits it). */
export function renderTemplate(source: string | undefined, context: TemplateContext, fileName: string): string {
  try {
    // The published bundle carries every template precompiled (and only handlebars' runtime);
    // from source (tsx, tests) templates compile here.
    const precompiled = PRECOMPILED_TEMPLATES[fileName];
    if (!precompiled && source === undefined) throw new Error('the bundle lacks its precompiled template (rebuild the CLI)');
    const template = precompiled ? handlebars.template(precompiled) : handlebars.compile(source, COMPILE_OPTIONS);
    return template(context);
  } catch (error) {
    throw new Error(`Template ${fileName}: ${(error as Error).message}`);
  }
}
