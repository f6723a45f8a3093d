import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AssigneeCandidate, pickAssignee } from "./pick-assignee";

const candidates = fc.uniqueArray(
  fc.record({
    id: fc.integer({ min: 1, max: 50 }),
    openThreads: fc.integer({ min: 0, max: 5 }),
    maxOpenThreads: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
  }),
  { selector: (c) => c.id, maxLength: 8 },
);
const underCap = (c: AssigneeCandidate) => c.maxOpenThreads === null || c.openThreads < c.maxOpenThreads;

describe(pickAssignee.name, () => {
  it("picks someone under their cap, or nobody only when everyone is at it", () => {
    fc.assert(
      fc.property(candidates, fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }), (list, last) => {
        const picked = pickAssignee(list, last);
        if (picked === undefined) expect(list.filter(underCap)).toEqual([]);
        else expect(list.find((c) => c.id === picked && underCap(c))).toBeDefined();
      }),
    );
  });

  it("rotates: the next eligible id after the cursor, wrapping to the smallest", () => {
    // Written-out cases, not a re-derivation: 3, 4, 9 and 12 are under their caps (4 and 9 have none);
    // 5 and 7 are at theirs.
    const team: AssigneeCandidate[] = [
      { id: 9, openThreads: 0, maxOpenThreads: null },
      { id: 3, openThreads: 4, maxOpenThreads: 5 },
      { id: 7, openThreads: 2, maxOpenThreads: 2 },
      { id: 12, openThreads: 1, maxOpenThreads: 3 },
      { id: 5, openThreads: 0, maxOpenThreads: 0 },
      { id: 4, openThreads: 6, maxOpenThreads: null },
    ];
    const picks = [null, 0, 3, 4, 5, 6, 7, 9, 11, 12, 40].map((last) => [last, pickAssignee(team, last)]);
    expect(picks).toEqual([
      [null, 3],
      [0, 3],
      [3, 4],
      [4, 9],
      [5, 9],
      [6, 9],
      [7, 9],
      [9, 12],
      [11, 12],
      [12, 3],
      [40, 3],
    ]);
  });

  it("deals evenly: over any number of picks, counts differ by at most one", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 200 }),
        (ids, picks) => {
          const counts = new Map(ids.map((id) => [id, 0]));
          let last: number | null = null;
          for (let i = 0; i < picks; i++) {
            const list = ids.map((id) => ({ id, openThreads: 0, maxOpenThreads: null }));
            last = pickAssignee(list, last) ?? null;
            if (last !== null) counts.set(last, (counts.get(last) ?? 0) + 1);
          }
          const values = [...counts.values()];
          expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});
