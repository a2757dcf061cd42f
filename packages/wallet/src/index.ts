/**
 * @learnbridge/wallet: a learner's holder agent on Veramo 7 (keys, DIDs and credentials sealed in a libSQL
 * wallet file) that receives credentials by OpenID4VCI 1.0, presents them by OpenID4VP 1.0 (in the clear or
 * encrypted to the verifier), and keeps encrypted backups.
 * Protocol code is Web Standards only (fetch injected); the CLI in src/cli is the Node part.
 */
export {
  createHolderAgent,
  createHolderDid,
  HOLDER_DID_METHODS,
  type HolderAgent,
  type HolderDidMethod,
} from "./agent/holder-agent.ts";
export { chooseHolderDid } from "./agent/holder-identity.ts";
export { signerOf, veramoSigner, verificationMethodOf } from "./agent/veramo-signer.ts";
export {
  type BackupContents,
  exportBackup,
  type ImportSummary,
  importBackup,
  openBackup,
} from "./backup/backup.ts";
export { type CredentialSummary, summariseCredential } from "./credential-summary.ts";
export {
  createWalletHttp,
  isLoopbackHost,
  type WalletHttp,
  type WalletHttpOptions,
} from "./http/wallet-http.ts";
export {
  type AcceptedOffer,
  type AcceptOfferOptions,
  acceptCredentialOffer,
  type ReceivedCredential,
} from "./oid4vci/accept-offer.ts";
export {
  type CredentialOffer,
  checkCredentialOffer,
  parseOfferLink,
  resolveCredentialOffer,
  type TxCodeSpec,
} from "./oid4vci/credential-offer.ts";
export { displayFor, displayNameFor, fetchIssuerMetadata, wellKnownUrl } from "./oid4vci/issuer-metadata.ts";
export { createKeyProof, KEY_PROOF_TYP } from "./oid4vci/key-proof.ts";
export {
  declinePresentationRequest,
  type OpenedRequest,
  openPresentationRequest,
  type ShareResult,
  sharePresentation,
} from "./oid4vp/answer-request.ts";
export {
  fetchPresentationRequest,
  type PresentationRequest,
  parseRequestLink,
  WALLET_METADATA,
} from "./oid4vp/authorization-request.ts";
export { buildPresentation } from "./oid4vp/build-presentation.ts";
export { type DcqlQuery, readDcqlQuery } from "./oid4vp/dcql.ts";
export {
  encryptResponse,
  type ResponseEncryption,
  responseEncryptionOf,
  WALLET_ENC_VALUES,
} from "./oid4vp/encrypt-response.ts";
export { expandedTypes } from "./oid4vp/expanded-types.ts";
export {
  type CandidateAnswer,
  heldCandidates,
  type PresentationChoice,
  presentationChoices,
} from "./oid4vp/match-credentials.ts";
export { type ChangePassphraseOptions, changePassphrase } from "./storage/change-passphrase.ts";
export {
  type CredentialStore,
  type HeldCredentialFormat,
  MemoryCredentialStore,
  type StoredCredential,
} from "./storage/credential-store.ts";
export { SqlDidStore } from "./storage/did-store.ts";
export { SqlKeyStore } from "./storage/key-store.ts";
export { SqlPrivateKeyStore } from "./storage/private-key-store.ts";
export { migrateWallet, WALLET_MIGRATIONS } from "./storage/schema.ts";
export {
  DEFAULT_KDF_ITERATIONS,
  deriveSealingKey,
  type KdfParams,
  type SealingKey,
} from "./storage/sealing-key.ts";
export { SqlCredentialStore } from "./storage/sql-credential-store.ts";
export type { WalletDatabase } from "./storage/wallet-database.ts";
export { initWallet, openWallet, type Wallet, type WalletOptions } from "./wallet.ts";
