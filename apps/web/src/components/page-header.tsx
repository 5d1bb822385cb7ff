import { type ReactNode, useEffect } from 'react';

interface PageHeaderProps {
  title: string;
  /** Under the title: the site, the date, a one-line summary. */
  subtitle?: ReactNode;
  /** Buttons and links on the right (CSV, print, new). */
  actions?: ReactNode;
}

/** Each screen's `h1`, also the document title, so browser tabs and history say where they lead. */
export function PageHeader({ title, subtitle, actions }: PageHeaderProps) {
  useEffect(() => {
    document.title = `${title} · PumpDesk`;
  }, [title]);
  return (
    <div className="page-header">
      <div>
        <h1 className="page__title">{title}</h1>
        {subtitle ? <p className="page-header__subtitle muted">{subtitle}</p> : null}
      </div>
      {actions ? <div className="page-header__actions">{actions}</div> : null}
    </div>
  );
}
