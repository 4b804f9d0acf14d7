import type Handlebars from 'handlebars';

/**
 * Every `.hbs` template compiled ahead of time, keyed by templateName(). Empty here: the bundle
 * built by scripts/build.ts carries this module filled in, so a scaffold runs no handlebars
 * compiler (compiling the templates at run time would cost more than the rest of the scaffold).
 */
export const PRECOMPILED_TEMPLATES: Readonly<Record<string, Parameters<typeof Handlebars.template>[0]>> = {};
