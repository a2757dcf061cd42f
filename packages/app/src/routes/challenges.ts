/** `POST /challenges` (VC API): a one-time challenge a holder signs into a presentation for this verifier. */
import { Hono } from "hono";
import type { AppEnv, ResolvedDeps } from "../deps.ts";
import { publicCors } from "../middleware/public-cors.ts";

/** Mints a challenge: 200 `{ challenge }`. */
export function challengeRoutes(deps: ResolvedDeps): Hono<AppEnv> {
  return new Hono<AppEnv>().use("/challenges", publicCors()).post("/challenges", async (c) => {
    const { challenge } = await deps.challenges.issue();
    return c.json({ challenge }, 200, { "Cache-Control": "no-store" });
  });
}
