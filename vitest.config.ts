import { defineConfig } from "vitest/config";

// Under CI a JSON report is written too; .ci/run sums it into the one closing line CI reads.
const ci = process.env.CI === "true";

export default defineConfig({
  test: {
    include: ["packages/*/src/**/*.test.ts", "test/**/*.test.ts", "workers/*/test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ci ? ["default", "json"] : ["default"],
    ...(ci ? { outputFile: { json: ".ci/out/vitest.json" } } : {}),
  },
});
