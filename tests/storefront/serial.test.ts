import type { Moment } from "@tactful/engine/types";
import { describe, expect, it } from "vitest";
import { serial } from "../../extensions/tactful-embed/src/serial";

/* One moment at a time, none lost (decision record 0069). */

const deferred = () => {
  let resolve!: (v: boolean) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<boolean>((ok, fail) => ((resolve = ok), (reject = fail)));
  return { promise, resolve, reject };
};
const tick = () => new Promise((r) => setTimeout(r));

describe("serial moments", () => {
  it("queues a moment that arrives while another runs and runs it after, once per kind", async () => {
    const runs: Moment[] = [];
    const gates: ReturnType<typeof deferred>[] = [];
    const { fire, busy } = serial((m) => {
      runs.push(m);
      const g = deferred();
      gates.push(g);
      return g.promise;
    });
    void fire("ADD_TO_CART");
    expect(busy()).toBe(true);
    expect(await fire("CART")).toBe(false);
    await fire("CART");
    expect(runs).toEqual(["ADD_TO_CART"]);
    gates[0]?.resolve(false);
    await tick();
    expect(runs).toEqual(["ADD_TO_CART", "CART"]);
    gates[1]?.resolve(true);
    await tick();
    expect(runs).toEqual(["ADD_TO_CART", "CART"]);
    expect(busy()).toBe(false);
  });

  it("a moment that throws frees the way for the next", async () => {
    const runs: Moment[] = [];
    const first = deferred();
    const { fire, busy } = serial((m) => {
      runs.push(m);
      return m == "ADD_TO_CART" ? first.promise : Promise.resolve(true);
    });
    const a = fire("ADD_TO_CART");
    void fire("PRE_CHECKOUT");
    first.reject(new Error("module failed"));
    expect(await a).toBe(false);
    await tick();
    expect(runs).toEqual(["ADD_TO_CART", "PRE_CHECKOUT"]);
    expect(busy()).toBe(false);
  });
});
