import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { config, offer } from "./test-fixtures";
import { MOMENTS, type Moment } from "./types";
import { encodeStorefrontConfig, parseStorefrontConfig, storefrontMoments } from "./wire";

/* The storefront loader's look at the config (decision record 0067): it must agree with the full parse. */

const wire = (...offers: ReturnType<typeof offer>[]) => encodeStorefrontConfig(config(offers, { maxPerSession: 3 })).config;

describe("storefrontMoments", () => {
  it("names the moments some offer waits for, in MOMENTS order, and the session budget", () => {
    const raw = wire(offer({ id: "a", moments: ["PRE_CHECKOUT"] }), offer({ id: "b", moments: ["CART", "ADD_TO_CART"] }));
    expect(storefrontMoments(raw)).toEqual({ moments: ["ADD_TO_CART", "CART", "PRE_CHECKOUT"], maxPerSession: 3 });
    expect(storefrontMoments(JSON.parse(raw))).toEqual({ moments: ["ADD_TO_CART", "CART", "PRE_CHECKOUT"], maxPerSession: 3 });
  });

  it("is null where nothing can show: paused, no offer, unreadable, a newer wire version", () => {
    expect(storefrontMoments(encodeStorefrontConfig(config([offer()], { paused: true })).config)).toBeNull();
    expect(storefrontMoments(wire())).toBeNull();
    expect(storefrontMoments("{not json")).toBeNull();
    expect(storefrontMoments(undefined)).toBeNull();
    expect(storefrontMoments({ ...JSON.parse(wire(offer())), w: 2 })).toBeNull();
  });

  it("reads only the wire format the embed prints: a verbose config is not read", () => {
    expect(storefrontMoments(config([offer({ moments: ["CART"] })]))).toBeNull();
  });

  it("agrees with the full parse on every encoded config", () => {
    const moments = fc.subarray([...MOMENTS] as Moment[], { minLength: 1 });
    fc.assert(
      fc.property(fc.array(moments, { maxLength: 4 }), fc.boolean(), fc.integer({ min: 1, max: 9 }), (each, paused, maxPerSession) => {
        const cfg = config(each.map((m, i) => offer({ id: `o${i}`, moments: m })), { paused, maxPerSession });
        const raw = encodeStorefrontConfig(cfg).config;
        const full = parseStorefrontConfig(raw);
        const peek = storefrontMoments(raw);
        if (!full || full.settings.paused || !full.offers.length) expect(peek).toBeNull();
        else
          expect(peek).toEqual({ moments: MOMENTS.filter((m) => full.offers.some((o) => o.moments.includes(m))), maxPerSession: full.settings.maxPerSession });
      }),
    );
  });
});
