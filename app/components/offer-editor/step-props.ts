import type { FieldErrors } from "../form-utils";
import type { OfferFormState } from "../offer-form";

/** What every step component gets: the form, one way to change it, and the server's errors by field path. */
export interface StepProps {
  s: OfferFormState;
  patch: (p: Partial<OfferFormState>) => void;
  errors: FieldErrors;
  /** The shop's currency: every amount in the form is in it. */
  currency: string;
  shopTimezone: string;
  defaultCapBps: number;
  /** The shop's default locale (Settings): the language an offer may fall back to (0091). */
  defaultLocale: string;
}
