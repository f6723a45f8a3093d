import type { StaffProfile } from "@contract/auth";
import { useLogout, useSimulatorMode } from "@web/api/session";
import { type InboxFilters, useThreadList } from "@web/api/threads";
import { formatPhone } from "@web/app/phone";
import { useLocation } from "@web/app/use-location";
import { LiveBadge } from "@web/live/live-badge";
import { useLiveEvents } from "@web/live/use-live-events";
import { SimulateGuestDrawer } from "@web/simulator/simulate-guest-drawer";
import { ThreadView } from "@web/thread/thread-view";
import { useEffect, useMemo, useState } from "react";
import { InboxFiltersBar } from "./inbox-filters";
import { ThreadList } from "./thread-list";
import { useInboxKeys } from "./use-inbox-keys";

const DEFAULT_FILTERS: InboxFilters = { status: ["OPEN", "PENDING"] };

/** The communication hub: inbox on the left, the open thread in the middle, its context on the right. */
export function HubPage({ user }: { user: StaffProfile }) {
  const logout = useLogout();
  const simulator = useSimulatorMode();
  const live = useLiveEvents(true);
  const { params, navigate } = useLocation();
  const [filters, setFilters] = useState<InboxFilters>(DEFAULT_FILTERS);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const list = useThreadList(filters);
  const threads = useMemo(() => list.data?.pages.flatMap((p) => p.threads) ?? [], [list.data]);

  const selectedId = Number(params.get("thread")) || undefined;
  const select = (id: number) => navigate(`${window.location.pathname}?thread=${id}`);
  const selected = threads.find((t) => t.id === selectedId);

  useInboxKeys({ threads, selectedId, select });

  useEffect(() => {
    document.title = selected
      ? `${selected.contact.name ?? formatPhone(selected.contact.phone)} · commhub`
      : "Inbox · commhub";
  }, [selected]);

  return (
    <div className="hub">
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            c
          </span>
          commhub <span className="brand-sub">Communication hub</span>
        </div>
        <div className="topbar-right">
          <LiveBadge status={live} />
          {simulator && (
            <button type="button" className="button ghost" onClick={() => setDrawerOpen(true)}>
              Simulate guest
            </button>
          )}
          <span className="user" title={user.email}>
            {user.name} <span className="role">{user.role.toLowerCase()}</span>
          </span>
          <button type="button" className="button ghost" onClick={() => void logout()}>
            Log out
          </button>
        </div>
      </header>
      <div className="hub-body">
        <section className="inbox" aria-label="Inbox">
          <InboxFiltersBar filters={filters} onChange={setFilters} properties={user.properties} />
          <ThreadList
            threads={threads}
            selectedId={selectedId}
            onSelect={select}
            loading={list.isPending}
            error={list.error}
            hasMore={list.hasNextPage}
            loadMore={() => void list.fetchNextPage()}
            loadingMore={list.isFetchingNextPage}
          />
        </section>
        {selectedId ? (
          <ThreadView key={selectedId} threadId={selectedId} user={user} onSelectThread={select} />
        ) : (
          <section className="thread-empty" aria-label="Thread">
            <h2>No conversation open</h2>
            <p>
              Pick a guest on the left, or press <kbd>j</kbd> to open the first one.
            </p>
            <p className="small">
              <kbd>j</kbd> / <kbd>k</kbd> next and previous · <kbd>r</kbd> reply
            </p>
          </section>
        )}
      </div>
      {simulator && drawerOpen && (
        <SimulateGuestDrawer
          onClose={() => setDrawerOpen(false)}
          defaultPhone={selected?.contact.phone ?? undefined}
          defaultName={selected?.contact.name ?? undefined}
        />
      )}
    </div>
  );
}
