/**
 * `POST /presentations/verify` (VC API, public). A challenge, when given, must be one this node issued and
 * nobody used: it is consumed before the proof is checked, so a replay fails even if it raced the first use.
 */
import { verifyPresentation } from "@learnbridge/credentials";
import { Hono } from "hono";
import type { AppEnv, ResolvedDeps } from "../deps.ts";
import { badRequest, optionalObject, optionalString, readJsonObject } from "../json-body.ts";
import { publicCors } from "../middleware/public-cors.ts";
import { ProblemError } from "../problem.ts";
import { verificationAnswer } from "../verification-answer.ts";

/** Body `{ verifiablePresentation, options: { challenge?, domain? } }`: 200 with the report, or 422. */
export function verifyPresentationRoutes(deps: ResolvedDeps): Hono<AppEnv> {
  return new Hono<AppEnv>()
    .use("/presentations/verify", publicCors())
    .post("/presentations/verify", deps.rateLimit("verify"), async (c) => {
      const body = await readJsonObject(c);
      if (body.verifiablePresentation === undefined)
        throw badRequest("verifiablePresentation", "is required");
      const options = optionalObject(body, "options");
      const challenge = optionalString(options, "challenge", 512, "options.challenge");
      const domain = optionalString(options, "domain", 2048, "options.domain");
      if (challenge !== undefined && !(await deps.challenges.consume(challenge))) {
        throw new ProblemError(
          "PROOF_CHALLENGE_MISMATCH",
          "the challenge was not issued by this verifier, has expired, or was used already",
          { extras: { field: "options.challenge" } },
        );
      }
      const report = await verifyPresentation(body.verifiablePresentation, {
        ...deps.verifierOptions,
        challenge,
        domain,
      });
      return verificationAnswer(c, report);
    });
}
