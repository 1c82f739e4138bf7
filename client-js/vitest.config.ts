import { defineConfig } from "vitest/config";
import { packageAliases } from "./vite.config.ts";

/**
 * Three projects: `unit` (no server), and `integration` and `browser`, which need a running
 * application (AGENTBUS_ADDRESS, AGENTBUS_URL) and are run by agent-verticles' ClientJsTest.
 */
/** Tests import the package by its public names, resolved to its sources. */
const resolve = { alias: packageAliases };

export default defineConfig({
  test: {
    projects: [
      { resolve, test: { name: "unit", include: ["test/unit/**/*.test.ts"] } },
      { resolve, test: { name: "integration", include: ["test/integration/**/*.test.ts"] } },
      {
        resolve,
        test: {
          name: "browser",
          include: ["test/browser/**/*.test.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
