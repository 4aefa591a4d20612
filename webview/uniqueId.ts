// Element ids unique in the whole page. Preact's useId counts per render root, and a Markdown preview
// mounts one root per ```zigzag block: two blocks' plots would share ids, and a screen reader would read
// one block's description for another's plot.
import { useRef } from 'preact/hooks';

let issued = 0;

/** An id for this component instance, unique among every root on the page, stable across renders. */
export function useUniqueId(prefix: string): string {
  const id = useRef<string | null>(null);
  if (id.current === null) id.current = `zz-${prefix}-${(issued += 1)}`;
  return id.current;
}
