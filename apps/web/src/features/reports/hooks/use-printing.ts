import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';

/**
 * True while the page is being printed (or shown as print media). Charts then draw at a fixed A4
 * width instead of following the screen: the browser lays the page out for paper right after
 * `beforeprint`, so the state is applied synchronously there.
 */
export function usePrinting(): boolean {
  const [printing, setPrinting] = useState(() => printMedia()?.matches ?? false);
  useEffect(() => {
    const media = printMedia();
    const set = (value: boolean) => () => {
      flushSync(() => {
        setPrinting(value);
      });
    };
    const onBeforePrint = set(true);
    const onAfterPrint = set(false);
    const onMediaChange = (event: MediaQueryListEvent): void => {
      setPrinting(event.matches);
    };
    window.addEventListener('beforeprint', onBeforePrint);
    window.addEventListener('afterprint', onAfterPrint);
    media?.addEventListener('change', onMediaChange);
    return () => {
      window.removeEventListener('beforeprint', onBeforePrint);
      window.removeEventListener('afterprint', onAfterPrint);
      media?.removeEventListener('change', onMediaChange);
    };
  }, []);
  return printing;
}

/** jsdom has no matchMedia. */
function printMedia(): MediaQueryList | null {
  return typeof window.matchMedia === 'function' ? window.matchMedia('print') : null;
}
