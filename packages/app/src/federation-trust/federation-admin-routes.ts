/**
 * The operator's and intermediates' staff routes (scope admin): enrol, list, suspend and reinstate
 * subordinates; issue, list and revoke trust marks; and, for any node, pull the marks issued to it. Every
 * change is in the audit log with the key and the client address.
 */
import {
  type FederationActor,
  type FederationNode,
  type IssuedTrustMark,
  TRUST_MARK_TYPES,
} from "@learnbridge/federation";
import type { ApiKeyRepository } from "@learnbridge/issuer";
import { type Context, Hono } from "hono";
import type { AppEnv } from "../deps.ts";
import { badRequest, optionalObject, optionalString, readJsonObject } from "../json-body.ts";
import { requireScope } from "../middleware/bearer-auth.ts";

const actorOf = (c: Context<AppEnv>): FederationActor => ({
  actor: c.get("apiKey").id,
  origin: c.get("clientAddress"),
});

const requiredString = (body: Record<string, unknown>, field: string) => {
  const value = optionalString(body, field);
  if (value === undefined) throw badRequest(field, "is required");
  return value;
};

/** The API view of an issued mark. */
const markView = (mark: IssuedTrustMark) => ({
  id: mark.id,
  type: mark.type,
  sub: mark.sub,
  trustMark: mark.jwt,
  issuedAt: mark.issuedAt,
  ...(mark.expiresAt ? { expiresAt: mark.expiresAt } : {}),
  ...(mark.revokedAt ? { revokedAt: mark.revokedAt } : {}),
  ...(mark.revocationReason ? { revocationReason: mark.revocationReason } : {}),
});

/** Admin routes of `federation`. */
export function federationAdminRoutes(federation: FederationNode, apiKeys: ApiKeyRepository): Hono<AppEnv> {
  const admin = requireScope(apiKeys, "admin");
  const app = new Hono<AppEnv>()
    .post("/federation/held-trust-marks/refresh", admin, async (c) => {
      const refreshed = await federation.refreshHeldTrustMarks();
      return c.json({
        held: refreshed.held.map((m) => ({
          type: m.type,
          issuer: m.issuer,
          ...(m.expiresAt ? { expiresAt: new Date(m.expiresAt * 1000).toISOString() } : {}),
        })),
        unreachable: refreshed.unreachable,
      });
    })
    // Which key signs the node's federation statements, and what each superior pinned.
    .get("/federation/keys", admin, async (c) => c.json(await federation.signingKey()))
    // After POST /keys/rotate: ask the superiors that lack the new key to re-read this node's keys.
    .post("/federation/keys/announce", admin, async (c) => c.json(await federation.announceKeys()));
  // A leaf has no subordinates and issues no marks: those routes exist only where they can succeed.
  if (!federation.authority.isSuperior) return app;
  return app
    .post("/federation/subordinates", admin, async (c) => {
      const body = await readJsonObject(c);
      const record = await federation.authority.enrol(requiredString(body, "entityId"), actorOf(c));
      return c.json(record, 201);
    })
    .get("/federation/subordinates", admin, async (c) =>
      c.json({ subordinates: await federation.authority.subordinates() }),
    )
    .post("/federation/subordinates/suspend", admin, async (c) => {
      const body = await readJsonObject(c);
      const reason = optionalString(body, "reason", 500);
      return c.json(await federation.authority.suspend(requiredString(body, "entityId"), reason, actorOf(c)));
    })
    .post("/federation/subordinates/refresh", admin, async (c) => {
      // Re-pins the keys the subordinate's Entity Configuration lists, only when it verifies under a key
      // pinned now; a subordinate that lost every pinned key is enrolled again instead.
      const body = await readJsonObject(c);
      return c.json(
        await federation.authority.refreshKeys(requiredString(body, "entityId"), actorOf(c), "admin"),
      );
    })
    .post("/federation/subordinates/reinstate", admin, async (c) => {
      const body = await readJsonObject(c);
      return c.json(await federation.authority.reinstate(requiredString(body, "entityId"), actorOf(c)));
    })
    .post("/federation/trust-marks", admin, async (c) => {
      const body = await readJsonObject(c);
      const lifetime = body.lifetimeSeconds;
      if (lifetime !== undefined && !Number.isSafeInteger(lifetime))
        throw badRequest("lifetimeSeconds", "must be an integer");
      const ref = optionalString(body, "ref");
      const mark = await federation.trustMarks.issue(
        {
          type: requiredString(body, "type"),
          sub: requiredString(body, "sub"),
          scope: optionalObject(body, "scope"),
          ...(lifetime !== undefined ? { lifetimeSeconds: lifetime as number } : {}),
          ...(ref ? { ref } : {}),
        },
        actorOf(c),
      );
      return c.json(markView(mark), 201);
    })
    .get("/federation/trust-marks", admin, async (c) => {
      const sub = c.req.query("sub");
      const type = c.req.query("type");
      const marks = await federation.trustMarks.issued({
        ...(sub ? { sub } : {}),
        ...(type ? { type } : {}),
      });
      return c.json({ trustMarks: marks.map(markView), types: Object.values(TRUST_MARK_TYPES) });
    })
    .post("/federation/trust-marks/:id/revoke", admin, async (c) => {
      // The reason is optional, and so is the body.
      const body = c.req.header("Content-Length") === "0" || !c.req.raw.body ? {} : await readJsonObject(c);
      const reason = optionalString(body, "reason", 500);
      return c.json(markView(await federation.trustMarks.revoke(c.req.param("id"), reason, actorOf(c))));
    });
}
