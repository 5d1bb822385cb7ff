import { type ReactNode } from 'react';
import { NavLink } from 'react-router';
import { UserMenu } from '../features/auth/components/user-menu.tsx';
import { can, useActiveSession } from '../features/auth/hooks/use-session.ts';
import { NAV_ITEMS } from './navigation.ts';

/** The header with the primary navigation (by permission; none before sign-in) and the page's main. */
export function AppLayout({ children }: { children: ReactNode }) {
  const session = useActiveSession();
  const navItems = NAV_ITEMS.filter(
    (item) =>
      can(session, item.permission) &&
      (!item.roles || (session ? item.roles.includes(session.user.role) : false)),
  );
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
                    {/* `end` on /settings so Users is not also marked current under it. */}
                    <NavLink to={item.href} end={item.href === '/settings'}>
                      {item.label}
                    </NavLink>
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
