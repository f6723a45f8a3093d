import type { StaffProfile } from "@contract/auth";
import type { PropertyDto } from "@contract/properties";
import type { StaffDto } from "@contract/staff";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { apiGet, apiPatch, apiPost } from "@web/api/http-client";

export const STAFF_PATH = "/admin/staff";

/** Admins manage everyone; managers the staff of their properties (the server enforces the details). */
export function canManageStaff(user: StaffProfile): boolean {
  return user.role === "ADMIN" || user.role === "MANAGER";
}

export type StaffValues = { name: string; role: StaffDto["role"]; propertyIds: number[] };

export function useStaffList() {
  return useQuery({
    queryKey: ["staff"],
    queryFn: async () => (await apiGet<{ staff: StaffDto[] }>("/api/staff")).staff,
  });
}

export function usePropertyNames() {
  return useQuery({
    queryKey: ["properties"],
    queryFn: async () => (await apiGet<{ properties: PropertyDto[] }>("/api/properties")).properties,
  });
}

/** Each call answers the server's result and refreshes the list; a temporary password comes back once. */
export function useStaffActions() {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: ["staff"] });
  return {
    create: async (values: StaffValues & { email: string }) => {
      const answer = await apiPost<{ staff: StaffDto; temporaryPassword: string }>("/api/staff", values);
      await refresh();
      return answer;
    },
    update: async (id: number, values: Partial<StaffValues> & { isActive?: boolean }) => {
      await apiPatch(`/api/staff/${id}`, values);
      await refresh();
    },
    resetPassword: async (id: number) =>
      apiPost<{ temporaryPassword: string }>(`/api/staff/${id}/password-reset`),
  };
}

export async function changeOwnPassword(currentPassword: string, newPassword: string): Promise<void> {
  await apiPost("/api/auth/password", { currentPassword, newPassword });
}
