import { z } from "zod";

/**
 * The label palette: each colour carries white text at a contrast of at least 4.5:1, so a label stays
 * readable whatever is picked. Labels store the key; the web maps it to the hex value.
 */
export const LABEL_COLORS = {
  slate: "#475569",
  red: "#b91c1c",
  orange: "#c2410c",
  amber: "#92400e",
  green: "#15803d",
  teal: "#0f766e",
  blue: "#1d4ed8",
  indigo: "#4338ca",
  purple: "#7e22ce",
  pink: "#be185d",
} as const;
export const LabelColor = z.enum(
  Object.keys(LABEL_COLORS) as [keyof typeof LABEL_COLORS, ...Array<keyof typeof LABEL_COLORS>],
);
export type LabelColor = z.infer<typeof LabelColor>;

/** Lowest to highest; stored as the index (0–4) so the inbox sorts by it. */
export const THREAD_PRIORITIES = ["none", "low", "medium", "high", "urgent"] as const;
export const ThreadPriority = z.enum(THREAD_PRIORITIES);
export type ThreadPriority = z.infer<typeof ThreadPriority>;

export const Label = z.object({
  id: z.number(),
  propertyId: z.number(),
  name: z.string(),
  color: LabelColor,
});
export type Label = z.infer<typeof Label>;

/** A label as a thread row carries it. */
export const ThreadLabel = Label.pick({ id: true, name: true, color: true });
export type ThreadLabel = z.infer<typeof ThreadLabel>;

const LabelName = z
  .string()
  .trim()
  .min(1, "a label needs a name")
  .max(40)
  .refine((v) => !v.includes("\0"), "must not contain a NUL byte");

export const CreateLabelBody = z.object({
  propertyId: z.number().int().positive(),
  name: LabelName,
  color: LabelColor,
});
export type CreateLabelBody = z.infer<typeof CreateLabelBody>;

export const UpdateLabelBody = z
  .object({ name: LabelName.optional(), color: LabelColor.optional() })
  .refine((b) => b.name !== undefined || b.color !== undefined, { message: "nothing to change" });
export type UpdateLabelBody = z.infer<typeof UpdateLabelBody>;

export const LabelListQuery = z.object({ propertyId: z.coerce.number().int().positive().optional() });
export const LabelListResponse = z.object({ labels: z.array(Label) });
export type LabelListResponse = z.infer<typeof LabelListResponse>;
export const LabelResponse = z.object({ label: Label });

export const ThreadLabelBody = z.object({ labelId: z.number().int().positive() });
export const ThreadPriorityBody = z.object({ priority: ThreadPriority });
