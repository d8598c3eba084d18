import type { EpochMs, FrequencyMemory, ReasonCode, ShopSettings } from "./types";

const DAY_MS = 86_400_000;

/** The shopper's fatigue budget, the same on every surface. Returns every code that applies. */
export function frequencyCodes(offerId: string, m: FrequencyMemory, s: ShopSettings, now: EpochMs, codes: ReasonCode[] = []): ReasonCode[] {
  if (m.accepted.includes(offerId)) codes.push("ALREADY_ACCEPTED");
  if (m.shownOfferIds.includes(offerId)) codes.push("FREQUENCY_ALREADY_SHOWN");
  const d = m.dismissedAt[offerId];
  // A dismissal stamped in the future (clock skew) also hides the offer: fail quiet.
  // typeof, not !== undefined: an id such as "constructor" must not read Object.prototype.
  if (typeof d === "number" && now - d < s.cooldownDays * DAY_MS) codes.push("FREQUENCY_DISMISSED");
  if (m.shownThisSession >= s.maxPerSession) codes.push("FREQUENCY_SESSION_LIMIT");
  return codes;
}
