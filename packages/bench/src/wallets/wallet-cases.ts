/**
 * The cases of `pnpm bench --wallets`, in the harness's shape (`BenchCase`: one operation, checked once
 * before it is timed): each protocol flow beside the plain VC API operation it is compared with. A flow's
 * check verifies what it produced through the centre's own `POST /credentials/verify`, or reads its verdict.
 */
import type { BenchCase } from "../cases/index.ts";
import {
  claimExchange,
  type IssuedFormat,
  issuerEndpoints,
  OID4VCI_FORMAT,
  oid4vciIssuance,
  plainIssue,
  unsignedOf,
} from "./issuance-flows.ts";
import { jwtClaims, type LearnerWallet, learnerWallet, type PresentationFormat } from "./learner-wallet.ts";
import { oid4vpAnswer, plainVerify } from "./presentation-flows.ts";
import { StepTimes } from "./step-times.ts";
import type { Json, WalletCentre } from "./wallet-centre.ts";

/** A wallet case: its plain counterpart, and its steps' times when it is a protocol flow. */
export interface WalletCase extends BenchCase {
  /** The id of the plain VC API case it is compared with. */
  readonly baseline?: string;
  readonly steps?: StepTimes;
}

/** The table sections; each flow's steps are printed under its row. */
export const GROUPS = {
  oid4vci: "OpenID4VCI issuance",
  oid4vp: "OpenID4VP answers",
  vcapi: "VC-API claim exchange",
} as const;

const FORMATS: readonly IssuedFormat[] = ["ldp_vc", "jwt_vc"];
const PRESENTATIONS: readonly { format: PresentationFormat; issued: IssuedFormat; name: string }[] = [
  { format: "ldp_vc", issued: "ldp_vc", name: "Data Integrity" },
  { format: "jwt_vc_json", issued: "jwt_vc", name: "vp+jwt" },
];

/** The credential's subject: a DI credential's, or the payload's of a vc+jwt (bare, or enveloped as the VC API answers it). */
const subjectOf = (credential: unknown): unknown => {
  const enveloped = (credential as Json)?.type === "EnvelopedVerifiableCredential";
  const jwt = enveloped ? String((credential as Json).id).split(",")[1] : credential;
  const document: Json = typeof jwt === "string" ? jwtClaims(jwt) : jwt;
  return document?.credentialSubject?.id;
};

/** Builds every case on `centre`: a wallet, and what the plain cases need (issued through the flows once). */
export async function walletCases(centre: WalletCentre): Promise<WalletCase[]> {
  const wallet = await learnerWallet();
  const endpoints = await issuerEndpoints(centre);
  const setup = new StepTimes();
  const held: Record<IssuedFormat, unknown> = {
    ldp_vc: await oid4vciIssuance(centre, endpoints, wallet, "ldp_vc", setup),
    jwt_vc: await oid4vciIssuance(centre, endpoints, wallet, "jwt_vc", setup),
  };
  const unsigned = unsignedOf(held.ldp_vc);
  // A credential checks when the centre verifies it and it is about the wallet's holder.
  const issuedToWallet = async (credential: unknown) =>
    subjectOf(credential) === wallet.did && (await verifiedByCentre(centre, credential));
  const issuedToSubject = async (credential: unknown) =>
    subjectOf(credential) === subjectOf(held.ldp_vc) && (await verifiedByCentre(centre, credential));

  const cases: WalletCase[] = [];
  for (const format of FORMATS) {
    const steps = new StepTimes();
    const name = OID4VCI_FORMAT[format];
    cases.push(
      {
        id: `oid4vci.${name}`,
        group: GROUPS.oid4vci,
        label: `OpenID4VCI ${name}, did:key proof`,
        kind: "sign",
        baseline: `issue.${format}`,
        steps,
        run: () => oid4vciIssuance(centre, endpoints, wallet, format, steps),
        check: issuedToWallet,
      },
      {
        id: `issue.${format}`,
        group: GROUPS.oid4vci,
        label: `POST /credentials/issue ${format}`,
        kind: "sign",
        run: () => plainIssue(centre, unsigned, format),
        check: issuedToSubject,
      },
    );
  }
  for (const { format, issued, name } of PRESENTATIONS) {
    cases.push(...(await presentationCases(centre, wallet, format, held[issued], name)));
  }
  const steps = new StepTimes();
  cases.push({
    id: "vcapi.claim",
    group: GROUPS.vcapi,
    label: "VC-API claim ldp_vc, DIDAuth",
    kind: "sign",
    baseline: "issue.ldp_vc",
    steps,
    run: () => claimExchange(centre, wallet, steps),
    check: issuedToWallet,
  });
  return cases;
}

/** The OpenID4VP flow in one format, the plain verify of the same presentation, and the wallet's signing. */
async function presentationCases(
  centre: WalletCentre,
  wallet: LearnerWallet,
  format: PresentationFormat,
  credential: unknown,
  name: string,
): Promise<WalletCase[]> {
  const steps = new StepTimes();
  const encryptedSteps = new StepTimes();
  const domain = `decentralized_identifier:${centre.centre.did}`;
  // The plain verify re-posts one presentation signed once; the flow signs a fresh one per answer.
  const binding = { nonce: "bench-presentation-nonce", audience: domain };
  const presentation = await wallet.present(format, [credential], binding);
  return [
    {
      id: `oid4vp.${format}`,
      group: GROUPS.oid4vp,
      label: `OpenID4VP ${name}`,
      kind: "verify",
      baseline: `verify.${format}`,
      steps,
      run: () => oid4vpAnswer(centre, wallet, format, credential, steps),
      check: (verdict: Json) =>
        verdict?.status === "completed" &&
        verdict.result?.verified === true &&
        verdict.result.holders?.[0] === wallet.did,
    },
    {
      id: `oid4vp.${format}.encrypted`,
      group: GROUPS.oid4vp,
      label: `OpenID4VP ${name}, encrypted answer`,
      kind: "verify",
      baseline: `verify.${format}`,
      steps: encryptedSteps,
      run: () => oid4vpAnswer(centre, wallet, format, credential, encryptedSteps, "direct_post.jwt"),
      check: (verdict: Json) =>
        verdict?.status === "completed" &&
        verdict.result?.verified === true &&
        verdict.result.holders?.[0] === wallet.did,
    },
    {
      id: `verify.${format}`,
      group: GROUPS.oid4vp,
      label: `POST /presentations/verify ${name}`,
      kind: "verify",
      run: () => plainVerify(centre, presentation, domain),
      check: (report: Json) => report?.verified === true && report.credentials?.[0]?.verified === true,
    },
    {
      id: `present.${format}`,
      group: GROUPS.oid4vp,
      label: `the wallet signs ${name} (in the flow)`,
      kind: "step",
      run: () => wallet.present(format, [credential], binding),
      check: async (signed) => (await plainVerify(centre, signed, domain)).verified === true,
    },
  ];
}

/** True when the centre's `POST /credentials/verify` answers 200 with `verified: true`. */
async function verifiedByCentre(centre: WalletCentre, credential: unknown): Promise<boolean> {
  const answer = await centre.request("/credentials/verify", { json: { verifiableCredential: credential } });
  return answer.status === 200 && answer.body.verified === true;
}
