// The production server `npm start` runs: node server.mjs <server build>, e.g. ./build/server/index.js.
//
// It does what `remix-serve` 2.17.5 does in production (node_modules/@remix-run/serve's cli,
// before decision 0060 replaced it) with one difference: the access log. remix-serve logs
// every request with morgan's "tiny" format, whose URL includes the query string, and the
// app proxy's query carries `logged_in_customer_id` (and the signature); SECURITY.md promises
// the customer id is kept only as a hash. Our line is method, path without the query,
// status, length and duration, for every route.
import { once } from "node:events";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { installGlobals } from "@remix-run/node";
import compression from "compression";
import express from "express";

process.env.NODE_ENV = process.env.NODE_ENV ?? "production";
// remix-serve installs source-map-support for the same purpose: stack traces in the build's own sources.
process.setSourceMapsEnabled(true);

const buildArg = process.argv[2];
if (!buildArg) {
  console.error("Usage: node server.mjs <server-build-path>, e.g. node server.mjs ./build/server/index.js");
  process.exit(1);
}
const build = await import(pathToFileURL(path.resolve(buildArg)).href);
// As remix-serve: with single fetch off, Remix's own fetch globals (decision 0051 depends on this).
installGlobals({ nativeFetch: build.future.v3_singleFetch });

/** One line per request with no query string: the app proxy's query names the logged-in customer. */
export function accessLog(req, res, next) {
  const started = process.hrtime.bigint();
  res.once("finish", () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const pathOnly = req.originalUrl.split("?", 1)[0];
    console.log(
      `${req.method} ${pathOnly} ${res.statusCode} ${res.getHeader("content-length") ?? "-"} - ${ms.toFixed(3)} ms`,
    );
  });
  next();
}

const app = express();
app.disable("x-powered-by");
app.use(compression());
// As remix-serve: the client build (build.publicPath "/", from build/client) immutable for a
// year; its files are all under /assets with a content hash in their names.
app.use(build.publicPath, express.static(build.assetsBuildDirectory, { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));
app.use(accessLog);
app.all("*", createRequestHandler({ build, mode: process.env.NODE_ENV }));

const port = Number.isNaN(Number(process.env.PORT)) || !process.env.PORT ? 3000 : Number(process.env.PORT);
const host = process.env.HOST;
const server = host ? app.listen(port, host) : app.listen(port);
await once(server, "listening");
console.log(`[tactful] http://${host ?? "localhost"}:${port}`);

// As remix-serve: on SIGTERM/SIGINT stop accepting, close idle keep-alive connections, let
// requests in progress finish; the process ends when nothing else is pending.
for (const signal of ["SIGTERM", "SIGINT"])
  process.once(signal, () => server.close((error) => error && console.error(error)));
