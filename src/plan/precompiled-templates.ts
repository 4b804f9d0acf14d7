import type Handlebars from 'handlebars';

/**
 * Templates compiled at build time, keyed like the planner names them (`templates/<layer>/<path>`).
 * Empty in source: scripts/build.mjs replaces this module in the bundle with every
 * `.hbs` file under templates/ precompiled, so a scaffold neither loads nor runs handlebars' compiler.
 */
export const PRECOMPILED_TEMPLATES: Readonly<Record<string, Parameters<typeof Handlebars.template>[0]>> = {};
