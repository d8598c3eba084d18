import { MOMENT_LABEL, SOURCE_LABEL, TYPE_LABEL } from "../offer-labels";
import type { FieldErrors } from "../form-utils";
import type { DiscountState, OfferFormState } from "../offer-form";

/*
 * The editor's steps, in the order a merchant thinks about an offer
 * (decision record 0076): when it shows, what it offers, what it says, who
 * sees it, then a check before it goes live. The server's zod schema answers
 * errors by field path; stepOfField() says which step shows that field, so a
 * refused save opens the first step that needs attention.
 */

export const STEPS = [
  { id: "when", label: "When", title: "When it shows" },
  { id: "what", label: "What", title: "What it offers" },
  { id: "say", label: "Say", title: "What the popup says" },
  { id: "who", label: "Who", title: "Who sees it" },
  { id: "check", label: "Check", title: "Check and go live" },
] as const;

export type StepId = (typeof STEPS)[number]["id"];

const DEFINITION_STEP: Record<string, StepId> = {
  trigger: "when",
  delayMs: "when",
  timezone: "when",
  startsAtLocal: "when",
  endsAtLocal: "when",
  items: "what",
  productsFrom: "what",
  recommendation: "what",
  upgrades: "what",
  discount: "what",
  capBps: "what",
  content: "say",
  urgency: "say",
  segment: "who",
  abVariants: "check",
  holdoutBps: "check",
};

const TOP_LEVEL_STEP: Record<string, StepId> = { moments: "when", type: "what", priority: "check", status: "check" };

/** The step that shows the field at `path` ("definition.items.0"), or null for fields above the steps (the name, the form). */
export function stepOfField(path: string): StepId | null {
  const [head, next] = path.split(".");
  if (head === "definition") return DEFINITION_STEP[next ?? ""] ?? null;
  return TOP_LEVEL_STEP[head ?? ""] ?? null;
}

export function stepsWithErrors(errors: FieldErrors): Set<StepId> {
  const steps = new Set<StepId>();
  for (const path of Object.keys(errors)) {
    const step = stepOfField(path);
    if (step) steps.add(step);
  }
  return steps;
}

/** The first step, in step order, that shows an error; null when every error sits above the steps. */
export function firstStepWithError(errors: FieldErrors): StepId | null {
  const withErrors = stepsWithErrors(errors);
  return STEPS.find((s) => withErrors.has(s.id))?.id ?? null;
}

const listOf = (xs: string[]) => (xs.length <= 1 ? (xs[0] ?? "") : `${xs.slice(0, -1).join(", ")} or ${xs[xs.length - 1]}`);
const csv = (s: string) =>
  s
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);

function discountWords(d: DiscountState, currency: string): string {
  if (d.kind === "PERCENT" && d.percent.trim()) return `${d.percent.trim()}% off`;
  if (d.kind === "FIXED" && d.amount.trim()) return `${d.amount.trim()} ${currency} off each`;
  return "at its own price";
}

/** The Check step's summary: one plain sentence per step, from the form as it stands (not yet validated). */
export function reviewLines(s: OfferFormState, ctx: { currency: string; defaultCapBps: number }): Record<Exclude<StepId, "check">, string> {
  const moments = listOf(s.moments.map((m) => (MOMENT_LABEL[m] ?? m).toLowerCase()));
  const t = s.trigger;
  const triggers = [...t.products, ...t.variants, ...t.collections].map((r) => r.title || r.id);
  const tags = csv(t.tags);
  const cartNeeds = [
    triggers.length ? `${t.match === "ALL" ? "all of" : ""} ${listOf(triggers)}`.trim() : "",
    tags.length ? `a product tagged ${listOf(tags)}` : "",
  ].filter(Boolean);
  const delay = Number(s.delaySeconds) > 0 ? `, ${s.delaySeconds} s later` : "";
  const schedule = s.startsAtLocal || s.endsAtLocal ? ` Scheduled ${s.startsAtLocal ? `from ${s.startsAtLocal.replace("T", " ")}` : ""}${s.endsAtLocal ? ` until ${s.endsAtLocal.replace("T", " ")}` : ""} (${s.timezone}).` : "";
  const when = `${moments ? moments[0]?.toUpperCase() + moments.slice(1) : "No moment chosen"}${delay}, ${cartNeeds.length ? `when the cart has ${cartNeeds.join(" and ")}` : "for any cart"}.${schedule}`;

  const cap = s.cap.trim() ? `${s.cap.trim()}%` : `${ctx.defaultCapBps / 100}% (shop default)`;
  const products =
    s.type === "UPSELL"
      ? s.upgrades.length
        ? `Swaps ${listOf(s.upgrades.map((u) => `${u.from.title || "a product"} for ${u.to.title || u.to.handle}`))}`
        : "No upgrade chosen yet"
      : s.type === "CROSS_SELL" && s.productsFrom === "RECOMMENDED"
        ? s.recommendation.sources.length
          ? `Offers up to three products recommended for the trigger by ${s.recommendation.sources.map((x) => SOURCE_LABEL[x].toLowerCase()).join(", then ")}, ${discountWords(s.discount, ctx.currency)}`
          : "No source of recommendations chosen yet"
        : s.items.length
          ? `Offers ${listOf(s.items.map((i) => i.title || i.handle))} ${discountWords(s.discount, ctx.currency)}`
          : "No product chosen yet";
  const what = `${TYPE_LABEL[s.type] ?? s.type}. ${products}; hidden if accepting raises the cart by more than ${cap}.`;

  const first = s.locales[0] ?? "";
  const headline = s.content[first]?.headline.trim();
  const say = `${headline ? `“${headline}”` : "No headline yet"} in ${s.locales.join(", ")}.`;

  const g = s.segment;
  const who = [
    g.customer === "LOGGED_IN" ? "logged-in customers" : g.customer === "GUEST" ? "guests" : "",
    g.history === "NEW" ? "new customers" : g.history === "RETURNING" ? "returning customers" : "",
    csv(g.tagsInclude).length ? `tagged ${listOf(csv(g.tagsInclude))}` : "",
    csv(g.tagsExclude).length ? `not tagged ${listOf(csv(g.tagsExclude))}` : "",
    csv(g.countries).length ? `in ${csv(g.countries).join(", ").toUpperCase()}` : "",
    csv(g.markets).length ? `in markets ${csv(g.markets).join(", ")}` : "",
    csv(g.locales).length ? `shopping in ${csv(g.locales).join(", ")}` : "",
  ].filter(Boolean);
  return { when, what, say, who: who.length ? `Only ${who.join(", ")}.` : "Every shopper." };
}
