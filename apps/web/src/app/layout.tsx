import { type ReactNode } from 'react';

/** The primary navigation: one entry per live screen (more arrive with their screens). */
const NAV_ITEMS = [{ href: '/', label: 'Patients' }] as const;

export function AppLayout({ children }: { children: ReactNode }) {
  const path = window.location.pathname;
  return (
    <>
      <a className="skip-link" href="#main-content">
        Skip to main content
      </a>
      <header className="app-header">
        <div className="app-header__inner">
          <span className="app-header__product">PumpDesk</span>
          <nav aria-label="Primary" className="primary-nav">
            <ul>
              {NAV_ITEMS.map((item) => (
                <li key={item.href}>
                  <a href={item.href} aria-current={path === item.href ? 'page' : undefined}>
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </header>
      {/* tabIndex -1: the skip link can move focus here. */}
      <main id="main-content" className="app-main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
