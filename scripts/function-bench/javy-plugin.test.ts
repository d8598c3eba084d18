import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { encode } from "@msgpack/msgpack";
import { describe, expect, it } from "vitest";
import { loadJavyPlugin } from "./javy-plugin";
import { wat } from "./wasm-fuel";

/*
 * The host side of running a Function on Shopify's Javy plugin (decision
 * 0093), against a stand-in plugin with the same exports whose costs can be
 * counted by hand. Shopify's plugin itself is not in the repository.
 *
 * The stand-in's "bytecode" is the source; invoke copies the input to the
 * output byte by byte (17 instructions a byte, 6 more to enter and leave);
 * cabi_realloc costs 7. initialize and finalize each spin 1,000 times, which
 * the count must not include: function-runner sets fuel aside around them.
 */
const STAND_IN = `(module
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 4096))
  (global $inLen (mut i32) (i32.const 0))
  (global $outLen (mut i32) (i32.const 0))
  (func $spin (local $i i32)
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (i32.const 1000)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next))))
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (local $p i32)
    (local.set $p (global.get $heap))
    (global.set $heap (i32.add (global.get $heap) (local.get 3)))
    (local.get $p))
  (func (export "compile-src") (param i32 i32) (result i32)
    (i32.store8 (i32.const 64) (i32.const 0))
    (i32.store (i32.const 68) (local.get 0))
    (i32.store (i32.const 72) (local.get 1))
    (i32.const 64))
  (func (export "cabi_post_compile-src") (param i32))
  (func (export "initialize") (param i32) (result i32)
    (call $spin)
    (global.set $inLen (local.get 0))
    (i32.const 1024))
  (func (export "invoke") (param i32 i32 i32 i32 i32) (local $i i32)
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (global.get $inLen)))
      (i32.store8 (i32.add (i32.const 2048) (local.get $i)) (i32.load8_u (i32.add (i32.const 1024) (local.get $i))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (global.set $outLen (global.get $inLen)))
  (func (export "finalize") (result i32)
    (call $spin)
    (i32.store (i32.const 128) (i32.const 2048))
    (i32.store (i32.const 132) (global.get $outLen))
    (i32.store (i32.const 136) (i32.const 0))
    (i32.store (i32.const 140) (i32.const 0))
    (i32.store (i32.const 144) (i32.const 0))
    (i32.store (i32.const 148) (i32.const 0))
    (i32.const 128)))`;

async function standIn() {
  const dir = mkdtempSync(join(tmpdir(), "javy-plugin-"));
  const path = join(dir, "stand-in.wasm");
  writeFileSync(path, wat(STAND_IN));
  return loadJavyPlugin(path);
}

describe("running a Function on a Javy plugin (host side)", () => {
  it("compiles through compile-src and reads the result<list<u8>> it returns", async () => {
    const plugin = await standIn();
    expect(new TextDecoder().decode(await plugin.compile("export function f() {}"))).toBe("export function f() {}");
  });

  it("hands the input over as MessagePack and reads the MessagePack output back", async () => {
    const plugin = await standIn();
    const input = { cart: { lines: [{ id: "gid://shopify/CartLine/1", q: 2, o: null }] }, rate: "1.0", ok: true };
    const run = await plugin.run(new Uint8Array([1, 2, 3]), input, "cartLinesDiscountsGenerateRun");
    expect(run.output).toEqual(input);
    expect(run.logs).toBe("");
  });

  it("counts the allocations and invoke, and not initialize or finalize", async () => {
    const plugin = await standIn();
    const input = { a: [1, "two", { three: 3 }] };
    const n = encode(input).length;
    // Two allocations (bytecode, export name) of 7, then invoke: 17 a byte + 6.
    expect((await plugin.run(new Uint8Array(8), input, "f")).instructions).toBe(2 * 7 + 17 * n + 6);
    // No export name: the module is only evaluated, one allocation.
    expect((await plugin.run(new Uint8Array(8), input, undefined)).instructions).toBe(7 + 17 * n + 6);
  });

  it("refuses a plugin that is not a mem-io plugin, naming what is missing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "javy-plugin-"));
    const path = join(dir, "old.wasm");
    writeFileSync(path, wat(`(module (memory (export "memory") 1) (func (export "invoke") (param i32 i32 i32 i32 i32)))`));
    await expect(loadJavyPlugin(path)).rejects.toThrow(/exports no initialize/);
  });
});
