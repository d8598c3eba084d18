/*
 * Rewrites a WebAssembly module so that it counts its own executed
 * instructions the way Wasmtime's fuel does (decision 0061): every operator
 * costs 1, except nop, drop, block, loop, else, end, return and unreachable,
 * which cost 0. The count lives in an exported mutable i64 global, `__fuel`.
 *
 * The charge is made at the start of each straight-line segment of a block's
 * statements (ending at the first statement that may branch away), so a
 * taken branch over-charges at most the rest of its own statement. Binaryen's
 * IR stands in for the binary's operators one for one, except that it may
 * add or drop a few structural blocks, which cost 0 anyway.
 */
import binaryen from "binaryen";

export const FUEL_EXPORT = "__fuel";
const FUEL_GLOBAL = "__tactful_fuel";

type Expr = number;
interface Visited {
  cost: number;
  /** The expression holds a branch, return or trap, so statements after it may not run. */
  exits: boolean;
}

const ids = binaryen as unknown as Record<string, number | undefined>;
function idOf(kind: string): number {
  const v = ids[`${kind}Id`];
  if (v === undefined) throw new Error(`binaryen has no ${kind}Id`);
  return v;
}
const ID = Object.fromEntries(
  (
    [
      "Nop",
      "Block",
      "If",
      "Loop",
      "Break",
      "Switch",
      "Call",
      "CallIndirect",
      "LocalGet",
      "LocalSet",
      "GlobalGet",
      "GlobalSet",
      "Load",
      "Store",
      "Const",
      "Unary",
      "Binary",
      "Select",
      "Drop",
      "Return",
      "MemorySize",
      "MemoryGrow",
      "Unreachable",
      "MemoryCopy",
      "MemoryFill",
      "MemoryInit",
      "DataDrop",
      "AtomicRMW",
      "AtomicCmpxchg",
      "AtomicWait",
      "AtomicNotify",
      "AtomicFence",
    ] as const
  ).map((k) => [k, idOf(k)]),
) as Record<
  | "Nop"
  | "Block"
  | "If"
  | "Loop"
  | "Break"
  | "Switch"
  | "Call"
  | "CallIndirect"
  | "LocalGet"
  | "LocalSet"
  | "GlobalGet"
  | "GlobalSet"
  | "Load"
  | "Store"
  | "Const"
  | "Unary"
  | "Binary"
  | "Select"
  | "Drop"
  | "Return"
  | "MemorySize"
  | "MemoryGrow"
  | "Unreachable"
  | "MemoryCopy"
  | "MemoryFill"
  | "MemoryInit"
  | "DataDrop"
  | "AtomicRMW"
  | "AtomicCmpxchg"
  | "AtomicWait"
  | "AtomicNotify"
  | "AtomicFence",
  number
>;

/** Operand fields per expression kind, in binaryen.getExpressionInfo's names. */
const OPERANDS = new Map<number, string[]>([
  [ID.Nop, []],
  [ID.Const, []],
  [ID.LocalGet, []],
  [ID.GlobalGet, []],
  [ID.MemorySize, []],
  [ID.Unreachable, []],
  [ID.DataDrop, []],
  [ID.AtomicFence, []],
  [ID.Break, ["value", "condition"]],
  [ID.Switch, ["value", "condition"]],
  [ID.Call, ["operands"]],
  [ID.CallIndirect, ["operands", "target"]],
  [ID.LocalSet, ["value"]],
  [ID.GlobalSet, ["value"]],
  [ID.Load, ["ptr"]],
  [ID.Store, ["ptr", "value"]],
  [ID.Unary, ["value"]],
  [ID.Binary, ["left", "right"]],
  [ID.Select, ["ifTrue", "ifFalse", "condition"]],
  [ID.Drop, ["value"]],
  [ID.Return, ["value"]],
  [ID.MemoryGrow, ["delta"]],
  [ID.MemoryCopy, ["dest", "source", "size"]],
  [ID.MemoryFill, ["dest", "value", "size"]],
  [ID.MemoryInit, ["dest", "offset", "size"]],
  [ID.AtomicRMW, ["ptr", "value"]],
  [ID.AtomicCmpxchg, ["ptr", "expected", "replacement"]],
  [ID.AtomicWait, ["ptr", "expected", "timeout"]],
  [ID.AtomicNotify, ["ptr", "notifyCount"]],
]);

/** Wasmtime's fuel table: these generate no code or only move control. */
const FREE = new Set<number>([ID.Nop, ID.Drop, ID.Block, ID.Loop, ID.Return, ID.Unreachable]);
const EXITS = new Set<number>([ID.Break, ID.Switch, ID.Return, ID.Unreachable]);

interface WrapperApi {
  Block: { insertChildAt(block: Expr, index: number, child: Expr): void };
  Loop: { setBody(loop: Expr, body: Expr): void };
  If: { setIfTrue(e: Expr, arm: Expr): void; setIfFalse(e: Expr, arm: Expr): void };
}

export function instrumentFuel(wasm: Uint8Array): Uint8Array<ArrayBuffer> {
  // Only what Node's V8 and Wasmtime both run: Features.All would re-encode imports in newer, unsupported forms.
  const F = binaryen.Features;
  const mod = binaryen.readBinary(wasm);
  mod.setFeatures(
    F.MVP |
      F.MutableGlobals |
      F.SignExt |
      F.NontrappingFPToInt |
      F.BulkMemory |
      F.Multivalue |
      F.ReferenceTypes |
      F.SIMD128,
  );
  const api = binaryen as unknown as WrapperApi;
  const charge = (n: number): Expr =>
    mod.global.set(
      FUEL_GLOBAL,
      mod.i64.add(mod.global.get(FUEL_GLOBAL, binaryen.i64), mod.i64.const(BigInt(n) as unknown as number)),
    );

  function visit(e: Expr): Visited {
    const id = binaryen.getExpressionId(e);
    if (id === ID.Block) return { cost: 0, exits: instrumentList(e) };
    if (id === ID.Loop) {
      const info = binaryen.getExpressionInfo(e) as unknown as { body: Expr };
      const body = instrumentBody(info.body);
      api.Loop.setBody(e, body.expr);
      return { cost: 0, exits: body.exits };
    }
    if (id === ID.If) {
      const info = binaryen.getExpressionInfo(e) as unknown as { condition: Expr; ifTrue: Expr; ifFalse: Expr };
      const cond = visit(info.condition);
      const yes = instrumentBody(info.ifTrue);
      api.If.setIfTrue(e, yes.expr);
      let exits = cond.exits || yes.exits;
      if (info.ifFalse) {
        const no = instrumentBody(info.ifFalse);
        api.If.setIfFalse(e, no.expr);
        exits ||= no.exits;
      }
      return { cost: 1 + cond.cost, exits };
    }
    const fields = OPERANDS.get(id);
    if (!fields) throw new Error(`wasm-fuel: no cost rule for expression id ${id}`);
    let cost = FREE.has(id) ? 0 : 1;
    let exits = EXITS.has(id);
    if (fields.length) {
      const info = binaryen.getExpressionInfo(e) as unknown as Record<string, Expr | Expr[]>;
      for (const f of fields) {
        const v = info[f];
        for (const child of Array.isArray(v) ? v : [v]) {
          if (!child) continue;
          const r = visit(child);
          cost += r.cost;
          exits ||= r.exits;
        }
      }
    }
    return { cost, exits };
  }

  /** Charges each straight-line run of a block's statements before it runs; says whether any may branch away. */
  function instrumentList(block: Expr): boolean {
    const { children } = binaryen.getExpressionInfo(block) as unknown as { children: Expr[] };
    const charges: { at: number; cost: number }[] = [];
    let start = 0;
    let cost = 0;
    let anyExit = false;
    children.forEach((child, i) => {
      const r = visit(child);
      cost += r.cost;
      anyExit ||= r.exits;
      if (r.exits || i === children.length - 1) {
        if (cost > 0) charges.push({ at: start, cost });
        start = i + 1;
        cost = 0;
      }
    });
    for (let k = charges.length - 1; k >= 0; k--) {
      const c = charges[k] as { at: number; cost: number };
      api.Block.insertChildAt(block, c.at, charge(c.cost));
    }
    return anyExit;
  }

  function instrumentBody(e: Expr): { expr: Expr; exits: boolean } {
    if (binaryen.getExpressionId(e) === ID.Block) return { expr: e, exits: instrumentList(e) };
    const r = visit(e);
    if (r.cost === 0) return { expr: e, exits: r.exits };
    return { expr: mod.block(null, [charge(r.cost), e], binaryen.auto), exits: r.exits };
  }

  mod.addGlobal(FUEL_GLOBAL, binaryen.i64, true, mod.i64.const(0n as unknown as number));
  for (let i = 0; i < mod.getNumFunctions(); i++) {
    const fn = mod.getFunctionByIndex(i);
    const info = binaryen.getFunctionInfo(fn);
    if (info.module || !info.body) continue; // imported
    const body = instrumentBody(info.body);
    if (body.expr !== info.body)
      (binaryen as unknown as { Function: { setBody(f: number, e: Expr): void } }).Function.setBody(fn, body.expr);
  }
  mod.addGlobalExport(FUEL_GLOBAL, FUEL_EXPORT);
  const out = new Uint8Array(mod.emitBinary());
  mod.dispose();
  return out;
}

/** Instruments and instantiates a standalone module (for the counter's own tests). */
export async function instantiateCounted(wasm: Uint8Array, imports: WebAssembly.Imports = {}) {
  const instance = await WebAssembly.instantiate(await WebAssembly.compile(instrumentFuel(wasm)), imports);
  const fuel = instance.exports[FUEL_EXPORT] as WebAssembly.Global;
  return { instance, fuel: () => Number(fuel.value as bigint) };
}

/** Wasm bytes from text, through binaryen (test helper). */
export function wat(text: string): Uint8Array<ArrayBuffer> {
  const mod = binaryen.parseText(text);
  const out = new Uint8Array(mod.emitBinary());
  mod.dispose();
  return out;
}
