import type { StaffProfile } from "@contract/auth";
import { CANNED_REPLIES_PATH } from "@web/admin/canned-replies-path";
import { ChangePasswordButton } from "@web/admin/change-password-dialog";
import { canManageStaff, STAFF_PATH } from "@web/admin/staff-api";
import { useLogout, useSimulatorMode } from "@web/api/session";
import { type InboxFilters, useThreadList } from "@web/api/threads";
import { NotificationSettingsButton, useDesktopNotifications, useUnreadTitle } from "@web/app/notifications";
import { formatPhone } from "@web/app/phone";
import { useLocation } from "@web/app/use-location";
import {
  NewConversationButton,
  NewConversationHost,
  startedChannel,
} from "@web/conversations/new-conversation-host";
import { LiveBadge } from "@web/live/live-badge";
import { useLiveEvents } from "@web/live/use-live-events";
import { useMentionNotifications } from "@web/live/use-mention-notifications";
import { canSeeReports } from "@web/reports/reports-api";
import { REPORTS_PATH } from "@web/reports/reports-path";
import { ThreadView } from "@web/thread/thread-view";
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { BulkToolbar } from "./bulk-toolbar";
import { InboxFiltersBar } from "./inbox-filters";
import { useSlaBreachNotifications } from "./sla-notifications";
import { ThreadList } from "./thread-list";
import { useInboxKeys } from "./use-inbox-keys";
import { useRowSelection } from "./use-row-selection";

// Only simulator mode offers the drawer, and only once opened: its code loads then.
const SimulateGuestDrawer = lazy(() =>
  import("@web/simulator/simulate-guest-drawer").then((m) => ({ default: m.SimulateGuestDrawer })),
);

const DEFAULT_FILTERS: InboxFilters = { status: ["OPEN", "PENDING"] };

/**
 * The communication hub: inbox on the left, the open thread in the middle, its context on the right. On a
 * phone one column shows at a time (the inbox, or the open thread with a way back); styles.css decides.
 */
export function HubPage({ user }: { user: StaffProfile }) {
  const logout = useLogout();
  const simulator = useSimulatorMode();
  const live = useLiveEvents(true);
  const { params, navigate } = useLocation();
  const [filters, setFilters] = useState<InboxFilters>(DEFAULT_FILTERS);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const menuArea = useRef<HTMLDivElement>(null);

  // The phone's header menu closes on Escape (focus back on its button) and on a tap anywhere else.
  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setMenuOpen(false);
      menuButton.current?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      if (!menuArea.current?.contains(event.target as Node)) setMenuOpen(false);
    };
    window.addEventListener("keydown", onKey);
    window.addEventListener("pointerdown", onPointer);
    return () => {
      window.removeEventListener("keydown", onKey);
      window.removeEventListener("pointerdown", onPointer);
    };
  }, [menuOpen]);
  const list = useThreadList(filters);
  const threads = useMemo(() => list.data?.pages.flatMap((p) => p.threads) ?? [], [list.data]);

  const selectedId = Number(params.get("thread")) || undefined;
  const select = (id: number) => navigate(`${window.location.pathname}?thread=${id}`);
  const selected = threads.find((t) => t.id === selectedId);
  const startChannel = startedChannel(params);
  const backToInbox = useCallback(() => navigate(window.location.pathname), [navigate]);

  // Back on a phone, the inbox reappears: give focus to the row of the thread one came from.
  const previousId = useRef(selectedId);
  useEffect(() => {
    if (previousId.current && !selectedId) focusWhenRendered(`thread-row-${previousId.current}`);
    previousId.current = selectedId;
  }, [selectedId]);

  const selection = useRowSelection(threads, filters);
  useInboxKeys({ threads, selectedId, select, toggleCheck: selection.toggle });

  useUnreadTitle(
    selected
      ? `${selected.contact.name ?? formatPhone(selected.contact.phone)} · commhub`
      : "Inbox · commhub",
  );
  useDesktopNotifications(user, selectedId);
  useSlaBreachNotifications(user);
  useMentionNotifications();

  return (
    <div className="hub">
      <header className="topbar">
        <h1 className="brand">
          <span className="brand-mark" aria-hidden="true">
            c
          </span>
          commhub <span className="brand-sub">Communication hub</span>
        </h1>
        <div className="topbar-right" ref={menuArea}>
          <LiveBadge status={live} />
          <button
            ref={menuButton}
            type="button"
            className="button ghost menu-button"
            aria-expanded={menuOpen}
            aria-controls="topbar-actions"
            onClick={() => setMenuOpen(!menuOpen)}
          >
            Menu
          </button>
          {/* Inline on wider screens; on a phone, the menu the Menu button opens. */}
          <div id="topbar-actions" className={`topbar-actions${menuOpen ? " open" : ""}`}>
            {simulator && (
              <button
                type="button"
                className="button ghost"
                onClick={() => {
                  setMenuOpen(false);
                  setDrawerOpen(true);
                }}
              >
                Simulate guest
              </button>
            )}
            <span className="user" title={user.email}>
              {user.name} <span className="role">{user.role.toLowerCase()}</span>
            </span>
            {canManageStaff(user) && (
              <a className="button ghost" href={STAFF_PATH}>
                Staff
              </a>
            )}
            {canSeeReports(user) && (
              <a className="button ghost" href={REPORTS_PATH}>
                Reports
              </a>
            )}
            <NotificationSettingsButton />
            {canManageStaff(user) && (
              <a className="button ghost" href={CANNED_REPLIES_PATH}>
                Canned replies
              </a>
            )}
            <ChangePasswordButton />
            <button type="button" className="button ghost" onClick={() => void logout()}>
              Log out
            </button>
          </div>
        </div>
      </header>
      <main className={`hub-body ${selectedId ? "showing-thread" : "showing-inbox"}`}>
        <section className="inbox" aria-label="Inbox">
          <NewConversationButton />
          <InboxFiltersBar filters={filters} onChange={setFilters} properties={user.properties} />
          <BulkToolbar
            user={user}
            filters={filters}
            selection={selection.allMatching ? "all" : [...selection.checked]}
            onSelectAllMatching={selection.selectAllMatching}
            onClear={selection.clear}
          />
          <ThreadList
            checked={selection.visibleChecked}
            onCheck={selection.check}
            threads={threads}
            selectedId={selectedId}
            onSelect={select}
            loading={list.isPending}
            error={list.error}
            hasMore={list.hasNextPage}
            loadMore={() => void list.fetchNextPage()}
            loadingMore={list.isFetchingNextPage}
            emptyAction={
              filters.search && narrowed(filters) ? (
                <button
                  type="button"
                  className="button"
                  onClick={() => setFilters({ search: filters.search, status: DEFAULT_FILTERS.status })}
                >
                  Search all statuses and properties
                </button>
              ) : undefined
            }
          />
        </section>
        {selectedId ? (
          <ThreadView
            key={`${selectedId}:${startChannel ?? ""}`}
            threadId={selectedId}
            startChannel={startChannel}
            user={user}
            onSelectThread={select}
            onBack={backToInbox}
          />
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
      </main>
      <NewConversationHost defaultPropertyId={filters.propertyId} />
      {simulator && drawerOpen && (
        <Suspense fallback={null}>
          <SimulateGuestDrawer
            onClose={() => setDrawerOpen(false)}
            defaultPhone={selected?.contact.phone ?? undefined}
            defaultName={selected?.contact.name ?? undefined}
          />
        </Suspense>
      )}
    </div>
  );
}

/** Anything besides the search itself that hides threads the person may see. */
function narrowed(filters: InboxFilters): boolean {
  return Boolean(
    filters.statusChosen || filters.propertyId || filters.assignee || filters.channel || filters.unread,
  );
}

// The inbox list is virtualized: hidden, it has no size and no rows; they come back a frame or two after it
// reappears.
function focusWhenRendered(elementId: string, framesLeft = 30): void {
  const element = document.getElementById(elementId);
  if (element) element.focus();
  else if (framesLeft > 0) requestAnimationFrame(() => focusWhenRendered(elementId, framesLeft - 1));
}
