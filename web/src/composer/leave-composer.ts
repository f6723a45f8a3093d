/**
 * Esc in the reply or note box hands the keyboard back to the inbox (j/k, r): focus moves to the open
 * conversation's timeline, which is not a text field, so the inbox's shortcuts apply again.
 */
export function leaveComposer(box: HTMLElement): void {
  const timeline = document.querySelector<HTMLElement>('[role="log"][aria-label="Conversation timeline"]');
  if (timeline) timeline.focus();
  else box.blur();
}
