import { describe, expect, it } from "vitest";
import { CHECKOUT_CONTENT_KEYS, checkoutContentFor } from "@tactful/engine/checkout-content";
import { encodeStorefrontConfig } from "@tactful/engine/wire";
import { offer, storefrontConfig } from "../../extensions/tactful-checkout/src/test-shopify";
import { CheckoutTextTooLargeError, checkoutLocaleContent, checkoutMetafields } from "./checkout-metafields";
import { STOREFRONT_LIMIT_BYTES } from "./offer-compiler";

const text = (headline: string, body = "") => ({ headline, body, accept: "Add", decline: "No" });
const LOCALES = ["en", "de", "fr", "ja", "es", "it", "nl", "pt-BR", "pl", "sv", "da", "nb", "fi", "cs", "tr", "ko", "zh-CN", "zh-TW", "ar", "he"];

/** `offers` offers with a body of `bodyBytes` in every locale. */
function bigShop(offers: number, bodyBytes: number) {
  const list = Array.from({ length: offers }, (_, i) =>
    offer({ id: `offer-${i}`, content: Object.fromEntries(LOCALES.map((l) => [l, text(`${l} ${i}`, `${l}:${"x".repeat(bodyBytes)}`)])) }),
  );
  return storefrontConfig(...list);
}

describe("the checkout copy on the Shop", () => {
  it("packs 20 published locales into the declared values, each under 128 KB, the primary in the first, every locale once", () => {
    // 20 locales x 40 offers x ~600 bytes: ~490 KB of text, more than three values hold.
    const cfg = bigShop(40, 560);
    const out = checkoutMetafields(cfg, encodeStorefrontConfig(cfg).config, { primary: "de", published: LOCALES });
    expect(out.map((m) => m.key)).toEqual(["config", ...CHECKOUT_CONTENT_KEYS]);
    const groups = out.slice(1).map((m) => JSON.parse(m.value) as { w: number; p: string; c: Record<string, unknown> });
    for (const m of out) expect(Buffer.byteLength(m.value)).toBeLessThanOrEqual(STOREFRONT_LIMIT_BYTES);
    expect(groups.every((g) => g.p === "de")).toBe(true);
    expect(Object.keys(groups[0]?.c ?? {})[0]).toBe("de");
    const placed = groups.flatMap((g) => Object.keys(g.c)).sort();
    expect(placed).toEqual(LOCALES.map((l) => l.toLowerCase()).sort());
    expect(groups.filter((g) => Object.keys(g.c).length > 0).length).toBe(4);
    // The extension finds a locale wherever it was packed.
    for (const l of ["zh-TW", "he", "pt-BR", "de"]) {
      const got = checkoutContentFor(out.slice(1).map((m) => m.value), l);
      expect((got?.contents[0] as { c: Record<string, unknown[]> }).c["offer-0"]?.[0]).toBe(`${l} 0`);
    }
  });

  it("refuses, before anything is written, text that no layout of the declared values can hold", () => {
    const cfg = bigShop(40, 1200);
    expect(() => checkoutMetafields(cfg, encodeStorefrontConfig(cfg).config, { primary: "en", published: LOCALES })).toThrow(CheckoutTextTooLargeError);
    try {
      checkoutMetafields(cfg, encodeStorefrontConfig(cfg).config, { primary: "en", published: LOCALES });
    } catch (error) {
      expect((error as Error).message).toMatch(/checkout text for "[a-z-]+" \([\d,]+ bytes\).*at most 6 text values of 131,072 bytes/);
      // The primary always gets a place.
      expect((error as CheckoutTextTooLargeError).locales.map((l) => l.locale)).not.toContain("en");
    }
  });

  it("writes published locales only, a regional locale takes its base language's text, and no locale takes another language's (0074)", () => {
    const cfg = storefrontConfig(
      offer({
        id: "o1",
        content: { en: text("Hello"), pt: text("Olá"), fr: text("Bonjour") },
        abVariants: [{ id: "b", weight: 50, content: { pt: text("Oi") } }],
      }),
    );
    const per = checkoutLocaleContent(cfg, { primary: "de", published: ["de", "pt-BR", "ja"] });
    // de (primary) and ja have no text of their own: no English stands in for them.
    expect(Object.keys(per).sort()).toEqual(["pt-br"]);
    expect(JSON.parse(per["pt-br"] ?? "{}")).toMatchObject({ l: "pt-br", c: { o1: ["Olá", "", "Add", "No"] }, x: { o1: { b: ["Oi", "", "Add", "No"] } } });
    expect(Object.values(per).join()).not.toContain("Bonjour");
  });
});
