/**
 * `@learnbridge/wallet/testing`: the storage contract suites, and fakes written from the OpenID4VC
 * specifications (an issuer, a verifier) with a loopback server and a ready wallet, for tests elsewhere.
 * Not in the main barrel: it imports vitest and node:*.
 */
export { contractCredential, credentialStoreContract } from "./credential-store-contract.ts";
export { fileDatabase, memoryDatabase } from "./databases.ts";
export { type FakeIssuerOptions, fakeIssuer } from "./fake-issuer.ts";
export { type FakeAnswer, type FakeRequestOptions, fakeVerifier } from "./fake-verifier.ts";
export { scriptedIo } from "./scripted-io.ts";
export { type LoopbackServer, serveOnLoopback } from "./serve.ts";
export { TEST_PASSPHRASE, testWallet } from "./test-wallet.ts";
export { didStoreContract, keyStoreContract, privateKeyStoreContract } from "./veramo-store-contract.ts";
