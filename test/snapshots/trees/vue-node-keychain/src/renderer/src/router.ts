/**
 * The app's screens, one route each. Hash history (`#/notes`): every window loads the same page and
 * main opens windows on a route (src/main/windows). README.md: "Add a screen".
 */
import { createRouter, createWebHashHistory } from 'vue-router';

import Home from './screens/Home.vue';
import Notes from './screens/Notes.vue';

export const router = createRouter({
  history: createWebHashHistory(),
  routes: [
    { path: '/', component: Home },
    { path: '/notes', component: Notes },
    // Not a redirect: signed out, the hash holds the steps of Clerk's sign-in form.
    { path: '/:unknown(.*)*', component: Home },
  ],
});
