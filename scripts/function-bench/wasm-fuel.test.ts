import { describe, expect, it } from "vitest";
import { countedQuickJS, evalOrThrow, measure } from "./quickjs-fuel";
import { instantiateCounted, wat } from "./wasm-fuel";

/*
 * The counter against hand-counted Wasm (decision 0061). Costs follow
 * Wasmtime fuel: 1 per operator, 0 for nop, drop, block, loop, else, end,
 * return, unreachable.
 */
const MODULE = `(module
  (func $add (export "add") (param i32 i32) (result i32)
    (i32.add (local.get 0) (local.get 1)))
  (func (export "count") (param $n i32) (result i32) (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $i))
  (func (export "pick") (param i32) (result i32)
    (if (result i32) (local.get 0) (then (i32.const 1)) (else (i32.add (i32.const 2) (i32.const 3)))))
  (func (export "twice") (result i32)
    (call $add (call $add (i32.const 1) (i32.const 2)) (i32.const 3)))
  (func (export "free")
    (nop) (drop (i32.const 1)) (nop) (return))
  (func (export "early") (param i32) (result i32)
    (if (local.get 0) (then (return (i32.const 7))))
    (i32.add (i32.const 1) (i32.const 2))))`;

async function counted() {
  const { instance, fuel } = await instantiateCounted(wat(MODULE));
  const fns = instance.exports as Record<string, (...a: number[]) => number>;
  const cost = (name: string, ...args: number[]) => {
    const before = fuel();
    const value = fns[name]?.(...args);
    return { value, instructions: fuel() - before };
  };
  return cost;
}

describe("wasm-fuel counter, hand-counted", () => {
  it("charges each operator once: local.get, local.get, i32.add = 3", async () => {
    const cost = await counted();
    expect(cost("add", 2, 3)).toEqual({ value: 5, instructions: 3 });
  });

  it("a loop of N iterations costs 9N + 5, exactly", async () => {
    const cost = await counted();
    // Per iteration: 2 local.get, i32.ge_u, br_if; local.get, i32.const, i32.add, local.set; br = 9.
    // Exit: the last test (4) and the final local.get (1).
    for (const n of [0, 1, 10, 1000, 100_000]) expect(cost("count", n)).toEqual({ value: n, instructions: 9 * n + 5 });
  });

  it("charges only the arm taken: if costs 1 plus its condition", async () => {
    const cost = await counted();
    expect(cost("pick", 1)).toEqual({ value: 1, instructions: 3 }); // local.get, if, i32.const
    expect(cost("pick", 0)).toEqual({ value: 5, instructions: 5 }); // local.get, if, i32.const x2, i32.add
  });

  it("counts callees: 3 consts + 2 calls + 2 bodies of 3 = 11", async () => {
    const cost = await counted();
    expect(cost("twice")).toEqual({ value: 6, instructions: 11 });
  });

  it("nop, drop and return are free, as in Wasmtime fuel", async () => {
    const cost = await counted();
    expect(cost("free").instructions).toBe(1); // the i32.const only
  });

  it("an early return stops the charge", async () => {
    const cost = await counted();
    expect(cost("early", 1)).toEqual({ value: 7, instructions: 3 }); // local.get, if, i32.const
    expect(cost("early", 0)).toEqual({ value: 3, instructions: 5 }); // local.get, if, 2 consts, i32.add
  });
});

describe("wasm-fuel counter on QuickJS", () => {
  it("an empty JavaScript loop costs the same per iteration at every length", async () => {
    const q = await countedQuickJS();
    const runtime = q.quickjs.newRuntime();
    const ctx = runtime.newContext();
    try {
      evalOrThrow(ctx, "globalThis.spin = function (n) { for (let i = 0; i < n; i++) {} };");
      const spin = ctx.getProp(ctx.global, "spin");
      const run = (n: number) => {
        const arg = ctx.newNumber(n);
        const r = measure(q, () => ctx.callFunction(spin, ctx.undefined, arg));
        r.value.dispose();
        arg.dispose();
        return r.instructions;
      };
      run(10); // first call warms QuickJS's caches
      const [a, b, c] = [run(10_000), run(20_000), run(40_000)] as [number, number, number];
      const perIteration = (b - a) / 10_000;
      expect(perIteration).toBeGreaterThan(10);
      // Linear: doubling again adds twice as much, within 1%.
      expect(Math.abs((c - b) / 20_000 - perIteration) / perIteration).toBeLessThan(0.01);
      spin.dispose();
    } finally {
      ctx.dispose();
      runtime.dispose();
    }
  });

  it("counts the same work the same way twice", async () => {
    const q = await countedQuickJS();
    const once = () => {
      const runtime = q.quickjs.newRuntime();
      const ctx = runtime.newContext();
      const r = measure(q, () => evalOrThrow(ctx, "JSON.stringify(JSON.parse('[1,2,{\"a\":3}]'))"));
      ctx.dispose();
      runtime.dispose();
      return r.instructions;
    };
    const first = once();
    expect(first).toBeGreaterThan(1000);
    expect(once()).toBe(first);
  });
});
