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

/*
 * The memory as it travels with the cart (decision record 0080): one hidden
 * cart attribute, so checkout, the thank-you page and the post-purchase
 * server see what the storefront popup showed, and what was declined or
 * accepted. Compact, because it rides in every cart request and lands in the
 * order's note_attributes:
 *
 *   1|<at>|<shown>|<shownIds>|<accepted>|<id>:<t>,<id>:<t>
 *
 * `at` is when the memory last changed, and `t` a dismissal, both in base-36
 * epoch seconds; id lists are comma-separated. The session part (`shown`,
 * `shownIds`) counts only while `at` is within SESSION_MS: a cart outlives a
 * browsing session. The shopper can write any cart attribute, so the parser
 * treats the value as hostile.
 */

export const MEMORY_ATTRIBUTE = "_tactful_memory";
/** Longest value written or read, in characters. */
export const MEMORY_ATTRIBUTE_MAX = 1024;
/** A visit's session ends this long after its last popup, as web analytics count sessions. */
export const SESSION_MS = 30 * 60_000;
const MAX_IDS = 20;
const OFFER_ID = /^[\w-]{1,64}$/;

const t36 = (ms: EpochMs) => Math.floor(ms / 1000).toString(36);
const uniq = (ids: string[]) => [...new Set(ids)];

/**
 * Encodes `m` as changed at `now`, within MEMORY_ATTRIBUTE_MAX: the oldest
 * dismissals go first, then the oldest accepts and shows. Small, as it ships
 * in the storefront's popup module; ids come from the shop's config, and the
 * parser drops any that are not the shop's.
 */
export function encodeMemoryAttribute(m: FrequencyMemory, now: EpochMs): string {
  const shown = uniq(m.shownOfferIds).slice(-MAX_IDS);
  const accepted = uniq(m.accepted).slice(-MAX_IDS);
  const dismissed = Object.entries(m.dismissedAt)
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_IDS);
  for (;;) {
    const v = ["1", t36(now), Math.min(m.shownThisSession, 99), shown, accepted, dismissed.map(([id, t]) => id + ":" + t36(t))].join("|");
    if (v.length <= MEMORY_ATTRIBUTE_MAX || !(dismissed.pop() || accepted.shift() || shown.shift())) return v;
  }
}

/**
 * Reads the cart attribute, whatever the shopper wrote into it: never throws;
 * keeps only the offers in `known` (at most MAX_IDS of each kind); times
 * after `now` count as `now`; a stale or broken session part counts nothing.
 */
export function parseMemoryAttribute(value: unknown, known: Iterable<string>, now: EpochMs): FrequencyMemory {
  const m: FrequencyMemory = { shownThisSession: 0, dismissedAt: {}, accepted: [], shownOfferIds: [] };
  if (typeof value != "string" || value.length > MEMORY_ATTRIBUTE_MAX) return m;
  const parts = value.split("|");
  if (parts.length != 6 || parts[0] != "1") return m;
  const offers = new Set(known);
  const ids = (s: string) => uniq(s.split(",").filter((id) => OFFER_ID.test(id) && offers.has(id))).slice(0, MAX_IDS);
  // Base-36 seconds, or NaN: "" and signs and fractions are refused, not read as 0.
  const time = (s: string) => (/^[0-9a-z]{1,9}$/.test(s) ? Math.min(parseInt(s, 36) * 1000, now) : NaN);
  const at = time(parts[1] as string);
  m.accepted = ids(parts[4] as string);
  const dismissals: [string, number][] = [];
  for (const pair of (parts[5] as string).split(",")) {
    const [id = "", t = ""] = pair.split(":");
    const ms = time(t);
    if (OFFER_ID.test(id) && offers.has(id) && ms >= 0 && dismissals.length < MAX_IDS) dismissals.push([id, ms]);
  }
  // Own data properties, so an id such as "__proto__" stays a plain key.
  m.dismissedAt = Object.fromEntries(dismissals);
  if (now - at < SESSION_MS) {
    m.shownOfferIds = ids(parts[3] as string);
    const shown = /^\d{1,2}$/.test(parts[2] as string) ? Number(parts[2]) : 0;
    m.shownThisSession = Math.max(shown, m.shownOfferIds.length);
  }
  return m;
}

/**
 * One memory from two surfaces' memories. Idempotent, so a memory merged
 * with what it already wrote back counts nothing twice: shows are counted as
 * the larger count, or the distinct offers shown when those are more.
 */
export function mergeMemory(a: FrequencyMemory, b: FrequencyMemory): FrequencyMemory {
  const shownOfferIds = uniq([...a.shownOfferIds, ...b.shownOfferIds]);
  const dismissed = new Map(Object.entries(a.dismissedAt));
  for (const [id, t] of Object.entries(b.dismissedAt)) if (!(t <= (dismissed.get(id) as number))) dismissed.set(id, t);
  return { shownThisSession: Math.max(a.shownThisSession, b.shownThisSession, shownOfferIds.length), dismissedAt: Object.fromEntries(dismissed), accepted: uniq([...a.accepted, ...b.accepted]), shownOfferIds };
}
