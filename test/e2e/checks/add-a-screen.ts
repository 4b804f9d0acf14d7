/**
 * The README's "Add a screen", done to a generated app as it says: a Settings screen, its route and
 * its link. Per framework, because the steps name each renderer's files; a step whose anchor text is
 * gone from the app fails here, so the README cannot drift from the templates unnoticed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Inserts `text` after `anchor` in one of the app's files. */
function insertAfter(appDir: string, file: string, anchor: string, text: string): void {
  const path = join(appDir, file);
  const source = readFileSync(path, 'utf8');
  if (!source.includes(anchor))
    throw new Error(`${file} no longer contains ${JSON.stringify(anchor)}: update the README's "Add a screen"`);
  writeFileSync(path, source.replace(anchor, `${anchor}${text}`));
}

export const ADD_A_SCREEN: Readonly<Record<string, (appDir: string) => void>> = {
  react(appDir) {
    writeFileSync(
      join(appDir, 'src/renderer/src/screens/Settings.tsx'),
      `export function Settings() {
  return (
    <section className="card" data-screen="settings">
      <h2>Settings</h2>
    </section>
  );
}
`,
    );
    const routes = 'src/renderer/src/routes.tsx';
    insertAfter(appDir, routes, "import { Notes } from './screens/Notes';", "\nimport { Settings } from './screens/Settings';");
    insertAfter(appDir, routes, "{ path: 'notes', element: <Notes /> },", "\n      { path: 'settings', element: <Settings /> },");
    insertAfter(
      appDir,
      'src/renderer/src/components/AppLayout.tsx',
      '<NavLink to="/notes">Notes</NavLink>',
      '\n            <NavLink to="/settings">Settings</NavLink>',
    );
  },
  vue(appDir) {
    writeFileSync(
      join(appDir, 'src/renderer/src/screens/Settings.vue'),
      `<template>
  <section class="card" data-screen="settings">
    <h2>Settings</h2>
  </section>
</template>
`,
    );
    const router = 'src/renderer/src/router.ts';
    insertAfter(appDir, router, "import Notes from './screens/Notes.vue';", "\nimport Settings from './screens/Settings.vue';");
    insertAfter(appDir, router, "{ path: '/notes', component: Notes },", "\n    { path: '/settings', component: Settings },");
    insertAfter(
      appDir,
      'src/renderer/src/components/AppNav.vue',
      '<RouterLink to="/notes">Notes</RouterLink>',
      '\n      <RouterLink to="/settings">Settings</RouterLink>',
    );
  },
  vanilla(appDir) {
    writeFileSync(
      join(appDir, 'src/renderer/src/screens/settings.ts'),
      `import { h, staticView, type View } from '../lib/dom';

export function settingsScreen(): View {
  return staticView(h('section', { class: 'card', 'data-screen': 'settings' }, h('h2', null, 'Settings')));
}
`,
    );
    const app = 'src/renderer/src/app.ts';
    insertAfter(
      appDir,
      app,
      "import { notesScreen } from './screens/notes';",
      "\nimport { settingsScreen } from './screens/settings';",
    );
    insertAfter(
      appDir,
      app,
      "'/notes': { title: 'Notes', view: notesScreen },",
      "\n  '/settings': { title: 'Settings', view: settingsScreen },",
    );
  },
};
