import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { onColour } from "@tactful/engine/colour";
import { newOfferState } from "../../app/components/offer-form";
import { contentSchema } from "../../app/offers/offer.schema";
import { DEFAULT_STYLE } from "../../app/offers/settings.schema";
import { FALLBACK_TEXTS } from "../../app/offers/settings.server";
import { readBlock } from "../../demo/storefront/embed";

/*
 * What a shop gets before its merchant chooses anything (decision record
 * 0068): honest texts in every language the storefront ships, and a popup
 * coloured like the shop rather than like us.
 */

/** The storefront embed's languages: en.default.json, fr.json, ar.json -> en, fr, ar. */
const SHIPPED = readdirSync("extensions/tactful-embed/locales").map((f) => f.split(".")[0] as string);
const texts: Record<string, { headline: string; body: string; accept: string; decline: string }> = FALLBACK_TEXTS;

describe("the default popup texts", () => {
  it("exist, valid, for every language the storefront ships", () => {
    expect(SHIPPED.length).toBeGreaterThanOrEqual(3);
    for (const locale of SHIPPED) expect(contentSchema.safeParse(texts[locale]).success, locale).toBe(true);
  });

  it("claim nothing about other shoppers, sales or popularity, which the app cannot know for every shop", () => {
    // "Shoppers who bought this also picked these" was the old English default.
    const claims = /shopper|customer|bought|picked these|popular|best.?sell|trending|others|client|acheté|achet|populaire|اشترى|الأكثر|العملاء|المتسوقين/i;
    for (const [locale, t] of Object.entries(texts)) for (const text of Object.values(t)) expect(text, `${locale}: ${text}`).not.toMatch(claims);
  });

  it("start a new offer in the shop's own language", () => {
    const fr = newOfferState({ locale: "fr", texts, timezone: "UTC" });
    expect(fr.content).toEqual({ fr: texts.fr });
    const ar = newOfferState({ locale: "ar", texts, timezone: "UTC" });
    expect(ar.content.ar?.headline).toBe(texts.ar?.headline);
  });
});

describe("the default popup style", () => {
  it("is a neutral accent (no hue), with white text on it, in the app and in the theme editor alike", () => {
    const n = parseInt(DEFAULT_STYLE.accent.slice(1), 16);
    expect([n >> 16, (n >> 8) & 255, n & 255].every((c) => c === n >> 16)).toBe(true);
    expect(onColour(DEFAULT_STYLE.accent)).toBe("#fff");
    expect(readBlock().defaults.accent).toBe(DEFAULT_STYLE.accent);
  });
});
