/**
 * `pnpm bench`: issue/verify throughput of our credential engine against Digital Bazaar, jose, did-jwt-vc
 * and raw WebCrypto, on the same sample Open Badges 3.0 credential. Flags: `--quick` (~0.3 s per case
 * instead of ~1.5 s), `--json` (machine-readable output on stdout; progress goes to stderr), `--filter TEXT`
 * (only the cases whose id contains TEXT, e.g. `jose.verify`; the raw Ed25519 verify row always runs),
 * `--http` (instead: the centre's VC API over loopback HTTP beside a bare Hono echo app; see http/),
 * `--federation` (instead: catalogue sync, bootstrap, idle poll and search figures; see federation/),
 * `--wallets` (instead: OpenID4VCI issuances, OpenID4VP answers and VC-API claim exchanges per second, each
 * beside the plain VC API call it wraps; see wallets/).
 */
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { allCases, RAW_VERIFY_ID } from "./cases/index.ts";
import { FEDERATION_SIZES, runFederationBench } from "./federation/federation-bench.ts";
import { formatFederationJson, formatFederationTable } from "./federation/federation-report.ts";
import { createFixtures } from "./fixtures.ts";
import { runHttpBench } from "./http/http-bench.ts";
import { formatHttpJson, formatHttpTable } from "./http/http-report.ts";
import { describeMachine, formatJson, formatTable } from "./report.ts";
import { runCases } from "./runner.ts";
import { runWalletsBench } from "./wallets/wallets-bench.ts";
import { formatWalletsJson, formatWalletsTable } from "./wallets/wallets-report.ts";

const USAGE = "usage: pnpm bench [--quick] [--json] [--filter TEXT | --http | --federation | --wallets]";
const flags = (() => {
  try {
    const options = {
      quick: { type: "boolean" },
      json: { type: "boolean" },
      filter: { type: "string" },
      http: { type: "boolean" },
      federation: { type: "boolean" },
      wallets: { type: "boolean" },
    } as const;
    return parseArgs({ options }).values;
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    process.exit(2);
  }
})();
const quick = flags.quick === true;
// Progress only on a terminal, overwriting one line; logs and pipes get the table alone.
const progress = process.stderr.isTTY
  ? (text: string) => process.stderr.write(`\r${" ".repeat(79)}\r${text}`)
  : () => {};
if (flags.http) await httpBench();
if (flags.federation) await federationBench();
if (flags.wallets) await walletsBench();
const timing = quick ? { durationMs: 300, warmupMs: 50 } : { durationMs: 1500, warmupMs: 150 };
const mode = `${quick ? "quick" : "full"}, ${timing.warmupMs} ms warm-up + ${timing.durationMs} ms per case`;
const machine = describeMachine();

const started = performance.now();
const cases = (await allCases(await createFixtures())).filter(
  (c) => !flags.filter || c.id.includes(flags.filter) || c.id === RAW_VERIFY_ID,
);
// A full collection before each case, so that the heap the JSON-LD cases leave behind is not collected
// during the timing of the cheap JOSE cases (the usual --expose-gc, enabled from inside the process).
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;
const results = await runCases(cases, {
  ...timing,
  beforeMeasure: collectGarbage,
  onResult: ({ case: c }) => progress(`measured ${c.id}`),
});
progress("");
const elapsed = ((performance.now() - started) / 1000).toFixed(1);
console.log(flags.json ? formatJson(results, machine, mode) : formatTable(results, machine, mode));
if (!flags.json) console.log(`\n${cases.length} cases, every one verified before timing; ${elapsed} s.`);

/** `--http`: loopback HTTP throughput and latency, then exit; about 50 s (about 10 s with --quick). */
async function httpBench(): Promise<never> {
  const timing = quick ? { seconds: 0.5, warmupSeconds: 0.2 } : { seconds: 3, warmupSeconds: 1 };
  const bulk = quick ? { count: 100, connections: 10 } : { count: 500, connections: 10 };
  const mode = `${quick ? "quick" : "full"}, ${timing.warmupSeconds} s warm-up + ${timing.seconds} s per row`;
  const started = performance.now();
  const result = await runHttpBench({ ...timing, connections: [1, 10], bulk, onProgress: progress });
  progress("");
  const machine = describeMachine();
  console.log(flags.json ? formatHttpJson(result, machine, mode) : formatHttpTable(result, machine, mode));
  if (!flags.json) console.log(`\n${((performance.now() - started) / 1000).toFixed(1)} s.`);
  process.exit(0);
}

/** `--federation`: the catalogue federation's figures, then exit (the first full run generates a 1M corpus). */
async function federationBench(): Promise<never> {
  const sizes = quick ? FEDERATION_SIZES.quick : FEDERATION_SIZES.full;
  const mode = `${quick ? "quick" : "full"}; in-process, one core`;
  const started = performance.now();
  const result = await runFederationBench({ ...sizes, onProgress: progress });
  progress("");
  const machine = describeMachine();
  console.log(
    flags.json ? formatFederationJson(result, machine, mode) : formatFederationTable(result, machine, mode),
  );
  if (!flags.json) console.log(`\n${((performance.now() - started) / 1000).toFixed(1)} s.`);
  process.exit(0);
}

/** `--wallets`: complete wallet protocol runs per second, in process, then exit; about 45 s (8 s with --quick). */
async function walletsBench(): Promise<never> {
  const timing = quick ? { durationMs: 500, warmupMs: 100 } : { durationMs: 3000, warmupMs: 500 };
  const mode = `${quick ? "quick" : "full"}, ${timing.warmupMs} ms warm-up + ${timing.durationMs} ms per case`;
  const started = performance.now();
  setFlagsFromString("--expose-gc");
  const result = await runWalletsBench({
    ...timing,
    beforeMeasure: runInNewContext("gc") as () => void,
    onProgress: progress,
  });
  progress("");
  const machine = describeMachine();
  console.log(
    flags.json ? formatWalletsJson(result, machine, mode) : formatWalletsTable(result, machine, mode),
  );
  if (!flags.json) {
    const load = loadavg().map((l) => l.toFixed(2));
    console.log(`\n${((performance.now() - started) / 1000).toFixed(1)} s; load average ${load.join(" ")}.`);
  }
  process.exit(0);
}
