import { baseLayer } from '../layers/base.js';
import type { Layer, LayerOptions } from '../layers/types.js';
import type { BackendVariant, VariantRegistry } from './types.js';

/** The chosen variants' and add-ons' ids; ProjectOptions satisfies this. */
export interface VariantChoice extends LayerOptions {
  readonly framework: string;
  readonly backend: string;
  readonly tokenStorage: string;
  readonly addons: readonly string[];
}

function find<V extends { id: string }>(variants: readonly V[], id: string, what: string): V {
  const variant = variants.find((candidate) => candidate.id === id);
  if (!variant) throw new Error(`Unknown ${what} "${id}" (known: ${variants.map((v) => v.id).join(', ')})`);
  return variant;
}

const hasRemoteApi = (layers: readonly Layer[]) => layers.some((layer) => layer.features?.includes('remoteApi'));

/** Whether the backend gives main a remote API to call (what an add-on with `requiresBackend` needs). */
export function providesRemoteApi(backend: BackendVariant): boolean {
  // The backend's own layers decide; the renderer's backend UI layer adds no feature.
  return hasRemoteApi(backend.layers({ packageManager: 'npm' }, { templateDir: 'backend-ui' }));
}

/** `--with` values as given → trimmed, without empties and duplicates, sorted. */
export function normalizeAddonIds(ids: Iterable<string>): string[] {
  return [...new Set([...ids].map((id) => id.trim()).filter(Boolean))].sort();
}

/** The layers of one project, in the order their files are applied: the variants', then the add-ons' (registry order). */
export function selectLayers(options: VariantChoice, registry: VariantRegistry): Layer[] {
  const framework = find(registry.frameworks, options.framework, 'framework');
  const backend = find(registry.backends, options.backend, 'backend');
  const storage = find(registry.tokenStorages, options.tokenStorage, 'token storage');
  const variantLayers = [
    baseLayer(options),
    ...framework.layers(options),
    ...backend.layers(options, framework.backendUi(options)),
    storage.layer(options),
  ];
  for (const id of options.addons) find(registry.addons, id, 'add-on');
  // In the registry's order, whatever order they were given in.
  const addons = registry.addons.filter((addon) => options.addons.includes(addon.id));
  const needsBackend = addons.find((addon) => addon.requiresBackend);
  if (needsBackend && !hasRemoteApi(variantLayers)) {
    throw new Error(`The add-on "${needsBackend.id}" needs a backend; backend "${backend.id}" has none`);
  }
  return [...variantLayers, ...addons.map((addon) => addon.layer(options))];
}
