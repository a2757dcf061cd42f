/**
 * `wallet passphrase`: changes the passphrase that opens the wallet (someone may have seen it, or a helper at
 * a learning centre set the wallet up). The current passphrase is checked before the new one is asked for;
 * the change itself (a new data key, every row re-sealed under it) is one transaction, so the wallet opens
 * with either the old passphrase or the new one.
 */
import { LearnbridgeError } from "@learnbridge/core";
import { changePassphrase } from "../../storage/change-passphrase.ts";
import { unlockWallet } from "../../storage/wallet-lock.ts";
import { CliFailure, UsageError } from "../cli-failure.ts";
import {
  askPassphrase,
  existingWalletDirectory,
  newPassphrase,
  walletFileClient,
} from "../wallet-location.ts";
import { type Command, parse } from "./command.ts";

/** Where scripts and tests give the new passphrase (the current one comes as for every command). */
export const NEW_PASSPHRASE_ENV = "LEARNBRIDGE_WALLET_NEW_PASSPHRASE";

const NOT_CURRENT = `That is not your wallet's passphrase, so nothing was changed.
Check it (capital letters count) and try again.`;

export const passphrase: Command = {
  help: `Usage: pnpm wallet passphrase [--wallet <dir>]

Changes the passphrase that opens your wallet: do it if someone may have seen your passphrase, or if
someone else set up the wallet for you. You type your current passphrase, then the new one twice.
Your credentials and identifiers stay just as they are.
(For scripts: LEARNBRIDGE_WALLET_PASSPHRASE gives the current passphrase, ${NEW_PASSPHRASE_ENV}
the new one.)`,
  async run(args, io) {
    const { values, positionals } = parse(args, {});
    if (positionals.length) throw new UsageError("passphrase takes no arguments");
    const directory = await existingWalletDirectory(values, io);
    const current = await askPassphrase(io, "Your current passphrase: ");
    const client = walletFileClient(directory);
    try {
      try {
        // Checked first, so that nobody types a new passphrase twice for nothing.
        await unlockWallet(client, current);
      } catch (error) {
        if (error instanceof LearnbridgeError && error.code === "UNAUTHORIZED")
          throw new CliFailure(NOT_CURRENT);
        throw error;
      }
      const next = await newPassphrase(io, NEW_PASSPHRASE_ENV, "your new passphrase");
      if (next.normalize("NFC") === current.normalize("NFC")) {
        throw new CliFailure("The new passphrase is the same as the old one. Nothing was changed.");
      }
      await changePassphrase(client, current, next);
      io.out(`Your passphrase has been changed.
From now on, open your wallet with the new passphrase; the old one no longer works.
Your credentials and identifiers are just as they were, now locked with a new key: the old passphrase
does not open this wallet file, even for someone who copied the file before.

A backup file you made earlier is a separate file: it still opens with the passphrase it was made with.
To be safe, make a new backup with  pnpm wallet backup export <file>  and then delete the old one.`);
      return 0;
    } finally {
      client.close();
    }
  },
};
