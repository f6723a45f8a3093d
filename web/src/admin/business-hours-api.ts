import type {
  AutoReplyBody,
  AutoReplyResponse,
  BusinessHoursBody,
  BusinessHoursResponse,
} from "@contract/business-hours";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { apiGet, apiPut } from "@web/api/http-client";

export type BusinessHoursSettings = BusinessHoursResponse["businessHours"];
export type AutoReplySettings = AutoReplyResponse["autoReply"];

const hoursKey = (propertyId: number) => ["business-hours", propertyId];

/** A property's opening hours and automatic replies, loaded together for its settings section. */
export function usePropertyHours(propertyId: number) {
  return useQuery({
    queryKey: hoursKey(propertyId),
    queryFn: async () => {
      const [hours, replies] = await Promise.all([
        apiGet<BusinessHoursResponse>(`/api/properties/${propertyId}/business-hours`),
        apiGet<AutoReplyResponse>(`/api/properties/${propertyId}/auto-reply`),
      ]);
      return { hours: hours.businessHours, autoReply: replies.autoReply };
    },
  });
}

export function useSavePropertyHours(propertyId: number) {
  const client = useQueryClient();
  return async (hours: BusinessHoursBody, autoReply: AutoReplyBody) => {
    await apiPut(`/api/properties/${propertyId}/business-hours`, hours);
    await apiPut(`/api/properties/${propertyId}/auto-reply`, autoReply);
    await client.invalidateQueries({ queryKey: hoursKey(propertyId) });
  };
}
