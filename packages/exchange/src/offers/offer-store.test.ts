/** The in-memory offer ports pass the contract suites that the libSQL ones pass too. */
import { MemoryAuditLog } from "@learnbridge/issuer";
import { MemoryNonceStore } from "../oid4vci/nonce-store.ts";
import { MemoryOfferStore } from "./offer-store.ts";
import { nonceStoreContract, offerStoreContract } from "./offer-store-contract.ts";

offerStoreContract("memory", async () => {
  const audit = new MemoryAuditLog();
  return { offers: new MemoryOfferStore({ audit }), audit };
});
nonceStoreContract("memory", async () => new MemoryNonceStore());
