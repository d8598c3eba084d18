import { describe, expect, it } from "vitest";
import { explainPair, formatLift } from "./explain";

describe("the evidence in plain words", () => {
  it("says how many of the trigger's orders held both, and how many times chance that is", () => {
    expect(explainPair({ together: 38, triggerOrders: 120, lift: 6.2149, pinned: false })).toBe(
      "Bought together in 38 of 120 orders; 6.2× more often than chance",
    );
    expect(explainPair({ together: 1200, triggerOrders: 4000, lift: 14.6, pinned: false })).toBe(
      "Bought together in 1,200 of 4,000 orders; 15× more often than chance",
    );
  });

  it("does not claim an association a pinned pair without evidence does not have", () => {
    expect(explainPair({ together: 0, triggerOrders: 50, lift: 0, pinned: true })).toBe(
      "Pinned by you; not bought together in any order counted yet",
    );
    expect(explainPair({ together: 4, triggerOrders: 50, lift: 1.01, pinned: true })).toBe(
      "Bought together in 4 of 50 orders; about as often as chance",
    );
  });

  it("formats lift with one decimal below 10", () => {
    expect(formatLift(2)).toBe("2.0×");
    expect(formatLift(9.96)).toBe("10.0×");
    expect(formatLift(0)).toBe("0×");
  });
});
