import { APP_URL } from "../../tactful-post-purchase/src/app-url";

/*
 * The thank-you page comes right after Shopify's post-purchase page. When the
 * shop has a post-purchase offer, the block asks the app what that page asked
 * and heard for this order (decision 0087), and merges the answer like the
 * memory the cart carried: a decline there is a decline here, and a show
 * there uses the session's budget. Any doubt (no order id, no token, a
 * failed or slow answer) means no offer here, as on every surface.
 */

type AnswerFetch = (url: string, init: { method: "POST"; headers: Record<string, string>; body: string }) => Promise<unknown>;

/** Slower than this and the block stays empty rather than late. */
const DEADLINE_MS = 4_000;

/** The page's answer as a memory value ("" when it showed nothing), or null when it cannot be known. */
export async function postPurchaseAnswer(fetchFn: AnswerFetch | undefined, token: (() => Promise<string>) | undefined, orderId: string | undefined, appUrl = APP_URL): Promise<string | null> {
  if (!fetchFn || !token || !orderId) return null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), DEADLINE_MS)));
  const asked = (async () => {
    const res = (await fetchFn(`${appUrl}/post-purchase/memory`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${await token()}` },
      body: JSON.stringify({ order: orderId }),
    })) as { ok?: boolean; json?: () => Promise<unknown> } | undefined;
    if (!res?.ok || !res.json) return null;
    const body = (await res.json()) as { memory?: unknown } | null;
    return typeof body?.memory === "string" ? body.memory : null;
  })().catch(() => null);
  try {
    return await Promise.race([asked, late]);
  } finally {
    clearTimeout(timer);
  }
}
