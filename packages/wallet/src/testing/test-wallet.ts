/** Test support: a wallet on an in-memory libSQL database, loopback allowed, a cheap key derivation. */
import { createClient } from "@libsql/client";
import { initWallet, type Wallet, type WalletOptions } from "../wallet.ts";

export const TEST_PASSPHRASE = "a long and happy passphrase";

/** A new wallet with one did:key (or did:jwk). */
export async function testWallet(
  options: Partial<WalletOptions> = {},
  firstDid: "key" | "jwk" = "key",
): Promise<Wallet> {
  return initWallet(
    {
      database: createClient({ url: ":memory:" }),
      passphrase: TEST_PASSPHRASE,
      kdfIterations: 1_000,
      allowLoopback: true,
      ...options,
    },
    firstDid,
  );
}
