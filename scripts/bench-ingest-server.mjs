// The production server build behind node:http, on 127.0.0.1 only, for the ingest benchmark.
// Usage: node scripts/bench-ingest-server.mjs <buildDir>  (prints "listening <port>" when ready)
import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import v8 from "node:v8";
import { createReadableStreamFromReadable, createRequestHandler } from "@remix-run/node";

const buildDir = process.argv[2];
if (!buildDir) throw new Error("usage: bench-ingest-server.mjs <buildDir>");
const build = await import(pathToFileURL(path.join(buildDir, "server", "index.js")).href);
const handle = createRequestHandler(build, "production");

const server = http.createServer(async (req, res) => {
  // The benchmark's own probe, never routed to the app: the heap after a full
  // collection (node --expose-gc), so growth that a GC reclaims is not taken for a leak.
  if (req.url === "/__bench/memory") {
    globalThis.gc?.();
    globalThis.gc?.();
    const m = process.memoryUsage();
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ gc: typeof globalThis.gc === "function", rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external }));
    return;
  }
  // A heap snapshot after a full collection, for finding what a load run retains
  // (bench-load-run.mjs takes one before and one after the run when BENCH_HEAP_SNAPSHOTS names a directory).
  if (req.url?.startsWith("/__bench/heapsnapshot?") && process.env.BENCH_HEAP_SNAPSHOTS) {
    globalThis.gc?.();
    const name = new URL(req.url, "http://x").searchParams.get("name")?.replace(/[^a-z0-9-]/gi, "") || "snapshot";
    const file = v8.writeHeapSnapshot(path.join(process.env.BENCH_HEAP_SNAPSHOTS, `${name}.heapsnapshot`));
    res.end(JSON.stringify({ file }));
    return;
  }
  try {
    const controller = new AbortController();
    res.on("close", () => controller.abort());
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const request = new Request(`http://${req.headers.host ?? "127.0.0.1"}${req.url ?? "/"}`, {
      method: req.method,
      headers,
      signal: controller.signal,
      ...(hasBody ? { body: createReadableStreamFromReadable(req), duplex: "half" } : {}),
    });
    const response = await handle(request);
    res.statusCode = response.status;
    response.headers.forEach((v, k) => res.setHeader(k, v));
    if (response.body) res.end(Buffer.from(await response.arrayBuffer()));
    else res.end();
  } catch (error) {
    res.statusCode = 500;
    res.end(String(error));
  }
});
server.keepAliveTimeout = 10_000;
server.listen(0, "127.0.0.1", () => {
  const addr = server.address();
  console.error(`listening ${typeof addr === "object" && addr ? addr.port : 0}`);
});
process.on("SIGTERM", () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
