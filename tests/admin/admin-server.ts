import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Readable } from "node:stream";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";

/** Node request -> Fetch Request, as @remix-run/express does it. */
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

async function send(res: ServerResponse, response: Response) {
  res.statusCode = response.status;
  for (const [k, v] of response.headers) if (k !== "set-cookie") res.setHeader(k, v);
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader("set-cookie", cookies);
  if (!response.body) return void res.end();
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
  res.end();
}

/*
 * The real Remix app (vite.config.ts, the Remix Vite plugin, every route)
 * served by Vite in middleware mode inside the test process, so the test's
 * MSW fake Admin API and its SQLite copy are the app's. No auth bypass: the
 * browser carries real session tokens (see app-bridge-stub.js).
 */
export async function startAdminServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const http: Server = createHttpServer();
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  // Redirects from authenticate.admin are built on the app URL; it must be this server.
  process.env.SHOPIFY_APP_URL = url;

  const { createServer } = await import("vite");
  const vite = await createServer({
    configFile: path.resolve("vite.config.ts"),
    root: process.cwd(),
    appType: "custom",
    logLevel: "error",
    // One cache per process: test files run in parallel, and two optimizers writing
    // one cache directory leave a page with two copies of React.
    cacheDir: path.resolve(`node_modules/.vite-browser-test-${process.pid}`),
    server: {
      middlewareMode: true,
      hmr: false,
      ws: false,
      watch: null,
      warmup: { clientFiles: ["./app/root.tsx", "./app/routes/app*.tsx", "./app/components/*.tsx"] },
    },
  });
  http.on("request", (req, res) => {
    vite.middlewares(req, res, async () => {
      try {
        const build = (await vite.ssrLoadModule("virtual:remix/server-build")) as unknown as ServerBuild;
        await send(res, await createRequestHandler(build, "development")(toRequest(req, url)));
      } catch (error) {
        vite.ssrFixStacktrace(error as Error);
        res.statusCode = 500;
        res.end(String((error as Error).stack ?? error));
      }
    });
  });
  return {
    url,
    close: async () => {
      await vite.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
