import { type BaseErrorOptions, BedrockEmbeddingsError, errorCodeOf } from "./base-error.js";

export interface ConfigurationErrorOptions extends BaseErrorOptions {
  /** Dotted path of the offending key, e.g. `embedder.config.dimensions`. */
  path?: string;
  /** The configuration file, when the value came from one. */
  file?: string;
  /** One-based line in `file`, when known. */
  line?: number;
  /** The values that would have been accepted. */
  allowed?: readonly (string | number)[];
}

/**
 * A configuration value is missing, unknown or out of range. Thrown before any request is sent.
 *
 * @example
 * if (ConfigurationError.isInstance(error)) report(error.file, error.line, error.allowed);
 */
export class ConfigurationError extends BedrockEmbeddingsError {
  readonly path: string | undefined;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly allowed: readonly (string | number)[] | undefined;

  /** The problem alone, without location, allowed values or fix. */
  readonly problem: string;

  constructor(problem: string, options: ConfigurationErrorOptions = {}) {
    super("CONFIGURATION", describeLocation(options) + problem + describeAllowed(options.allowed), options);
    this.problem = problem;
    this.path = options.path;
    this.file = options.file;
    this.line = options.line;
    this.allowed = options.allowed;
  }

  static override isInstance(value: unknown): value is ConfigurationError {
    return errorCodeOf(value) === "CONFIGURATION";
  }

  /** The same problem, located in a file; keeps the original as `cause`. */
  withLocation(file: string, line: number | undefined, path?: string): ConfigurationError {
    return new ConfigurationError(this.problem, {
      path: path ?? this.path,
      file,
      line,
      allowed: this.allowed,
      fix: this.fix,
      cause: this,
    });
  }

  /** The same problem under another path (e.g. prefixed by where the options sit in a file). */
  relocated(path: string): ConfigurationError {
    return new ConfigurationError(this.problem, { path, allowed: this.allowed, fix: this.fix, cause: this });
  }
}

function describeLocation(options: { path?: string; file?: string; line?: number }): string {
  const where = options.file ? `${options.file}${options.line ? `:${options.line}` : ""}` : "";
  if (where && options.path) return `${where}: ${options.path}: `;
  if (where) return `${where}: `;
  if (options.path) return `${options.path}: `;
  return "";
}

function describeAllowed(allowed: readonly (string | number)[] | undefined): string {
  if (!allowed || allowed.length === 0) return "";
  return ` Allowed: ${allowed.map((value) => JSON.stringify(value)).join(", ")}.`;
}
