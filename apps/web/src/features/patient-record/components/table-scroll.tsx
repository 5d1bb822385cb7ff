import { createContext, type ReactNode, useContext } from 'react';

/** False inside a chart's tables while they are hidden from view (still read by screen readers). */
export const TablesShownContext = createContext(true);

/**
 * A wide table's horizontal scroll box. Shown, it is a named region in the tab order, so keyboard
 * users can scroll it (WCAG 2.1.1); hidden from view, it neither scrolls nor takes focus.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  const shown = useContext(TablesShownContext);
  if (!shown) return <div className="table-scroll table-scroll--hidden">{children}</div>;
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
