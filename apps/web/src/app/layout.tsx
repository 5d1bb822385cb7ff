import { type Permission } from '@pumpdesk/contracts';
import { type ReactNode } from 'react';
import { UserMenu } from '../features/auth/components/user-menu.tsx';
import { can, useActiveSession } from '../features/auth/hooks/use-session.ts';

/**
 * The primary navigation: one entry per live screen (more arrive with their screens), each shown only
 * to roles with its permission. Before sign-in there is none.
 */
const NAV_ITEMS: readonly { href: string; label: string; permission: Permission }[] = [
  { href: '/', label: 'Patients', permission: 'patients:read' },
];

export function AppLayout({ children }: { children: ReactNode }) {
  const session = useActiveSession();
  const path = window.location.pathname;
  const navItems = NAV_ITEMS.filter((item) => can(session, item.permission));
  return (
    <>
      <a className="skip-link" href="#main-content">
        Skip to main content
      </a>
      <header className="app-header">
        <div className="app-header__inner">
          <span className="app-header__product">PumpDesk</span>
          {navItems.length > 0 ? (
            <nav aria-label="Primary" className="primary-nav">
              <ul>
                {navItems.map((item) => (
                  <li key={item.href}>
                    <a href={item.href} aria-current={path === item.href ? 'page' : undefined}>
                      {item.label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
          <UserMenu />
        </div>
      </header>
      {/* tabIndex -1: the skip link can move focus here. */}
      <main id="main-content" className="app-main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
