import { describe, expect, it } from "vitest";
import { contractCredential } from "../testing/credential-store-contract.ts";
import { readDcqlQuery } from "./dcql.ts";
import { expandedTypes } from "./expanded-types.ts";
import { heldCandidates, presentationChoices } from "./match-credentials.ts";

const OB = [
  "https://www.w3.org/ns/credentials/v2",
  "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
];
const badge = (issuer: unknown) =>
  contractCredential({
    format: "ldp_vc",
    credential: {
      "@context": OB,
      type: ["VerifiableCredential", "OpenBadgeCredential"],
      issuer,
      credentialSubject: { id: "did:key:z6Mkme", achievement: { id: "https://c.example/a/1", name: "A" } },
    },
  });

describe("DCQL", () => {
  it("refuses malformed queries with the path of the problem", () => {
    expect(() => readDcqlQuery({ credentials: [] })).toThrow(/credentials/);
    expect(() => readDcqlQuery({ credentials: [{ id: "q", format: "ldp_vc" }] })).toThrow(/type_values/);
    expect(() =>
      readDcqlQuery({
        credentials: [{ id: "q", format: "ldp_vc", meta: { type_values: [["X"]] } }],
        credential_sets: [{ options: [["nope"]] }],
      }),
    ).toThrow(/unknown query/);
    expect(() =>
      readDcqlQuery({
        credentials: [{ id: "q", format: "ldp_vc", meta: { type_values: [["X"]] }, claims: [{ path: [] }] }],
      }),
    ).toThrow(/claims path/);
    expect(() => readDcqlQuery({ credentials: "x" })).toThrow(
      expect.objectContaining({ code: "QUERY_INVALID" }),
    );
  });

  it("expands types through the credential's contexts; undefined terms stay as they are", async () => {
    expect(
      await expandedTypes({ "@context": OB, type: ["VerifiableCredential", "OpenBadgeCredential"] }),
    ).toEqual([
      "https://www.w3.org/2018/credentials#VerifiableCredential",
      "https://purl.imsglobal.org/spec/vc/ob/vocab.html#OpenBadgeCredential",
    ]);
    expect(
      await expandedTypes({
        "@context": ["https://www.w3.org/2018/credentials/v1"],
        type: ["IdentityCredential"],
      }),
    ).toEqual(["IdentityCredential"]);
  });

  it("matches an issuer given as a string or as an object through claim sets, and only in the asked format", async () => {
    const query = readDcqlQuery({
      credentials: [
        {
          id: "from_centre",
          format: "ldp_vc",
          meta: { type_values: [["https://www.w3.org/2018/credentials#VerifiableCredential"]] },
          claims: [
            { id: "issuer_id", path: ["issuer", "id"], values: ["did:web:c.example"] },
            { id: "issuer", path: ["issuer"], values: ["did:web:c.example"] },
          ],
          claim_sets: [["issuer_id"], ["issuer"]],
        },
      ],
    });
    const asObject = badge({ id: "did:web:c.example", type: ["Profile"], name: "C" });
    const asString = badge("did:web:c.example");
    const other = badge("did:web:other.example");
    const held = await heldCandidates([asObject, asString, other]);
    const [choice] = presentationChoices(query, held);
    expect(choice?.candidates.map((c) => c.credential.id).sort()).toEqual([asObject.id, asString.id].sort());
    const jwtOnly = readDcqlQuery({
      credentials: [
        { ...query.credentials[0], format: "jwt_vc_json", meta: { type_values: [["VerifiableCredential"]] } },
      ],
    });
    expect(() => presentationChoices(jwtOnly, held)).toThrow(/no credential/);
  });

  it("asks one choice per query without credential sets, and skips optional sets", async () => {
    const held = await heldCandidates([badge("did:web:c.example")]);
    const q = { format: "ldp_vc", meta: { type_values: [["OpenBadgeCredential"]] } };
    const both = readDcqlQuery({
      credentials: [
        { id: "a", ...q },
        { id: "b", ...q },
      ],
    });
    expect(presentationChoices(both, held)).toHaveLength(2);
    const optional = readDcqlQuery({
      credentials: [
        { id: "a", ...q },
        { id: "b", format: "mso_mdoc" },
      ],
      credential_sets: [{ options: [["a"]] }, { options: [["b"]], required: false }],
    });
    expect(presentationChoices(optional, held)).toHaveLength(1);
  });
});
