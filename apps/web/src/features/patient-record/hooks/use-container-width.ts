import { type RefObject, useEffect, useRef, useState } from 'react';

/** Until the element is measured (and where it cannot be, as in jsdom): a width that fits a tablet. */
const FALLBACK_WIDTH = 720;

/**
 * The width of the element `ref` points to, followed as it changes (window resized, printed), so a
 * chart is drawn at the width it has. Without ResizeObserver, the element's width once.
 */
export function useContainerWidth<T extends HTMLElement>(): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(FALLBACK_WIDTH);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = (measured: number) => {
      if (measured > 0) setWidth(Math.floor(measured));
    };
    measure(element.clientWidth);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      for (const entry of entries) measure(entry.contentRect.width);
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
    };
  }, []);
  return [ref, width];
}
