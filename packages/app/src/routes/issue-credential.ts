/**
 * `POST /credentials/issue` (VC API, scope issue): the centre becomes the issuer, assigns id and status,
 * signs, stores and audits (who: the API key; from where: the client address). A retried request with the
 * same `options.requestKey` returns the first credential (200) instead of issuing another.
 */
import { Hono } from "hono";
import type { AppEnv, ResolvedDeps } from "../deps.ts";
import { badRequest, isObject, optionalObject, optionalString, readJsonObject } from "../json-body.ts";
import { requireScope } from "../middleware/bearer-auth.ts";
import { ProblemError } from "../problem.ts";
import { verifiableCredentialOf } from "./credential-records.ts";

const FORMATS = ["ldp_vc", "jwt_vc"] as const;

/** Body `{ credential, options?: { format?, requestKey? } }`: 201 `{ verifiableCredential }`. */
export function issueCredentialRoutes(deps: ResolvedDeps): Hono<AppEnv> {
  return new Hono<AppEnv>().post("/credentials/issue", requireScope(deps.apiKeys, "issue"), async (c) => {
    const body = await readJsonObject(c);
    const { credential } = body;
    if (credential === undefined) throw badRequest("credential", "is required");
    if (!isObject(credential)) throw badRequest("credential", "must be a JSON object");
    const options = optionalObject(body, "options");
    const format = options.format ?? "ldp_vc";
    if (!FORMATS.includes(format as never))
      throw badRequest("options.format", `must be ${FORMATS.join(" or ")}`);
    const requestKey = optionalString(options, "requestKey", 200, "options.requestKey");

    const replay = requestKey ? await deps.credentials.findByRequestKey(requestKey) : undefined;
    if (!replay && typeof credential.id === "string" && (await deps.credentials.get(credential.id))) {
      throw new ProblemError("CONFLICT", `a credential with id ${credential.id} was issued already`, {
        extras: { id: credential.id },
      });
    }
    const { record, created } = await deps.issuance.issue({
      credential,
      format: format as (typeof FORMATS)[number],
      ...(requestKey ? { requestKey } : {}),
      actor: c.get("apiKey").id,
      origin: c.get("clientAddress"),
    });
    c.header("Location", `${deps.publicUrl}/credentials/${encodeURIComponent(record.id)}`);
    return c.json({ verifiableCredential: verifiableCredentialOf(record) }, created ? 201 : 200);
  });
}
