import { MOMENTS } from "@tactful/engine/types";
import { OFFER_STATUSES, OFFER_TYPES, type OfferStatus } from "./offer.schema";
import { periodSchema, type PERIODS } from "../analytics/period";

/*
 * The Offers list's URL query: what the page's filters write and the loader
 * reads. Shared by the browser (sort options) and the server, so it holds
 * no server code.
 */

export const SORT_KEYS = ["updatedAt", "name", "priority", "startsAt", "status"] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface OfferListQuery {
  q: string;
  statuses: OfferStatus[];
  types: (typeof OFFER_TYPES)[number][];
  moments: (typeof MOMENTS)[number][];
  sort: SortKey;
  dir: "asc" | "desc";
  page: number;
  pageSize: number;
  /** The figures' period: the last 7, 30 or 90 days. */
  period: (typeof PERIODS)[number];
}

const pick = <T extends string>(values: readonly T[], raw: string[]): T[] => values.filter((v) => raw.includes(v));

/** Lenient by design: an unknown filter value in a bookmarked URL is dropped, not a 400. */
export function parseListQuery(params: URLSearchParams): OfferListQuery {
  const list = (k: string) => params.getAll(k).flatMap((v) => v.split(","));
  const sortRaw = params.get("sort") ?? "";
  const page = Number.parseInt(params.get("page") ?? "1", 10);
  return {
    q: (params.get("q") ?? "").trim().slice(0, 100),
    statuses: pick(OFFER_STATUSES, list("status")),
    types: pick(OFFER_TYPES, list("type")),
    moments: pick(MOMENTS, list("moment")),
    sort: (SORT_KEYS as readonly string[]).includes(sortRaw) ? (sortRaw as SortKey) : "updatedAt",
    dir: params.get("dir") === "asc" ? "asc" : "desc",
    page: Number.isFinite(page) && page > 0 ? page : 1,
    pageSize: 25,
    period: periodSchema.parse(params.get("period") ?? undefined),
  };
}
