/**
 * Search latency over a large replica: N generated multilingual course records written into
 * `catalogue_replica` of a libSQL file (the FTS5 index filled by its triggers, as a follower's writes fill
 * it), then a fixed set of queries in five languages, with and without filters, each run many times. The
 * corpus is generated once into the temp directory and reused by later runs; its generation is timed apart.
 */
import { spawn } from "node:child_process";
import { mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SearchQuery } from "@learnbridge/catalogue";
import { LibsqlCatalogueSearch, migrate } from "@learnbridge/store";
import { type Client, createClient } from "@libsql/client";
import { percentile } from "../harness.ts";

/** One query of the fixed set. */
export interface SearchCase {
  readonly label: string;
  readonly query: Omit<SearchQuery, "limit">;
}

/** The fixed query set: what readers in each language type, filters alone, both, and a deep page. */
export const SEARCH_CASES: readonly SearchCase[] = [
  { label: 'zh "数字技能"', query: { text: "数字技能" } },
  { label: 'zh "老年人 书法"', query: { text: "老年人 书法" } },
  { label: 'zh "资源" (inside 水资源)', query: { text: "资源" } },
  { label: 'sw "usimamizi wa maji"', query: { text: "usimamizi wa maji" } },
  { label: 'sw "pesa za simu"', query: { text: "pesa za simu" } },
  { label: 'fr "énergie solaire"', query: { text: "énergie solaire" } },
  { label: 'es "análisis de datos"', query: { text: "análisis de datos" } },
  { label: 'en "digital skills seniors"', query: { text: "digital skills seniors" } },
  { label: 'en "introduction" (very common)', query: { text: "introduction" } },
  {
    label: "filters: seniors, EQF 2-4, KE",
    query: { audiences: ["seniors"], level: { min: 2, max: 4 }, countries: ["KE"] },
  },
  {
    label: 'en "water" + online, EQF 3-5, ≤5 ECTS',
    query: { text: "water", modes: ["online"], level: { min: 3, max: 5 }, credits: { max: 5 } },
  },
  { label: 'zh "太阳能", page 11 (offset 200)', query: { text: "太阳能", offset: 200 } },
];

export interface SearchCaseResult {
  readonly label: string;
  /** Hits on the first page (at most `limit`), and whether more followed. */
  readonly hits: number;
  readonly more: boolean;
  readonly p50Ms: number;
  readonly p95Ms: number;
}

export interface SearchBenchResult {
  readonly records: number;
  /** Seconds the corpus took to generate; undefined when an earlier run's corpus was reused. */
  readonly generatedSeconds?: number;
  readonly fileBytes: number;
  readonly runsPerQuery: number;
  readonly cases: readonly SearchCaseResult[];
  /** Over every run of every query. */
  readonly p50Ms: number;
  readonly p95Ms: number;
}

export interface SearchBenchOptions {
  readonly records: number;
  readonly runsPerQuery: number;
  /** Where the corpus is kept; default the OS temp directory. */
  readonly dir?: string;
  readonly limit?: number;
  readonly onProgress?: (text: string) => void;
}

// Bumped whenever the schema or the generator changes: an older corpus is not reused.
const CORPUS_VERSION = 2;
/** Rows one writer process adds (its native memory is freed when it exits). */
const ROWS_PER_WRITER = 50_000;
const WRITER = new URL("./corpus-writer.ts", import.meta.url).pathname;
const count = (n: number) => n.toLocaleString("en-US");

/** Opens the corpus of `records` records, generating it first when no earlier run left it complete. */
async function openSearchCorpus(
  options: Pick<SearchBenchOptions, "records" | "dir" | "onProgress">,
): Promise<{ client: Client; path: string; generatedSeconds?: number }> {
  const dir = join(options.dir ?? tmpdir(), `learnbridge-bench-search-v${CORPUS_VERSION}-${options.records}`);
  const path = join(dir, "catalogue.db");
  const marker = join(dir, "complete.json");
  const done = await readFile(marker, "utf8").catch(() => undefined);
  if (done) return { client: createClient({ url: `file:${path}` }), path };

  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const started = performance.now();
  const setup = createClient({ url: `file:${path}` });
  await setup.execute("PRAGMA journal_mode = WAL");
  await migrate(setup);
  setup.close();
  for (let from = 0; from < options.records; from += ROWS_PER_WRITER) {
    const to = Math.min(options.records, from + ROWS_PER_WRITER);
    await runWriter(path, from, to);
    options.onProgress?.(`search corpus: ${count(to)} of ${count(options.records)} records`);
  }
  const client = createClient({ url: `file:${path}` });
  await client.execute("INSERT INTO catalogue_search_fts (catalogue_search_fts) VALUES ('optimize')");
  await client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  const generatedSeconds = (performance.now() - started) / 1000;
  await writeFile(marker, JSON.stringify({ records: options.records, generatedSeconds }));
  return { client, path, generatedSeconds };
}

/** Writes one range in a child process (see corpus-writer.ts for why). */
function runWriter(path: string, from: number, to: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRITER, path, String(from), String(to)], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let errors = "";
    child.stderr.on("data", (chunk) => {
      errors += chunk;
    });
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`corpus writer ${from}-${to} failed (${code}):\n${errors}`)),
    );
  });
}

/** Generates or reuses the corpus, then runs every query `runsPerQuery` times after one untimed run. */
export async function runSearchBench(options: SearchBenchOptions): Promise<SearchBenchResult> {
  const { client, path, generatedSeconds } = await openSearchCorpus(options);
  try {
    const search = new LibsqlCatalogueSearch(client);
    const limit = options.limit ?? 20;
    const all: number[] = [];
    const cases: SearchCaseResult[] = [];
    for (const { label, query } of SEARCH_CASES) {
      options.onProgress?.(`search: ${label}`);
      const first = await search.search({ ...query, limit });
      const samples: number[] = [];
      for (let run = 0; run < options.runsPerQuery; run++) {
        const start = performance.now();
        await search.search({ ...query, limit });
        samples.push(performance.now() - start);
      }
      samples.sort((a, b) => a - b);
      all.push(...samples);
      cases.push({
        label,
        hits: first.hits.length,
        more: first.nextOffset !== undefined,
        p50Ms: percentile(samples, 50),
        p95Ms: percentile(samples, 95),
      });
    }
    all.sort((a, b) => a - b);
    const fileBytes = (await stat(path)).size;
    return {
      records: options.records,
      ...(generatedSeconds !== undefined ? { generatedSeconds } : {}),
      fileBytes,
      runsPerQuery: options.runsPerQuery,
      cases,
      p50Ms: percentile(all, 50),
      p95Ms: percentile(all, 95),
    };
  } finally {
    client.close();
  }
}
