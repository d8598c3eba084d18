// A deleted trigger collection publishes as empty: the same republish as an update.
export { action } from "./webhooks.collections.update";
