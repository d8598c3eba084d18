import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { getResponse } from "msw";
import { API_KEY, API_SECRET_KEY } from "@shopify/shopify-api/test-helpers";
import type { FakeAdminApi } from "../../demo/admin-api/fake-admin-api";
import { appScopes } from "../../demo/app-scopes";

/*
 * The app as `npm run build` + `npm run setup` + `npm start` run it (decision 0051):
 * the real build (`npm run build` into a private directory), a SQLite file migrated
 * by the project's migrate script, and the command of package.json's `start` script
 * (server.mjs, decision 0060) with NODE_ENV=production. The one addition is Shopify's network: a preload
 * (admin-api-preload.mjs) forwards the server's Admin API calls to a FakeAdminApi
 * that this process serves over HTTP.
 */

const ROOT = path.resolve(__dirname, "../..");
const PRELOAD = pathToFileURL(path.join(__dirname, "admin-api-preload.mjs")).href;

/** Runs a command to completion, failing with its output; no timeout of its own (the hook's cap applies). */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited ${code}:\n${output.slice(-4000)}`))));
  });
}

/** The environment app/platform/env.server.ts requires, for production, without the test runner's own variables. */
export function productionEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(([k]) => !/^(VITEST|TEST$|TACTFUL_DEMO$|NODE_OPTIONS$|TEST_POSTGRES_URL$)/.test(k));
  return {
    ...Object.fromEntries(inherited),
    NODE_ENV: "production",
    SHOPIFY_API_KEY: API_KEY,
    SHOPIFY_API_SECRET: API_SECRET_KEY,
    SCOPES: appScopes(),
    npm_config_loglevel: "error",
    ...extra,
  };
}

/** A private build directory inside the project (so the build resolves node_modules), and its removal. */
export function buildDirectory(): { dir: string; remove: () => void } {
  const dir = path.join(ROOT, ".cache", `production-smoke-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.dirname(dir), { recursive: true });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `npm run build`, written to `dir`. */
export const buildApp = (dir: string) => run("npm", ["run", "build", "--", "--logLevel", "error"], productionEnv({ TACTFUL_BUILD_DIR: dir }));

/** `npm run setup`: the project's migrate script for the database DATABASE_URL names. */
export const migrate = (databaseUrl: string) => run("npm", ["run", "setup"], productionEnv({ DATABASE_URL: databaseUrl }));

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export interface FakeAdminHttp {
  url: string;
  /** Requests to Shopify that no handler of the fake answered; a smoke test expects none. */
  unhandled: string[];
  close: () => Promise<void>;
}

/** Serves `api`'s MSW handlers over HTTP for the preload in the server process. */
export async function serveFakeAdmin(api: FakeAdminApi): Promise<FakeAdminHttp> {
  const unhandled: string[] = [];
  const server: Server = createServer(async (req, res) => {
    const original = String(req.headers["x-tactful-original-url"] ?? "");
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string" && k !== "host" && k !== "x-tactful-original-url") headers.set(k, v);
    const body = req.method === "GET" || req.method === "HEAD" ? undefined : new Uint8Array(await readBody(req));
    const request = new Request(original, { method: req.method, headers, body });
    const response = await getResponse(api.handlers(), request);
    if (!response) {
      unhandled.push(`${req.method} ${original}`);
      res.writeHead(501, { "content-type": "text/plain" }).end(`The fake Admin API has no answer for ${original}`);
      return;
    }
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    unhandled,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export interface ProductionServer {
  url: string;
  /** Everything the server printed, for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
}

/** The build `npm start` serves, as its `start` script names it. */
const START_BUILD_ARG = "./build/server/index.js";

/**
 * `npm start`'s command, read from package.json so the two cannot drift: `node <script> ./build/server/index.js`,
 * with the build path replaced by `buildDir`'s. Run with this process's node, without npm in between
 * (npm would stand between the signal and the server).
 */
export function startCommand(buildDir: string): { command: string; args: string[] } {
  const start: unknown = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts?.start;
  const words = typeof start === "string" ? start.trim().split(/\s+/) : [];
  if (words[0] !== "node" || !words.includes(START_BUILD_ARG)) {
    throw new Error(`package.json's start script is "${String(start)}"; the production smoke suite runs "node <script> ${START_BUILD_ARG}" only`);
  }
  return { command: process.execPath, args: words.slice(1).map((w) => (w === START_BUILD_ARG ? path.join(buildDir, "server/index.js") : w)) };
}

/**
 * The server as `npm start` runs it (startCommand), on 127.0.0.1 and a free
 * port. Resolves once the server answers HTTP; fails at once if it exits first, and
 * after `capMs` if it never answers (with everything it printed).
 */
export async function startProductionServer(opts: { buildDir: string; databaseUrl: string; adminApiUrl: string; capMs: number }): Promise<ProductionServer> {
  // The free port is found by closing a listener; another process can take it in between.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(opts, await freePort());
    } catch (error) {
      if (attempt === 3 || !String(error).includes("EADDRINUSE")) throw error;
    }
  }
}

async function startOnce(opts: { buildDir: string; databaseUrl: string; adminApiUrl: string; capMs: number }, port: number): Promise<ProductionServer> {
  const url = `http://127.0.0.1:${port}`;
  const env = productionEnv({
    DATABASE_URL: opts.databaseUrl,
    SHOPIFY_APP_URL: url,
    PORT: String(port),
    HOST: "127.0.0.1",
    TACTFUL_SMOKE_ADMIN_API: opts.adminApiUrl,
    NODE_OPTIONS: `--import ${PRELOAD}`,
  });
  const start = startCommand(opts.buildDir);
  const child: ChildProcess = spawn(start.command, start.args, {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  let exited: string | null = null;
  child.on("exit", (code, signal) => (exited = `the server exited (${code ?? signal})`));

  const started = Date.now();
  for (;;) {
    if (exited) throw new Error(`${exited} before answering:\n${output}`);
    const answered = await fetch(`${url}/`, { signal: AbortSignal.timeout(5_000) }).then(
      () => true,
      () => false,
    );
    if (answered) break;
    if (Date.now() - started > opts.capMs) {
      child.kill("SIGKILL");
      throw new Error(`the server did not answer on ${url} within ${opts.capMs / 1000} s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    output: () => output,
    stop: async () => {
      if (exited) return;
      const gone = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await gone;
      clearTimeout(timer);
    },
  };
}
