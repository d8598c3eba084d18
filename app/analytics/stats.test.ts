import { describe, expect, it } from "vitest";
import {
  betaPosterior,
  compareToControl,
  incrementalRevenue,
  normalApproxBBeatsA,
  normalCdf,
  probabilityBBeatsA,
  relativeLift,
  revenuePerVisitorDiff,
  twoProportionZ,
  verdict,
  type ArmCounts,
} from "./stats";

const arm = (visitors: number, conversions: number, orderRevenues: number[] = []): ArmCounts => ({
  visitors,
  conversions,
  revenue: orderRevenues.reduce((a, b) => a + b, 0),
  revenueSq: orderRevenues.reduce((a, b) => a + b * b, 0),
});

describe("statistics", () => {
  it("the normal CDF matches the standard table (Phi(1.96) = 0.9750, Phi(-1.12) = 0.1314)", () => {
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 6);
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(-1.12)).toBeCloseTo(0.1314, 4);
  });

  it("the two-proportion z statistic matches a published worked example (Clayson, UNI marketing research notes: 140/200 vs 150/200, pooled .725, Z = -1.12)", () => {
    // By hand: p = 290/400 = .725; se = sqrt(.725 * .275 * (1/200 + 1/200)) = .044651; z = (.70 - .75) / .044651 = -1.1198.
    const { z, pTwoSided } = twoProportionZ(140, 200, 150, 200);
    expect(z).toBeCloseTo(-1.1198, 4);
    expect(pTwoSided).toBeCloseTo(0.2628, 3);
  });

  it("the two-proportion z statistic with unequal samples matches a worked example (140/200 vs 255/340: pooled .73148, se .039494, z = -1.266015)", () => {
    expect(twoProportionZ(140, 200, 255, 340).z).toBeCloseTo(-1.266015, 5);
  });

  it("the Beta posterior mean is Laplace's rule of succession, (x + 1) / (n + 2)", () => {
    expect(betaPosterior(3, 10)).toEqual({ alpha: 4, beta: 8, mean: 4 / 12 });
    expect(betaPosterior(0, 0).mean).toBe(0.5);
  });

  it("P(B beats A) equals hand-integrated values: Beta(2,1) vs uniform is 2/3, Beta(2,1) vs Beta(1,2) is 5/6", () => {
    // ∫0^1 2x · x dx = 2/3;  ∫0^1 2x · (2x - x²) dx = 4/3 - 1/2 = 5/6.
    expect(probabilityBBeatsA({ alpha: 1, beta: 1, mean: 0.5 }, { alpha: 2, beta: 1, mean: 2 / 3 })).toBeCloseTo(2 / 3, 12);
    expect(probabilityBBeatsA({ alpha: 1, beta: 2, mean: 1 / 3 }, { alpha: 2, beta: 1, mean: 2 / 3 })).toBeCloseTo(5 / 6, 12);
    // Symmetric in the loop direction: swapping the arms gives the complement.
    expect(probabilityBBeatsA({ alpha: 2, beta: 1, mean: 2 / 3 }, { alpha: 1, beta: 2, mean: 1 / 3 })).toBeCloseTo(1 / 6, 12);
  });

  it("identical arms beat each other with probability one half", () => {
    const p = betaPosterior(37, 1000);
    expect(probabilityBBeatsA(p, p)).toBeCloseTo(0.5, 9);
  });

  it("the exact closed form and the normal approximation agree on large samples", () => {
    const a = betaPosterior(300, 10_000);
    const b = betaPosterior(360, 10_000);
    expect(probabilityBBeatsA(a, b)).toBeCloseTo(normalApproxBBeatsA(a, b), 3);
    expect(probabilityBBeatsA(a, b)).toBeGreaterThan(0.98);
  });

  it("relative lift has a Katz log risk-ratio interval (60/500 vs 40/500: lift 50%, 95% CI 2.54% to 119.43%, by hand)", () => {
    // se = sqrt(1/60 - 1/500 + 1/40 - 1/500) = 0.194079; exp(ln 1.5 ± 1.96 se) - 1.
    const lift = relativeLift({ conversions: 60, visitors: 500 }, { conversions: 40, visitors: 500 });
    expect(lift?.value).toBeCloseTo(0.5, 10);
    expect(lift?.low).toBeCloseTo(0.025394, 5);
    expect(lift?.high).toBeCloseTo(1.194278, 5);
    expect(relativeLift({ conversions: 0, visitors: 10 }, { conversions: 1, visitors: 10 })).toBeNull();
  });

  it("revenue per visitor difference and incremental revenue follow from per-order revenue (hand example)", () => {
    // Control: 4 visitors, one order of 1000 -> mean 250, s² = (1e6 - 4·250²)/3 = 250000.
    // Treated: 4 visitors, two orders of 1000 -> mean 500, s² = (2e6 - 4·500²)/3 = 333333.3.
    // diff = 250, se = sqrt(250000/4 + 333333.3/4) = 381.881; incremental = 250 · 4 = 1000.
    const control = arm(4, 1, [1000]);
    const treated = arm(4, 2, [1000, 1000]);
    const d = revenuePerVisitorDiff(treated, control);
    expect(d?.value).toBe(250);
    expect(d?.high).toBeCloseTo(250 + 1.959964 * 381.881, 1);
    const inc = incrementalRevenue(treated, control);
    expect(inc?.value).toBe(1000);
    expect(inc?.low).toBeCloseTo(Math.round((250 - 1.959964 * 381.881) * 4), -1);
  });

  it("no verdict is given before every arm has the minimum sample", () => {
    const v = verdict("a", { a: arm(99, 5), b: arm(99, 60) });
    expect(v.kind).toBe("NOT_ENOUGH_DATA");
    expect(compareToControl(arm(99, 60), arm(99, 5)).enoughData).toBe(false);
  });

  it("a variant that clearly beats control is the winner; a tie is no clear winner; a clear loser makes control the winner", () => {
    expect(verdict("a", { a: arm(2000, 40), b: arm(2000, 90) })).toMatchObject({ kind: "WINNER", arm: "b" });
    expect(verdict("a", { a: arm(2000, 60), b: arm(2000, 62) }).kind).toBe("NO_CLEAR_WINNER");
    expect(verdict("a", { a: arm(2000, 90), b: arm(2000, 40) })).toMatchObject({ kind: "WINNER", arm: "a" });
  });
});
