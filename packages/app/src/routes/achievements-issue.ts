/**
 * `POST /achievements/:slug/issue` (scope issue): awards a defined achievement to a learner. The node builds
 * the Open Badges 3.0 credential itself, from the achievement's latest version and the centre's profile,
 * then issues it like `POST /credentials/issue` does (201, or 200 for a retried requestKey).
 */
import { isAbsoluteUri } from "@learnbridge/core";
import type { Learner } from "@learnbridge/credentials";
import { Achievements, type AwardRequest, awardAchievement } from "@learnbridge/issuer";
import { Hono } from "hono";
import type { AppEnv, ResolvedDeps } from "../deps.ts";
import { badRequest, isObject, optionalObject, optionalString, readJsonObject } from "../json-body.ts";
import { requireScope } from "../middleware/bearer-auth.ts";
import { verifiableCredentialOf } from "./credential-records.ts";

const FORMATS = ["ldp_vc", "jwt_vc"] as const;

function readLearner(value: unknown): Learner {
  if (!isObject(value)) throw badRequest("learner", 'must be { "did": … } or { "email": … }');
  const keys = Object.keys(value);
  if (keys.length !== 1) throw badRequest("learner", 'must have exactly one of "did" and "email"');
  if ("did" in value) {
    const did = value.did;
    if (typeof did !== "string" || !did.startsWith("did:") || did.length > 2048 || !isAbsoluteUri(did)) {
      throw badRequest("learner.did", "must be a DID");
    }
    return { did };
  }
  const email = value.email;
  if (typeof email !== "string" || email.length > 254 || !/^[^\s@]+@[^\s@]+$/.test(email)) {
    throw badRequest("learner.email", "must be an email address (it is stored only hashed)");
  }
  return { email };
}

function readResult(body: Record<string, unknown>): AwardRequest["result"] | undefined {
  if (body.result === undefined) return undefined;
  const result = optionalObject(body, "result");
  const unknown = Object.keys(result).filter((k) => k !== "grade" && k !== "creditsEarned");
  if (unknown.length) throw badRequest(`result.${unknown[0]}`, "is not a known field");
  const grade = optionalString(result, "grade", 100, "result.grade");
  const credits = result.creditsEarned;
  if (credits !== undefined && (typeof credits !== "number" || !Number.isFinite(credits) || credits < 0)) {
    throw badRequest("result.creditsEarned", "must be a number ≥ 0");
  }
  return {
    ...(grade !== undefined ? { grade } : {}),
    ...(credits !== undefined ? { creditsEarned: credits as number } : {}),
  };
}

/** Body `{ learner: { did } | { email }, result?: { grade?, creditsEarned? }, format?, requestKey? }`. */
export function achievementIssueRoutes(deps: ResolvedDeps): Hono<AppEnv> {
  const achievements = new Achievements({
    repository: deps.achievements,
    publicUrl: deps.publicUrl,
    clock: deps.clock,
  });
  return new Hono<AppEnv>().post(
    "/achievements/:slug/issue",
    requireScope(deps.apiKeys, "issue"),
    async (c) => {
      const body = await readJsonObject(c);
      const unknown = Object.keys(body).filter(
        (k) => !["learner", "result", "format", "requestKey"].includes(k),
      );
      if (unknown.length) throw badRequest(unknown[0] as string, "is not a known field");
      if (body.learner === undefined) throw badRequest("learner", "is required");
      const learner = readLearner(body.learner);
      const result = readResult(body);
      const format = body.format ?? "ldp_vc";
      if (!FORMATS.includes(format as never)) throw badRequest("format", `must be ${FORMATS.join(" or ")}`);
      const requestKey = optionalString(body, "requestKey", 200);
      const { record, created } = await awardAchievement(
        {
          achievements,
          profile: deps.profile,
          issuance: deps.issuance,
          credentials: deps.credentials,
          did: deps.keys.did,
          clock: deps.clock,
        },
        c.req.param("slug"),
        {
          learner,
          ...(result ? { result } : {}),
          format: format as (typeof FORMATS)[number],
          ...(requestKey ? { requestKey } : {}),
          actor: c.get("apiKey").id,
          origin: c.get("clientAddress"),
        },
      );
      c.header("Location", `${deps.publicUrl}/credentials/${encodeURIComponent(record.id)}`);
      return c.json({ verifiableCredential: verifiableCredentialOf(record) }, created ? 201 : 200);
    },
  );
}
