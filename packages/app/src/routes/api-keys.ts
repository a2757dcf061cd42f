/**
 * Staff API keys over HTTP (scope admin): create one (its token is in the 201 answer and nowhere else),
 * list them (never a hash), revoke one. Every change is audited with the admin's key id and address.
 */
import { StaffAccess } from "@learnbridge/issuer";
import type { Context } from "hono";
import { Hono } from "hono";
import type { AppEnv, ResolvedDeps } from "../deps.ts";
import { readJsonObject } from "../json-body.ts";
import { requireScope } from "../middleware/bearer-auth.ts";

/** `POST /api-keys` `{ name, scopes }`, `GET /api-keys`, `DELETE /api-keys/:id`. */
export function apiKeyRoutes(deps: ResolvedDeps): Hono<AppEnv> {
  const access = new StaffAccess({ apiKeys: deps.apiKeys, audit: deps.audit, clock: deps.clock });
  const admin = requireScope(deps.apiKeys, "admin");
  const who = (c: Context<AppEnv>) => ({ actor: c.get("apiKey").id, origin: c.get("clientAddress") });
  return new Hono<AppEnv>()
    .post("/api-keys", admin, async (c) => {
      const body = await readJsonObject(c);
      const { key, token } = await access.create({ name: body.name, scopes: body.scopes }, who(c));
      return c.json({ ...key, token }, 201);
    })
    .get("/api-keys", admin, async (c) => c.json({ apiKeys: await access.list() }))
    .delete("/api-keys/:id", admin, async (c) => c.json(await access.revoke(c.req.param("id"), who(c))));
}
