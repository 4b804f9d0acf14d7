/** The screens, one route each, in the URL's hash (`#/notes`): every window loads the same page. README: "Add a screen". */
import { createHashRouter, Navigate } from 'react-router';

import { AppLayout } from './components/AppLayout';
import { Home } from './screens/Home';
import { Notes } from './screens/Notes';

export const router = createHashRouter([
  {
    element: <AppLayout />,
    children: [
      { index: true, element: <Home /> },
      { path: 'notes', element: <Notes /> },
      // Signed in, any other path (one of the sign-in's steps, left in the hash) goes back to Home.
      { path: '*', element: <Navigate to="/" replace /> },
    ],
  },
]);
