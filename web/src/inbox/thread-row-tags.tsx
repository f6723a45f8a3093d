import type { ThreadLabel, ThreadPriority } from "@contract/labels";
import { labelHex, PRIORITY_LABELS, PRIORITY_MARKS } from "./labels-api";

/** The priority as a word with a shape (never colour alone); nothing for "none". */
export function PriorityBadge({ priority }: { priority: ThreadPriority }) {
  if (priority === "none") return null;
  return (
    <span className={`badge priority priority-${priority}`} data-testid="priority-badge">
      <span aria-hidden="true">{PRIORITY_MARKS[priority]} </span>
      {PRIORITY_LABELS[priority]}
    </span>
  );
}

export function LabelChips({ labels }: { labels: ThreadLabel[] }) {
  return (
    <>
      {labels.map((l) => (
        <span
          key={l.id}
          className="label-chip"
          style={{ background: labelHex(l.color) }}
          data-testid="label-chip"
        >
          {l.name}
        </span>
      ))}
    </>
  );
}
