import type { LoginResponse, MeResponse, StaffProfile } from "@contract/auth";
import type { HealthResponse } from "@contract/health";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, apiGet, apiPost, setCsrfToken } from "./http-client";

/** `defaultCountry`: where a phone number typed without a country code is read (DEFAULT_COUNTRY). */
export type Session = { user: StaffProfile; csrfToken: string; defaultCountry?: string };

/** The signed-in staff member, or null when nobody is signed in. */
export function useSession() {
  return useQuery({
    queryKey: ["session"],
    queryFn: async (): Promise<Session | null> => {
      try {
        const me = await apiGet<MeResponse>("/api/auth/me");
        if (!me.user || !me.csrfToken) return null;
        setCsrfToken(me.csrfToken);
        return { user: me.user, csrfToken: me.csrfToken, defaultCountry: me.defaultCountry };
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useLogin() {
  const client = useQueryClient();
  return async (email: string, password: string) => {
    const answer = await apiPost<LoginResponse>("/api/auth/login", { email, password });
    setCsrfToken(answer.csrfToken);
    const session: Session = { user: answer.user, csrfToken: answer.csrfToken };
    client.setQueryData(["session"], session);
  };
}

export function useLogout() {
  return async () => {
    await apiPost("/api/auth/logout").catch(() => undefined);
    setCsrfToken(undefined);
    // A fresh page: no cached conversation of this user survives in memory.
    window.location.assign("/login");
  };
}

/** Whether the server runs the Gupshup simulator (the "Simulate guest" drawer is offered only then). */
export function useSimulatorMode(): boolean {
  const health = useQuery({
    queryKey: ["health"],
    queryFn: () => apiGet<HealthResponse>("/health"),
    staleTime: Number.POSITIVE_INFINITY,
  });
  return health.data?.provider === "simulator";
}
