/**
 * The centre's profile: the awarding body its credentials name (name, country, url, email, phone). Anyone may read
 * it; an admin key changes it, and the change is audited.
 */
import { updateCentreProfile } from "@learnbridge/issuer";
import { Hono } from "hono";
import type { AppEnv, ResolvedDeps } from "../deps.ts";
import { readJsonObject } from "../json-body.ts";
import { requireScope } from "../middleware/bearer-auth.ts";
import { publicCors } from "../middleware/public-cors.ts";
import { ProblemError } from "../problem.ts";

/** `GET /profile` (public) and `PUT /profile` (scope admin), body `{ name, sourceLanguage, country?, url?, email?, phone? }`. */
export function profileRoutes(deps: ResolvedDeps): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get("/profile", publicCors(), async (c) => {
      const profile = await deps.profile.get();
      if (!profile) throw new ProblemError("NOT_FOUND", "this centre has not set its profile yet");
      c.header("Cache-Control", "public, max-age=300");
      return c.json({ id: deps.keys.did, ...profile });
    })
    .put("/profile", requireScope(deps.apiKeys, "admin"), async (c) => {
      const profile = await updateCentreProfile(
        deps.profile,
        await readJsonObject(c),
        { actor: c.get("apiKey").id, origin: c.get("clientAddress") },
        deps.clock,
      );
      return c.json({ id: deps.keys.did, ...profile });
    });
}
