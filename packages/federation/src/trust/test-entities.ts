/**
 * Test support for the trust modules: entities with real Ed25519 keys, statements signed on demand, and a
 * small in-memory web that serves documents by URL (a fetch that never leaves the process).
 */
import { createSigner, generateKeyPair, publicKeyToJwk, type Signer } from "@learnbridge/core";
import { entityConfigurationUrl } from "./entity-id.ts";
import {
  ENTITY_STATEMENT_MEDIA_TYPE,
  type EntityStatementClaims,
  signEntityStatement,
} from "./entity-statement.ts";
import { type FederationKeys, federationEndpoints } from "./federation-config.ts";
import { type FederationJwk, type JwkSet, signJws } from "./jws.ts";

export const T0 = new Date("2026-12-01T08:00:00Z");
export const S0 = Math.floor(T0.getTime() / 1000);

/** An entity with a signing key. */
export interface TestEntity {
  readonly id: string;
  readonly signer: Signer;
  readonly jwks: JwkSet;
  readonly keys: FederationKeys;
}

/** A new entity at `id` with a fresh Ed25519 key (kid: the DID URL a node would use). */
export async function testEntity(id: string): Promise<TestEntity> {
  const pair = await generateKeyPair("EdDSA");
  const kid = `did:web:${new URL(id).host.replace(":", "%3A")}#key-1`;
  const jwk: FederationJwk = {
    ...(publicKeyToJwk(pair.publicKey) as FederationJwk),
    kid,
    alg: "EdDSA",
    use: "sig",
  };
  const signer = createSigner(pair, kid);
  const jwks = { keys: [jwk] };
  return {
    id,
    signer,
    jwks,
    keys: { signer: async () => signer, jwks: async () => jwks, historicalKeys: async () => [] },
  };
}

/** The Entity Configuration of `entity`, with `overrides` (signed by `signer` when given). */
export function configurationOf(
  entity: TestEntity,
  overrides: Partial<EntityStatementClaims> = {},
  options: { readonly superior?: boolean; readonly signer?: Signer; readonly iat?: number } = {},
): Promise<string> {
  const iat = options.iat ?? S0;
  const endpoints = federationEndpoints(entity.id);
  return signEntityStatement(
    {
      iss: entity.id,
      sub: entity.id,
      iat,
      exp: iat + 86_400,
      jwks: entity.jwks,
      metadata: {
        federation_entity: {
          organization_name: `Org ${new URL(entity.id).hostname.split(".")[0]}`,
          ...(options.superior
            ? {
                federation_fetch_endpoint: endpoints.federation_fetch_endpoint,
                federation_trust_mark_status_endpoint: endpoints.federation_trust_mark_status_endpoint,
              }
            : {}),
        },
      },
      ...overrides,
    } as EntityStatementClaims,
    options.signer ?? entity.signer,
  );
}

/** A Subordinate Statement by `superior` about `subject`. */
export function statementAbout(
  superior: TestEntity,
  subject: TestEntity,
  overrides: Partial<EntityStatementClaims> = {},
  options: { readonly signer?: Signer; readonly iat?: number } = {},
): Promise<string> {
  const iat = options.iat ?? S0;
  return signEntityStatement(
    {
      iss: superior.id,
      sub: subject.id,
      iat,
      exp: iat + 86_400,
      jwks: subject.jwks,
      ...overrides,
    } as EntityStatementClaims,
    options.signer ?? superior.signer,
  );
}

/** A web of documents by URL; `fetch` answers from it, 404 for anything else, and fails when `offline`. */
export class TestWeb {
  readonly documents = new Map<string, { status?: number; body: string; type?: string }>();
  readonly requests: string[] = [];
  readonly statusAnswers = new Map<string, { entity: TestEntity; status: (trustMark: string) => string }>();
  offline = false;

  /** Answers trust mark status requests at `entity`'s status endpoint with `status(mark)`, signed by it. */
  serveStatus(entity: TestEntity, status: (trustMark: string) => string) {
    this.statusAnswers.set(federationEndpoints(entity.id).federation_trust_mark_status_endpoint, {
      entity,
      status,
    });
  }

  /** Serves `entity`'s configuration. */
  serveConfiguration(entityId: string, jwt: string) {
    this.documents.set(entityConfigurationUrl(entityId), { body: jwt, type: ENTITY_STATEMENT_MEDIA_TYPE });
  }

  /** Serves `superior`'s statement about `sub` at its fetch endpoint. */
  serveStatement(superiorId: string, sub: string, jwt: string) {
    this.documents.set(
      `${federationEndpoints(superiorId).federation_fetch_endpoint}?sub=${encodeURIComponent(sub)}`,
      {
        body: jwt,
        type: ENTITY_STATEMENT_MEDIA_TYPE,
      },
    );
  }

  readonly fetch = async (input: string, init: RequestInit): Promise<Response> => {
    this.requests.push(`${init.method ?? "GET"} ${input}`);
    if (this.offline) throw new TypeError("fetch failed: network is down");
    const answer = this.statusAnswers.get(input);
    if (answer && init.method === "POST") {
      const mark = new URLSearchParams(String(init.body)).get("trust_mark") ?? "";
      const payload = { iss: answer.entity.id, iat: S0, trust_mark: mark, status: answer.status(mark) };
      return new Response(await signJws("trust-mark-status-response+jwt", payload, answer.entity.signer), {
        status: 200,
      });
    }
    const doc = this.documents.get(input);
    if (!doc)
      return Response.json({ error: "not_found", error_description: "no such document" }, { status: 404 });
    return new Response(doc.body, {
      status: doc.status ?? 200,
      headers: { "content-type": doc.type ?? "application/json" },
    });
  };
}
