import type { FrequencyMemory } from "@tactful/engine/types";

/*
 * Frequency memory, first-party and per browser: the session part (popups
 * shown, which offers) in sessionStorage, so "never re-shown on every page"
 * holds across pages; dismissals, accepts and the visitor id in localStorage,
 * so the cooldown spans sessions. Where storage is blocked, memory lives for
 * this page only: the session budget still counts this page, so it fails
 * quiet rather than nagging. Preview mode (persist = false) touches no storage.
 */

export const uid = (): string => crypto.randomUUID?.() ?? Date.now().toString(36) + Math.random().toString(36).slice(2);

export interface Memory {
  visitor: string;
  session: string;
  view(): FrequencyMemory;
  shown(offerId: string): void;
  dismissed(offerId: string, now: number): void;
  accepted(offerId: string): void;
}

export function openMemory(persist: boolean): Memory {
  const io = <T>(store: "sessionStorage" | "localStorage", fresh: T) => {
    let v = fresh;
    try {
      if (persist) v = { ...fresh, ...JSON.parse(window[store].getItem("tactful") ?? "{}") };
    } catch {
      /* blocked or corrupt: start fresh */
    }
    const save = () => {
      try {
        if (persist) window[store].setItem("tactful", JSON.stringify(v));
      } catch {
        /* blocked: this page still remembers */
      }
    };
    save();
    return [v, save] as const;
  };
  // Stored in the engine's own FrequencyMemory field names, so view() needs no mapping.
  const [s, saveS] = io("sessionStorage", { id: uid(), shownThisSession: 0, shownOfferIds: [] as string[] });
  const [l, saveL] = io("localStorage", { id: uid(), dismissedAt: {} as Record<string, number>, accepted: [] as string[] });
  return {
    visitor: l.id,
    session: s.id,
    view: () => ({ ...s, ...l }),
    shown(id) {
      s.shownThisSession++;
      s.shownOfferIds.push(id);
      saveS();
    },
    dismissed(id, now) {
      l.dismissedAt[id] = now;
      saveL();
    },
    accepted(id) {
      l.accepted.push(id);
      saveL();
    },
  };
}

/**
 * The memory as stored, read and never written: the session debugger
 * (decision record 0090) judges offers with the shopper's own memory
 * without adding to it. Empty where storage is blocked or empty.
 */
export function peekMemory(): { visitor: string; view(): FrequencyMemory } {
  const read = (store: "sessionStorage" | "localStorage") => {
    try {
      return JSON.parse(window[store].getItem("tactful") ?? "{}") as Record<string, unknown>;
    } catch {
      return {};
    }
  };
  const l = read("localStorage");
  return {
    visitor: typeof l.id == "string" ? l.id : "",
    view: () => {
      const s = read("sessionStorage");
      const now = read("localStorage");
      return {
        shownThisSession: Number(s.shownThisSession) || 0,
        shownOfferIds: Array.isArray(s.shownOfferIds) ? (s.shownOfferIds as string[]) : [],
        dismissedAt: (now.dismissedAt ?? {}) as Record<string, number>,
        accepted: Array.isArray(now.accepted) ? (now.accepted as string[]) : [],
      };
    },
  };
}
