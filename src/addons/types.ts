/**
 * An add-on is an opt-in part of the app (`--with <id>`) as one module beside its template folder
 * (`templates/addon-<id>/addon.ts`), like a variant: its id, label and hint (the question, --help,
 * docs/CLI.md) and the layer it adds after the chosen variants' layers. The layer carries its
 * files, dependencies, scripts and slot contributions (src/layers/types.ts).
 */
import type { Layer, LayerOptions } from '../layers/types.js';

export interface AddonModule<Id extends string = string> {
  /** The value in `--with`, in ProjectOptions.addons and in the app's manifest, e.g. `workers` */
  readonly id: Id;
  /** Shown in the question, e.g. `Utility-process workers` */
  readonly label: string;
  /** One line under the highlighted choice */
  readonly hint: string;
  /** Only for apps with a backend: refused with `--backend none`, not offered after it */
  readonly requiresBackend?: boolean;
  readonly layer: (options: LayerOptions) => Layer;
}

/** Keeps the module's id literal ('workers', not string) for the registry's types. */
export const defineAddon = <Id extends string>(addon: AddonModule<Id>) => addon;
