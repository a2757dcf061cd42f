import { describe, expect, it } from "vitest";
import { validateDcqlQuery } from "./dcql.ts";
import { dcqlFromShorthand, OPEN_BADGE_CREDENTIAL_IRI } from "./shorthand.ts";

const badge = (extra: Record<string, unknown> = {}) => ({
  id: "badge",
  format: "ldp_vc",
  meta: { type_values: [[OPEN_BADGE_CREDENTIAL_IRI]] },
  ...extra,
});
const reasonFor = (query: unknown) => {
  const checked = validateDcqlQuery(query);
  return checked.ok ? "valid" : `${checked.path}: ${checked.reason}`;
};

describe("validateDcqlQuery", () => {
  it("accepts the W3C example shapes of OpenID4VP 1.0 and keeps them as they were", () => {
    const query = {
      credentials: [
        badge({
          claims: [
            {
              id: "achievement",
              path: ["credentialSubject", "achievement", "id"],
              values: ["https://x.example/a"],
            },
            { id: "results", path: ["credentialSubject", "result", null, "value"] },
            { id: "first", path: ["credentialSubject", "result", 0] },
          ],
          claim_sets: [
            ["achievement", "results"],
            ["achievement", "first"],
          ],
          multiple: false,
          require_cryptographic_holder_binding: true,
          trusted_authorities: [{ type: "openid_federation", values: ["https://anchor.example"] }],
        }),
        {
          id: "any_jwt",
          format: "jwt_vc_json",
          meta: { type_values: [["VerifiableCredential"], ["A", "B"]] },
        },
      ],
      credential_sets: [{ options: [["badge"], ["any_jwt"]] }, { options: [["any_jwt"]], required: false }],
    };
    expect(validateDcqlQuery(query)).toEqual({ ok: true, query });
  });

  it("drops members the specification does not define (a wallet must ignore them; so do we)", () => {
    const checked = validateDcqlQuery({
      credentials: [badge({ extra: 1, meta: { type_values: [["X"]], other: 2 } })],
      x: 3,
    });
    expect(checked).toEqual({
      ok: true,
      query: { credentials: [{ id: "badge", format: "ldp_vc", meta: { type_values: [["X"]] } }] },
    });
  });

  it.each([
    ["not an object", [], "dcql_query: must be a JSON object"],
    ["no credentials", {}, "credentials: must be a non-empty array"],
    ["empty credentials", { credentials: [] }, "credentials: must be a non-empty array"],
    ["a bad id", { credentials: [badge({ id: "no spaces" })] }, "credentials[0].id: must be 1-64 letters"],
    [
      "a repeated id",
      { credentials: [badge(), badge()] },
      'credentials[1]: credential query id "badge" appears twice',
    ],
    [
      "an SD-JWT format",
      { credentials: [badge({ format: "dc+sd-jwt" })] },
      "credentials[0].format: must be one of ldp_vc, jwt_vc_json",
    ],
    ["no meta", { credentials: [badge({ meta: undefined })] }, "credentials[0].meta: is required"],
    [
      "no type_values",
      { credentials: [badge({ meta: {} })] },
      "credentials[0].meta.type_values: must be a non-empty array",
    ],
    [
      "an empty type set",
      { credentials: [badge({ meta: { type_values: [[]] } })] },
      "credentials[0].meta.type_values[0]: must be a non-empty array",
    ],
    [
      "a non-boolean multiple",
      { credentials: [badge({ multiple: "yes" })] },
      "credentials[0].multiple: must be true or false",
    ],
    [
      "no holder binding",
      { credentials: [badge({ require_cryptographic_holder_binding: false })] },
      "credentials[0].require_cryptographic_holder_binding: must be true",
    ],
    [
      "an X.509 authority",
      { credentials: [badge({ trusted_authorities: [{ type: "aki", values: ["s9tIpP"] }] })] },
      'credentials[0].trusted_authorities[0].type: "aki" is not supported here',
    ],
    [
      "a path with a negative index",
      { credentials: [badge({ claims: [{ path: ["a", -1] }] })] },
      "credentials[0].claims[0].path[1]: must be a string, null or a non-negative integer",
    ],
    [
      "an empty path",
      { credentials: [badge({ claims: [{ path: [] }] })] },
      "credentials[0].claims[0].path: must be a non-empty array",
    ],
    [
      "an object value",
      { credentials: [badge({ claims: [{ path: ["a"], values: [{}] }] })] },
      "credentials[0].claims[0].values[0]: must be a string, an integer or a boolean",
    ],
    [
      "claim_sets without claims",
      { credentials: [badge({ claim_sets: [["a"]] })] },
      "credentials[0].claim_sets: needs `claims`",
    ],
    [
      "claim_sets with an unnamed claim",
      { credentials: [badge({ claims: [{ path: ["a"] }], claim_sets: [["a"]] })] },
      "credentials[0].claims[0].id: is required when claim_sets is given",
    ],
    [
      "claim_sets naming an unknown claim",
      { credentials: [badge({ claims: [{ id: "a", path: ["a"] }], claim_sets: [["b"]] })] },
      'credentials[0].claim_sets[0][0]: names no claim "b"',
    ],
    [
      "a repeated claim id",
      {
        credentials: [
          badge({
            claims: [
              { id: "a", path: ["a"] },
              { id: "a", path: ["b"] },
            ],
          }),
        ],
      },
      'credentials[0].claims[1]: claim id "a" appears twice',
    ],
    [
      "credential_sets naming an unknown query",
      { credentials: [badge()], credential_sets: [{ options: [["other"]] }] },
      'credential_sets[0].options[0][0]: names no credential query "other"',
    ],
    [
      "a credential set without options",
      { credentials: [badge()], credential_sets: [{}] },
      "credential_sets[0].options: must be a non-empty array",
    ],
    [
      "too many credential queries",
      { credentials: Array.from({ length: 11 }, (_, i) => badge({ id: `c${i}` })) },
      "credentials: may hold at most 10 entries",
    ],
  ])("refuses %s, naming where", (_name, query, expected) => {
    expect(reasonFor(query)).toContain(expected);
  });
});

describe("dcqlFromShorthand", () => {
  it("asks for an Open Badge of one achievement, in either format", () => {
    const checked = dcqlFromShorthand({ achievement: "https://centre.example/achievements/data-101" });
    expect(checked).toEqual({
      ok: true,
      query: {
        credentials: [
          {
            id: "open_badge",
            format: "ldp_vc",
            meta: { type_values: [[OPEN_BADGE_CREDENTIAL_IRI]] },
            claims: [
              {
                path: ["credentialSubject", "achievement", "id"],
                values: ["https://centre.example/achievements/data-101"],
              },
            ],
          },
          {
            id: "open_badge_jwt",
            format: "jwt_vc_json",
            meta: { type_values: [[OPEN_BADGE_CREDENTIAL_IRI]] },
            claims: [
              {
                path: ["credentialSubject", "achievement", "id"],
                values: ["https://centre.example/achievements/data-101"],
              },
            ],
          },
        ],
        credential_sets: [{ options: [["open_badge"], ["open_badge_jwt"]] }],
      },
    });
    // What the shorthand builds is itself a valid query.
    if (checked.ok) expect(validateDcqlQuery(checked.query)).toEqual({ ok: true, query: checked.query });
  });

  it("asks for any credential from one centre, whether issuer is a URL or a profile", () => {
    const checked = dcqlFromShorthand({ issuer: "did:web:centre.example" });
    expect(checked.ok && checked.query.credentials[0]).toMatchObject({
      claims: [
        { id: "issuer_id", path: ["issuer", "id"], values: ["did:web:centre.example"] },
        { id: "issuer", path: ["issuer"], values: ["did:web:centre.example"] },
      ],
      claim_sets: [["issuer_id"], ["issuer"]],
    });
    if (checked.ok) expect(validateDcqlQuery(checked.query).ok).toBe(true);
  });

  it("refuses what is not an achievement URL or a DID", () => {
    expect(dcqlFromShorthand({ achievement: "data-101" })).toMatchObject({ ok: false, path: "achievement" });
    expect(dcqlFromShorthand({ issuer: "Centre Example" })).toMatchObject({ ok: false, path: "issuer" });
  });
});
