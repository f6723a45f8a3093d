import type { ThreadRow } from "@contract/threads";
import type { InboxFilters } from "@web/api/threads";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";

/**
 * Which inbox rows are ticked for a bulk action: single ticks, shift ranges from the last tick, `x`, or
 * every thread matching the filter (across pages not loaded yet). A new filter starts afresh.
 */
export function useRowSelection(threads: ThreadRow[], filters: InboxFilters) {
  const [checked, setChecked] = useState<ReadonlySet<number>>(new Set());
  const [allMatching, setAllMatching] = useState(false);
  const anchor = useRef<number | null>(null);
  const threadsRef = useRef(threads);
  threadsRef.current = threads;

  const clear = useCallback(() => {
    setChecked(new Set());
    setAllMatching(false);
    anchor.current = null;
  }, []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a changed filter is what clears the ticks
  useEffect(clear, [filters, clear]);

  const check = useCallback((id: number, on: boolean, range: boolean) => {
    setAllMatching(false);
    const list = threadsRef.current;
    const from = anchor.current === null ? -1 : list.findIndex((t) => t.id === anchor.current);
    const to = list.findIndex((t) => t.id === id);
    setChecked((prev) => {
      const next = new Set(prev);
      const ids =
        range && from >= 0 && to >= 0
          ? list.slice(Math.min(from, to), Math.max(from, to) + 1).map((t) => t.id)
          : [id];
      for (const i of ids) on ? next.add(i) : next.delete(i);
      return next;
    });
    anchor.current = id;
  }, []);

  const toggle = useCallback((id: number) => {
    setChecked((prev) => {
      const next = new Set(prev);
      next.has(id) ? next.delete(id) : next.add(id);
      return next;
    });
    setAllMatching(false);
    anchor.current = id;
  }, []);

  const selectAllMatching = useCallback(() => setAllMatching(true), []);
  // With "all matching", every loaded row shows ticked.
  const visibleChecked = useMemo(
    () => (allMatching ? new Set(threads.map((t) => t.id)) : checked),
    [allMatching, threads, checked],
  );
  return { checked, allMatching, visibleChecked, check, toggle, clear, selectAllMatching };
}
