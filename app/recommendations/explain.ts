/*
 * The evidence for a recommended pair in the merchant's words (issue 18):
 * "Bought together in 38 of 120 orders; 6.2× more often than chance".
 * Pure, shared by the admin page and its tests.
 */

/** 6.2×, 12×: one decimal below 10, whole numbers above. */
export function formatLift(lift: number): string {
  if (!Number.isFinite(lift) || lift <= 0) return "0×";
  return `${lift < 10 ? (Math.round(lift * 10) / 10).toFixed(1) : Math.round(lift).toLocaleString("en")}×`;
}

export function explainPair(r: { together: number; triggerOrders: number; lift: number; pinned: boolean }): string {
  if (r.together === 0)
    return r.pinned ? "Pinned by you; not bought together in any order counted yet" : "Not bought together yet";
  const orders = `${r.together.toLocaleString("en")} of ${r.triggerOrders.toLocaleString("en")} order${r.triggerOrders === 1 ? "" : "s"}`;
  const chance = r.lift >= 1.05 ? `${formatLift(r.lift)} more often than chance` : "about as often as chance";
  return `Bought together in ${orders}; ${chance}`;
}
