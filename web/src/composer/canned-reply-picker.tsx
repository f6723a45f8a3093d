import type { CannedReplyDto } from "@contract/canned-replies";
import "./canned-replies.css";

export const CANNED_LIST_ID = "canned-reply-list";
export const cannedOptionId = (id: number) => `canned-reply-option-${id}`;

type Props = {
  query: string;
  replies: CannedReplyDto[] | undefined;
  loading: boolean;
  error?: string;
  activeId: number | undefined;
  onChoose: (reply: CannedReplyDto) => void;
  onHover: (id: number) => void;
};

/**
 * The `/` picker under the message box. Focus stays in the box (it points here with
 * aria-activedescendant): arrows move, Enter inserts, Escape closes; a click inserts too.
 */
export function CannedReplyPicker({ query, replies, loading, error, activeId, onChoose, onHover }: Props) {
  return (
    <div className="canned-picker">
      <p className="canned-picker-head subtle small" id={`${CANNED_LIST_ID}-label`}>
        Canned replies{query ? ` matching “${query}”` : ""} · ↑↓ to move, Enter to insert, Esc to close
      </p>
      {loading && <p className="subtle small">Loading canned replies…</p>}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {replies && replies.length === 0 && (
        <p className="subtle small" role="status">
          No canned reply matches “/{query}”.
        </p>
      )}
      {replies && replies.length > 0 && (
        <div
          className="canned-list"
          role="listbox"
          id={CANNED_LIST_ID}
          aria-labelledby={`${CANNED_LIST_ID}-label`}
        >
          {replies.map((reply) => (
            // biome-ignore lint/a11y/useKeyWithClickEvents: the message box handles the keys (aria-activedescendant)
            <div
              key={reply.id}
              id={cannedOptionId(reply.id)}
              role="option"
              tabIndex={-1}
              aria-selected={reply.id === activeId}
              className={reply.id === activeId ? "canned-option active" : "canned-option"}
              // Keeps focus (and the caret) in the message box.
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => onHover(reply.id)}
              onClick={() => onChoose(reply)}
            >
              <span className="canned-shortcut">/{reply.shortcut}</span>
              <span className="canned-title">{reply.title}</span>
              <span className="canned-preview">{Object.values(reply.texts)[0]}</span>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
