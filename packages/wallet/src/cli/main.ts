#!/usr/bin/env node
import { UsageError } from "./cli-failure.ts";
/**
 * The learner's wallet on the command line: `pnpm wallet <command>`. Exit status 0 when done, 1 when it
 * could not be done (explained in plain words), 2 when the command line is wrong.
 */
import { accept } from "./commands/accept.ts";
import { backup } from "./commands/backup.ts";
import type { Command } from "./commands/command.ts";
import { did } from "./commands/did.ts";
import { init } from "./commands/init.ts";
import { list, show } from "./commands/list-show.ts";
import { passphrase } from "./commands/passphrase.ts";
import { present } from "./commands/present.ts";
import { remove } from "./commands/remove.ts";
import { type CliIo, processIo } from "./io.ts";
import { explain } from "./messages.ts";

const HELP = `Your Learnbridge wallet: keep your credentials and show them to whom you choose.

Usage: pnpm wallet <command>

  init                          make your wallet (once)
  accept '<offer link>'         receive a credential from a learning centre  [--pin 123456]
  list                          see your credentials
  show <number>                 see one credential in full
  remove <number>               delete one credential from your wallet (asks first)
  present '<request link>'      show a credential to an employer  [--credential <number>]
  did create | did list         your identifiers  [--method key|jwk]
  backup export <file>          save everything to one encrypted file
  backup import <file>          restore from such a file
  passphrase                    change the passphrase that opens your wallet

Everywhere: --wallet <dir> (or LEARNBRIDGE_WALLET) says where the wallet is; the passphrase comes from
LEARNBRIDGE_WALLET_PASSPHRASE or is asked; --lang zh (or LANG) picks the language of names;
--allow-loopback lets the wallet talk to a centre on this same computer (for tests).
Run 'pnpm wallet <command> --help' for more about one command.`;

const COMMANDS: Record<string, Command> = {
  init,
  did,
  accept,
  list,
  show,
  remove,
  present,
  backup,
  passphrase,
};

/** Runs one command line; returns the exit status. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    (name === undefined ? io.err : io.out)(HELP);
    return name === undefined ? 2 : 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.err(`There is no command '${name}'.\n\n${HELP}`);
    return 2;
  }
  if (args.includes("--help") || args.includes("-h")) {
    io.out(command.help);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`wallet ${name}: ${error.message}\n\n${command.help}`);
      return 2;
    }
    io.err(explain(error));
    return 1;
  }
}

if (import.meta.main) {
  process.exitCode = await run(process.argv.slice(2), processIo());
}
