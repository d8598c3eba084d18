import { z } from "zod";
import { MAIN_THEME_SETTINGS_QUERY } from "../graphql/operations";
import { request, type AdminGraphql } from "./admin-api.server";

/* Is the app embed turned on in the published theme, and where the merchant turns it on. */

/** The app embed's block handle, from extensions/tactful-embed (blocks/tactful-embed.liquid). */
export const EMBED_HANDLE = "tactful-embed";
export const APP_HANDLE = "tactful-upsell";

export type EmbedStatus = { state: "ENABLED"; themeName: string } | { state: "DISABLED"; themeName: string } | { state: "UNKNOWN"; reason: string };

const themeSettingsSchema = z.object({
  themes: z
    .object({
      nodes: z.array(
        z.object({
          name: z.string(),
          files: z.object({ nodes: z.array(z.object({ filename: z.string(), body: z.object({ content: z.string().optional() }) })) }).nullable(),
        }),
      ),
    })
    .nullable(),
});

const settingsDataSchema = z.object({
  current: z.union([
    z.object({ blocks: z.record(z.string(), z.object({ type: z.string(), disabled: z.boolean().optional() })).optional() }).loose(),
    // A theme that uses a named preset stores its name here instead.
    z.string(),
  ]),
});

/** Shopify prefixes generated theme JSON with a comment block; JSON.parse needs it gone. */
function stripLeadingComment(text: string): string {
  return text.replace(/^\uFEFF?\s*\/\*[\s\S]*?\*\/\s*/, "");
}

/** Is our embed block on and not disabled in this settings_data.json? */
export function embedEnabledIn(settingsData: string): boolean | null {
  let json: unknown;
  try {
    json = JSON.parse(stripLeadingComment(settingsData));
  } catch {
    return null;
  }
  const parsed = settingsDataSchema.safeParse(json);
  if (!parsed.success) return null;
  const current = parsed.data.current;
  if (typeof current === "string") return false;
  const marker = `/apps/${APP_HANDLE}/blocks/${EMBED_HANDLE}/`;
  return Object.values(current.blocks ?? {}).some((b) => b.type.includes(marker) && b.disabled !== true);
}

export async function embedStatus(admin: AdminGraphql): Promise<EmbedStatus> {
  try {
    // One attempt: Home must render promptly, and the answer only informs a checklist.
    const data = await request(admin, MAIN_THEME_SETTINGS_QUERY, themeSettingsSchema, undefined, 1);
    const theme = data.themes?.nodes[0];
    if (!theme) return { state: "UNKNOWN", reason: "The shop has no published theme." };
    const file = theme.files?.nodes.find((f) => f.filename === "config/settings_data.json");
    if (!file?.body.content) return { state: "DISABLED", themeName: theme.name };
    const enabled = embedEnabledIn(file.body.content);
    if (enabled === null) return { state: "UNKNOWN", reason: `Could not read the settings of "${theme.name}".` };
    return { state: enabled ? "ENABLED" : "DISABLED", themeName: theme.name };
  } catch (error) {
    return { state: "UNKNOWN", reason: error instanceof Error ? error.message : "Could not reach Shopify." };
  }
}

/** Where the merchant turns the embed on: the theme editor with our embed preselected. */
export function embedActivationUrl(shop: string, apiKey: string): string {
  return `https://${shop}/admin/themes/current/editor?context=apps&activateAppId=${encodeURIComponent(apiKey)}/${EMBED_HANDLE}`;
}
