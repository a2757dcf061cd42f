import { describe, expect, it } from "vitest";
import { busyRetrying, isBusy, retryWhileBusy } from "./busy.ts";
import type { SqlClient, SqlResult } from "./sql-client.ts";

const busy = () => Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" });
const noSleep = { sleep: async () => {} };
const empty: SqlResult = { rows: [], rowsAffected: 1 };

/** An operation that rejects as busy `times` times, then resolves with the number of calls. */
function flaky(times: number) {
  let calls = 0;
  return async () => {
    calls++;
    if (calls <= times) throw busy();
    return calls;
  };
}

describe("retryWhileBusy", () => {
  it("retries while busy, backing off up to 100 ms", async () => {
    const waits: number[] = [];
    const sleep = async (ms: number) => {
      waits.push(ms);
    };
    expect(await retryWhileBusy(flaky(6), { sleep })).toBe(7);
    expect(waits).toEqual([10, 20, 40, 80, 100, 100]);
  });

  it("passes other errors through at once, and the last busy one after the last attempt", async () => {
    const broken = async () => {
      throw Object.assign(new Error("no such table"), { code: "SQLITE_ERROR" });
    };
    await expect(retryWhileBusy(broken, noSleep)).rejects.toThrow("no such table");
    await expect(retryWhileBusy(flaky(3), { ...noSleep, busyAttempts: 3 })).rejects.toThrow("locked");
    expect(await retryWhileBusy(flaky(2), { ...noSleep, busyAttempts: 3 })).toBe(3);
    await expect(retryWhileBusy(flaky(0), { busyAttempts: 0 })).rejects.toThrow(TypeError);
  });

  it("recognises busy and locked codes, extended ones included", () => {
    expect(isBusy(busy())).toBe(true);
    expect(isBusy({ code: "SQLITE_BUSY_SNAPSHOT" })).toBe(true);
    expect(isBusy({ code: "SQLITE_LOCKED" })).toBe(true);
    expect(isBusy({ code: "SQLITE_CONSTRAINT" })).toBe(false);
    expect(isBusy(new Error("x"))).toBe(false);
    expect(isBusy(undefined)).toBe(false);
  });
});

describe("busyRetrying", () => {
  it("retries execute and batch, and leaves transactions to their owner", async () => {
    const execute = flaky(2);
    const batch = flaky(1);
    const client: SqlClient = {
      execute: async () => ({ ...empty, rowsAffected: await execute() }),
      batch: async () => [{ ...empty, rowsAffected: await batch() }],
      transaction: async () => {
        throw busy();
      },
    };
    const retrying = busyRetrying(client, noSleep);
    expect((await retrying.execute({ sql: "SELECT 1" })).rowsAffected).toBe(3);
    expect((await retrying.batch([{ sql: "SELECT 1" }], "write"))[0]?.rowsAffected).toBe(2);
    await expect(retrying.transaction("write")).rejects.toThrow("locked");
  });
});
