/**
 * The keys of requests answered by `direct_post.jwt`: one fresh ECDH P-256 key per request, its private half
 * sealed by the centre's key vault (AES-256-GCM under MASTER_KEY, the request's id as additional data) before
 * it is stored, so that whichever process or Worker isolate receives the answer can open it, and a copied
 * database cannot. The key's `kid` is the request's id: an encrypted answer names its request by it.
 */
import { type ErrorCode, LearnbridgeError } from "@learnbridge/core";
import type { KeyVault } from "@learnbridge/issuer";
import type { PresentationRequestRecord, ResponseKey } from "./presentation-request-store.ts";
import {
  createResponseKey,
  decryptResponse,
  RESPONSE_MODES,
  type ResponseMode,
} from "./response-encryption.ts";

/** An encrypted answer opened for its request, or why it was refused (to note on the request). */
export type OpenedAnswer =
  | { readonly ok: true; readonly payload: Record<string, unknown> }
  | {
      readonly ok: false;
      readonly code: ErrorCode;
      readonly message: string;
      readonly details: Record<string, unknown>;
    };

/** What a request's private key is sealed under: never the id of one of the centre's own keys. */
const sealingIdOf = (requestId: string) => `oid4vp-response-key:${requestId}`;

export class ResponseKeys {
  readonly #vault: KeyVault | undefined;
  readonly #default: ResponseMode;

  constructor(vault: KeyVault | undefined, defaultMode: ResponseMode = "direct_post") {
    if (!RESPONSE_MODES.includes(defaultMode))
      throw new TypeError(`ResponseKeys: the response mode must be one of ${RESPONSE_MODES.join(", ")}`);
    if (defaultMode === "direct_post.jwt" && !vault)
      throw new TypeError("ResponseKeys: encrypted responses by default need a vault");
    this.#vault = vault;
    this.#default = defaultMode;
  }

  /** The response mode an employer asked for (the default when none); BAD_REQUEST for another value. */
  modeOf(asked: unknown): ResponseMode {
    if (asked === undefined) return this.#default;
    if (!RESPONSE_MODES.includes(asked as ResponseMode)) {
      throw new LearnbridgeError("BAD_REQUEST", `responseMode must be one of ${RESPONSE_MODES.join(", ")}`, {
        field: "responseMode",
      });
    }
    if (asked === "direct_post.jwt" && !this.#vault) {
      throw new LearnbridgeError("BAD_REQUEST", "this verifier cannot keep keys for encrypted answers", {
        field: "responseMode",
      });
    }
    return asked as ResponseMode;
  }

  /** A fresh key for the request `requestId`; its private half is sealed before it goes anywhere. */
  async create(requestId: string): Promise<ResponseKey> {
    const { publicJwk, privateJwk } = await createResponseKey(requestId);
    return { publicJwk, sealedPrivateKey: await this.#vaultOf().seal(sealingIdOf(requestId), privateJwk) };
  }

  /**
   * Opens an encrypted answer to `record` (an open request, found by the JWE's `kid`): refused when the
   * request asked for a plain answer, when the JWE is not ECDH-ES to its key with an offered `enc`, does not
   * decrypt, or carries another request's `state`.
   */
  async open(record: PresentationRequestRecord, jwe: string): Promise<OpenedAnswer> {
    const { responseKey } = record;
    if (record.responseMode !== "direct_post.jwt" || !responseKey) {
      return refused(
        "RESPONSE_ENCRYPTION_INVALID",
        "this request asks for a plain direct_post answer (vp_token and state), not an encrypted one",
        { problem: "mode", responseMode: record.responseMode },
      );
    }
    const privateJwk = await this.#vaultOf().open(sealingIdOf(record.id), responseKey.sealedPrivateKey);
    const opened = await decryptResponse(jwe, { privateJwk, kid: responseKey.publicJwk.kid });
    if (!opened.ok) {
      return refused("RESPONSE_ENCRYPTION_INVALID", `the encrypted response is refused: ${opened.message}`, {
        problem: opened.problem,
      });
    }
    if (opened.payload.state !== record.state) {
      return refused("BAD_REQUEST", "the state inside the encrypted response is not this request's", {
        field: "state",
      });
    }
    return { ok: true, payload: opened.payload };
  }

  #vaultOf(): KeyVault {
    if (!this.#vault)
      throw new LearnbridgeError("INTERNAL", "an encrypted request needs the vault that sealed its key");
    return this.#vault;
  }
}

const refused = (code: ErrorCode, message: string, details: Record<string, unknown>): OpenedAnswer => ({
  ok: false,
  code,
  message,
  details,
});
