// Loaded into the production server (`npm start`'s server.mjs) with `node --import` by the
// production smoke suite; never part of the app. It does for the built server what
// demo/admin-api/server.ts does for the demo: MSW intercepts the app's calls to
// Shopify before the app's modules load (@shopify/shopify-api captures
// globalThis.fetch when its node adapter is imported). Instead of answering
// in-process, it forwards each call to the test's fake Admin API over HTTP
// (TACTFUL_SMOKE_ADMIN_API), so the test process owns the fake's state.
// Anything else sent to Shopify fails loudly; local traffic passes through.
import { FetchInterceptor } from "@mswjs/interceptors/fetch";
import { http } from "msw";
import { SetupServerCommonApi } from "msw/node";

const target = process.env.TACTFUL_SMOKE_ADMIN_API;
if (!target) throw new Error("admin-api-preload: TACTFUL_SMOKE_ADMIN_API is required");

// Captured before MSW patches fetch and before the server installs Remix's globals.
const nativeFetch = globalThis.fetch;
const NativeResponse = globalThis.Response;
const NativeHeaders = globalThis.Headers;
const isShopify = (url) => /(^|\.)(myshopify|shopify)\.com$/.test(new URL(url).hostname);

// Only fetch is intercepted, which is all the Shopify library uses. setupServer's
// ClientRequest interceptor also patches globalThis.Headers, which the server then
// replaces with its own (installGlobals): the two together break every call, in a
// way the deployed app (no MSW) never sees.
const server = new SetupServerCommonApi([new FetchInterceptor()], [
  http.all("*", async ({ request }) => {
    if (!isShopify(request.url)) return undefined;
    const body = request.method === "GET" || request.method === "HEAD" ? undefined : await request.arrayBuffer();
    const headers = new NativeHeaders(request.headers);
    headers.set("x-tactful-original-url", request.url);
    for (const name of ["host", "content-length"]) headers.delete(name);
    const answer = await nativeFetch(target, { method: request.method, headers, body });
    const answerHeaders = new NativeHeaders(answer.headers);
    // fetch has already decoded the body; its length and encoding are no longer these.
    for (const name of ["content-encoding", "content-length", "transfer-encoding"]) answerHeaders.delete(name);
    return new NativeResponse(await answer.arrayBuffer(), { status: answer.status, headers: answerHeaders });
  }),
]);
server.listen({
  onUnhandledRequest: (request, print) => {
    if (isShopify(request.url)) print.error();
  },
});
