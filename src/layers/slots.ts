/**
 * The named slots of the shared templates (base, clerk-js, backend-shared). A shared template never
 * asks which framework, backend or storage was chosen: it prints a slot (`{{slots.viteImports}}`)
 * or tests one (`{{#if slots.releaseJobs}}`), and the chosen variants' layers fill it, from their
 * `slots` field or from `templates/<dir>/slots/<slot>.hbs` files. An unfilled slot is ''.
 */

const lines = (items: readonly string[]) => items.join('\n');
const paragraphs = (items: readonly string[]) => items.join('\n\n');
const commaList = (items: readonly string[]) => items.join(', ');
const quotedList = (items: readonly string[]) => items.map((item) => `'${item}'`).join(', ');

/** Slot name → how its contributions (in layer order) become the one string a template sees. */
export const SLOTS = {
  // electron.vite.config.ts
  /** Import lines (the renderer's Vite plugin) */
  viteImports: lines,
  /** src/main/index.ts: modules the owner's main loads before the app starts (an add-on's declarations) */
  mainImports: lines,
  /** Plugin calls in `renderer.plugins`, e.g. `react()` */
  rendererVitePlugins: commaList,
  /** Native packages main must not bundle (also runtime `dependencies`) */
  mainNativeExternals: quotedList,
  // eslint.config.mjs
  /** Import lines of the framework's lint plugins */
  eslintImports: lines,
  /** The framework's entries in the config array, each line ending with a comma */
  eslintFramework: lines,
  // index.html, tsconfig*.json
  /** The renderer's entry file under src/renderer/src, e.g. `main.tsx` (every framework sets it) */
  rendererEntry: lines,
  /** tsconfig `jsx` setting, when the renderer writes JSX */
  tsJsx: lines,
  // README.md and AGENTS.md
  /** The renderer's "calling a procedure" example (README) */
  readmeRendererExample: lines,
  /** The steps of the README's "Add a screen" in this renderer, naming its files */
  readmeAddScreen: lines,
  /** Where the UI shows the backend's notes card, as a file name in backticks */
  readmeRemoteCards: lines,
  /** Lines of the README's project layout, after the renderer's */
  readmeLayout: lines,
  /** How the renderer's project is type-checked when not by TypeScript 7, after "renderer" (README, AGENTS.md) */
  typecheckRendererNote: lines,
  /** How the renderer calls tRPC, in a few words (AGENTS.md) */
  agentsTrpcClient: lines,
  /** The token-storage bullet of the README's security list */
  readmeTokenStorage: lines,
  /** A token storage other than the app's, for the README's "Switch the token storage" command */
  readmeOtherTokenStorage: lines,
  /** Rows added to the README's command table */
  readmeCommands: lines,
  /** Lines added to the README's release paragraph */
  readmeRelease: lines,
  /** Whole README sections (`## …` and their text), before the project layout: the add-ons' */
  readmeAddonSections: paragraphs,
  // The remote backend (backend/)
  /** What the backend is, e.g. `Cloudflare Worker` */
  backendName: lines,
  /** The same with an article and detail, e.g. `a Node.js server (Hono)` */
  backendDescription: lines,
  /** The backend's database, e.g. `D1` */
  backendDatabase: lines,
  /** The file that builds the backend's data layer, e.g. `backend/src/worker.ts` */
  backendEntry: lines,
  /** The backend's local Clerk settings file and its example */
  backendConfigFile: lines,
  backendConfigExample: lines,
  /** Where the backend reads its Clerk settings (files, example, environment switch), as a one-line object literal */
  backendConfigSpec: lines,
  /** backend/src/kit/trpc.ts: import lines of the modules whose middlewares `protectedProcedure` adds */
  backendTrpcImports: lines,
  /** Middlewares `protectedProcedure` runs last, by name (an add-on's, e.g. exactly-once mutations) */
  backendProtectedMiddlewares: (items) => items.map((item) => `.use(${item})`).join(''),
  /** How a new migration reaches the database (README, "Add a table") */
  readmeMigrationApply: lines,
  /** How a backend procedure's offline behaviour is declared (README, "Add a backend procedure"; the offline add-on) */
  readmeOfflinePolicy: lines,
  // .github/workflows
  /** Shell lines before CI starts the backend for the signed-in e2e tests */
  ciBackendSetup: lines,
  /** Comment lines listing release.yml's extra secrets */
  releaseSecrets: lines,
  /** Jobs after the installers job in release.yml */
  releaseJobs: lines,
} satisfies Record<string, (items: readonly string[]) => string>;

export type SlotName = keyof typeof SLOTS;
export const SLOT_NAMES = Object.keys(SLOTS) as SlotName[];

/**
 * Capabilities a layer provides that shared templates test for, where a slot would only carry
 * a yes or no: `remoteApi`, a backend that main calls (`remote.*` procedures, backend/);
 * `osSecretStore`, the sign-in kept in the OS's secret store (what `doctor` checks on Linux).
 */
export const FEATURES = ['remoteApi', 'osSecretStore'] as const;
export type FeatureName = (typeof FEATURES)[number];

export type SlotValues = Record<SlotName, string>;
export type FeatureFlags = Record<FeatureName, boolean>;

export function isSlotName(name: string): name is SlotName {
  return Object.hasOwn(SLOTS, name);
}

/** Contributions in layer order → the strings the templates see ('' for an unfilled slot). */
export function joinSlots(contributions: ReadonlyMap<SlotName, readonly string[]>): SlotValues {
  return Object.fromEntries(SLOT_NAMES.map((name) => [name, SLOTS[name](contributions.get(name) ?? [])])) as SlotValues;
}

export function featureFlags(provided: Iterable<FeatureName>): FeatureFlags {
  const set = new Set(provided);
  return Object.fromEntries(FEATURES.map((name) => [name, set.has(name)])) as FeatureFlags;
}
