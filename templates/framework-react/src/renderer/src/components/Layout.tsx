import type { ReactNode } from 'react';

type LayoutProps = Partial<Record<'header' | 'banners' | 'footer', ReactNode>> & { children: ReactNode };

/** The page's frame. Free of Clerk's code, so it paints before Clerk loads. */
export function Layout({ header, banners, children, footer }: LayoutProps) {
  return (
    <div className="layout">
      <header className="header">
        <span className="brand">{document.title}</span>
        {header}
      </header>
      {banners}
      <main className="content">{children}</main>
      {footer ?? <footer className="footer muted">…</footer>}
    </div>
  );
}
