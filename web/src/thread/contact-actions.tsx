import type { ThreadDetailResponse } from "@contract/threads";
import { useSession } from "@web/api/session";
import { useState } from "react";
import { ContactEditDialog } from "./contact-edit-dialog";
import { ContactMergeDialog } from "./contact-merge-dialog";
import "./contact-panel.css";

/** Edit (everyone who sees the guest) and Merge a duplicate (managers and admins, as the API allows). */
export function ContactActions(props: { contact: ThreadDetailResponse["contact"]; threadId: number }) {
  const role = useSession().data?.user.role;
  const [open, setOpen] = useState<"edit" | "merge">();
  return (
    <div className="contact-actions">
      <button type="button" className="button small" onClick={() => setOpen("edit")}>
        Edit contact
      </button>
      {(role === "ADMIN" || role === "MANAGER") && (
        <button type="button" className="button small" onClick={() => setOpen("merge")}>
          Merge duplicate…
        </button>
      )}
      {open === "edit" && (
        <ContactEditDialog
          contact={props.contact}
          threadId={props.threadId}
          onClose={() => setOpen(undefined)}
        />
      )}
      {open === "merge" && <ContactMergeDialog contact={props.contact} onClose={() => setOpen(undefined)} />}
    </div>
  );
}
