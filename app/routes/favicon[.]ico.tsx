/*
 * /favicon.ico: browsers ask for it on every admin and demo page. Without
 * this route each request fell through to Remix's 404 and printed a stack
 * trace in the log (issue 19). A 32x32 icon: the accent's square with a "T".
 */
const ICON = Buffer.from("AAABAAEAICAAAAEAIACGAAAAFgAAAIlQTkcNChoKAAAADUlIRFIAAAAgAAAAIAgGAAAAc3p69AAAAE1JREFUeNpjYIACqeIX/+mJGdDBgDmA3hZjOGTUAaMOwCVBbTDqgFEHUDUXkGoJ1bPhqANGHTDqgFEHjDpg1AED7oDRVvHwcsCI7x0DAGrdwxfHrbVQAAAAAElFTkSuQmCC", "base64");

export const loader = () =>
  new Response(ICON, { headers: { "Content-Type": "image/x-icon", "Content-Length": String(ICON.length), "Cache-Control": "public, max-age=86400" } });
