/**
 * What scripts/build.mjs (which precompiles every `.hbs` template) and render.ts (which looks the
 * precompiled templates up, or compiles from source) must agree on. No dependencies, so the build
 * can import it.
 */

/** We render source code, not HTML: nothing is escaped; a misspelt variable fails the plan. */
export const COMPILE_OPTIONS = { noEscape: true, strict: true } as const;

/** How a template is named in the plan's errors and in the precompiled table. */
export function templateKey(templateDir: string, path: string): string {
  return `templates/${templateDir}/${path}`;
}
