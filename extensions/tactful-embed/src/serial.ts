import type { Fire } from "./moments";

/**
 * One moment at a time, and none lost: a moment that arrives while another
 * is deciding or showing (Dawn's drawer opens right after add-to-cart) waits
 * for it, once per kind of moment, and is then decided with what the first
 * left in memory (decision record 0069).
 */
export function serial(run: Fire): { fire: Fire; busy: () => boolean } {
  let busy = false;
  const waiting: Parameters<Fire>[] = [];
  const fire: Fire = async (...a) => {
    if (busy) {
      if (!waiting.some((w) => w[0] == a[0])) waiting.push(a);
      return false;
    }
    busy = true;
    try {
      return await run(...a);
    } catch {
      return false;
    } finally {
      busy = false;
      const next = waiting.shift();
      if (next) void fire(...next);
    }
  };
  return { fire, busy: () => busy };
}
