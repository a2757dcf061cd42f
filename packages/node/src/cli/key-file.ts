/**
 * The CLI's key file: a private JWK with the did:key it makes and the key id proofs name. It is not
 * encrypted (a node keeps its keys encrypted at rest; this file is for trying things out and for scripts).
 */
import {
  createSigner,
  exportPrivateJwk,
  generateKeyPair,
  importPrivateJwk,
  publicKeyToMultibase,
  type SignatureAlgorithm,
  type Signer,
} from "@learnbridge/core";
import { didKeyFromPublicKey } from "@learnbridge/credentials";
import { CommandFailure } from "./errors.ts";

export interface KeyFile {
  readonly did: string;
  readonly keyId: string;
  readonly algorithm: SignatureAlgorithm;
  readonly privateKeyJwk: JsonWebKey;
  readonly created: string;
  readonly warning: string;
}

export interface LoadedKey {
  readonly did: string;
  readonly keyId: string;
  readonly algorithm: SignatureAlgorithm;
  readonly signer: Signer;
}

const WARNING = "This file holds an UNENCRYPTED private key. Anyone who reads it can sign as this DID.";

/** Generates a key pair and the key file describing it. */
export async function generateKeyFile(algorithm: SignatureAlgorithm, now: Date): Promise<KeyFile> {
  const pair = await generateKeyPair(algorithm, true);
  const did = didKeyFromPublicKey(pair.publicKey);
  return {
    did,
    keyId: `${did}#${publicKeyToMultibase(pair.publicKey)}`,
    algorithm,
    privateKeyJwk: await exportPrivateJwk(pair),
    created: now.toISOString(),
    warning: WARNING,
  };
}

/** Reads a key file (or a bare private JWK) into a signer; the did:key is derived, never trusted from the file. */
export async function loadKey(json: unknown, path: string): Promise<LoadedKey> {
  const record = (json ?? {}) as Record<string, unknown>;
  const jwk = (typeof record.privateKeyJwk === "object" ? record.privateKeyJwk : record) as JsonWebKey;
  let pair: Awaited<ReturnType<typeof importPrivateJwk>>;
  try {
    pair = await importPrivateJwk(jwk);
  } catch (error) {
    throw new CommandFailure(
      `${path} does not hold a private Ed25519 or P-256 key: ${(error as Error).message}`,
    );
  }
  const did = didKeyFromPublicKey(pair.publicKey);
  const keyId = `${did}#${publicKeyToMultibase(pair.publicKey)}`;
  if (typeof record.did === "string" && record.did !== did) {
    throw new CommandFailure(`${path}: its "did" does not belong to its private key`);
  }
  return { did, keyId, algorithm: pair.publicKey.algorithm, signer: createSigner(pair, keyId) };
}
