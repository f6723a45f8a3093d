import type { AttachmentDto } from "@contract/composer";
import type { Channel } from "@web/api/outbound";
import { type DragEvent, useCallback, useRef, useState } from "react";
import { SMS_NO_ATTACHMENTS } from "./attachment-bar";
import { uploadAttachment } from "./upload-attachment";

/**
 * The composer's one attachment: picked or dropped, uploaded with progress (the server checks what it
 * is), then sent with the reply. On SMS a file is refused at once, in words.
 */
export function useAttachment(threadId: number, channel: Channel) {
  const [attachment, setAttachment] = useState<AttachmentDto | undefined>();
  const [uploading, setUploading] = useState<{ name: string; fraction: number } | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [dragging, setDragging] = useState(false);
  const cancelUpload = useRef<() => void>(() => {});

  const upload = (file: File) => {
    setError(undefined);
    if (channel === "SMS") return setError(SMS_NO_ATTACHMENTS);
    const name = file.name || "attachment";
    setUploading({ name, fraction: 0 });
    const started = uploadAttachment(threadId, channel, file, (fraction) => setUploading({ name, fraction }));
    cancelUpload.current = started.cancel;
    started.done.then(
      (stored) => {
        setAttachment(stored);
        setUploading(undefined);
      },
      (err: unknown) => {
        setUploading(undefined);
        setError(`${name} was not attached: ${err instanceof Error ? err.message : String(err)}`);
      },
    );
  };

  const hasFiles = (e: DragEvent) => [...e.dataTransfer.types].includes("Files");
  const dropHandlers = {
    onDragOver: (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setDragging(true);
    },
    onDragLeave: (e: DragEvent) => {
      if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
    },
    onDrop: (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setDragging(false);
      const file = e.dataTransfer.files[0];
      if (file) upload(file);
    },
  };

  const set = useCallback((next: AttachmentDto | undefined) => {
    setAttachment(next);
    setError(undefined);
  }, []);

  return {
    attachment,
    uploading,
    error,
    dragging,
    upload,
    set,
    cancel: () => cancelUpload.current(),
    dropHandlers,
  };
}
