import type { Environment } from "../environment.js";
import { ConfigurationError } from "../errors/configuration-error.js";
import type { ConfigPath } from "./key-aliases.js";
import { dottedPath, isPlainObject } from "./key-aliases.js";

const REFERENCE = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/**
 * Replaces `${VAR}` and `${VAR:-default}` in every string value, so secrets stay out of files.
 * `$$` writes a literal `$`. A variable that is unset (or empty) with no default is an error.
 *
 * @example
 * interpolate({ region: "${AWS_REGION:-us-east-1}" }, {}); // { region: "us-east-1" }
 */
export function interpolate(value: unknown, environment: Environment, path: ConfigPath = []): unknown {
  if (typeof value === "string") return interpolateString(value, environment, path);
  if (Array.isArray(value))
    return value.map((item, position) => interpolate(item, environment, [...path, position]));
  if (isPlainObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([key, child]) => [key, interpolate(child, environment, [...path, key])]),
    );
  }
  return value;
}

const WHOLE_REFERENCE = /^\$\{[A-Za-z_][A-Za-z0-9_]*(?::-[^}]*)?\}$/;

function interpolateString(text: string, environment: Environment, path: ConfigPath): unknown {
  const replaced = replaceReferences(text, environment, path);
  // `dimensions: ${DIMENSIONS}` should give a number, as if the value had been written in place.
  return WHOLE_REFERENCE.test(text) ? scalarFromText(replaced) : replaced;
}

function scalarFromText(text: string): unknown {
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (text === "true" || text === "false") return text === "true";
  return text;
}

function replaceReferences(text: string, environment: Environment, path: ConfigPath): string {
  return text.replace(REFERENCE, (match, name: string | undefined, fallback: string | undefined) => {
    if (match === "$$") return "$";
    const found = environment[name!];
    if (found !== undefined && found !== "") return found;
    if (fallback !== undefined) return fallback;
    throw new ConfigurationError(`environment variable ${name} is not set.`, {
      path: dottedPath(path),
      fix: `Set ${name}, or write \${${name}:-default} to give a default.`,
    });
  });
}
