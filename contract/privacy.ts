import { z } from "zod";

/** Erasure is final: the caller must spell out that they mean it. */
export const EraseContactBody = z.object({
  confirm: z.literal("ERASE", { error: 'must be the word "ERASE"' }),
});
export type EraseContactBody = z.infer<typeof EraseContactBody>;

export const EraseContactResponse = z.object({
  erased: z.object({
    contactId: z.number().int(),
    contacts: z.number().int(),
    threads: z.number().int(),
    messages: z.number().int(),
    mediaFiles: z.number().int(),
  }),
});
export type EraseContactResponse = z.infer<typeof EraseContactResponse>;
