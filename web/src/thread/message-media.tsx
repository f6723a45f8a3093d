type Media = {
  type: string;
  url: string | null;
  caption: string | null;
  filename: string | null;
  status: string | null;
};

/** An attachment: a preview for images, a link otherwise, and honest words while it is not stored. */
export function MessageMedia({ messageId, media }: { messageId: number; media: Media }) {
  // Inbound media is served from our storage once the fetch job stored it; outbound links to its source.
  const href =
    media.status === "STORED" ? `/api/messages/${messageId}/media` : media.status ? null : media.url;
  const label = media.filename ?? `${media.type[0]?.toUpperCase()}${media.type.slice(1)}`;
  return (
    <figure className="media" data-media-status={media.status ?? "LINKED"}>
      {media.status === "PENDING" && <p className="media-state">Downloading {media.type}…</p>}
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
      {href && media.type === "image" && (
        <a href={href} target="_blank" rel="noreferrer">
          <img src={href} alt={media.caption ?? "Image from the conversation"} loading="lazy" />
        </a>
      )}
      {href && media.type !== "image" && (
        <a className="document-link" href={href} target="_blank" rel="noreferrer">
          📎 {label}
        </a>
      )}
      {media.caption && <figcaption>{media.caption}</figcaption>}
    </figure>
  );
}
