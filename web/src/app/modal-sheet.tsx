import { type ReactNode, useEffect, useId, useRef } from "react";

type Props = {
  title: string;
  onClose: () => void;
  /** "drawer" slides in from the right; "sheet" rises from the bottom on a phone. */
  variant: "drawer" | "sheet";
  className?: string;
  children: ReactNode;
};

/**
 * A modal dialog on the browser's own `<dialog>`: it traps focus, closes on Escape, keeps the page behind it
 * inert for screen readers, and gives focus back to whatever opened it when it closes.
 */
export function ModalSheet({ title, onClose, variant, className, children }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    // Closing before unmounting is what makes the browser hand focus back to the opener.
    return () => element?.close();
  }, []);

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: a click on the backdrop is a mouse shortcut; Escape closes it by keyboard
    <dialog
      ref={dialog}
      className={`modal-${variant}${className ? ` ${className}` : ""}`}
      aria-labelledby={titleId}
      onClose={onClose}
      onClick={(e) => e.target === e.currentTarget && onClose()}
    >
      <div className="modal-body">
        <header className="modal-header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="button ghost icon-button" onClick={onClose} aria-label="Close">
            ✕
          </button>
        </header>
        {children}
      </div>
    </dialog>
  );
}
