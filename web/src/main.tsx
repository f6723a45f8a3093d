import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { App } from "@web/app/app";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "@web/app/styles.css";

const queryClient = new QueryClient({
  defaultOptions: {
    // Live events keep data fresh; refetching on focus would only add load.
    queries: { staleTime: 30_000, refetchOnWindowFocus: false, retry: 1 },
  },
});

const root = document.getElementById("root");
if (!root) throw new Error("missing #root element");
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
