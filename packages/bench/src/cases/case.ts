/** The shape of one benchmark case, and the fixtures every case factory receives. */
import type { BenchIssuer } from "../fixtures.ts";

/** What a case does, for the ratio columns: sign/issue, verify, or one step of a verification. */
export type CaseKind = "sign" | "verify" | "step";

export interface BenchCase {
  /** Stable id, e.g. `rdfc.verify.db`; `versus` and the JSON output refer to it. */
  readonly id: string;
  /** The table section it is printed under. */
  readonly group: string;
  readonly label: string;
  readonly kind: CaseKind;
  /** For a peer's case: the id of our equivalent, and the peer's short name (`ours/DB 1.8x`). */
  readonly versus?: { readonly id: string; readonly peer: string };
  /** One operation, awaited; its result goes to `check`. */
  run(): Promise<unknown>;
  /** True when one result of `run` is a success: verified, or signed output that verifies. */
  check(result: unknown): Promise<boolean> | boolean;
}

/** What the case factories share: one Ed25519 and one P-256 did:key issuer, and the unsigned sample. */
export interface BenchFixtures {
  readonly ed25519: BenchIssuer;
  readonly p256: BenchIssuer;
  /** The unsigned sample credential from the Ed25519 issuer. */
  readonly credential: Record<string, unknown>;
  /** The unsigned sample credential from the P-256 issuer. */
  readonly credentialP256: Record<string, unknown>;
}
