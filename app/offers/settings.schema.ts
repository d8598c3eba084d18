import { z } from "zod";
import type { PopupStyle, ShopSettings } from "@tactful/engine/types";

/** Shop-wide settings the merchant edits; the single source for form and server validation. */

export const localeSchema = z
  .string()
  .trim()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { error: 'Use a language code such as "en", "ar" or "pt-BR"' });

export const popupStyleSchema = z.object({
  accent: z.string().regex(/^#[0-9a-fA-F]{6}$/, { error: "Accent colour must be a hex colour such as #1a73e8" }),
  radius: z.int({ error: "Corner radius must be a whole number" }).min(0, { error: "Corner radius must be between 0 and 24 px" }).max(24, { error: "Corner radius must be between 0 and 24 px" }),
  position: z.enum(["center", "bottom"], { error: "Position must be centre or bottom" }),
  scheme: z.enum(["light", "dark"], { error: "Colour scheme must be light or dark" }),
}) satisfies z.ZodType<PopupStyle>;

export const DEFAULT_STYLE: PopupStyle = { accent: "#121212", radius: 12, position: "center", scheme: "light" };

const capMsg = "Price cap must be between 1% and 100%";
export const capBpsSchema = z.int({ error: capMsg }).min(100, { error: capMsg }).max(10000, { error: capMsg });

export const shopSettingsSchema = z.object({
  capBps: capBpsSchema.default(2500),
  maxPerSession: z
    .int({ error: "Popups per session must be a whole number" })
    .min(1, { error: "Popups per session must be between 1 and 10" })
    .max(10, { error: "Popups per session must be between 1 and 10" })
    .default(1),
  cooldownDays: z
    .int({ error: "Cooldown must be a whole number of days" })
    .min(0, { error: "Cooldown must be between 0 and 365 days" })
    .max(365, { error: "Cooldown must be between 0 and 365 days" })
    .default(7),
  paused: z.boolean().default(false),
  defaultLocale: localeSchema.default("en"),
  style: popupStyleSchema.default(DEFAULT_STYLE),
});

export type ShopSettingsInput = z.input<typeof shopSettingsSchema>;
export type ShopSettingsValues = z.output<typeof shopSettingsSchema>;

// Drift guard: the parsed settings are exactly what the engine reads.
const _settingsMatchEngine = (s: ShopSettingsValues): ShopSettings => s;
void _settingsMatchEngine;

/** Parses a ShopSettings row (style is Json? in Prisma); a missing or broken style falls back to the default. */
export function settingsFromRow(row: { capBps: number; maxPerSession: number; cooldownDays: number; paused: boolean; defaultLocale: string; style?: unknown }): ShopSettings {
  const style = popupStyleSchema.safeParse(row.style);
  return shopSettingsSchema.parse({ ...row, style: style.success ? style.data : DEFAULT_STYLE });
}
