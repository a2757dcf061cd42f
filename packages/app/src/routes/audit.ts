/** `GET /audit?after=&limit=` (scope admin): the audit log in order, paged by sequence number. */
import { Hono } from "hono";
import type { AppEnv, ResolvedDeps } from "../deps.ts";
import { badRequest } from "../json-body.ts";
import { requireScope } from "../middleware/bearer-auth.ts";

const MAX_PAGE = 500;

/** Answers `{ entries: [{ seq, at, actor, action, subject, origin?, details? }], next? }`. */
export function auditRoutes(deps: ResolvedDeps): Hono<AppEnv> {
  return new Hono<AppEnv>().get("/audit", requireScope(deps.apiKeys, "admin"), async (c) => {
    const { after = "0", limit = "100" } = c.req.query();
    if (!/^\d{1,15}$/.test(after)) throw badRequest("after", "must be a sequence number (an integer ≥ 0)");
    const size = Number(limit);
    if (!/^\d+$/.test(limit) || size < 1 || size > MAX_PAGE) {
      throw badRequest("limit", `must be an integer from 1 to ${MAX_PAGE}`);
    }
    const entries = await deps.audit.list({ after: Number(after), limit: size });
    const last = entries.at(-1);
    return c.json({ entries, ...(entries.length === size && last ? { next: last.seq } : {}) });
  });
}
