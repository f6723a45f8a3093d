import type { AttachmentDto, AttachmentResponse } from "@contract/composer";
import { ApiError, csrfHeaders } from "@web/api/http-client";
import type { Channel } from "@web/api/outbound";

/**
 * Sends the file's bytes as the request body (XMLHttpRequest, because fetch reports no upload progress).
 * The server decides what the file is from its bytes; its refusal comes back as an ApiError in words.
 */
export function uploadAttachment(
  threadId: number,
  channel: Channel,
  file: File,
  onProgress: (fraction: number) => void,
): { done: Promise<AttachmentDto>; cancel: () => void } {
  const xhr = new XMLHttpRequest();
  const query = new URLSearchParams({ channel, filename: file.name || "attachment" });
  const done = new Promise<AttachmentDto>((resolve, reject) => {
    xhr.open("POST", `/api/threads/${threadId}/attachments?${query}`);
    for (const [name, value] of Object.entries(csrfHeaders())) xhr.setRequestHeader(name, value);
    xhr.setRequestHeader("content-type", file.type || "application/octet-stream");
    xhr.setRequestHeader("accept", "application/json");
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      const json = parse(xhr.responseText);
      const stored = (json as Partial<AttachmentResponse> | undefined)?.attachment;
      if (xhr.status === 201 && stored) return resolve(stored);
      const error = (json as { error?: { code?: string; message?: string } } | undefined)?.error;
      reject(
        new ApiError(
          xhr.status,
          (error?.code as ApiError["code"]) ?? "INTERNAL",
          error?.message ?? `the server answered ${xhr.status}`,
        ),
      );
    };
    xhr.onerror = () => reject(new ApiError(0, "NETWORK", "the upload could not reach the server"));
    xhr.onabort = () => reject(new ApiError(0, "NETWORK", "the upload was cancelled"));
    xhr.send(file);
  });
  return { done, cancel: () => xhr.abort() };
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
