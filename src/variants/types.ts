/**
 * A variant is one choice of the CLI (a framework, a backend, a token storage) as one module beside
 * its template folder (`templates/<dir>/variant.ts`): its id, label and hint (the question, --help,
 * docs/CLI.md), and the layers it adds; the layers carry its dependencies, install-script policy,
 * scripts and slot contributions (src/layers/types.ts).
 */
import type { AddonModule } from '../addons/types.js';
import type { Layer, LayerFactory, LayerOptions } from '../layers/types.js';

export interface VariantInfo<Id extends string = string> {
  /** The value of the flag and of ProjectOptions, e.g. `react` */
  readonly id: Id;
  /** Shown in the question, e.g. `React` */
  readonly label: string;
  /** One line under the highlighted choice */
  readonly hint: string;
}

export interface FrameworkVariant<Id extends string = string> extends VariantInfo<Id> {
  /** The renderer's layers in order: shared ones it uses (clerk-js) first, its own last. */
  readonly layers: (options: LayerOptions) => Layer[];
  /**
   * The backend's procedures in this renderer's UI (e.g. templates/remote-ui-react): required, so a
   * framework without one is a type error rather than an app whose backend cards are missing.
   */
  readonly backendUi: LayerFactory;
}

/** Where a backend keeps its local Clerk settings (README slots; `setup` writes them). */
export interface BackendNextSteps {
  /** Where the backend reads its Clerk settings locally, e.g. `backend/.dev.vars` */
  readonly configFile: string;
  /** The example to copy it from */
  readonly configExample: string;
  /** Files the backend also reads its settings from when `configFile` is missing, in order */
  readonly configFallbacks?: readonly string[];
  /**
   * Whether the process environment counts as well: always (undefined), or only when this variable
   * is `true` (wrangler reads the environment only with CLOUDFLARE_INCLUDE_PROCESS_ENV=true)
   */
  readonly environmentSwitch?: string;
}

export interface BackendVariant<Id extends string = string> extends VariantInfo<Id> {
  /** The backend's layers in order; `backendUi` is the chosen framework's (FrameworkVariant.backendUi). */
  readonly layers: (options: LayerOptions, backendUi: Layer) => Layer[];
  /** undefined: no backend, nothing to set up */
  readonly nextSteps?: BackendNextSteps;
}

export interface TokenStorageVariant<Id extends string = string> extends VariantInfo<Id> {
  /** Writes src/kit/main/storage/token-storage.ts exporting `createTokenStorage({ appId, log? })`. */
  readonly layer: LayerFactory;
}

/** Every choice the CLI offers, in the order it offers them (the first variant of each kind is the default). */
export interface VariantRegistry {
  readonly frameworks: readonly FrameworkVariant[];
  readonly backends: readonly BackendVariant[];
  readonly tokenStorages: readonly TokenStorageVariant[];
  /** Opt-in, any number of them (src/addons/types.ts) */
  readonly addons: readonly AddonModule[];
}

// Identity functions that keep a module's id literal ('react', not string) for the option types.
export const defineFramework = <Id extends string>(variant: FrameworkVariant<Id>) => variant;
export const defineBackend = <Id extends string>(variant: BackendVariant<Id>) => variant;
export const defineTokenStorage = <Id extends string>(variant: TokenStorageVariant<Id>) => variant;
