/**
 * The schema check: validates a credential against each JSON Schema its `credentialSchema` names, from
 * schemas bundled with the engine (never fetched). Uses @cfworker/json-schema, an interpreting validator,
 * because Ajv compiles schemas with `new Function`, which Cloudflare Workers forbid.
 */
import { Validator } from "@cfworker/json-schema";
import obAchievementCredentialSchema from "../../schemas/ob_v3p0_achievementcredential_schema.json" with {
  type: "json",
};
import { OB_ACHIEVEMENT_CREDENTIAL_SCHEMA } from "../model/achievement-credential.ts";
import { type Check, fail, pass, skipped, warn } from "./report.ts";

const SUPPORTED_TYPES = new Set(["1EdTechJsonSchemaValidator2019", "JsonSchema", "JsonSchemaValidator2018"]);

/** The bundled schemas, by the URL credentials name them with. */
export const BUNDLED_SCHEMAS: ReadonlyMap<string, object> = new Map([
  [OB_ACHIEVEMENT_CREDENTIAL_SCHEMA, obAchievementCredentialSchema],
]);

const validators = new Map<string, Validator>();
function validatorFor(id: string, schemas: ReadonlyMap<string, object>): Validator | undefined {
  const schema = schemas.get(id);
  if (!schema) return undefined;
  let validator = validators.get(id);
  if (!validator || schemas !== BUNDLED_SCHEMAS) {
    validator = new Validator(schema as never, "2019-09", false);
    if (schemas === BUNDLED_SCHEMAS) validators.set(id, validator);
  }
  return validator;
}

/**
 * The OB 3.0 schemas type `proof` as an array, while a credential with one proof carries an object; validate
 * the one-proof form as the one-element array it is in JSON-LD.
 */
function asSchemaSees(document: Record<string, unknown>): Record<string, unknown> {
  if (document.proof && !Array.isArray(document.proof)) return { ...document, proof: [document.proof] };
  return document;
}

/** Validates `document` against every schema it names; unknown schemas are a warning (we fetch nothing). */
export function checkCredentialSchema(
  document: Record<string, unknown>,
  schemas: ReadonlyMap<string, object> = BUNDLED_SCHEMAS,
): Check {
  const entries = [document.credentialSchema ?? []].flat() as Record<string, unknown>[];
  if (entries.length === 0) return skipped("schema", "NOT_APPLICABLE", "the credential names no schema");
  const unknown: string[] = [];
  const validated: string[] = [];
  for (const entry of entries) {
    const id = String(entry.id);
    const type = [entry.type].flat().map(String);
    const validator = type.some((t) => SUPPORTED_TYPES.has(t)) ? validatorFor(id, schemas) : undefined;
    if (!validator) {
      unknown.push(id);
      continue;
    }
    const result = validator.validate(asSchemaSees(document));
    if (!result.valid) {
      const errors = result.errors
        .filter((e) => e.keyword !== "properties" && e.keyword !== "$ref" && e.keyword !== "allOf")
        .slice(0, 10)
        .map((e) => ({ path: e.instanceLocation, keyword: e.keyword, error: e.error }));
      return fail("schema", "SCHEMA_INVALID", `the credential does not conform to ${id}`, {
        schema: id,
        errors,
      });
    }
    validated.push(id);
  }
  if (unknown.length) {
    return warn("schema", "SCHEMA_UNKNOWN", "a schema the credential names is not known to this verifier", {
      unknown,
      validated,
    });
  }
  return pass("schema", "the credential conforms to its schemas", { validated });
}
