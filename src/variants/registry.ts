/**
 * The built-in variants, in the order the CLI offers them (the first of each is the default).
 * Adding one: a module at templates/<dir>/variant.ts, listed here (docs/ADDING-A-VARIANT.md).
 */
import { ADDONS } from '../addons/registry.js';
import backendCloudflare from '../../templates/backend-cloudflare/variant.js';
import backendNode from '../../templates/backend-node/variant.js';
import backendNone from '../../templates/backend-none/variant.js';
import frameworkReact from '../../templates/framework-react/variant.js';
import frameworkVanilla from '../../templates/framework-vanilla/variant.js';
import frameworkVue from '../../templates/framework-vue/variant.js';
import storageKeychain from '../../templates/storage-keychain/variant.js';
import storageMemory from '../../templates/storage-memory/variant.js';
import storageSafeStorage from '../../templates/storage-safe-storage/variant.js';
import type { VariantRegistry } from './types.js';

export const VARIANTS = {
  frameworks: [frameworkReact, frameworkVue, frameworkVanilla],
  backends: [backendCloudflare, backendNode, backendNone],
  tokenStorages: [storageSafeStorage, storageKeychain, storageMemory],
  addons: ADDONS,
} as const satisfies VariantRegistry;

export type BuiltInFramework = (typeof VARIANTS.frameworks)[number]['id'];
export type BuiltInBackend = (typeof VARIANTS.backends)[number]['id'];
export type BuiltInTokenStorage = (typeof VARIANTS.tokenStorages)[number]['id'];

const ids = <Id extends string>(variants: readonly { id: Id }[]): readonly Id[] => variants.map((variant) => variant.id);

export const FRAMEWORKS = ids(VARIANTS.frameworks);
export const BACKENDS = ids(VARIANTS.backends);
export const TOKEN_STORAGES = ids(VARIANTS.tokenStorages);
export const ADDON_IDS = ids(VARIANTS.addons);
