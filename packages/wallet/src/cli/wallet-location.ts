/**
 * Where the wallet lives and how it is unlocked, for the CLI: the directory from `--wallet`, else
 * `LEARNBRIDGE_WALLET`, else `~/.learnbridge/wallet`; the passphrase from `LEARNBRIDGE_WALLET_PASSPHRASE`,
 * else asked; the learner's languages from `--lang`, else `LEARNBRIDGE_LANG`, else `LANG`.
 */
import { access, chmod, mkdir } from "node:fs/promises";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { type Client, createClient } from "@libsql/client";
import { isPassphraseLongEnough, MIN_PASSPHRASE_LENGTH } from "../storage/passphrase-rule.ts";
import { initWallet, openWallet, type Wallet, type WalletOptions } from "../wallet.ts";
import { CliFailure } from "./cli-failure.ts";
import type { CliIo } from "./io.ts";

/** Options every command takes. */
export interface CommonOptions {
  readonly wallet?: string;
  readonly lang?: string;
  readonly "allow-loopback"?: boolean;
}

export const COMMON_OPTIONS = {
  wallet: { type: "string" },
  lang: { type: "string" },
  "allow-loopback": { type: "boolean" },
} as const;

/** The wallet directory. */
export function walletDirectory(options: CommonOptions, io: CliIo): string {
  const dir =
    options.wallet ?? io.env.LEARNBRIDGE_WALLET ?? join(io.env.HOME ?? homedir(), ".learnbridge", "wallet");
  return resolve(dir);
}

/** The learner's languages, most preferred first (`zh_CN.UTF-8` becomes `zh-CN`), English last. */
export function languagesOf(options: CommonOptions, io: CliIo): string[] {
  const raw = options.lang ?? io.env.LEARNBRIDGE_LANG ?? io.env.LC_ALL ?? io.env.LANG ?? "";
  const tag = raw.split(".")[0]?.replace("_", "-") ?? "";
  const first = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(tag) ? tag : undefined;
  return [...new Set([...(first ? [first] : []), "en"])];
}

const databaseFile = (dir: string) => join(dir, "wallet.db");

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

async function passphraseOf(io: CliIo, question: string): Promise<string> {
  const fromEnv = io.env.LEARNBRIDGE_WALLET_PASSPHRASE;
  if (fromEnv) return fromEnv;
  const answer = await io.ask(question, { secret: true });
  if (!answer) throw new CliFailure("A passphrase is needed to open your wallet.");
  return answer;
}

/** An opened wallet and its database client (close it when done). */
export interface OpenedWallet {
  readonly wallet: Wallet;
  readonly client: Client;
  readonly directory: string;
  readonly languages: string[];
  /** Kept for this command only: a backup is sealed under it unless another is given. */
  readonly passphrase: string;
}

function walletOptions(client: Client, passphrase: string, options: CommonOptions): WalletOptions {
  return { database: client, passphrase, allowLoopback: options["allow-loopback"] ?? false };
}

/** The wallet directory, after checking that a wallet is there (a plain failure when there is none). */
export async function existingWalletDirectory(options: CommonOptions, io: CliIo): Promise<string> {
  const directory = walletDirectory(options, io);
  if (!(await exists(databaseFile(directory)))) {
    throw new CliFailure(`There is no wallet in ${directory} yet. Make one with:  pnpm wallet init`);
  }
  return directory;
}

/** A database client on the wallet file in `directory` (close it when done). */
export const walletFileClient = (directory: string): Client =>
  createClient({ url: `file:${databaseFile(directory)}` });

/** Opens the learner's wallet, asking for the passphrase when the environment does not give it. */
export async function openCliWallet(options: CommonOptions, io: CliIo): Promise<OpenedWallet> {
  const directory = await existingWalletDirectory(options, io);
  const passphrase = await passphraseOf(io, "Your wallet passphrase: ");
  const client = walletFileClient(directory);
  try {
    const wallet = await openWallet(walletOptions(client, passphrase, options));
    return { wallet, client, directory, languages: languagesOf(options, io), passphrase };
  } catch (error) {
    client.close();
    throw error;
  }
}

/** True when there is a wallet at the chosen place. */
export async function walletExists(options: CommonOptions, io: CliIo): Promise<boolean> {
  return exists(databaseFile(walletDirectory(options, io)));
}

/**
 * Asks for (or reads from the environment variable `fromEnv`) a new passphrase, twice when asked, and holds
 * it to the wallet's passphrase rule.
 */
export async function newPassphrase(
  io: CliIo,
  fromEnv = "LEARNBRIDGE_WALLET_PASSPHRASE",
  what = "a passphrase for your wallet",
): Promise<string> {
  let passphrase = io.env[fromEnv];
  if (!passphrase) {
    io.out(`Choose ${what} (at least ${MIN_PASSPHRASE_LENGTH} characters).`);
    io.out("Write it down somewhere safe: without it, nobody can open the wallet, not even us.");
    passphrase = await io.ask("New passphrase: ", { secret: true });
    const again = passphrase && (await io.ask("The same passphrase again: ", { secret: true }));
    if (passphrase !== again)
      throw new CliFailure("The two passphrases are not the same. Nothing was changed.");
  }
  if (!passphrase || !isPassphraseLongEnough(passphrase)) {
    throw new CliFailure(
      `The passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters. Nothing was changed.`,
    );
  }
  return passphrase;
}

/**
 * Makes a new wallet with `passphrase` (refusing to touch an existing one) and a first did:key, or no
 * identifier at all when a backup is about to be restored into it.
 */
export async function createCliWallet(
  options: CommonOptions,
  io: CliIo,
  passphrase: string,
  firstDid: "key" | false = "key",
): Promise<OpenedWallet> {
  const directory = walletDirectory(options, io);
  if (await exists(databaseFile(directory))) {
    throw new CliFailure(`There is already a wallet in ${directory}. Nothing was changed.`);
  }
  await mkdir(directory, { recursive: true, mode: 0o700 });
  const client = createClient({ url: `file:${databaseFile(directory)}` });
  try {
    const wallet = await initWallet(walletOptions(client, passphrase, options), firstDid);
    await chmod(databaseFile(directory), 0o600);
    return { wallet, client, directory, languages: languagesOf(options, io), passphrase };
  } catch (error) {
    client.close();
    throw error;
  }
}

/** The passphrase from the environment, or asked. */
export const askPassphrase = passphraseOf;
