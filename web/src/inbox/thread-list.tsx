import type { ThreadRow } from "@contract/threads";
import { useVirtualizer } from "@tanstack/react-virtual";
import { type ReactNode, useEffect, useRef } from "react";
import { RowCheckbox } from "./row-checkbox";
import { ThreadListRow } from "./thread-list-row";

const ROW_HEIGHT = 84;

type Props = {
  threads: ThreadRow[];
  selectedId?: number;
  onSelect: (id: number) => void;
  loading: boolean;
  error: Error | null;
  hasMore: boolean;
  loadMore: () => void;
  loadingMore: boolean;
  /** Rows ticked for a bulk action, and how a tick changes (shift: a range from the last tick). */
  checked?: ReadonlySet<number>;
  onCheck?: (id: number, checked: boolean, range: boolean) => void;
  /** Shown under "no conversations match" (e.g. widen a search). */
  emptyAction?: ReactNode;
};

/** The inbox rows, virtualized so that ten thousand threads scroll as smoothly as ten. */
export function ThreadList(props: Props) {
  const { threads, selectedId, onSelect, hasMore, loadMore, loadingMore } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: threads.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? -1;

  useEffect(() => {
    if (hasMore && !loadingMore && lastIndex >= threads.length - 20) loadMore();
  }, [hasMore, loadingMore, lastIndex, threads.length, loadMore]);

  // Keep the selected row in view when j/k moves past the edge.
  const selectedIndex = threads.findIndex((t) => t.id === selectedId);
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: "auto" });
  }, [selectedIndex, virtualizer]);

  if (props.loading) return <p className="list-message">Loading conversations…</p>;
  if (props.error)
    return (
      <p className="list-message" role="alert">
        Could not load conversations: {props.error.message}
      </p>
    );
  if (threads.length === 0)
    return (
      <div className="list-message" role="status">
        <p>No conversations match these filters.</p>
        {props.emptyAction}
      </div>
    );

  return (
    <div className="thread-list" ref={scroller} data-testid="thread-list">
      <ul aria-label="Conversations" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const thread = threads[item.index];
          if (!thread) return null;
          return (
            <li
              key={thread.id}
              data-index={item.index}
              className={props.onCheck ? "selectable" : undefined}
              style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
            >
              {props.onCheck && (
                <RowCheckbox
                  thread={thread}
                  checked={props.checked?.has(thread.id) ?? false}
                  onCheck={props.onCheck}
                />
              )}
              <ThreadListRow thread={thread} selected={thread.id === selectedId} onSelect={onSelect} />
            </li>
          );
        })}
      </ul>
      {loadingMore && <p className="list-message small">Loading more…</p>}
    </div>
  );
}
