import { useCallback, useSyncExternalStore } from "react";

// A two-page app needs no router library: the path picks the page, ?thread= the open thread.
const subscribe = (onChange: () => void) => {
  window.addEventListener("popstate", onChange);
  return () => window.removeEventListener("popstate", onChange);
};

export function useLocation() {
  const href = useSyncExternalStore(subscribe, () => window.location.href);
  const url = new URL(href);
  const navigate = useCallback((to: string, options: { replace?: boolean } = {}) => {
    if (options.replace) window.history.replaceState(null, "", to);
    else window.history.pushState(null, "", to);
    window.dispatchEvent(new PopStateEvent("popstate"));
  }, []);
  return { path: url.pathname, params: url.searchParams, navigate };
}
