import { type KeyboardEvent, type RefObject, useEffect, useId, useRef, useState } from "react";

export type MenuAction = { id: string; label: string; onSelect: () => void; disabled?: boolean };

type Props = {
  label: string;
  actions: MenuAction[];
  /** The menu button itself, for whoever must give focus back to it (a panel that closes). */
  buttonRef?: RefObject<HTMLButtonElement | null>;
};

/**
 * A menu button in the WAI-ARIA pattern: Enter, Space or ArrowDown opens it on the first item, ArrowUp on
 * the last; arrows, Home and End move; Escape closes it and gives focus back to the button; Tab and a
 * click elsewhere close it.
 */
export function ActionMenu({ label, actions, buttonRef }: Props) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const menuId = useId();
  const ownButton = useRef<HTMLButtonElement>(null);
  const button = buttonRef ?? ownButton;
  const root = useRef<HTMLDivElement>(null);
  const items = useRef<(HTMLButtonElement | null)[]>([]);

  useEffect(() => {
    if (open) items.current[active]?.focus();
  }, [open, active]);

  useEffect(() => {
    if (!open) return;
    const closeOutside = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", closeOutside);
    return () => document.removeEventListener("pointerdown", closeOutside);
  }, [open]);

  const openAt = (index: number) => {
    setActive(index);
    setOpen(true);
  };
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  const onButtonKey = (e: KeyboardEvent) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      openAt(e.key === "ArrowDown" ? 0 : actions.length - 1);
    }
  };
  const onMenuKey = (e: KeyboardEvent) => {
    const last = actions.length - 1;
    const moves: Record<string, number> = {
      ArrowDown: active === last ? 0 : active + 1,
      ArrowUp: active === 0 ? last : active - 1,
      Home: 0,
      End: last,
    };
    const next = moves[e.key];
    if (next !== undefined) {
      e.preventDefault();
      setActive(next);
    } else if (e.key === "Escape") {
      // The inbox's own Escape (leave the thread) must not fire as well.
      e.preventDefault();
      e.stopPropagation();
      close(true);
    } else if (e.key === "Tab") {
      setOpen(false);
    }
  };

  return (
    <div className="action-menu" ref={root}>
      <button
        ref={button}
        type="button"
        className="button action-menu-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => (open ? close(false) : openAt(0))}
        onKeyDown={onButtonKey}
      >
        {label} <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div className="action-menu-list" role="menu" id={menuId} aria-label={label} onKeyDown={onMenuKey}>
          {actions.map((action, index) => (
            <button
              key={action.id}
              ref={(el) => {
                items.current[index] = el;
              }}
              type="button"
              role="menuitem"
              tabIndex={index === active ? 0 : -1}
              aria-disabled={action.disabled || undefined}
              onClick={() => {
                if (action.disabled) return;
                setOpen(false);
                action.onSelect();
              }}
            >
              {action.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
