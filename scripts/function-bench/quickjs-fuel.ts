/*
 * QuickJS compiled to WebAssembly (the engine Javy embeds), instrumented by
 * wasm-fuel.ts so that every call reports the Wasm instructions it executed,
 * weighted as Wasmtime fuel (decision 0061). Everything comes from npm
 * packages: nothing is downloaded at run time.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import variant from "@jitl/quickjs-wasmfile-release-sync";
import {
  newQuickJSWASMModuleFromVariant,
  newVariant,
  type QuickJSContext,
  type QuickJSWASMModule,
} from "quickjs-emscripten-core";
import { FUEL_EXPORT, instrumentFuel } from "./wasm-fuel";

export interface CountedQuickJS {
  quickjs: QuickJSWASMModule;
  /** Wasm instructions executed since the module was instantiated. */
  fuel(): number;
}

let loaded: Promise<CountedQuickJS> | undefined;

export function countedQuickJS(): Promise<CountedQuickJS> {
  loaded ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasmPath = require.resolve("@jitl/quickjs-wasmfile-release-sync/wasm");
    const wasmModule = await WebAssembly.compile(instrumentFuel(readFileSync(wasmPath)));
    let global: WebAssembly.Global | undefined;
    const counted = newVariant(variant, {
      emscriptenModule: {
        instantiateWasm(imports: WebAssembly.Imports, onSuccess: (instance: WebAssembly.Instance) => void) {
          return WebAssembly.instantiate(wasmModule, imports).then((instance) => {
            global = instance.exports[FUEL_EXPORT] as WebAssembly.Global;
            onSuccess(instance);
            return instance.exports;
          });
        },
      },
    } as Parameters<typeof newVariant>[1]);
    const quickjs = await newQuickJSWASMModuleFromVariant(counted);
    if (!global) throw new Error("quickjs-fuel: the instrumented module was not instantiated through our hook");
    const fuelGlobal = global;
    return { quickjs, fuel: () => Number(fuelGlobal.value as bigint) };
  })();
  return loaded;
}

/** Evaluates code in a context; throws the JavaScript error as a host error. */
export function evalOrThrow(
  ctx: QuickJSContext,
  code: string,
  filename = "eval.js",
  type: "global" | "module" = "global",
): void {
  const result = ctx.evalCode(code, filename, { type });
  if (result.error) {
    const err = ctx.dump(result.error) as unknown;
    result.error.dispose();
    throw new Error(`QuickJS: ${typeof err === "object" ? JSON.stringify(err) : String(err)}`);
  }
  result.value.dispose();
}

/** Instructions spent by `fn`, counted around it. */
export function measure<T>(q: CountedQuickJS, fn: () => T): { value: T; instructions: number } {
  const before = q.fuel();
  const value = fn();
  return { value, instructions: q.fuel() - before };
}
