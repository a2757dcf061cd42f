/**
 * Tamper-evidence over every path: for signed credentials (Data Integrity rdfc and jcs, VC-JOSE), changing
 * any single leaf, adding a property to any object, or removing any property must make verification fail,
 * with the failing check named. The mutations are generated from the document, not hand-picked.
 */
import { fromBase64Url, fromUtf8, toBase64Url, utf8 } from "@learnbridge/core";
import { beforeAll, describe, expect, it } from "vitest";
import type { VerificationReport } from "./report.ts";
import { makeIssuer, NOW, signedSample } from "./test-fixtures.ts";
import { verifyCredential } from "./verify-credential.ts";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

interface Mutation {
  readonly label: string;
  readonly apply: (root: Json) => Json;
}

const clone = <T>(value: T): T => structuredClone(value);

function walk(value: Json, path: Path, visit: (value: Json, path: Path) => void) {
  visit(value, path);
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) walk(item, [...path, i], visit);
  } else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) walk(v, [...path, k], visit);
}

function parentOf(root: Json, path: Path): Json {
  let node = root;
  for (const key of path.slice(0, -1)) node = (node as Record<string | number, Json>)[key] as Json;
  return node;
}

function changedLeaf(value: Json): Json {
  if (typeof value === "string") return `${value}x`;
  if (typeof value === "number") return value + 1;
  if (typeof value === "boolean") return !value;
  return "x";
}

/** Every single-leaf change, every added property, every removed property of `document`. */
export function mutationsOf(document: Json): Mutation[] {
  const mutations: Mutation[] = [];
  walk(document, [], (value, path) => {
    const where = path.join(".") || "(root)";
    if (value === null || typeof value !== "object") {
      mutations.push({
        label: `change ${where}`,
        apply: (root) => {
          const copy = clone(root);
          (parentOf(copy, path) as Record<string | number, Json>)[path.at(-1) as string] = changedLeaf(value);
          return copy;
        },
      });
    } else if (!Array.isArray(value)) {
      mutations.push({
        label: `add a property to ${where}`,
        apply: (root) => {
          const copy = clone(root);
          const target = (
            path.length
              ? (parentOf(copy, path) as Record<string | number, Json>)[path.at(-1) as string]
              : copy
          ) as Record<string, Json>;
          target.tampered = "yes";
          return copy;
        },
      });
    }
    const key = path.at(-1);
    if (typeof key === "string") {
      mutations.push({
        label: `remove ${where}`,
        apply: (root) => {
          const copy = clone(root);
          delete (parentOf(copy, path) as Record<string, Json>)[key];
          return copy;
        },
      });
    }
  });
  return mutations;
}

function expectRefused(report: VerificationReport, label: string) {
  const failed = report.checks.filter((c) => c.outcome === "fail");
  expect(report.verified, `${label} was accepted`).toBe(false);
  expect(failed.length, `${label}: no check named the failure`).toBeGreaterThan(0);
  for (const check of failed) expect(check.code).toMatch(/^[A-Z_]+$/);
}

describe("tamper-evidence over every path", () => {
  for (const cryptosuite of ["eddsa-rdfc-2022", "eddsa-jcs-2022"] as const) {
    describe(`Data Integrity ${cryptosuite}`, () => {
      let signed: Json;
      beforeAll(async () => {
        signed = (await signedSample(await makeIssuer(), "ldp_vc", cryptosuite)).credential as Json;
      });

      it("verifies untouched", async () => {
        expect((await verifyCredential(signed, { clock: () => NOW })).verified).toBe(true);
      });

      it("refuses every single mutation", async () => {
        const mutations = mutationsOf(signed);
        expect(mutations.length).toBeGreaterThan(150);
        const counts = new Map<string, number>();
        for (const mutation of mutations) {
          const report = await verifyCredential(mutation.apply(signed), { clock: () => NOW });
          expectRefused(report, mutation.label);
          const first = report.checks.find((c) => c.outcome === "fail");
          counts.set(`${first?.name}:${first?.code}`, (counts.get(`${first?.name}:${first?.code}`) ?? 0) + 1);
        }
        // Most mutations of the signed content are caught by the signature itself.
        expect(counts.get("proof:PROOF_INVALID") ?? 0).toBeGreaterThan(mutations.length / 4);
      }, 120_000);
    });
  }

  describe("VC-JOSE vc+jwt", () => {
    let jwt: string;
    beforeAll(async () => {
      jwt = (await signedSample(await makeIssuer(), "jwt_vc")).credential as string;
    });

    it("refuses every mutation of the payload and of the protected header", async () => {
      const [header, payload, signature] = jwt.split(".") as [string, string, string];
      const decode = (part: string) => JSON.parse(fromUtf8(fromBase64Url(part))) as Json;
      const encode = (value: Json) => toBase64Url(utf8(JSON.stringify(value)));
      const cases = [
        ...mutationsOf(decode(payload)).map((m) => ({
          label: `payload: ${m.label}`,
          jwt: `${header}.${encode(m.apply(decode(payload)))}.${signature}`,
        })),
        ...mutationsOf(decode(header)).map((m) => ({
          label: `header: ${m.label}`,
          jwt: `${encode(m.apply(decode(header)))}.${payload}.${signature}`,
        })),
      ];
      expect(cases.length).toBeGreaterThan(150);
      for (const c of cases) {
        const report = await verifyCredential(c.jwt, { clock: () => NOW });
        expectRefused(report, c.label);
        expect(report.checks.find((check) => check.outcome === "fail")?.name, c.label).toMatch(
          /^(proof|issuer|structure)$/,
        );
      }
    }, 120_000);
  });
});
