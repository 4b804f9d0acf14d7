import type { ReactNode } from 'react';

/** The page's frame: header, content, footer. Free of Clerk's code, so it paints before Clerk loads. */
interface LayoutProps {
  nav?: ReactNode;
  account?: ReactNode;
  banners?: ReactNode;
  footer?: ReactNode;
  children: ReactNode;
}

export function Layout({ nav, account, banners, footer, children }: LayoutProps) {
  return (
    <div className="layout">
      <header className="header">
        <span className="brand">{document.title}</span>
        {nav}
        {account}
      </header>
      {banners}
      <main className="content">{children}</main>
      {footer ?? <footer className="footer muted">…</footer>}
    </div>
  );
}
