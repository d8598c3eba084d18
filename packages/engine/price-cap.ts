import type { Bps, Minor } from "./types";

/**
 * "Upsell, don't oversell": the increase may be at most capBps of the base.
 * Integer only: increase * 10000 <= capBps * base. A base of zero or less
 * cannot be capped, so nothing that costs money fits under it.
 */
export function capAllows(increase: Minor, base: Minor, capBps: Bps): boolean {
  return base > 0 && increase * 10000 <= capBps * base;
}

/** How much more the cart may grow under the cap (floor, never negative). */
export function headroom(increase: Minor, base: Minor, capBps: Bps): Minor {
  if (base <= 0) return 0;
  return Math.max(0, Math.floor((capBps * base) / 10000) - increase);
}

/** The increase in bps of the base, for the admin's "why not shown" detail. */
export function increaseBps(increase: Minor, base: Minor): Bps | undefined {
  return base > 0 ? Math.ceil((increase * 10000) / base) : undefined;
}
