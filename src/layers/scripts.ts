/**
 * package.json scripts as data: a script is a list of steps run one after the other (joined with
 * ` && `), and each layer edits the scripts the earlier layers composed. No layer needs to know
 * what another one wrote: the backend appends its `cd backend && … test` to whatever `test` is.
 */

/** One command of a script; an id lets a later layer replace just this step. */
export type ScriptStep = string | { readonly id: string; readonly run: string };

export type ScriptEdit =
  /** The whole script (replacing an earlier layer's) */
  | readonly ScriptStep[]
  /** Steps after the script's current ones */
  | { readonly append: readonly ScriptStep[] }
  /** Steps before the script's current ones */
  | { readonly prepend: readonly ScriptStep[] }
  /** New commands for steps with these ids */
  | { readonly replaceSteps: Readonly<Record<string, string>> }
  /** The named script as the earlier layers left it (e.g. `dev:app` keeps the `dev` a backend replaces) */
  | { readonly copyOf: string };

const isSteps = (edit: ScriptEdit): edit is readonly ScriptStep[] => Array.isArray(edit);

const run = (step: ScriptStep) => (typeof step === 'string' ? step : step.run);

function edited(
  name: string,
  current: readonly ScriptStep[] | undefined,
  edit: ScriptEdit,
  earlier: ReadonlyMap<string, readonly ScriptStep[]>,
  layer: string,
): readonly ScriptStep[] {
  if (isSteps(edit)) return edit;
  const need = (what: string) => {
    if (!current) throw new Error(`${layer} ${what} the "${name}" script, which no earlier layer defines.`);
    return current;
  };
  if ('copyOf' in edit) {
    const source = earlier.get(edit.copyOf);
    if (!source) throw new Error(`${layer} copies the "${edit.copyOf}" script into "${name}", but no earlier layer defines it.`);
    return source;
  }
  if ('append' in edit) return [...need('appends to'), ...edit.append];
  if ('prepend' in edit) return [...edit.prepend, ...need('prepends to')];
  const steps = need('replaces steps of');
  for (const id of Object.keys(edit.replaceSteps)) {
    if (!steps.some((step) => typeof step !== 'string' && step.id === id)) {
      throw new Error(`${layer} replaces step "${id}" of the "${name}" script, which has no such step.`);
    }
  }
  return steps.map((step) =>
    typeof step !== 'string' && step.id in edit.replaceSteps ? { id: step.id, run: edit.replaceSteps[step.id]! } : step,
  );
}

/**
 * Applies the layers' edits in order. A script keeps the position of its first definition (as
 * package.json key order); `copyOf` reads the scripts as they were before the copying layer.
 */
export function composeScripts(
  layers: readonly { templateDir: string; scripts?: Readonly<Record<string, ScriptEdit>> }[],
): Record<string, string> {
  const scripts = new Map<string, readonly ScriptStep[]>();
  for (const layer of layers) {
    const earlier = new Map(scripts);
    for (const [name, edit] of Object.entries(layer.scripts ?? {})) {
      scripts.set(name, edited(name, scripts.get(name), edit, earlier, `The ${layer.templateDir} layer`));
    }
  }
  return Object.fromEntries([...scripts].map(([name, steps]) => [name, steps.map(run).join(' && ')]));
}
