/*
 * A/B statistics, pure and dependency-free (docs/decisions: statistics method).
 *
 * - Conversion per arm is orders / exposed visitors; a visitor counts once.
 * - P(variant beats control): Bayesian beta-binomial with a uniform Beta(1, 1)
 *   prior, evaluated exactly with Evan Miller's closed form ("Formulas for
 *   Bayesian A/B Testing", 2015), or with the normal approximation of the two
 *   posteriors when the loop would be too long.
 * - Relative lift of conversion with a 95% interval on the log risk ratio
 *   (Katz et al., 1978).
 * - Revenue per visitor: difference of means with a normal (Welch) interval;
 *   incremental revenue = that difference x treated visitors.
 * - No verdict before every compared arm has MIN_VISITORS visitors and at
 *   least MIN_SUCCESSES conversions and non-conversions (the usual n*p >= 10
 *   rule for the normal approximations above).
 */

export const MIN_VISITORS = 100;
export const MIN_SUCCESSES = 10;
/** P(beat control) at or above this (or at or below 1 - this) is a verdict. */
export const DECISION_THRESHOLD = 0.95;
const Z95 = 1.959963984540054;

export interface ArmCounts {
  /** Distinct exposed visitors. */
  visitors: number;
  /** Orders (conversions) by those visitors; capped at visitors. */
  conversions: number;
  /** Sum of order revenue, minor units. */
  revenue: number;
  /** Sum of squared order revenue (minor units squared), for the variance. */
  revenueSq: number;
}

export interface Interval {
  value: number;
  low: number;
  high: number;
}

/** Standard normal CDF through erfc; absolute error below 1e-7. */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

// Numerical Recipes' erfcc (Chebyshev fit), fractional error below 1.2e-7 everywhere.
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7): about 15 significant digits. */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const y = x - 1;
  let a = LANCZOS[0] as number;
  const t = y + 7.5;
  for (let i = 1; i < 9; i++) a += (LANCZOS[i] as number) / (y + i);
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

export interface BetaPosterior {
  alpha: number;
  beta: number;
  mean: number;
}

/** Beta(1 + conversions, 1 + non-conversions): the posterior of the rate under a uniform prior. */
export function betaPosterior(conversions: number, visitors: number): BetaPosterior {
  const x = clampConversions(conversions, visitors);
  const alpha = 1 + x;
  const beta = 1 + Math.max(0, visitors) - x;
  return { alpha, beta, mean: alpha / (alpha + beta) };
}

/** Beyond this many loop terms the normal approximation is used (it is excellent there). */
const EXACT_TERMS_LIMIT = 20_000;

/**
 * P(rate_B > rate_A) for posteriors Beta(aA, bA) and Beta(aB, bB) with integer
 * parameters (Evan Miller's closed form); normal approximation for long loops.
 */
export function probabilityBBeatsA(a: BetaPosterior, b: BetaPosterior): number {
  // The sum runs over alpha_B terms; P(B > A) = 1 - P(A > B) lets us loop over the smaller alpha.
  if (Math.min(a.alpha, b.alpha) > EXACT_TERMS_LIMIT) return normalApproxBBeatsA(a, b);
  if (b.alpha > a.alpha) return 1 - exactBBeatsA(b, a);
  return exactBBeatsA(a, b);
}

function exactBBeatsA(a: BetaPosterior, b: BetaPosterior): number {
  const base = logBeta(a.alpha, a.beta);
  let total = 0;
  for (let i = 0; i < b.alpha; i++) {
    total += Math.exp(logBeta(a.alpha + i, a.beta + b.beta) - Math.log(b.beta + i) - logBeta(1 + i, b.beta) - base);
  }
  return Math.min(1, Math.max(0, total));
}

export function normalApproxBBeatsA(a: BetaPosterior, b: BetaPosterior): number {
  const variance = (p: BetaPosterior) => (p.alpha * p.beta) / ((p.alpha + p.beta) ** 2 * (p.alpha + p.beta + 1));
  const sd = Math.sqrt(variance(a) + variance(b));
  if (sd === 0) return 0.5;
  return normalCdf((b.mean - a.mean) / sd);
}

/** Two-proportion z statistic with the pooled standard error (the textbook test of p1 = p2). */
export function twoProportionZ(x1: number, n1: number, x2: number, n2: number): { z: number; pTwoSided: number } {
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (!Number.isFinite(se) || se === 0) return { z: 0, pTwoSided: 1 };
  const z = (p1 - p2) / se;
  return { z, pTwoSided: 2 * (1 - normalCdf(Math.abs(z))) };
}

/**
 * Relative lift of the treatment's rate over the control's, (pT / pC) - 1,
 * with a 95% interval from the log risk ratio (Katz): se = sqrt(1/xT - 1/nT + 1/xC - 1/nC).
 * Null when a rate is zero (the ratio is undefined).
 */
export function relativeLift(treatment: { conversions: number; visitors: number }, control: { conversions: number; visitors: number }): Interval | null {
  const xT = clampConversions(treatment.conversions, treatment.visitors);
  const xC = clampConversions(control.conversions, control.visitors);
  if (xT === 0 || xC === 0) return null;
  const rr = xT / treatment.visitors / (xC / control.visitors);
  const se = Math.sqrt(1 / xT - 1 / treatment.visitors + 1 / xC - 1 / control.visitors);
  return { value: rr - 1, low: Math.exp(Math.log(rr) - Z95 * se) - 1, high: Math.exp(Math.log(rr) + Z95 * se) - 1 };
}

/** Mean revenue per visitor and its sample variance (visitors without an order contribute 0). */
export function revenuePerVisitor(arm: ArmCounts): { mean: number; variance: number } {
  const n = arm.visitors;
  if (n <= 0) return { mean: 0, variance: 0 };
  const mean = arm.revenue / n;
  const variance = n > 1 ? Math.max(0, (arm.revenueSq - n * mean * mean) / (n - 1)) : 0;
  return { mean, variance };
}

/** Difference of revenue per visitor (treatment - control), minor units, with a 95% normal interval. */
export function revenuePerVisitorDiff(treatment: ArmCounts, control: ArmCounts): Interval | null {
  if (treatment.visitors <= 0 || control.visitors <= 0) return null;
  const t = revenuePerVisitor(treatment);
  const c = revenuePerVisitor(control);
  const diff = t.mean - c.mean;
  const se = Math.sqrt(t.variance / treatment.visitors + c.variance / control.visitors);
  return { value: diff, low: diff - Z95 * se, high: diff + Z95 * se };
}

/**
 * Incremental revenue: what treated visitors spent beyond what they would
 * have without the popup, estimated from the holdout, (rpv_T - rpv_H) x n_T.
 */
export function incrementalRevenue(treated: ArmCounts, holdout: ArmCounts): Interval | null {
  const d = revenuePerVisitorDiff(treated, holdout);
  if (!d) return null;
  const n = treated.visitors;
  return { value: Math.round(d.value * n), low: Math.round(d.low * n), high: Math.round(d.high * n) };
}

export function hasMinimumSample(arm: { visitors: number; conversions: number }): boolean {
  const x = clampConversions(arm.conversions, arm.visitors);
  return arm.visitors >= MIN_VISITORS && x >= MIN_SUCCESSES && arm.visitors - x >= MIN_SUCCESSES;
}

export interface Comparison {
  conversionRate: number;
  lift: Interval | null;
  /** P(this arm's conversion rate > control's), posterior under a uniform prior. */
  pBeatsControl: number;
  revenuePerVisitor: number;
  revenuePerVisitorDiff: Interval | null;
  enoughData: boolean;
}

export function compareToControl(arm: ArmCounts, control: ArmCounts): Comparison {
  return {
    conversionRate: rate(arm),
    lift: relativeLift(arm, control),
    pBeatsControl: probabilityBBeatsA(betaPosterior(control.conversions, control.visitors), betaPosterior(arm.conversions, arm.visitors)),
    revenuePerVisitor: revenuePerVisitor(arm).mean,
    revenuePerVisitorDiff: revenuePerVisitorDiff(arm, control),
    enoughData: hasMinimumSample(arm) && hasMinimumSample(control),
  };
}

export type Verdict =
  | { kind: "NOT_ENOUGH_DATA" }
  | { kind: "NO_CLEAR_WINNER" }
  | { kind: "WINNER"; arm: string; pBeatsControl: number };

/**
 * A verdict needs the minimum sample in every arm. A variant wins when it
 * beats control with P >= 0.95 (the most probable one if several do); control
 * wins when every variant loses to it with P >= 0.95. With more than two arms
 * this is several comparisons at once, which the threshold does not correct
 * for; the UI says so and promotion stays the merchant's (undoable) choice.
 */
export function verdict(controlArm: string, arms: Record<string, ArmCounts>): Verdict {
  const control = arms[controlArm];
  const others = Object.entries(arms).filter(([id]) => id !== controlArm);
  if (!control || !others.length) return { kind: "NOT_ENOUGH_DATA" };
  if (!hasMinimumSample(control) || others.some(([, a]) => !hasMinimumSample(a))) return { kind: "NOT_ENOUGH_DATA" };
  const scored = others.map(([id, a]) => ({ id, p: compareToControl(a, control).pBeatsControl }));
  const best = scored.reduce((x, y) => (y.p > x.p ? y : x));
  if (best.p >= DECISION_THRESHOLD) return { kind: "WINNER", arm: best.id, pBeatsControl: best.p };
  if (scored.every((s) => s.p <= 1 - DECISION_THRESHOLD)) return { kind: "WINNER", arm: controlArm, pBeatsControl: 1 - best.p };
  return { kind: "NO_CLEAR_WINNER" };
}

export function rate(arm: { conversions: number; visitors: number }): number {
  return arm.visitors > 0 ? clampConversions(arm.conversions, arm.visitors) / arm.visitors : 0;
}

/** A visitor may order twice; as a binomial "success" they count once at most. */
function clampConversions(conversions: number, visitors: number): number {
  return Math.max(0, Math.min(conversions, visitors));
}
