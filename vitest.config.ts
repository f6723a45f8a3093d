import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      "@server": here("./server/src"),
      "@contract": here("./contract"),
      "@test": here("./server/test"),
      "@web": here("./web/src"),
    },
  },
  test: {
    include: ["server/**/*.test.ts", "contract/**/*.test.ts", "test/**/*.test.ts", "web/**/*.test.ts"],
    globalSetup: ["./server/test/global-setup.ts"],
    setupFiles: ["./server/test/after-each-file.ts"],
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
