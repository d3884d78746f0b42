import { ConfigurationError } from "../errors/configuration-error.js";

/** A path through parsed configuration: object keys and array positions. */
export type ConfigPath = readonly (string | number)[];

/** Canonical dotted path -> the path as written in the source, for error locations. */
export type SourcePaths = Map<string, ConfigPath>;

// Names other projects use for the same settings, so a mem0 or embedchain config ports as is.
const RENAMED_KEYS: Readonly<Record<string, string>> = {
  embeddingDims: "dimensions",
  awsRegion: "region",
  awsProfile: "profile",
  modelId: "model",
  dataDir: "dataDirectory",
};

const CREDENTIAL_KEYS: Readonly<Record<string, string>> = {
  awsAccessKeyId: "accessKeyId",
  awsSecretAccessKey: "secretAccessKey",
  awsSessionToken: "sessionToken",
};

/** `embedding_dims` -> `embeddingDims`; camelCase keys are left alone. */
export function camelCase(key: string): string {
  return key.replace(/[_-]([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

export function dottedPath(path: ConfigPath): string {
  return path.join(".");
}

/**
 * Rewrites snake_case and alias keys to the canonical camelCase names, recording where each
 * canonical key came from so errors can point at the line the user wrote.
 *
 * @example
 * canonicalizeKeys({ aws_region: "us-east-1" }).value; // { region: "us-east-1" }
 */
export function canonicalizeKeys(input: unknown): { value: unknown; sourcePaths: SourcePaths } {
  const sourcePaths: SourcePaths = new Map();
  const value = canonicalizeValue(input, [], [], sourcePaths);
  return { value, sourcePaths };
}

function canonicalizeValue(
  input: unknown,
  canonicalPath: ConfigPath,
  sourcePath: ConfigPath,
  sourcePaths: SourcePaths,
): unknown {
  sourcePaths.set(dottedPath(canonicalPath), sourcePath);
  if (Array.isArray(input)) {
    return input.map((item, position) =>
      canonicalizeValue(item, [...canonicalPath, position], [...sourcePath, position], sourcePaths),
    );
  }
  if (!isPlainObject(input)) return input;

  const output: Record<string, unknown> = {};
  for (const [writtenKey, child] of Object.entries(input)) {
    const camelKey = camelCase(writtenKey);
    const credentialKey = CREDENTIAL_KEYS[camelKey];
    const targetPath = credentialKey ? ["credentials", credentialKey] : [RENAMED_KEYS[camelKey] ?? camelKey];
    const container = credentialKey ? credentialsContainer(output, canonicalPath, sourcePaths) : output;
    const targetKey = targetPath[targetPath.length - 1]!;
    if (Object.hasOwn(container, targetKey)) {
      throw new ConfigurationError(
        `"${writtenKey}" sets ${dottedPath([...canonicalPath, ...targetPath])} a second time.`,
        {
          path: dottedPath([...sourcePath, writtenKey]),
          fix: "Keep one spelling of this key.",
        },
      );
    }
    container[targetKey] = canonicalizeValue(
      child,
      [...canonicalPath, ...targetPath],
      [...sourcePath, writtenKey],
      sourcePaths,
    );
  }
  return output;
}

function credentialsContainer(
  output: Record<string, unknown>,
  canonicalPath: ConfigPath,
  sourcePaths: SourcePaths,
): Record<string, unknown> {
  const existing = output["credentials"];
  if (isPlainObject(existing)) return existing;
  const created: Record<string, unknown> = {};
  output["credentials"] = created;
  const path = dottedPath([...canonicalPath, "credentials"]);
  if (!sourcePaths.has(path)) sourcePaths.set(path, canonicalPath);
  return created;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The written path for a canonical one: the longest recorded prefix plus the rest. */
export function sourcePathFor(canonicalPath: ConfigPath, sourcePaths: SourcePaths): ConfigPath {
  for (let length = canonicalPath.length; length >= 0; length--) {
    const recorded = sourcePaths.get(dottedPath(canonicalPath.slice(0, length)));
    if (recorded) return [...recorded, ...canonicalPath.slice(length)];
  }
  return canonicalPath;
}
