import type { z } from "zod";
import type { Environment } from "../environment.js";
import { ConfigurationError } from "../errors/configuration-error.js";
import { issueWording } from "./describe-issue.js";
import { interpolate } from "./interpolate.js";
import {
  type ConfigPath,
  canonicalizeKeys,
  dottedPath,
  type SourcePaths,
  sourcePathFor,
} from "./key-aliases.js";
import { schemaError } from "./schema-error.js";

export interface ParseOptions {
  /**
   * Values for `${VAR}` references, which are replaced only when this is given. Config files
   * pass it; typed objects built in code do not, so a secret containing `$` stays as written.
   */
  environment?: Environment;
  /** Turns a written path into a location for error messages (set by `loadConfig`). */
  locate?: (path: ConfigPath) => { file: string; line: number | undefined };
  /**
   * Further checks on the validated value (for example building the embedder, which knows each
   * model's allowed dimensions). A ConfigurationError it throws is located like a schema error.
   */
  validate?: (value: never) => void;
}

/**
 * Validates raw configuration (typed object or parsed file) against `schema`: interpolates
 * `${VAR}` when an environment is given, accepts snake_case and camelCase keys, rejects unknown
 * keys with their path.
 *
 * @example
 * const options = parseWithSchema(bedrockEmbedderOptionsSchema, { model: "cohere.embed-v4:0" });
 */
export function parseWithSchema<Schema extends z.ZodType>(
  schema: Schema,
  raw: unknown,
  options: ParseOptions = {},
): z.output<Schema> {
  const located = (error: ConfigurationError, path: ConfigPath) =>
    options.locate ? locateError(error, path, options.locate) : error;
  let canonical: { value: unknown; sourcePaths: SourcePaths };
  try {
    canonical = canonicalizeKeys(options.environment ? interpolate(raw, options.environment) : raw);
  } catch (error) {
    if (ConfigurationError.isInstance(error))
      throw located(error, (error.path ?? "").split(".").filter(Boolean));
    throw error;
  }
  const wording = issueWording(canonical.sourcePaths);
  const result = schema.safeParse(canonical.value, { error: wording.errorMap });
  if (result.success) {
    runValidation(result.data, canonical.sourcePaths, options);
    return result.data;
  }

  const { error, writtenPath } = schemaError(result.error, canonical, wording.suggestedPaths);
  if (options.locate) locateError(error, writtenPath, options.locate);
  throw error;
}

function locateError(
  error: ConfigurationError,
  path: ConfigPath,
  locate: NonNullable<ParseOptions["locate"]>,
): never {
  const { file, line } = locate(path);
  throw error.withLocation(file, line, dottedPath(path) || undefined);
}

function runValidation(value: unknown, sourcePaths: SourcePaths, options: ParseOptions): void {
  if (!options.validate) return;
  try {
    options.validate(value as never);
  } catch (error) {
    if (!ConfigurationError.isInstance(error) || !options.locate) throw error;
    const canonicalPath = (error.path ?? "").split(".").filter(Boolean);
    locateError(error, sourcePathFor(canonicalPath, sourcePaths), options.locate);
  }
}
