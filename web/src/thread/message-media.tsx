import { isInlineImageType, isInlineMediaType } from "@contract/media-types";

type Media = {
  type: string;
  url: string | null;
  caption: string | null;
  filename: string | null;
  /** For a stored attachment, the type the server read from its bytes. */
  mimeType: string | null;
  status: string | null;
};

/**
 * An attachment: a preview for a stored image, a link otherwise, and honest words while it is not
 * stored. Only what the server recognised as an image is previewed, only what it shows inline is
 * opened in a tab (anything else downloads), and nothing is loaded from another site (outbound
 * attachments link to their source).
 */
export function MessageMedia({ messageId, media }: { messageId: number; media: Media }) {
  const stored = media.status === "STORED";
  const href = stored ? `/api/messages/${messageId}/media` : media.status ? null : media.url;
  const preview = stored && isInlineImageType(media.mimeType);
  const download = stored && !isInlineMediaType(media.mimeType);
  const label = media.filename ?? `${media.type[0]?.toUpperCase()}${media.type.slice(1)}`;
  return (
    <figure className="media" data-media-status={media.status ?? "LINKED"}>
      {media.status === "PENDING" && <p className="media-state">Downloading {media.type}…</p>}
      {media.status === "REMOVED" && (
        <p className="media-state">The {media.type} was removed by the retention policy.</p>
      )}
      {media.status === "FAILED" && (
        <p className="media-state failed">
          The {media.type} could not be downloaded from the provider.
          {media.url && (
            <>
              {" "}
              <a href={media.url} target="_blank" rel="noreferrer">
                Try the original link
              </a>
            </>
          )}
        </p>
      )}
      {href && preview && (
        <a href={href} target="_blank" rel="noreferrer">
          <img src={href} alt={media.caption ?? "Image from the conversation"} loading="lazy" />
        </a>
      )}
      {href && !preview && (
        <a
          className="document-link"
          href={href}
          {...(download ? { download: media.filename ?? "" } : { target: "_blank", rel: "noreferrer" })}
        >
          📎 {label}
        </a>
      )}
      {media.caption && <figcaption>{media.caption}</figcaption>}
    </figure>
  );
}
