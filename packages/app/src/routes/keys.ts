/**
 * `POST /keys/rotate` (scope admin): the centre signs with a new key from now on. The previous key is
 * retired, not revoked: it stays in the DID document, so every credential it signed keeps verifying.
 */
import { toXsdDateTime } from "@learnbridge/core";
import { Hono } from "hono";
import type { AppEnv, ResolvedDeps } from "../deps.ts";
import { requireScope } from "../middleware/bearer-auth.ts";

/** Answers the new verification method and the keys it retired; audited as `key.rotate`. */
export function keyRoutes(deps: ResolvedDeps): Hono<AppEnv> {
  return new Hono<AppEnv>().post("/keys/rotate", requireScope(deps.apiKeys, "admin"), async (c) => {
    const before = await deps.keys.activeKey();
    const key = await deps.keys.rotate();
    const verificationMethod = `${deps.keys.did}#${key.id}`;
    await deps.audit.append({
      at: toXsdDateTime(deps.clock()),
      actor: c.get("apiKey").id,
      origin: c.get("clientAddress"),
      action: "key.rotate",
      subject: verificationMethod,
      details: { keyId: key.id, retired: [before.id] },
    });
    // In a federation, superiors are told at once so that they re-pin the keys (they would at their next
    // fetch anyway); until they have, federation statements stay signed with the key they know.
    const federation = deps.federation ? { federation: await deps.federation.announceKeys() } : {};
    return c.json({
      verificationMethod,
      keyId: key.id,
      createdAt: key.createdAt,
      retired: [before.id],
      ...federation,
    });
  });
}
