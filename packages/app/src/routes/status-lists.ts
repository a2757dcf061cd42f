/** `GET /status/:listId` (public): a signed BitstringStatusListCredential, as verifiers dereference it. */
import { Hono } from "hono";
import type { AppEnv } from "../deps.ts";
import { publicCors } from "../middleware/public-cors.ts";
import { ProblemError } from "../problem.ts";
import type { StatusListPublisher } from "../status-publisher.ts";

/** Serves each list signed by the centre's active key; 404 for a list it does not have. */
export function statusListRoutes(publisher: StatusListPublisher): Hono<AppEnv> {
  return new Hono<AppEnv>().use("/status/:listId", publicCors()).get("/status/:listId", async (c) => {
    const listId = c.req.param("listId");
    const list = await publisher.publish(listId);
    if (!list) throw new ProblemError("NOT_FOUND", `no status list ${listId}`);
    return c.body(JSON.stringify(list), 200, {
      "Content-Type": "application/vc+ld+json",
      // Revocations must reach verifiers soon: a minute here, plus at most a minute in the publisher's cache.
      "Cache-Control": "public, max-age=60",
    });
  });
}
