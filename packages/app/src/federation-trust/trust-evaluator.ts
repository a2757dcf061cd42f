/**
 * The verifier's trust check, filled by the federation: the issuer's did:web leads to its entity, which is
 * resolved to a trust anchor; the credential's achievement (EQF level, field of study) is checked against
 * the issuer's micro-credential issuer mark. A pass names anchor, intermediates and scope; anything else is
 * a warning with a precise code (the proof itself may be sound), its facts in `data` for the explanation.
 */
import { type Check, pass, type TrustEvaluator, warn } from "@learnbridge/credentials";
import {
  type AchievementFacts,
  assessIssuance,
  chainDetails,
  type FederationNode,
  resolveDid,
} from "@learnbridge/federation";
import { isObject } from "../json-body.ts";

/** The EQF level and field of study a credential's achievement states (OB 3.0 `alignment`, `fieldOfStudy`). */
export function achievementFactsOf(credential: Record<string, unknown>): AchievementFacts {
  const subjects = [credential.credentialSubject].flat().filter(isObject);
  const achievement = subjects.map((s) => s.achievement).find(isObject);
  if (!achievement) return {};
  const alignments = [achievement.alignment ?? []].flat().filter(isObject);
  const eqf = alignments.find(
    (a) =>
      (typeof a.targetFramework === "string" &&
        /european qualifications framework|^eqf$/i.test(a.targetFramework)) ||
      (typeof a.targetName === "string" && /^EQF level \d$/i.test(a.targetName)),
  );
  const level = eqf ? Number(eqf.targetCode ?? String(eqf.targetName).replace(/\D/g, "")) : Number.NaN;
  return {
    ...(Number.isInteger(level) && level >= 1 && level <= 8 ? { eqfLevel: level } : {}),
    ...(typeof achievement.fieldOfStudy === "string" && achievement.fieldOfStudy !== ""
      ? { field: achievement.fieldOfStudy }
      : {}),
  };
}

const listOf = (value: unknown) => (Array.isArray(value) ? value.join(", ") : String(value ?? ""));

/** The English line for logs and the CLI (translations come from the i18n catalogue). */
function englishPass(data: Record<string, unknown>): string {
  const via = Array.isArray(data.viaNames) && data.viaNames.length ? ` via ${listOf(data.viaNames)}` : "";
  return `accredited by ${String(data.anchorName)}${via} for micro-credentials up to EQF level ${String(data.maxLevel)} in fields ${listOf(data.fields)} (jurisdiction ${String(data.jurisdiction)})`;
}

/**
 * The TrustEvaluator of a centre's verifier.
 * @example assembleCentre({ ..., trust: federationTrustEvaluator(node) })
 */
export function federationTrustEvaluator(
  node: Pick<FederationNode, "resolver">,
  options: { readonly allowHttp?: (host: string) => boolean } = {},
): TrustEvaluator {
  return async (issuer, credential): Promise<Check> => {
    const resolved = await resolveDid(node.resolver, issuer, options);
    if (!resolved.ok) return warn("trust", resolved.code, resolved.reason, { issuer, ...resolved.details });
    const facts = achievementFactsOf(credential);
    const assessed = assessIssuance(resolved.value, facts);
    if (!assessed.ok) return warn("trust", assessed.code, assessed.reason, { issuer, ...assessed.details });
    const data = { issuer, ...chainDetails(resolved.value), ...assessed.value.details };
    return pass("trust", englishPass(data), data);
  };
}
