import { describe, expect, it } from "vitest";
import { CoPurchaseCounts } from "./co-purchase";
import { bestSellerGuarantee, CANDIDATE_MEASURES, logLikelihoodRatio, recommendForCartBy } from "./measure-candidates";
import {
  bestSellerShop,
  evaluateHideOne,
  recommendForCart,
  syntheticCatalogue,
  syntheticOrders,
} from "./synthetic-shop";

const P = (n: number) => `gid://shopify/Product/${n}`;
const byName = (prefix: string) => {
  const m = CANDIDATE_MEASURES.find((x) => x.name.startsWith(prefix));
  if (!m) throw new Error(`no measure ${prefix}`);
  return m;
};

describe("the ranking measures the bench compares", () => {
  it("G² is Dunning's log-likelihood ratio (Mahout's reference table: 270.72)", () => {
    // k11 110, k12 2442, k21 111, k22 29114.
    expect(
      logLikelihoodRatio({ together: 110, triggerOrders: 2552, partnerOrders: 221, totalOrders: 31_777 }),
    ).toBeCloseTo(270.72, 2);
    expect(logLikelihoodRatio({ together: 1, triggerOrders: 1, partnerOrders: 1, totalOrders: 2 })).toBeCloseTo(
      4 * Math.log(2),
      12,
    );
    // Independence: zero.
    expect(logLikelihoodRatio({ together: 10, triggerOrders: 100, partnerOrders: 100, totalOrders: 1000 })).toBeCloseTo(
      0,
      12,
    );
  });

  it("the first candidate is the shop's own ranking: the same lists as recommendForCart", () => {
    const shop = syntheticCatalogue(5, 200, 60);
    const orders = syntheticOrders({
      seed: 5,
      productIds: shop.productIds,
      plantedPairs: shop.plantedPairs,
      complementRate: 0.6,
      zipf: 1,
      noise: 0.15,
      orders: 2000,
    });
    const c = new CoPurchaseCounts();
    for (const o of orders.slice(0, 1600)) c.addOrder(o.productIds);
    const own = CANDIDATE_MEASURES[0];
    if (!own) throw new Error("no candidates");
    let compared = 0;
    for (const o of orders.slice(1600)) {
      const cart = new Set(o.productIds);
      const expected = recommendForCart(c, cart, 3);
      expect(recommendForCartBy(c, cart, own, "max", 3)).toEqual(expected);
      if (expected.length > 0) compared++;
    }
    expect(compared).toBeGreaterThan(50);
  });

  it("the guarantee column tells measures apart: the chance test keeps the best seller off the lists, support alone does not", () => {
    const shops = [1, 2, 3].map(bestSellerShop);
    const own = bestSellerGuarantee(byName("shrunk lift (m 5), chance"), shops);
    expect(own.worstListsTopped).toBeLessThanOrEqual(6);
    expect(own.plantedFirst).toBe(3);
    const noChance = bestSellerGuarantee(byName("shrunk lift (m 5), no chance"), shops);
    expect(noChance.worstListsTopped).toBeGreaterThan(50);
    const confidence = bestSellerGuarantee(byName("shrunk confidence, support only"), shops);
    expect(confidence.worstListsTopped).toBeGreaterThanOrEqual(180);
  });

  it("sum and max combine a cart's evidence differently", () => {
    const c = new CoPurchaseCounts();
    // P(3) goes with both P(1) and P(2) moderately; P(4) goes with P(1) strongly.
    for (let i = 0; i < 12; i++) c.addOrder([P(1), P(4)]);
    for (let i = 0; i < 9; i++) c.addOrder([P(1), P(3)]);
    for (let i = 0; i < 9; i++) c.addOrder([P(2), P(3)]);
    for (let i = 0; i < 300; i++) c.addOrder([P(100 + i)]);
    const g2 = byName("G² ranked, chance");
    const cart = new Set([P(1), P(2)]);
    expect(recommendForCartBy(c, cart, g2, "max", 1)).toEqual([P(4)]);
    expect(recommendForCartBy(c, cart, g2, "sum", 1)).toEqual([P(3)]);
  });

  it("the hide-one evaluation reports the share of queries whose hidden product is a planted complement of the cart", () => {
    const c = new CoPurchaseCounts();
    for (let i = 0; i < 5; i++) c.addOrder([P(1), P(2)]);
    // Two-product orders: whichever is hidden, the other is in the cart. One planted pair of the three.
    const heldOut = [{ productIds: [P(1), P(2)] }, { productIds: [P(3), P(4)] }, { productIds: [P(5), P(6)] }];
    const e = evaluateHideOne(c, heldOut, 1, undefined, { plantedPairs: [[P(1), P(2)]] });
    expect(e.queries).toBe(3);
    expect(e.plantedCeiling).toBeCloseTo(1 / 3, 12);
    expect(evaluateHideOne(c, heldOut, 1).plantedCeiling).toBeUndefined();
    // A longer list is cut at three: [1, 2, 3] cannot hit a hidden 5 or 6.
    const all = evaluateHideOne(c, heldOut, 1, undefined, { recommend: () => [P(1), P(2), P(3), P(4), P(5), P(6)] });
    expect(all.hitRateAt3).toBeLessThan(1); // only the first three count
    const exact = evaluateHideOne(c, heldOut, 1, undefined, {
      recommend: (cart) => {
        const [only] = [...cart];
        const other = new Map([
          [P(1), P(2)],
          [P(2), P(1)],
          [P(3), P(4)],
          [P(4), P(3)],
          [P(5), P(6)],
          [P(6), P(5)],
        ]);
        return [other.get(only as string) as string];
      },
    });
    expect(exact.hitRateAt3).toBe(1);
  });
});
