import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const packageNames = [
  "core",
  "bedrock",
  "langchain",
  "memory",
  "emulator",
  "cli",
  "ai-sdk",
  "llamaindex",
  "server",
];
// Tests run against the TypeScript sources, so a unit test never needs a build first.
const subpaths = [
  "core/testing",
  "bedrock/jobs",
  "memory/pgvector",
  "memory/testing",
  "langchain/aws",
  "server/testing",
];
const alias = Object.fromEntries(
  [...subpaths, ...packageNames].map((name) => {
    const [packageName, ...subpath] = name.split("/");
    return [
      `@bedrock-embeddings/${name}`,
      fileURLToPath(
        new URL(`./packages/${packageName}/src/${[...subpath, "index.ts"].join("/")}`, import.meta.url),
      ),
    ];
  }),
);

export default defineConfig({
  resolve: { alias },
  test: {
    // The SDK warns once per process that its 2027 releases need Node 22; Node 20 is supported here.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    reporters: ["default", "./scripts/plain-summary-reporter.ts"],
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["packages/*/src/**/*.test.ts"],
          exclude: ["**/*.live.test.ts", "**/node_modules/**"],
        },
      },
      {
        resolve: { alias },
        test: { name: "e2e", include: ["test/**/*.e2e.test.ts"], testTimeout: 60_000, hookTimeout: 60_000 },
      },
      // Opt-in tier against real services: present only when they are configured, so it is never skipped.
      ...(process.env["PGVECTOR_TEST_URL"]
        ? [
            {
              resolve: { alias },
              test: { name: "live", include: ["packages/*/src/**/*.live.test.ts"], testTimeout: 60_000 },
            },
          ]
        : []),
    ],
  },
});
