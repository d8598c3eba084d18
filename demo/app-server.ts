import { createServer as createHttpServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Readable } from "node:stream";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import type { ViteDevServer } from "vite";

/*
 * The real Remix app (vite.config.ts, every route) served by Vite in
 * middleware mode inside the calling process, so a fake Admin API (MSW)
 * patches the same fetch the Shopify library uses. Used by the demo and by
 * the admin browser tests (tests/admin/admin-server.ts). One difference from
 * `remix vite:dev` in the demo: admin documents load App Bridge from
 * /demo/app-bridge.js (the demo stand-in) instead of Shopify's CDN, because
 * the demo admin runs in a normal tab, outside the Shopify admin frame.
 */

const APP_BRIDGE_URL = "https://cdn.shopify.com/shopifycloud/app-bridge.js";

function toRequest(req: IncomingMessage, origin: string): Request {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) for (const x of Array.isArray(v) ? v : v === undefined ? [] : [v]) headers.append(k, x);
  const method = req.method ?? "GET";
  const init: RequestInit & { duplex?: "half" } = { method, headers };
  if (method !== "GET" && method !== "HEAD") {
    init.body = Readable.toWeb(req) as ReadableStream;
    init.duplex = "half";
  }
  return new Request(new URL(req.url ?? "/", origin), init);
}

async function send(res: ServerResponse, response: Response, appBridgeSrc: string | null) {
  res.statusCode = response.status;
  const html = appBridgeSrc !== null && (response.headers.get("content-type") ?? "").includes("text/html");
  for (const [k, v] of response.headers) if (k !== "set-cookie" && !(html && k === "content-length")) res.setHeader(k, v);
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader("set-cookie", cookies);
  if (!response.body) return void res.end();
  if (html) return void res.end((await response.text()).replaceAll(APP_BRIDGE_URL, appBridgeSrc));
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
  res.end();
}

export interface AppServer {
  url: string;
  vite: ViteDevServer;
  close: () => Promise<void>;
}

/** For each listening server, the call that hands the requests it holds to the app once it is ready. */
const releases = new WeakMap<Server, (handler: RequestListener) => void>();

/**
 * Holds the requests `http` receives until `release` gives it their handler,
 * then passes them on in order of arrival. Without it, a request that arrived
 * while the app was starting (3 s idle, up to 30 s on a busy machine) met a
 * server with no handler and never got an answer, even once the app was up:
 * a browser opened on /demo too early stayed blank.
 */
export function holdRequests(http: Server): (handler: RequestListener) => void {
  const held: [IncomingMessage, ServerResponse][] = [];
  const hold: RequestListener = (req, res) => void held.push([req, res]);
  http.on("request", hold);
  return (handler) => {
    http.off("request", hold);
    http.on("request", handler);
    for (const [req, res] of held.splice(0)) handler(req, res);
  };
}

/** Listens first (the app URL must be known before the app's modules read it), then serves the app; requests wait meanwhile. */
export async function listenAppServer(opts: { port: number; host: string; publicHost?: string }): Promise<{ http: Server; url: string }> {
  const http = createHttpServer();
  releases.set(http, holdRequests(http));
  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(opts.port, opts.host, resolve);
  });
  const url = `http://${opts.publicHost ?? opts.host}:${(http.address() as AddressInfo).port}`;
  return { http, url };
}

export interface ServeOptions {
  /** Where admin documents load App Bridge from; null keeps Shopify's CDN URL (a browser test routes it to its stub). */
  appBridgeSrc?: string | null;
  /** Names Vite's dependency cache (node_modules/.vite-<name>). */
  cacheName?: string;
}

export async function serveApp(http: Server, url: string, opts: ServeOptions = {}): Promise<AppServer> {
  const appBridgeSrc = opts.appBridgeSrc === undefined ? "/demo/app-bridge.js" : opts.appBridgeSrc;
  const cacheName = opts.cacheName ?? "demo";
  const { createServer } = await import("vite");
  const vite = await createServer({
    configFile: path.resolve("vite.config.ts"),
    root: process.cwd(),
    appType: "custom",
    logLevel: "error",
    // One cache per process under test: test files run in parallel, and two optimizers
    // writing one cache directory leave a page with two copies of React.
    cacheDir: path.resolve(process.env.VITEST ? `node_modules/.vite-${cacheName}-${process.pid}` : `node_modules/.vite-${cacheName}`),
    // HMR rides on our own server: when Vite optimizes a newly found dependency it tells the page to reload, instead of leaving it half-hydrated.
    server: {
      middlewareMode: true,
      // Under test there is no socket: a reload mid-scenario would lose the page's state.
      hmr: process.env.VITEST ? false : { server: http, protocol: "ws", host: new URL(url).hostname, clientPort: Number(new URL(url).port) },
      ...(process.env.VITEST ? { ws: false as const } : {}),
      watch: null,
      // Transform the admin's client modules at start, so Vite finds and pre-bundles every
      // dependency before the first page asks (a late discovery leaves two Reacts on that page).
      warmup: { clientFiles: ["./app/root.tsx", "./app/routes/app*.tsx", "./app/components/*.tsx"] },
    },
  });
  // Ready means ready: the server build loaded (every route transformed for SSR) and the
  // client dependencies pre-bundled, before the first page is asked for. Left to the first
  // request, that work (measured at 26-31 s on a starved 2-core machine, 3 s idle) was
  // charged to whichever page a test opened first, against that page's timeout.
  await vite.ssrLoadModule("virtual:remix/server-build");
  await vite.waitForRequestsIdle();
  const optimizer = vite.environments.client.depsOptimizer;
  await optimizer?.scanProcessing;
  await Promise.all(Object.values({ ...optimizer?.metadata.discovered, ...optimizer?.metadata.optimized }).map((dep) => dep.processing));
  const release = releases.get(http) ?? ((handler: RequestListener) => void http.on("request", handler));
  release((req, res) => {
    vite.middlewares(req, res, async () => {
      try {
        const build = (await vite.ssrLoadModule("virtual:remix/server-build")) as unknown as ServerBuild;
        await send(res, await createRequestHandler(build, "development")(toRequest(req, url)), appBridgeSrc);
      } catch (error) {
        vite.ssrFixStacktrace(error as Error);
        res.statusCode = 500;
        res.end(String((error as Error).stack ?? error));
      }
    });
  });
  return {
    url,
    vite,
    close: async () => {
      await vite.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
