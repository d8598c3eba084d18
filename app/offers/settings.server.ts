import { z } from "zod";
import db from "../platform/db.server";
import type { ShopSettings } from "@tactful/engine/types";
import { contentSchema } from "./offer.schema";
import { localeSchema, settingsFromRow, shopSettingsSchema } from "./settings.schema";

/*
 * Shop-wide settings: the engine's ShopSettings plus the default popup texts
 * per locale (prefilled into new offers) and the sync bookkeeping shown on
 * Home. A shop without a row gets the schema defaults; the row is created on
 * the first save or sync.
 */

export const defaultTextsSchema = z.record(localeSchema, contentSchema);

/** The settings form: one schema for the server's 400 answer and the stored row. */
export const settingsFormSchema = shopSettingsSchema.extend({
  texts: defaultTextsSchema.default({}),
});
export type SettingsForm = z.output<typeof settingsFormSchema>;

export type SyncStatus = "NEVER" | "PENDING" | "OK" | "FAILED";

export interface ShopSettingsView {
  settings: ShopSettings;
  texts: z.output<typeof defaultTextsSchema>;
  sync: { status: SyncStatus; error: string | null; syncedAt: string | null; discountId: string | null };
  previewedAt: string | null;
}

/**
 * New offers start from these texts, one per language the storefront ships
 * (extensions/tactful-embed/locales). They claim nothing the app cannot know
 * to be true of every shop: no "shoppers also bought", no popularity, only
 * that the shop picked these (decision record 0068).
 */
export const FALLBACK_TEXTS = {
  en: { headline: "You might also like", body: "Our picks to go with your order.", accept: "Add to cart", decline: "No thanks" },
  fr: { headline: "Vous aimerez peut-être aussi", body: "Notre sélection pour accompagner votre commande.", accept: "Ajouter au panier", decline: "Non merci" },
  ar: { headline: "قد يعجبك أيضًا", body: "اخترناها لتناسب طلبك.", accept: "أضف إلى السلة", decline: "لا، شكرًا" },
};

const syncStatusOf = (s: string): SyncStatus => (s === "OK" || s === "FAILED" || s === "PENDING" ? s : "NEVER");

export async function getShopSettings(shop: string): Promise<ShopSettingsView> {
  const row = await db.shopSettings.findUnique({ where: { shop } });
  if (!row) {
    return { settings: shopSettingsSchema.parse({}), texts: FALLBACK_TEXTS, sync: { status: "NEVER", error: null, syncedAt: null, discountId: null }, previewedAt: null };
  }
  const texts = defaultTextsSchema.safeParse(row.texts);
  return {
    settings: settingsFromRow(row),
    // A broken texts column must not lock the merchant out of Settings.
    texts: texts.success && Object.keys(texts.data).length ? texts.data : FALLBACK_TEXTS,
    sync: { status: syncStatusOf(row.syncStatus), error: row.syncError, syncedAt: row.syncedAt?.toISOString() ?? null, discountId: row.discountId },
    previewedAt: row.previewedAt?.toISOString() ?? null,
  };
}

export async function saveShopSettings(shop: string, input: SettingsForm): Promise<void> {
  const { texts, style, ...columns } = input;
  await db.shopSettings.upsert({
    where: { shop },
    create: { shop, ...columns, style, texts },
    update: { ...columns, style, texts },
  });
}

/** Sync bookkeeping; never touches what the merchant edits. */
export async function recordSync(shop: string, patch: { status: SyncStatus; error?: string | null; syncedAt?: Date; discountId?: string }): Promise<void> {
  const data = {
    syncStatus: patch.status,
    syncError: patch.error ?? null,
    ...(patch.syncedAt ? { syncedAt: patch.syncedAt } : {}),
    ...(patch.discountId ? { discountId: patch.discountId } : {}),
  };
  await db.shopSettings.upsert({ where: { shop }, create: { shop, ...data }, update: data });
}

/** The getting-started checklist's "preview it" step. */
export async function markPreviewed(shop: string): Promise<void> {
  const previewedAt = new Date();
  await db.shopSettings.upsert({ where: { shop }, create: { shop, previewedAt }, update: { previewedAt } });
}
