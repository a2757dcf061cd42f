/** `POST /credentials/verify` (VC API, public): any credential, from any issuer, in any supported securing. */
import { verifyCredential } from "@learnbridge/credentials";
import { Hono } from "hono";
import type { AppEnv, ResolvedDeps } from "../deps.ts";
import { badRequest, optionalObject, readJsonObject } from "../json-body.ts";
import { publicCors } from "../middleware/public-cors.ts";
import { verificationAnswer } from "../verification-answer.ts";

/** Body `{ verifiableCredential, options? }`: 200 with the report, or 422 with it. */
export function verifyCredentialRoutes(deps: ResolvedDeps): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .use("/credentials/verify", publicCors())
    .post("/credentials/verify", deps.rateLimit("verify"), async (c) => {
      const body = await readJsonObject(c);
      if (body.verifiableCredential === undefined) throw badRequest("verifiableCredential", "is required");
      optionalObject(body, "options");
      return verificationAnswer(c, await verifyCredential(body.verifiableCredential, deps.verifierOptions));
    });
}
