/**
 * Every JSON-LD context the credential engine accepts, bundled as data (packages/credentials/contexts/,
 * provenance in SOURCES.md there). Nothing is ever fetched: a context not listed here is unknown.
 */
import bitstringStatusListV1 from "../../contexts/bitstring-status-list-v1.json" with { type: "json" };
import clrV2p0 from "../../contexts/clr-v2p0.json" with { type: "json" };
import clrV2p0_2_0_1 from "../../contexts/clr-v2p0-2.0.1.json" with { type: "json" };
import credentialsExamplesV1 from "../../contexts/credentials-examples-v1.json" with { type: "json" };
import credentialsExamplesV2 from "../../contexts/credentials-examples-v2.json" with { type: "json" };
import credentialsV1 from "../../contexts/credentials-v1.json" with { type: "json" };
import credentialsV2 from "../../contexts/credentials-v2.json" with { type: "json" };
import dataIntegrityV1 from "../../contexts/data-integrity-v1.json" with { type: "json" };
import dataIntegrityV2 from "../../contexts/data-integrity-v2.json" with { type: "json" };
import didV1 from "../../contexts/did-v1.json" with { type: "json" };
import ed25519_2020V1 from "../../contexts/ed25519-2020-v1.json" with { type: "json" };
import jws2020V1 from "../../contexts/jws-2020-v1.json" with { type: "json" };
import learnbridgeV1 from "../../contexts/learnbridge-v1.json" with { type: "json" };
import multikeyV1 from "../../contexts/multikey-v1.json" with { type: "json" };
import obV3p0_3_0_0 from "../../contexts/ob-v3p0-3.0.0.json" with { type: "json" };
import obV3p0_3_0_1 from "../../contexts/ob-v3p0-3.0.1.json" with { type: "json" };
import obV3p0_3_0_2 from "../../contexts/ob-v3p0-3.0.2.json" with { type: "json" };
import obV3p0_3_0_3 from "../../contexts/ob-v3p0-3.0.3.json" with { type: "json" };
import obV3p0Extensions from "../../contexts/ob-v3p0-extensions.json" with { type: "json" };
import odrl from "../../contexts/odrl.json" with { type: "json" };

/** The URL of each bundled context. */
export const CONTEXT_URLS = {
  /** Verifiable Credentials Data Model 1.1. */
  VC_V1: "https://www.w3.org/2018/credentials/v1",
  /** Verifiable Credentials Data Model 2.0. */
  VC_V2: "https://www.w3.org/ns/credentials/v2",
  /** The VC 1.1 examples context (imports ODRL). */
  VC_EXAMPLES_V1: "https://www.w3.org/2018/credentials/examples/v1",
  /** The VC 2.0 examples context (a bare `@vocab`), used by the W3C test vectors. */
  VC_EXAMPLES_V2: "https://www.w3.org/ns/credentials/examples/v2",
  /** ODRL, imported by VC_EXAMPLES_V1. */
  ODRL: "https://www.w3.org/ns/odrl.jsonld",
  DATA_INTEGRITY_V1: "https://w3id.org/security/data-integrity/v1",
  DATA_INTEGRITY_V2: "https://w3id.org/security/data-integrity/v2",
  MULTIKEY_V1: "https://w3id.org/security/multikey/v1",
  ED25519_2020_V1: "https://w3id.org/security/suites/ed25519-2020/v1",
  JWS_2020_V1: "https://w3id.org/security/suites/jws-2020/v1",
  /** Bitstring Status List v1.0. */
  BITSTRING_STATUS_V1: "https://www.w3.org/ns/credentials/status/v1",
  /** DID Core 1.0. */
  DID_V1: "https://www.w3.org/ns/did/v1",
  /** Open Badges 3.0.0 (the unversioned URL, finalised Nov 2022). */
  OB_V3_0_0: "https://purl.imsglobal.org/spec/ob/v3p0/context.json",
  OB_V3_0_1: "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json",
  OB_V3_0_2: "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json",
  OB_V3_0_3: "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
  OB_V3_EXTENSIONS: "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json",
  /** CLR 2.0 (the unversioned URL). */
  CLR_V2_0_0: "https://purl.imsglobal.org/spec/clr/v2p0/context.json",
  CLR_V2_0_1: "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json",
  /** Learnbridge's own terms. */
  LEARNBRIDGE_V1: "https://w3id.org/learnbridge/v1",
} as const;

export type ContextUrl = (typeof CONTEXT_URLS)[keyof typeof CONTEXT_URLS];

/** Freezes a parsed JSON document in depth, so that no caller can alter a context for every other one. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

const entries: readonly (readonly [ContextUrl, object])[] = [
  [CONTEXT_URLS.VC_V1, credentialsV1],
  [CONTEXT_URLS.VC_V2, credentialsV2],
  [CONTEXT_URLS.VC_EXAMPLES_V1, credentialsExamplesV1],
  [CONTEXT_URLS.VC_EXAMPLES_V2, credentialsExamplesV2],
  [CONTEXT_URLS.ODRL, odrl],
  [CONTEXT_URLS.DATA_INTEGRITY_V1, dataIntegrityV1],
  [CONTEXT_URLS.DATA_INTEGRITY_V2, dataIntegrityV2],
  [CONTEXT_URLS.MULTIKEY_V1, multikeyV1],
  [CONTEXT_URLS.ED25519_2020_V1, ed25519_2020V1],
  [CONTEXT_URLS.JWS_2020_V1, jws2020V1],
  [CONTEXT_URLS.BITSTRING_STATUS_V1, bitstringStatusListV1],
  [CONTEXT_URLS.DID_V1, didV1],
  [CONTEXT_URLS.OB_V3_0_0, obV3p0_3_0_0],
  [CONTEXT_URLS.OB_V3_0_1, obV3p0_3_0_1],
  [CONTEXT_URLS.OB_V3_0_2, obV3p0_3_0_2],
  [CONTEXT_URLS.OB_V3_0_3, obV3p0_3_0_3],
  [CONTEXT_URLS.OB_V3_EXTENSIONS, obV3p0Extensions],
  [CONTEXT_URLS.CLR_V2_0_0, clrV2p0],
  [CONTEXT_URLS.CLR_V2_0_1, clrV2p0_2_0_1],
  [CONTEXT_URLS.LEARNBRIDGE_V1, learnbridgeV1],
];

/** Every bundled context document (deeply frozen), by its URL. */
export const CONTEXTS: ReadonlyMap<string, object> = new Map(
  entries.map(([url, doc]) => [url, deepFreeze(doc)]),
);
