/** Staff views of what the centre issued: `GET /credentials/:id` and the paged `GET /credentials`. */
import { envelopeCredential } from "@learnbridge/credentials";
import type { CredentialState, IssuedCredentialRecord } from "@learnbridge/issuer";
import { Hono } from "hono";
import type { AppEnv, ResolvedDeps } from "../deps.ts";
import { badRequest } from "../json-body.ts";
import { requireScope } from "../middleware/bearer-auth.ts";
import { ProblemError } from "../problem.ts";

const STATES: readonly CredentialState[] = ["active", "revoked", "suspended"];
const MAX_PAGE = 100;

/** A stored credential as the VC API hands it out: the DI document, or a vc+jwt in an envelope. */
export const verifiableCredentialOf = (record: IssuedCredentialRecord): object =>
  record.format === "jwt_vc" ? envelopeCredential(record.credential) : JSON.parse(record.credential);

const summaryOf = (r: IssuedCredentialRecord) => ({
  id: r.id,
  subject: r.subject,
  state: r.state,
  format: r.format,
  issuedAt: r.issuedAt,
  ...(r.achievementId ? { achievementId: r.achievementId } : {}),
});

/**
 * `GET /credentials/:id` (scope issue or revoke) and `GET /credentials?state=&subject=&achievementId=&limit=&before=`
 * (scope issue): what the centre issued, newest first, found by learner (DID or identity hash) or achievement.
 */
export function credentialRecordRoutes(deps: ResolvedDeps): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .get("/credentials", requireScope(deps.apiKeys, "issue"), async (c) => {
      const { state, limit = "50", before, subject, achievementId } = c.req.query();
      if (state !== undefined && !STATES.includes(state as CredentialState)) {
        throw badRequest("state", `must be one of ${STATES.join(", ")}`);
      }
      const size = Number(limit);
      if (!/^\d+$/.test(limit) || size < 1 || size > MAX_PAGE) {
        throw badRequest("limit", `must be an integer from 1 to ${MAX_PAGE}`);
      }
      const page = await deps.credentials.list({
        ...(state ? { state: state as CredentialState } : {}),
        ...(before ? { before } : {}),
        ...(subject ? { subject } : {}),
        ...(achievementId ? { achievementId } : {}),
        limit: size,
      });
      const last = page.at(-1);
      return c.json({
        credentials: page.map(summaryOf),
        ...(page.length === size && last ? { next: last.id } : {}),
      });
    })
    .get("/credentials/:id", requireScope(deps.apiKeys, "issue", "revoke"), async (c) => {
      const id = c.req.param("id");
      const record = await deps.credentials.get(id);
      if (!record) throw new ProblemError("NOT_FOUND", `no credential ${id} was issued here`);
      return c.json({ verifiableCredential: verifiableCredentialOf(record), state: record.state });
    });
}
