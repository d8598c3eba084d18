// `npm run bench:lighthouse`: what the app embed costs a product page in
// Lighthouse's performance score. Two simulated storefronts in this process,
// one with the embed and the demo offers, one with no embed at all (the
// shop without the app); Lighthouse's default (mobile, simulated throttling)
// preset, performance only, RUNS runs per variant, alternated so both share
// whatever else the machine is doing. Prints the median scores, their delta
// and the total-blocking-time delta; the goal is a delta of at most 1 point.
import os from "node:os";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { demoConfig } from "../demo/storefront/demo-config";
import { startStorefront } from "../demo/storefront/server";

const RUNS = 5;
const PAGE = "/products/trail-runner";
const DEADLINE_MS = 8 * 60_000;
const CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

interface Run {
  score: number;
  tbtMs: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const hi = s[mid] ?? NaN;
  return s.length % 2 ? hi : ((s[mid - 1] ?? NaN) + hi) / 2;
};
const round1 = (n: number) => Math.round(n * 10) / 10;

const withEmbed = await startStorefront({ config: demoConfig() });
const withoutEmbed = await startStorefront({ config: demoConfig(), embed: false });
let chrome: chromeLauncher.LaunchedChrome | undefined;
const cleanup = async () => {
  chrome?.kill();
  await Promise.all([withEmbed.close(), withoutEmbed.close()]);
};
// A hung Chromium must not hold the shared machine: give up, loudly, after the deadline.
const timer = setTimeout(() => {
  console.error(`bench:lighthouse: aborted after ${DEADLINE_MS / 60_000} minutes`);
  void cleanup().finally(() => process.exit(1));
}, DEADLINE_MS);

async function audit(url: string, port: number): Promise<Run> {
  const result = await lighthouse(url, { port, output: "json", onlyCategories: ["performance"], logLevel: "error" });
  const lhr = result?.lhr;
  if (!lhr) throw new Error(`Lighthouse returned no result for ${url}`);
  if (lhr.runtimeError) throw new Error(`Lighthouse failed on ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const score = lhr.categories.performance?.score;
  const tbt = lhr.audits["total-blocking-time"]?.numericValue;
  if (typeof score !== "number" || typeof tbt !== "number") throw new Error(`Lighthouse gave no performance score / TBT for ${url}`);
  return { score: score * 100, tbtMs: tbt };
}

// The comparison is only meaningful if exactly one variant loads the embed's script.
async function loadsEmbed(base: string): Promise<boolean> {
  const html = await (await fetch(`${base}${PAGE}`)).text();
  return html.includes("tactful.js") && html.includes('id="tactful-config"');
}

try {
  if (!(await loadsEmbed(withEmbed.url)) || (await loadsEmbed(withoutEmbed.url))) throw new Error("the with/without storefronts do not differ by the app embed");
  chrome = await chromeLauncher.launch({ chromePath: "/usr/bin/chromium", chromeFlags: CHROME_FLAGS, logLevel: "error" });
  const runs: { with: Run[]; without: Run[] } = { with: [], without: [] };
  for (let i = 0; i < RUNS; i++) {
    // Alternate which variant goes first so neither always runs on a warmer machine.
    const order = i % 2 ? (["with", "without"] as const) : (["without", "with"] as const);
    for (const v of order) {
      const base = v === "with" ? withEmbed.url : withoutEmbed.url;
      const r = await audit(`${base}${PAGE}`, chrome.port);
      runs[v].push(r);
      console.log(`run ${i + 1} ${v.padEnd(7)} score ${r.score.toFixed(0).padStart(3)}  TBT ${r.tbtMs.toFixed(0).padStart(5)} ms  load ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
    }
  }
  const scoreWithout = median(runs.without.map((r) => r.score));
  const scoreWith = median(runs.with.map((r) => r.score));
  const tbtDelta = median(runs.with.map((r) => r.tbtMs)) - median(runs.without.map((r) => r.tbtMs));
  console.log(`load average (1/5/15 min): ${os.loadavg().map((l) => l.toFixed(2)).join(" ")} on ${os.cpus().length} cores`);
  console.log(`median score without embed ${scoreWithout}, with embed ${scoreWith}; goal: delta <= 1 point`);
  console.log(
    `BENCH lighthouse ${JSON.stringify({ score_without: scoreWithout, score_with: scoreWith, delta: round1(scoreWithout - scoreWith), tbt_delta_ms: round1(tbtDelta) })}`,
  );
} finally {
  clearTimeout(timer);
  await cleanup();
}
