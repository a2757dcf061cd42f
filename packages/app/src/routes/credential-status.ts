/**
 * `POST /credentials/status` (VC API, scope revoke): revokes, suspends or reinstates a credential by setting
 * or clearing its bit in a status list; the signed copy of that list is dropped so the next fetch shows it.
 */
import { Hono } from "hono";
import type { AppEnv, ResolvedDeps } from "../deps.ts";
import { badRequest, isObject, optionalString, readJsonObject } from "../json-body.ts";
import { requireScope } from "../middleware/bearer-auth.ts";
import { ProblemError } from "../problem.ts";
import type { StatusListPublisher } from "../status-publisher.ts";

const STATUSES = ["revoked", "suspended", "active"] as const;
type Status = (typeof STATUSES)[number];

/** Body `{ credentialId, credentialStatus: [{ type: "BitstringStatusListEntry", status: "revoked" | "suspended" | "active" }], reason? }`. */
export function credentialStatusRoutes(deps: ResolvedDeps, publisher: StatusListPublisher): Hono<AppEnv> {
  return new Hono<AppEnv>().post("/credentials/status", requireScope(deps.apiKeys, "revoke"), async (c) => {
    const body = await readJsonObject(c);
    const credentialId = optionalString(body, "credentialId");
    if (credentialId === undefined) throw badRequest("credentialId", "is required");
    const entries = body.credentialStatus;
    if (!Array.isArray(entries) || entries.length === 0) {
      throw badRequest("credentialStatus", "must be a non-empty array");
    }
    if (entries.length !== 1) throw badRequest("credentialStatus", "must hold exactly one change");
    const [entry] = entries;
    if (!isObject(entry) || entry.type !== "BitstringStatusListEntry") {
      throw badRequest("credentialStatus[0].type", 'must be "BitstringStatusListEntry"');
    }
    if (!STATUSES.includes(entry.status as Status)) {
      throw badRequest("credentialStatus[0].status", `must be one of ${STATUSES.join(", ")}`);
    }
    const status = entry.status as Status;
    const reason = optionalString(body, "reason", 500) ?? "unspecified";
    const { id: actor } = c.get("apiKey");
    const change = { revoked: "revoke", suspended: "suspend", active: "unsuspend" } as const;
    let found: boolean;
    try {
      found = await deps.issuance[change[status]](credentialId, reason, actor, c.get("clientAddress"));
    } finally {
      // Even a CONFLICT may have completed an interrupted change's bit: drop the signed copy either way.
      const record = await deps.credentials.get(credentialId);
      const listId = status === "revoked" ? record?.statusListId : record?.suspensionListId;
      if (listId) publisher.invalidate(listId);
    }
    if (!found) throw new ProblemError("NOT_FOUND", `no credential ${credentialId} was issued here`);
    return c.json({ credentialId, state: status });
  });
}
