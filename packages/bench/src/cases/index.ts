/** Every case, in the order they run and print. */
import type { BenchCase, BenchFixtures } from "./case.ts";
import { didJwtVcCases } from "./did-jwt-vc.ts";
import { digitalBazaarCases } from "./digital-bazaar.ts";
import { joseLibraryCases } from "./jose-library.ts";
import { ourDataIntegrityCases } from "./ours-data-integrity.ts";
import { ourJoseCases } from "./ours-jose.ts";
import { rawCryptoCases } from "./raw-crypto.ts";
import { whereTimeGoesCases } from "./where-time-goes.ts";

export type { BenchCase, BenchFixtures, CaseKind } from "./case.ts";
export { RAW_VERIFY_ID } from "./raw-crypto.ts";

/**
 * Builds every case. Order matters once: Digital Bazaar's "tags static" case fills jsonld's module-wide
 * context cache, which its untagged case would then hit too, so the untagged one must run first.
 */
export async function allCases(fixtures: BenchFixtures): Promise<BenchCase[]> {
  const groups = await Promise.all([
    rawCryptoCases(fixtures),
    ourDataIntegrityCases(fixtures),
    digitalBazaarCases(fixtures),
    whereTimeGoesCases(fixtures),
    ourJoseCases(fixtures),
    joseLibraryCases(fixtures),
    didJwtVcCases(fixtures),
  ]);
  const cases = groups.flat();
  // Print each group's rows together: our DI rows, then DB's, whatever factory made them.
  const order = [...new Set(cases.map((c) => c.group))];
  return cases.sort((a, b) => order.indexOf(a.group) - order.indexOf(b.group));
}
