/** Request bodies read with a byte cap, for routes that anyone on the internet can post to. */

/**
 * Reads at most `max` bytes. Null when the body is larger (by Content-Length
 * or by what actually arrives: the header can lie or be absent with chunked
 * encoding); undefined when it is not valid UTF-8.
 */
export async function readCapped(request: Request, max: number): Promise<string | null | undefined> {
  const declared = request.headers.get("Content-Length");
  if (declared !== null && (!/^\d+$/.test(declared) || Number(declared) > max)) return null;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}
