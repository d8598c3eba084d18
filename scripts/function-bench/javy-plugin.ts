/*
 * Runs a bundled Function on Shopify's own JavaScript runtime, the Javy
 * plugin `shopify_functions_javy_v<N>.wasm` (QuickJS plus Shopify's
 * `ShopifyFunction.readInput`/`writeOutput`), the way Shopify's
 * function-runner runs a Function built by `javy build -C dynamic` (decision
 * 0093), with every executed instruction counted by wasm-fuel.ts:
 *
 * - `javy build` compiles the JavaScript to QuickJS bytecode ahead of time by
 *   calling the plugin's `compile-src`: we call the same export.
 * - Plugins from v3 on read and write through memory (function-runner's
 *   "mem io" providers): before the run, the host calls `initialize(len)` and
 *   writes the input, as MessagePack, where it says; after the run,
 *   `finalize()` points at the MessagePack output and the logs. function-runner
 *   charges neither (it sets the fuel aside around both calls).
 * - The run is the Function module's export, which hands the embedded
 *   bytecode and the export's name to the plugin's `invoke`: reading the
 *   bytecode, evaluating the module, readInput, the Function, writeOutput.
 *   That is what is counted here, from the allocation for the bytecode
 *   (`cabi_realloc`, charged) to invoke's return. The Function module's own
 *   copy of its bytecode into the plugin's memory is one bulk instruction
 *   there; here the host copies it, uncharged.
 *
 * The plugin is Shopify's binary. It is not on npm (the CLI downloads it from
 * cdn.shopify.com, and function-runner embeds it), so it is not in this
 * repository: the bench uses it when SHOPIFY_JAVY_PLUGIN names the file.
 */
import { readFileSync } from "node:fs";
import { decode, encode } from "@msgpack/msgpack";
import { FUEL_EXPORT, instrumentFuel } from "./wasm-fuel";

/** The plugin's exports (the canonical ABI of Javy's plugin interface, as function-runner links them). */
interface PluginExports {
  memory: WebAssembly.Memory;
  cabi_realloc(oldPtr: number, oldLen: number, align: number, newLen: number): number;
  "compile-src"(ptr: number, len: number): number;
  "cabi_post_compile-src"(ret: number): void;
  invoke(bytecodePtr: number, bytecodeLen: number, hasName: number, namePtr: number, nameLen: number): void;
  initialize(inputLen: number): number;
  finalize(): number;
}

export interface PluginRun {
  /** Instructions of the run as function-runner counts them: invoke, input reading and output writing included. */
  instructions: number;
  output: unknown;
  logs: string;
}

export interface JavyPlugin {
  /** QuickJS bytecode for a bundle, as `javy build` embeds it. */
  compile(source: string): Promise<Uint8Array>;
  /** One run in a fresh instance, as each production run starts fresh; `exportName` undefined evaluates the module only. */
  run(bytecode: Uint8Array, input: unknown, exportName: string | undefined): Promise<PluginRun>;
}

const utf8 = new TextEncoder();

export async function loadJavyPlugin(path: string): Promise<JavyPlugin> {
  const module = await WebAssembly.compile(instrumentFuel(readFileSync(path)));
  for (const name of ["initialize", "finalize", "invoke", "compile-src", "cabi_realloc"])
    if (!WebAssembly.Module.exports(module).some((e) => e.name === name))
      throw new Error(`${path} exports no ${name}: use a mem-io Javy plugin (shopify_functions_javy_v3 or later)`);
  if (WebAssembly.Module.imports(module).length)
    throw new Error(`${path} imports from its host: only plugins without imports (v3 or later) can run here`);

  async function instance() {
    const inst = await WebAssembly.instantiate(module, {});
    const ex = inst.exports as unknown as PluginExports;
    const fuel = inst.exports[FUEL_EXPORT] as WebAssembly.Global;
    const bytes = () => new Uint8Array(ex.memory.buffer);
    const view = () => new DataView(ex.memory.buffer);
    const put = (data: Uint8Array) => {
      const at = ex.cabi_realloc(0, 0, 1, data.length);
      bytes().set(data, at);
      return at;
    };
    return { ex, fuel: () => fuel.value as bigint, bytes, view, put };
  }

  return {
    async compile(source) {
      const { ex, bytes, view, put } = await instance();
      const src = utf8.encode(source);
      const ret = ex["compile-src"](put(src), src.length);
      // result<list<u8>, string>: a tag byte, then the payload's pointer and length.
      const at = view().getUint32(ret + 4, true);
      const len = view().getUint32(ret + 8, true);
      const payload = bytes().slice(at, at + len);
      const failed = bytes()[ret] !== 0;
      ex["cabi_post_compile-src"](ret);
      if (failed) throw new Error(`the Javy plugin could not compile the bundle: ${new TextDecoder().decode(payload)}`);
      return payload;
    },

    async run(bytecode, input, exportName) {
      const { ex, fuel, bytes, view, put } = await instance();
      const packed = encode(input);
      bytes().set(packed, ex.initialize(packed.length));
      const before = fuel();
      const code = put(bytecode);
      const name = exportName === undefined ? undefined : utf8.encode(exportName);
      let trap: unknown;
      try {
        if (name) ex.invoke(code, bytecode.length, 1, put(name), name.length);
        else ex.invoke(code, bytecode.length, 0, 0, 0);
      } catch (e) {
        trap = e;
      }
      const instructions = Number(fuel() - before);
      // finalize: six u32s, the output's offset and length, then two log buffers'.
      const res = ex.finalize();
      const u32 = (k: number) => view().getUint32(res + 4 * k, true);
      const slice = (at: number, len: number) => bytes().slice(at, at + len);
      const logs = new TextDecoder().decode(slice(u32(2), u32(3))) + new TextDecoder().decode(slice(u32(4), u32(5)));
      if (trap) throw new Error(`the Function trapped in the Javy plugin (${String(trap)}); logs: ${logs.slice(0, 500)}`);
      const outLen = u32(1);
      return { instructions, output: outLen ? decode(slice(u32(0), outLen)) : undefined, logs };
    },
  };
}
