/** What the dialog starts from: nothing (the inbox's button) or a booking (its guest, its property). */
export type NewConversationStart = {
  booking?: {
    id: number;
    reference: string;
    propertyId: number;
    guestName: string | null;
    checkIn: string;
  };
};

const OPEN_EVENT = "commhub:new-conversation";

/**
 * Opens the New conversation dialog from anywhere on the hub page (the inbox's button, a booking's
 * Message guest) without threading a callback through the components in between.
 */
export function openNewConversation(start: NewConversationStart = {}): void {
  window.dispatchEvent(new CustomEvent<NewConversationStart>(OPEN_EVENT, { detail: start }));
}

export function onOpenNewConversation(listener: (start: NewConversationStart) => void): () => void {
  const handle = (event: Event) => listener((event as CustomEvent<NewConversationStart>).detail);
  window.addEventListener(OPEN_EVENT, handle);
  return () => window.removeEventListener(OPEN_EVENT, handle);
}
