import type { z } from "zod";
import { closestKey } from "./closest-key.js";
import { describeExpectedType, describeGivenValue } from "./describe-given-value.js";
import { type ConfigPath, dottedPath, type SourcePaths, sourcePathFor } from "./key-aliases.js";

/** A zod issue as one plain sentence and the values that would have been accepted. */
export interface IssueDescription {
  problem: string;
  allowed?: readonly (string | number)[];
  /** Extra path segment for issues about a key rather than a value (unknown keys). */
  key?: string;
  fix?: string;
}

/** Words for zod's issues, and what they suggested for misspelt keys. */
export interface IssueWording {
  /** A zod error map: each issue's message names the expected type and the value given. */
  readonly errorMap: (issue: z.core.$ZodRawIssue) => string | undefined;
  /** Canonical dotted paths of the keys suggested for unknown keys ("did you mean …?"). */
  readonly suggestedPaths: ReadonlySet<string>;
}

/**
 * Wording for one parse. It works on the raw issues because zod 4 drops the input and the schema
 * from the issues it returns; `sourcePaths` gives unknown keys back their written spelling.
 *
 * @example
 * const wording = issueWording(canonical.sourcePaths);
 * schema.safeParse(value, { error: wording.errorMap });
 */
export function issueWording(sourcePaths: SourcePaths): IssueWording {
  const suggestedPaths = new Set<string>();
  const errorMap = (issue: z.core.$ZodRawIssue): string | undefined => {
    const path: ConfigPath = (issue.path ?? []) as ConfigPath;
    switch (issue.code) {
      case "invalid_type": {
        const expected = describeExpectedType(isIntegerSchema(issue.inst) ? "int" : issue.expected);
        if (issue.input === undefined) return `is required (expected ${expected})`;
        return `expected ${expected}, got ${describeGivenValue(issue.input, path)}`;
      }
      case "unrecognized_keys":
        return unknownKeysMessage(issue, path, sourcePaths, suggestedPaths);
      case "invalid_value": {
        const expected =
          issue.values.length === 1 ? JSON.stringify(issue.values[0]) : "one of the allowed values";
        return `expected ${expected}, got ${describeGivenValue(issue.input, path)}`;
      }
      case "invalid_union": {
        if (!("discriminator" in issue) || issue.discriminator === undefined) return undefined;
        const value = (issue.input as Record<string, unknown> | undefined)?.[issue.discriminator];
        if (value === undefined) return "is required (expected one of the allowed values)";
        return `expected one of the allowed values, got ${describeGivenValue(value, path)}`;
      }
      case "too_small":
      case "too_big": {
        const expected = describeBound(issue);
        return expected && `expected ${expected}, got ${describeGivenValue(issue.input, path)}`;
      }
      case "invalid_format": {
        const expected =
          issue.format === "url" ? "a URL such as http://127.0.0.1:8080" : `${issue.format} text`;
        return `expected ${expected}, got ${describeGivenValue(issue.input, path)}`;
      }
      default:
        return undefined;
    }
  };
  return { errorMap, suggestedPaths };
}

/**
 * The issue as a sentence (its message, written by `issueWording`'s error map), the allowed
 * values and a fix.
 *
 * @example
 * describeIssue(result.error.issues[0]); // { problem: 'expected an integer, got the string "512".' }
 */
export function describeIssue(issue: z.core.$ZodIssue): IssueDescription {
  const problem = /[.?!]$/.test(issue.message) ? issue.message : `${issue.message}.`;
  switch (issue.code) {
    case "unrecognized_keys":
      return {
        problem,
        key: issue.keys[0],
        fix: "Fix its spelling or remove it; the README's configuration reference lists every key.",
      };
    case "invalid_value":
      // A single accepted value is already named in the problem ("expected 1").
      return issue.values.length > 1 ? { problem, allowed: issue.values.map(toAllowed) } : { problem };
    case "invalid_union":
      return "options" in issue && issue.options
        ? { problem, allowed: issue.options.map(toAllowed) }
        : { problem };
    default:
      return { problem };
  }
}

function unknownKeysMessage(
  issue: z.core.$ZodRawIssue<z.core.$ZodIssueUnrecognizedKeys>,
  path: ConfigPath,
  sourcePaths: SourcePaths,
  suggestedPaths: Set<string>,
): string {
  const written = issue.keys.map((key) => String(sourcePathFor([...path, key], sourcePaths).at(-1)));
  const allowedKeys = Object.keys(objectShape(issue.inst));
  if (written.length > 1) return `unknown keys ${written.join(", ")}`;
  const writtenKey = written[0]!;
  const spell = /[A-Z]/.test(writtenKey) ? (key: string) => key : snakeCase;
  const suggestion = closestKey(writtenKey, allowedKeys.map(spell));
  if (suggestion === undefined) return `unknown key ${writtenKey}`;
  const canonical = allowedKeys.find((key) => spell(key) === suggestion)!;
  suggestedPaths.add(dottedPath([...path, canonical]));
  return `unknown key ${writtenKey}; did you mean ${suggestion}?`;
}

function describeBound(
  issue: z.core.$ZodRawIssue<z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig>,
): string | undefined {
  const small = issue.code === "too_small";
  const bound = Number(small ? issue.minimum : issue.maximum);
  switch (issue.origin) {
    case "number":
    case "int":
      if (issue.inclusive) return `${small ? "at least" : "at most"} ${bound}`;
      return `${small ? "more" : "less"} than ${bound}`;
    case "string":
      if (small && bound === 1) return "a non-empty string";
      return `${small ? "at least" : "at most"} ${bound} characters`;
    case "array":
      return `${small ? "at least" : "at most"} ${bound} item${bound === 1 ? "" : "s"}`;
    default:
      return undefined;
  }
}

function isIntegerSchema(schema: unknown): boolean {
  const definition = (schema as { _zod?: { def?: { format?: unknown } } } | undefined)?._zod?.def;
  return definition?.format === "safeint" || definition?.format === "int32";
}

function objectShape(schema: unknown): Record<string, unknown> {
  return (
    (schema as { _zod?: { def?: { shape?: Record<string, unknown> } } } | undefined)?._zod?.def?.shape ?? {}
  );
}

function snakeCase(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

function toAllowed(value: unknown): string | number {
  return typeof value === "number" ? value : String(value);
}
