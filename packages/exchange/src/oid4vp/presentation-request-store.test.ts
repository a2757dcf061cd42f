import { MemoryPresentationRequestStore } from "./presentation-request-store.ts";
import { presentationRequestStoreContract } from "./testing/presentation-store-contract.ts";

presentationRequestStoreContract("memory", async () => new MemoryPresentationRequestStore());
