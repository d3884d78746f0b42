import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appConfigSchema } from "./app-config-schema.js";
import { configError } from "./config-error.test-helpers.js";
import { loadConfig, parseConfigText } from "./load-config.js";
import { parseWithSchema } from "./parse-config.js";

const EMBEDDER = "embedder:\n  provider: aws_bedrock\n";
const CONFIG_FILE = "/srv/app/config/app.yaml";

function parse(text: string, environment: Record<string, string> = {}) {
  return parseConfigText(EMBEDDER + text, CONFIG_FILE, { environment });
}

describe("vector_store in a config file", () => {
  it("defaults to a file store at .data/memory beside the config file", () => {
    expect(parse("").vectorStore).toEqual({
      provider: "file",
      config: { path: "/srv/app/config/.data/memory" },
    });
  });

  it("uses memory.data_directory as the file store path, resolved against the config file's folder", () => {
    expect(parse("memory:\n  data_directory: ../state\n  top_k: 3\n").vectorStore).toEqual({
      provider: "file",
      config: { path: "/srv/app/state" },
    });
    expect(parse("memory:\n  data_directory: /var/lib/memory\n").vectorStore.config).toEqual({
      path: "/var/lib/memory",
    });
  });

  it("reads a file store with its collection, resolving a relative path against the config file's folder", () => {
    const config = parse(
      "vector_store:\n  provider: file\n  config:\n    path: data\n    collection: notes\n",
    );
    expect(config.vectorStore).toEqual({
      provider: "file",
      config: { path: "/srv/app/config/data", collection: "notes" },
    });
    expect(config.memory.topK).toBe(5);
  });

  it("resolves against baseDirectory when one is given", () => {
    const config = parseConfigText(
      `${EMBEDDER}vector_store:\n  provider: file\n  config:\n    path: data\n`,
      "stdin",
      { baseDirectory: "/opt/here" },
    );
    expect(config.vectorStore.config).toEqual({ path: "/opt/here/data" });
  });

  it("reads pgvector with snake_case keys and ${DATABASE_URL}", () => {
    const config = parse(
      [
        "vector_store:",
        "  provider: pgvector",
        "  config:",
        "    connection_string: ${DATABASE_URL}",
        "    table: team_memories",
        "    max_connections: 4",
      ].join("\n"),
      { DATABASE_URL: "postgresql://app:secret@db:5432/app" },
    );
    expect(config.vectorStore).toEqual({
      provider: "pgvector",
      config: {
        connectionString: "postgresql://app:secret@db:5432/app",
        table: "team_memories",
        maxConnections: 4,
      },
    });
  });

  it("accepts camelCase keys in typed objects, leaving a relative path as given", () => {
    const config = parseWithSchema(appConfigSchema, {
      embedder: { provider: "aws_bedrock" },
      vectorStore: { provider: "file", config: { path: "relative/store" } },
    });
    expect(config.vectorStore).toEqual({ provider: "file", config: { path: "relative/store" } });
  });

  it("refuses vector_store together with memory.data_directory, naming both keys", () => {
    const error = configError(() =>
      parse(
        [
          "vector_store:",
          "  provider: file",
          "  config:",
          "    path: data",
          "memory:",
          "  data_directory: old-data",
        ].join("\n"),
      ),
    );
    expect(error.path).toBe("memory.data_directory");
    expect(error.line).toBe(8);
    expect(error.message).toContain("memory.data_directory and vector_store");
  });

  it("names the allowed providers at the provider's line", () => {
    const error = configError(() => parse("vector_store:\n  provider: qdrant\n  config:\n    path: x\n"));
    expect(error.path).toBe("vector_store.provider");
    expect(error.line).toBe(4);
    expect(error.allowed).toEqual(["file", "pgvector"]);
    expect(error.message).toContain('Allowed: "file", "pgvector"');
  });

  it("rejects a key of the other provider with its path and line", () => {
    const error = configError(() =>
      parse("vector_store:\n  provider: pgvector\n  config:\n    connection_string: x\n    path: data\n"),
    );
    expect(error.path).toBe("vector_store.config.path");
    expect(error.line).toBe(7);
    expect(error.message).toContain("unknown key path");
  });

  it("requires a path for the file store", () => {
    const error = configError(() =>
      parse("vector_store:\n  provider: file\n  config:\n    collection: notes\n"),
    );
    expect(error.path).toBe("vector_store.config.path");
  });

  it("refuses a table name that is not a plain identifier, without echoing the connection string", () => {
    const error = configError(() =>
      parse(
        "vector_store:\n  provider: pgvector\n  config:\n    connection_string: postgresql://app:hunter2@db/app\n    table: memories; drop table x\n",
      ),
    );
    expect(error.path).toBe("vector_store.config.table");
    expect(error.line).toBe(7);
    expect(error.message).toContain("lowercase SQL identifier");
    expect(error.message).not.toContain("hunter2");
  });

  it("refuses a max_connections that is not a positive whole number", () => {
    const error = configError(() =>
      parse(
        "vector_store:\n  provider: pgvector\n  config:\n    connection_string: x\n    max_connections: 0\n",
      ),
    );
    expect(error.path).toBe("vector_store.config.max_connections");
  });
});

describe("loadConfig store paths", () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), "store-config-"));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it("resolves the store path against the file's folder, not the working directory", async () => {
    const file = join(directory, "app.yaml");
    await writeFile(file, `${EMBEDDER}memory:\n  data_directory: memories\n`);
    const config = await loadConfig(file);
    expect(config.vectorStore).toEqual({ provider: "file", config: { path: join(directory, "memories") } });
  });
});
