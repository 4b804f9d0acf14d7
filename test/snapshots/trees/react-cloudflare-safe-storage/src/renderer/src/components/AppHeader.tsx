import { Show, UserButton } from '@clerk/electron/react';

export function AppHeader() {
  return (
    <header className="header">
      <span className="brand">{document.title}</span>
      <Show when="signed-in">
        <UserButton />
      </Show>
    </header>
  );
}
