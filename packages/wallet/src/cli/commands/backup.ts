/**
 * `wallet backup export <file>` and `wallet backup import <file>`: one encrypted file with everything. The
 * backup is sealed under the wallet's passphrase unless LEARNBRIDGE_BACKUP_PASSPHRASE names another. Import
 * into a place with no wallet yet restores it there (same passphrase); into an existing wallet it adds what is
 * missing. A wrong passphrase or a damaged file changes nothing.
 */
import { readFile, writeFile } from "node:fs/promises";
import { LearnbridgeError } from "@learnbridge/core";
import { type BackupContents, exportBackup, importBackup, openBackup } from "../../backup/backup.ts";
import { CliFailure, UsageError } from "../cli-failure.ts";
import type { CliIo } from "../io.ts";
import { askPassphrase, createCliWallet, openCliWallet, walletExists } from "../wallet-location.ts";
import { type Command, parse } from "./command.ts";

const WRONG = "That passphrase does not open this backup. Nothing was changed.";

async function readBackupFile(path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    throw new CliFailure(
      `Cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? error}). Nothing was changed.`,
    );
  }
}

/** Opens the backup with `passphrase`; a wrong one is a plain failure. */
async function open(text: string, passphrase: string): Promise<BackupContents | undefined> {
  try {
    return await openBackup(text, passphrase);
  } catch (error) {
    if (error instanceof LearnbridgeError && error.code === "UNAUTHORIZED") return undefined;
    throw error;
  }
}

async function runImport(
  path: string,
  values: Parameters<typeof openCliWallet>[0],
  io: CliIo,
): Promise<number> {
  const text = await readBackupFile(path);
  const backupPassphrase = io.env.LEARNBRIDGE_BACKUP_PASSPHRASE;
  if (!(await walletExists(values, io))) {
    // Restoring on a new device: the backup's passphrase becomes the wallet's.
    const passphrase = backupPassphrase ?? (await askPassphrase(io, "The backup's passphrase: "));
    const contents = await open(text, passphrase);
    if (!contents) throw new CliFailure(WRONG);
    const created = await createCliWallet(values, io, passphrase, false);
    try {
      return report(
        io,
        await importBackup(created.wallet, contents),
        `Your wallet was restored in ${created.directory}.`,
      );
    } finally {
      created.client.close();
    }
  }
  const opened = await openCliWallet(values, io);
  try {
    let contents = await open(text, backupPassphrase ?? opened.passphrase);
    if (!contents && !backupPassphrase) {
      const asked = await io.ask("This backup has another passphrase. Type it: ", { secret: true });
      contents = asked ? await open(text, asked) : undefined;
    }
    if (!contents) throw new CliFailure(WRONG);
    return report(io, await importBackup(opened.wallet, contents), "The backup was added to your wallet.");
  } finally {
    opened.client.close();
  }
}

function report(io: CliIo, summary: Awaited<ReturnType<typeof importBackup>>, headline: string): number {
  io.out(headline);
  io.out(`  Credentials: ${summary.credentials.added} added (${summary.credentials.total} in the backup)`);
  io.out(`  Identifiers: ${summary.dids.added} added (${summary.dids.total} in the backup)`);
  return 0;
}

export const backup: Command = {
  help: `Usage: pnpm wallet backup export <file>
       pnpm wallet backup import <file>

Export writes everything in your wallet (keys, identifiers, credentials) to one encrypted file, protected
by your wallet passphrase (or by LEARNBRIDGE_BACKUP_PASSPHRASE when set). Keep it away from this device.
Import restores it: into a new wallet (use --wallet for the place), or adds what is missing to this one.`,
  async run(args, io) {
    const { values, positionals } = parse(args, {});
    const [action, path, ...rest] = positionals;
    if (rest.length || !path || (action !== "export" && action !== "import")) {
      throw new UsageError("say 'backup export <file>' or 'backup import <file>'");
    }
    if (action === "import") return runImport(path, values, io);
    const opened = await openCliWallet(values, io);
    try {
      const text = await exportBackup(
        opened.wallet,
        io.env.LEARNBRIDGE_BACKUP_PASSPHRASE ?? opened.passphrase,
      );
      try {
        await writeFile(path, text, { mode: 0o600, flag: "wx" });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new CliFailure(
          code === "EEXIST"
            ? `${path} already exists; choose another file name.`
            : `Cannot write ${path} (${code}).`,
        );
      }
      const count = (await opened.wallet.credentials.list()).length;
      io.out(
        `Backup written to ${path}: ${count} credential${count === 1 ? "" : "s"} and your keys, encrypted.`,
      );
      io.out(
        io.env.LEARNBRIDGE_BACKUP_PASSPHRASE
          ? "It opens with the backup passphrase you set."
          : "It opens with your wallet passphrase. Keep the file somewhere safe, away from this device.",
      );
      return 0;
    } finally {
      opened.client.close();
    }
  },
};
