import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { holdRequests } from "../../demo/app-server";

async function body(req: IncomingMessage): Promise<string> {
  let s = "";
  for await (const chunk of req) s += chunk;
  return s;
}

describe("the app server while the app starts (demo/app-server.ts)", () => {
  const http = createServer();
  afterEach(() => new Promise<void>((resolve) => http.close(() => resolve())));

  it("holds the requests that arrive before the app is ready, then answers them in order, bodies intact", async () => {
    const release = holdRequests(http);
    let arrived = 0;
    http.on("request", () => arrived++);
    await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

    let settled = 0;
    const first = fetch(`${url}/demo`).then(async (r) => (settled++, `${r.status} ${await r.text()}`));
    await expect.poll(() => arrived).toBe(1);
    const second = fetch(`${url}/app/offers`, { method: "POST", body: "name=Socks" }).then(async (r) => (settled++, `${r.status} ${await r.text()}`));
    await expect.poll(() => arrived).toBe(2);
    // Both reached the server and neither has an answer: they wait for the app, not for a timeout.
    expect(settled).toBe(0);

    const order: string[] = [];
    release(async (req, res) => {
      order.push(req.url ?? "");
      res.end(`${req.method} ${req.url} ${await body(req)}`);
    });
    expect(await first).toBe("200 GET /demo ");
    expect(await second).toBe("200 POST /app/offers name=Socks");
    expect(order).toEqual(["/demo", "/app/offers"]);

    // Once released, a request goes straight to the app.
    expect(await (await fetch(`${url}/later`)).text()).toBe("GET /later ");
  });
});
