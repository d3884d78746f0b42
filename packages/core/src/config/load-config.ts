import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import type { Environment } from "../environment.js";
import { ConfigurationError } from "../errors/configuration-error.js";
import { type AppConfig, appConfigSchema } from "./app-config-schema.js";
import type { ConfigPath } from "./key-aliases.js";
import { parseWithSchema } from "./parse-config.js";
import { resolveVectorStorePath } from "./vector-store-config-schema.js";

export interface LoadConfigOptions {
  /** Values for `${VAR}` references. Defaults to none: pass `processEnvironment()` explicitly. */
  environment?: Environment;
  /** Further checks after the schema, e.g. `(config) => createEmbedder(config.embedder, ...)`. */
  validate?: (config: AppConfig) => void;
  /**
   * Folder that relative store paths (`vector_store.config.path`, `memory.data_directory`) resolve
   * against; default the config file's folder, so the store does not move with the working directory.
   */
  baseDirectory?: string;
}

/**
 * Reads and validates a YAML or JSON configuration file (mem0/embedchain shape).
 * Errors name the file, the line and the allowed values. A relative file store path is made
 * absolute against the file's folder.
 *
 * @example
 * const config = await loadConfig("examples/demo.yaml", { environment: processEnvironment() });
 * config.embedder.config.model; // "amazon.titan-embed-text-v2:0"
 */
export async function loadConfig(file: string, options: LoadConfigOptions = {}): Promise<AppConfig> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new ConfigurationError(`cannot read configuration file ${file}.`, {
      cause: error,
      fix: "Check the path passed with --config.",
    });
  }
  return parseConfigText(text, file, options);
}

/**
 * Same as `loadConfig` for text already in memory; `file` is used in messages and, unless
 * `baseDirectory` is given, its folder is where relative store paths resolve.
 *
 * @example
 * const config = parseConfigText("embedder:\n  provider: aws_bedrock\n", "/etc/app/app.yaml");
 * config.vectorStore; // { provider: "file", config: { path: "/etc/app/.data/memory" } }
 */
export function parseConfigText(text: string, file: string, options: LoadConfigOptions = {}): AppConfig {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntaxError = document.errors[0];
  if (syntaxError) {
    const line = syntaxError.linePos?.[0]?.line ?? lineCounter.linePos(syntaxError.pos[0]).line;
    throw new ConfigurationError(
      `the file is not valid YAML or JSON: ${syntaxError.message.split("\n")[0]}`,
      {
        file,
        line,
        cause: syntaxError,
        fix: "Fix the syntax at that line.",
      },
    );
  }
  const raw = document.toJS() ?? {};
  const locate = (path: ConfigPath) => ({ file, line: lineOf(document.contents, path, lineCounter) });
  const config = parseWithSchema(appConfigSchema, raw, {
    environment: options.environment ?? {},
    locate,
    validate: options.validate as ((value: never) => void) | undefined,
  });
  const baseDirectory = options.baseDirectory ?? dirname(resolve(file));
  return { ...config, vectorStore: resolveVectorStorePath(config.vectorStore, baseDirectory) };
}

/** The line of the deepest node along `path` that exists in the document. */
function lineOf(root: unknown, path: ConfigPath, lineCounter: LineCounter): number | undefined {
  let node: unknown = root;
  let offset: number | undefined = rangeStart(root);
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (!pair) break;
      offset = rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)];
      if (item === undefined) break;
      offset = rangeStart(item) ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset === undefined ? undefined : lineCounter.linePos(offset).line;
}

function rangeStart(node: unknown): number | undefined {
  return (node as Partial<Node> | null)?.range?.[0];
}
