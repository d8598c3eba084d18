import path from "node:path";
import { launch as launchChromium } from "../helpers/chromium";

export const SHOTS = path.resolve("test-results/storefront");

/** Chromium for the storefront tests (a shopper's default viewport; screenshots under test-results/storefront). */
export const launch = () => launchChromium({ shots: SHOTS });
