import type { Segment, ShopperContext } from "./types";

const lc = (s: string) => s.toLowerCase();

/** "pt" in a segment matches a "pt-BR" shopper; "pt-BR" matches only "pt-BR". */
export function localeMatches(wanted: string, locale: string): boolean {
  const w = lc(wanted);
  const l = lc(locale);
  return w === l || l.split("-")[0] === w;
}

export function segmentMatches(s: Segment, ctx: ShopperContext): boolean {
  if (s.customer === "LOGGED_IN" && !ctx.loggedIn) return false;
  if (s.customer === "GUEST" && ctx.loggedIn) return false;
  if (s.tagsInclude.length || s.tagsExclude.length) {
    const tags = ctx.customerTags.map(lc);
    if (s.tagsInclude.length && !s.tagsInclude.some((t) => tags.includes(lc(t)))) return false;
    if (s.tagsExclude.some((t) => tags.includes(lc(t)))) return false;
  }
  // Unknown history matches neither NEW nor RETURNING: no guessing.
  if (s.history === "NEW" && ctx.returning !== false) return false;
  if (s.history === "RETURNING" && ctx.returning !== true) return false;
  if (s.countries.length && !(ctx.country && s.countries.some((c) => lc(c) === lc(ctx.country as string)))) return false;
  if (s.markets.length && !(ctx.market && s.markets.includes(ctx.market))) return false;
  if (s.locales.length && !s.locales.some((w) => localeMatches(w, ctx.locale))) return false;
  return true;
}
