import { WIRE_VERSION } from "./wire";

/*
 * The checkout UI extension's copy of the offer text (decision record 0052).
 *
 * A checkout extension reads only the metafields it declares in its TOML,
 * and Shopify caps how many it may declare, so it cannot declare one
 * `content_<locale>` per language the shop might publish. The text therefore
 * travels in a fixed number of group values, each holding several locales:
 *   { w: WIRE_VERSION, p: <shop primary locale>, c: { <locale>: <content wire> } }
 * where <content wire> is exactly what encodeStorefrontConfig writes for one
 * locale, so parseStorefrontConfig reads it unchanged. Locale keys are
 * lower case.
 */

/**
 * The text keys the checkout extension declares after `config`: 1 + 6 = 7
 * declarations, one under Shopify's cap of 8 per extension, so a later need
 * (or a lower cap) does not force a new layout.
 */
export const CHECKOUT_CONTENT_KEYS = ["content_1", "content_2", "content_3", "content_4", "content_5", "content_6"] as const;

/** One group value. `entries` maps a locale to its content wire JSON (as encodeStorefrontConfig returns it). */
export function encodeCheckoutGroup(primary: string, entries: Readonly<Record<string, string>>): string {
  const c: Record<string, unknown> = {};
  for (const [locale, wire] of Object.entries(entries)) c[locale.toLowerCase()] = JSON.parse(wire);
  return JSON.stringify({ w: WIRE_VERSION, p: primary.toLowerCase(), c });
}

type Group = { p: string; c: Record<string, Record<string, unknown>> };

function parseGroup(raw: unknown): Group | null {
  let g: unknown = raw;
  if (typeof raw === "string") {
    try {
      g = JSON.parse(raw);
    } catch {
      return null;
    }
  }
  if (typeof g !== "object" || g === null) return null;
  const { w, p, c } = g as Record<string, unknown>;
  if (w !== WIRE_VERSION || typeof p !== "string" || !p || typeof c !== "object" || c === null || Array.isArray(c)) return null;
  for (const entry of Object.values(c)) if (typeof entry !== "object" || entry === null || Array.isArray(entry)) return null;
  return { p, c: c as Group["c"] };
}

/**
 * The content to merge into the main config for a buyer in `locale`: the
 * buyer's language (exact, then its base language) labelled `locale`, and no
 * other language's (decision record 0074), except the primary locale's,
 * labelled with the primary locale, which decide() uses only for offers that
 * allow it as a fallback (0091). Null when any group is malformed, newer, or
 * disagrees on the primary locale: show nothing.
 */
export function checkoutContentFor(groups: readonly unknown[], locale: string): { primary: string; contents: Record<string, unknown>[] } | null {
  const parsed = groups.map(parseGroup);
  if (parsed.some((g) => g === null)) return null;
  const ok = parsed as Group[];
  const primary = ok[0]?.p;
  if (primary === undefined) return { primary: "", contents: [] };
  if (ok.some((g) => g.p !== primary)) return null;
  const find = (l: string) => ok.find((g) => Object.hasOwn(g.c, l))?.c[l];
  const lang = locale.toLowerCase();
  const own = find(lang) ?? find(lang.split("-")[0] ?? lang);
  const contents = own ? [{ ...own, l: locale }] : [];
  const fallback = lang === primary ? undefined : find(primary);
  if (fallback) contents.push({ ...fallback, l: primary });
  return { primary, contents };
}
