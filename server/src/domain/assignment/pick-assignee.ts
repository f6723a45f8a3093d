export type AssigneeCandidate = {
  id: number;
  /** Unresolved threads currently assigned to this person. */
  openThreads: number;
  /** Cap on open threads; null means no cap. */
  maxOpenThreads: number | null;
};

/**
 * Round-robin: the eligible candidate (under their cap) with the smallest id after `lastStaffId`,
 * wrapping around; undefined when nobody is eligible. Pure, so the rotation can be checked alone.
 */
export function pickAssignee(
  candidates: AssigneeCandidate[],
  lastStaffId: number | null,
): number | undefined {
  const eligible = candidates
    .filter((c) => c.maxOpenThreads === null || c.openThreads < c.maxOpenThreads)
    .map((c) => c.id)
    .sort((a, b) => a - b);
  if (eligible.length === 0) return undefined;
  if (lastStaffId === null) return eligible[0];
  return eligible.find((id) => id > lastStaffId) ?? eligible[0];
}
