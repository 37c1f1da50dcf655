import { defineConfig } from "vitest/config";

// One config for every build and test environment. Test files are split into Vitest projects by
// environment: pure and widget code under happy-dom, the API under Node with real SQLite files.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.{ts,tsx}"],
          environment: "happy-dom",
        },
      },
      {
        test: {
          name: "api",
          include: ["tests/api/**/*.test.ts"],
          environment: "node",
        },
      },
    ],
  },
});
