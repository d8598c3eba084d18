import { CHECKOUT_CONTENT_KEYS, encodeCheckoutGroup } from "@tactful/engine/checkout-content";
import { encodeStorefrontConfig } from "@tactful/engine/wire";
import type { Content, StorefrontConfig } from "@tactful/engine/types";
import { STOREFRONT_LIMIT_BYTES } from "./offer-compiler";

/*
 * What the checkout UI extension reads, written on the Shop under
 * `$app:tactful` (decision record 0052): `config` (the same main config the
 * theme reads) and CHECKOUT_CONTENT_KEYS, the text of every published
 * locale packed into a fixed number of values of at most 128 KB each.
 */

export interface ShopLocales {
  /** The shop's primary locale, e.g. "en". */
  primary: string;
  /** Every locale buyers can see (shopLocales(published: true)), the primary included. */
  published: string[];
}

/** The published locales' text does not fit the values the extension declares. Nothing is written. */
export class CheckoutTextTooLargeError extends Error {
  override readonly name = "CheckoutTextTooLargeError";
  constructor(
    readonly locales: { locale: string; bytes: number }[],
    readonly capacity: number,
  ) {
    const list = locales.map((l) => `"${l.locale}" (${l.bytes.toLocaleString("en-US")} bytes)`).join(", ");
    super(
      `The checkout text for ${list} does not fit: checkout reads at most ${CHECKOUT_CONTENT_KEYS.length} text values of ` +
        `${STOREFRONT_LIMIT_BYTES.toLocaleString("en-US")} bytes (${capacity.toLocaleString("en-US")} in all). Shorten the offers' text or unpublish a language.`,
    );
  }
}

const utf8 = (s: string) => Buffer.byteLength(s, "utf8");
const lower = (content: Record<string, Content> | undefined) => Object.fromEntries(Object.entries(content ?? {}).map(([l, c]) => [l.toLowerCase(), c]));

/**
 * Each published locale's text, per offer: the locale's own, else its base
 * language's, and never another language's: an offer without copy in the
 * buyer's language does not show at checkout either (decision record 0074).
 * Returned as content wire JSON per (lower-case) locale.
 */
export function checkoutLocaleContent(config: StorefrontConfig, locales: ShopLocales): Record<string, string> {
  const primary = locales.primary.toLowerCase();
  const published = [...new Set([primary, ...locales.published.map((l) => l.toLowerCase())])];
  const resolve = (content: Record<string, Content> | undefined): Record<string, Content> | undefined => {
    const own = lower(content);
    const out: Record<string, Content> = {};
    for (const l of published) {
      // The buyer's language only, never another one (decision record 0074).
      const chain = [l, l.split("-")[0] ?? l];
      const found = chain.map((c) => own[c]).find((c) => c !== undefined);
      if (found) out[l] = found;
    }
    return Object.keys(out).length ? out : undefined;
  };
  const offers = config.offers.map((o) => {
    const content = resolve(o.content);
    const abVariants = o.abVariants.map((v) => {
      const vc = resolve(v.content);
      const { content: _drop, ...rest } = v;
      return vc ? { ...rest, content: vc } : rest;
    });
    const { content: _drop, ...rest } = o;
    return { ...rest, abVariants, ...(content ? { content } : {}) };
  });
  return encodeStorefrontConfig({ ...config, offers }).content;
}

/**
 * The values to write on the Shop: `config` and every CHECKOUT_CONTENT_KEYS
 * value, always all of them (empty groups included) so no group left from an
 * earlier layout can answer for a locale. The primary locale goes in the
 * first group, the others first-fit by size, largest first.
 */
export function checkoutMetafields(config: StorefrontConfig, mainConfigValue: string, locales: ShopLocales): { key: string; value: string }[] {
  const primary = locales.primary.toLowerCase();
  const perLocale = checkoutLocaleContent(config, locales);
  const order = Object.keys(perLocale).sort((a, b) => (a === primary ? -1 : b === primary ? 1 : utf8(perLocale[b] ?? "") - utf8(perLocale[a] ?? "") || a.localeCompare(b)));
  const groups: Record<string, string>[] = CHECKOUT_CONTENT_KEYS.map(() => ({}));
  const misfits: { locale: string; bytes: number }[] = [];
  for (const locale of order) {
    const wire = perLocale[locale] ?? "";
    const home = groups.find((g) => utf8(encodeCheckoutGroup(primary, { ...g, [locale]: wire })) <= STOREFRONT_LIMIT_BYTES);
    if (home) home[locale] = wire;
    else misfits.push({ locale, bytes: utf8(wire) });
  }
  if (misfits.length) throw new CheckoutTextTooLargeError(misfits, CHECKOUT_CONTENT_KEYS.length * STOREFRONT_LIMIT_BYTES);
  return [{ key: "config", value: mainConfigValue }, ...CHECKOUT_CONTENT_KEYS.map((key, i) => ({ key, value: encodeCheckoutGroup(primary, groups[i] ?? {}) }))];
}
