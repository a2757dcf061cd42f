/**
 * `POST /credentials/status` (VC API, scope revoke): revokes a credential by setting its bit in its status
 * list; the signed copy of that list is dropped so the next fetch shows the revocation.
 */
import { Hono } from "hono";
import type { AppEnv, ResolvedDeps } from "../deps.ts";
import { badRequest, isObject, optionalString, readJsonObject } from "../json-body.ts";
import { requireScope } from "../middleware/bearer-auth.ts";
import { ProblemError } from "../problem.ts";
import type { StatusListPublisher } from "../status-publisher.ts";

/** Body `{ credentialId, credentialStatus: [{ type: "BitstringStatusListEntry", status: "revoked" }], reason? }`. */
export function credentialStatusRoutes(deps: ResolvedDeps, publisher: StatusListPublisher): Hono<AppEnv> {
  return new Hono<AppEnv>().post("/credentials/status", requireScope(deps.apiKeys, "revoke"), async (c) => {
    const body = await readJsonObject(c);
    const credentialId = optionalString(body, "credentialId");
    if (credentialId === undefined) throw badRequest("credentialId", "is required");
    const entries = body.credentialStatus;
    if (!Array.isArray(entries) || entries.length === 0) {
      throw badRequest("credentialStatus", "must be a non-empty array");
    }
    for (const [i, entry] of entries.entries()) {
      if (!isObject(entry) || entry.type !== "BitstringStatusListEntry") {
        throw badRequest(`credentialStatus[${i}].type`, 'must be "BitstringStatusListEntry"');
      }
      // Issuance knows one change of status, for good: suspension would need a second list purpose.
      if (entry.status !== "revoked") throw badRequest(`credentialStatus[${i}].status`, 'must be "revoked"');
    }
    const reason = optionalString(body, "reason", 500) ?? "unspecified";
    const { id: actor } = c.get("apiKey");
    if (!(await deps.issuance.revoke(credentialId, reason, actor, c.get("clientAddress")))) {
      throw new ProblemError("NOT_FOUND", `no credential ${credentialId} was issued here`);
    }
    const record = await deps.credentials.get(credentialId);
    if (record) publisher.invalidate(record.statusListId);
    return c.json({ credentialId, state: "revoked" });
  });
}
