import { encodeMemoryAttribute, mergeMemory, parseMemoryAttribute, MEMORY_ATTRIBUTE, type FrequencyMemory } from "@tactful/engine";

/*
 * The frequency memory, as far as checkout allows: shopify.storage is
 * per-extension localStorage on the checkout origin, so it cannot see what the
 * storefront popup remembered (another origin), and persistence is not
 * guaranteed. A "session" here is one checkout (its token). What the cart
 * itself shows (an offer line already in it) is judged by decide as usual.
 * What the storefront remembered arrives as a cart attribute, and what is
 * answered here goes back into it (decision record 0080).
 */

export interface StorageLike {
  read<T = unknown>(key: string): Promise<T | null>;
  write(key: string, data: unknown): Promise<void>;
}

const KEY = "tactful:memory";
/** Dismissals and accepts older than this are forgotten, so the record cannot grow without bound. */
const KEEP_MS = 400 * 86_400_000;

export interface Stored {
  session: string;
  visitor: string;
  memory: FrequencyMemory;
}

const empty = (): FrequencyMemory => ({ shownThisSession: 0, dismissedAt: {}, accepted: [], shownOfferIds: [] });

function isStored(x: unknown): x is Stored {
  const s = x as Stored | null;
  return (
    typeof s === "object" && s !== null && typeof s.session === "string" && typeof s.visitor === "string" &&
    typeof s.memory === "object" && s.memory !== null && Number.isSafeInteger(s.memory.shownThisSession) &&
    Array.isArray(s.memory.accepted) && Array.isArray(s.memory.shownOfferIds) && typeof s.memory.dismissedAt === "object" && s.memory.dismissedAt !== null
  );
}

export function randomId(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === "function") return c.randomUUID();
  return Math.random().toString(36).slice(2) + Date.now().toString(36);
}

/** Loads the memory; a new checkout token starts a new session (per-session counts reset, dismissals and accepts stay). */
export async function loadMemory(storage: StorageLike, session: string, now: number): Promise<Stored> {
  let stored: unknown = null;
  try {
    stored = await storage.read(KEY);
  } catch {
    // Storage can be unavailable (private mode, quota): behave as a first visit.
  }
  if (!isStored(stored)) return { session, visitor: randomId(), memory: empty() };
  const m = stored.memory;
  const dismissedAt = Object.fromEntries(Object.entries(m.dismissedAt).filter(([, t]) => typeof t === "number" && now - t < KEEP_MS));
  if (stored.session !== session) return { session, visitor: stored.visitor, memory: { shownThisSession: 0, dismissedAt, accepted: m.accepted, shownOfferIds: [] } };
  return { ...stored, memory: { ...m, dismissedAt } };
}

export async function saveMemory(storage: StorageLike, stored: Stored): Promise<void> {
  try {
    await storage.write(KEY, stored);
  } catch {
    // Best effort: losing the memory can only make an offer show once more, never break checkout.
  }
}

export const withShown = (s: Stored, offerId: string): Stored => ({
  ...s,
  memory: { ...s.memory, shownThisSession: s.memory.shownThisSession + 1, shownOfferIds: [...s.memory.shownOfferIds, offerId] },
});
export const withDismissed = (s: Stored, offerId: string, now: number): Stored => ({ ...s, memory: { ...s.memory, dismissedAt: { ...s.memory.dismissedAt, [offerId]: now } } });
export const withAccepted = (s: Stored, offerId: string): Stored => ({ ...s, memory: { ...s.memory, accepted: [...s.memory.accepted, offerId] } });

type Attribute = { key: string; value: string };

/** This extension's memory, with what the cart carried in from the storefront (or an earlier checkout step) merged in. */
export function withCarried(s: Stored, attributes: readonly Attribute[], offerIds: Iterable<string>, now: number): Stored {
  const carried = attributes.find((a) => a.key === MEMORY_ATTRIBUTE)?.value;
  return carried === undefined ? s : { ...s, memory: mergeMemory(s.memory, parseMemoryAttribute(carried, offerIds, now)) };
}

export interface AttributeWriter {
  applyAttributeChange?: (change: { type: "updateAttribute"; key: string; value: string }) => Promise<{ type: string }>;
  instructions?: { value: { attributes: { canUpdateAttributes: boolean } } };
}

/** Writes the memory back into the cart's attribute, so the next step (thank-you, post-purchase) sees it. Best effort, never throws. */
export async function carryMemory(api: AttributeWriter, memory: FrequencyMemory, now: number): Promise<void> {
  // Thank-you has no applyAttributeChange; some checkouts (accelerated, B2B configs) refuse attribute changes.
  if (!api.applyAttributeChange || api.instructions?.value.attributes.canUpdateAttributes === false) return;
  try {
    await api.applyAttributeChange({ type: "updateAttribute", key: MEMORY_ATTRIBUTE, value: encodeMemoryAttribute(memory, now) });
  } catch {
    // Losing the write-back only lets a later step ask once more; it never breaks checkout.
  }
}
