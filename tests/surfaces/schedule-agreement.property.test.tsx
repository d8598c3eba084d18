/** @jsxImportSource preact */
/** @vitest-environment happy-dom */
import fc from "fast-check";
import { render } from "preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { decide, parseStorefrontConfig } from "@tactful/engine";
import { record, settings } from "../../app/offers/offer-fixtures";
import { compileFunctionConfig, compileStorefrontConfig, functionMetafield, storefrontMetafields } from "../../app/offers/offer-compiler";
import { utcToLocal } from "../../app/offers/schedule";
import { clearFactsCache, OfferBlock } from "../../extensions/tactful-checkout/src/OfferBlock";
import type { ShopifyApi } from "../../extensions/tactful-checkout/src/shopify-api";
import { line, stubShopify } from "../../extensions/tactful-checkout/src/test-shopify";
import { cartLinesDiscountsGenerateRun } from "../../extensions/tactful-discount/src/cart_lines_discounts_generate_run";
import { input } from "../../extensions/tactful-discount/src/test-input";

/*
 * Issue 13 item 5 / decision record 0055: for random schedules x time zones x
 * instants, the storefront (the metafield as the app embed prints it, parsed
 * and decided by the engine), the checkout extension (its OfferBlock,
 * rendered with the same config and `now`) and the discount Function (its
 * run, given the shop's local date at that instant, as Shopify does) give the
 * same answer. Each surface gets its config from the admin's own compiler and
 * metafield writers.
 */

const ZONES = [
  "America/New_York", // DST at 02:00
  "Europe/London", // DST at 01:00, offset 0 in winter
  "Australia/Lord_Howe", // 30-minute DST
  "Asia/Kathmandu", // +5:45
  "Pacific/Chatham", // +12:45 / +13:45
  "Pacific/Kiritimati", // +14, the earliest date on Earth
  "Pacific/Pago_Pago", // -11
  "America/St_Johns", // -3:30 / -2:30
  "America/Santiago", // DST changes at midnight
  "Asia/Beirut", // DST changes at midnight
  "UTC",
];
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

const local = (ms: number) => utcToLocal(ms, "UTC").slice(0, 16);
/** Wall-clock times between September 2026 and May 2027: both hemispheres' DST changes. Midnight is common on purpose. */
const wallClock = fc
  .tuple(fc.integer({ min: 0, max: 240 }), fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 24 * 60 - 1 })))
  .map(([d, m]) => local(Date.UTC(2026, 8, 1) + d * DAY + m * MIN));

const scenario = fc
  .record({
    tz: fc.constantFrom(...ZONES),
    start: fc.option(wallClock, { nil: undefined }),
    lengthMin: fc.oneof(fc.integer({ min: 1, max: 3 * 24 * 60 }), fc.integer({ min: 1, max: 30 }).map((d) => d * 24 * 60)),
    end: fc.boolean(),
    // Instants near a boundary, where surfaces could disagree, or anywhere.
    near: fc.constantFrom("start", "end", "anywhere"),
    offsetMin: fc.integer({ min: -30 * 60, max: 30 * 60 }),
    anywhere: fc.integer({ min: Date.UTC(2026, 7, 1), max: Date.UTC(2027, 5, 1) }),
    ms: fc.constantFrom(0, -1, 1),
  })
  .filter((s) => s.start !== undefined || s.end);

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function schedule(s: Scenario) {
  const startsAtLocal = s.start ?? null;
  const endBase = s.start ? Date.parse(`${s.start}:00Z`) + s.lengthMin * MIN : Date.UTC(2026, 11, 1) + s.lengthMin * MIN;
  const endsAtLocal = s.end ? local(endBase) : null;
  return { timezone: s.tz, startsAtLocal, endsAtLocal };
}

/** The shop's local date at an instant, as Shopify puts it in the Function's input. */
const shopDate = (t: number, tz: string) => new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" }).format(t);

const settle = () => new Promise((r) => setTimeout(r, 0));

beforeEach(() => {
  vi.stubGlobal("fetch", vi.fn(async () => new Response(null, { status: 204 })));
});
afterEach(() => {
  render(null, document.body);
  vi.unstubAllGlobals();
});

describe("schedules: storefront, checkout and the Function agree (decision record 0055)", () => {
  it("for random schedules x time zones (DST included) x instants, all three surfaces give the same answer", async () => {
    const seen = { shown: 0, hidden: 0 };
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const r = record({ moments: "ADD_TO_CART,CART,CHECKOUT" }, schedule(s));
        const storefront = compileStorefrontConfig([r], settings);
        const fn = compileFunctionConfig([r], settings);
        const o = storefront.offers[0];
        if (!o) return false;
        const boundary = s.near === "start" ? o.startsAt : s.near === "end" ? o.endsAt : undefined;
        const t = boundary === undefined ? s.anywhere : boundary + s.offsetMin * MIN + s.ms;

        // Storefront: the metafields the sync writes, parsed and decided as the popup does.
        const values = storefrontMetafields(storefront).map((m) => m.value);
        const cfg = parseStorefrontConfig(values[0], ...values.slice(1));
        if (!cfg) return false;
        const cart = { currency: "USD", rateMicros: 1_000_000, lines: [{ key: "k1", productId: "100", variantId: "1000", quantity: 1, unitPrice: 10000 }], variants: { "2001": { unitPrice: 1500, available: true } } };
        const popup = decide(cfg, cart, { moment: "ADD_TO_CART", loggedIn: false, customerTags: [], locale: "en", visitorId: "v" }, { shownThisSession: 0, dismissedAt: {}, accepted: [], shownOfferIds: [] }, t).show;

        // Checkout: the extension's own block, with the same config and clock.
        clearFactsCache();
        const { shopify } = stubShopify({ config: storefront, lines: [line("1", "1000", "100", 100)], variants: { "2001": { price: "15.0", title: "Wool socks" } } });
        render(<OfferBlock api={shopify as unknown as ShopifyApi} moment="CHECKOUT" now={() => t} />, document.body);
        for (let i = 0; i < 50 && document.body.querySelector("s-skeleton-paragraph"); i++) await settle();
        for (let i = 0; i < 5; i++) await settle();
        const checkout = document.body.querySelector("s-section") !== null;
        render(null, document.body);

        // Function: its run over the accepted line, on the shop's date at that instant.
        const metafield = JSON.parse(functionMetafield(fn, "USD").value) as unknown;
        const run = cartLinesDiscountsGenerateRun(
          input(fn, [{ variant: "1000", product: "100", price: "100.00" }, { variant: "2001", product: "200", price: "15.00", offer: r.id }], { date: shopDate(t, s.tz), jsonValue: metafield }),
        );
        const discounted = run.operations.length > 0;

        expect({ at: new Date(t).toISOString(), shopDate: shopDate(t, s.tz), checkout, discounted }).toEqual({ at: new Date(t).toISOString(), shopDate: shopDate(t, s.tz), checkout: popup, discounted: popup });
        seen[popup ? "shown" : "hidden"]++;
        return true;
      }),
      { numRuns: 400 },
    );
    // Both answers must actually occur, or agreement proves nothing.
    expect(seen.shown).toBeGreaterThan(60);
    expect(seen.hidden).toBeGreaterThan(60);
  }, 120_000);
});
