import type { z } from "zod";
import { ConfigurationError } from "../errors/configuration-error.js";
import { describeIssue } from "./describe-issue.js";
import { type ConfigPath, dottedPath, type SourcePaths, sourcePathFor } from "./key-aliases.js";

/**
 * The ConfigurationError for a failed schema check: the first problem in full at the path as
 * written, the others named. The ZodError stays the cause, with a one-line message instead of
 * zod's JSON dump of the issues (the CLI prints causes).
 *
 * @example
 * const { error, writtenPath } = schemaError(result.error, canonical, wording.suggestedPaths);
 */
export function schemaError(
  zodError: z.ZodError,
  canonical: { value: unknown; sourcePaths: SourcePaths },
  suggestedPaths: ReadonlySet<string>,
): { error: ConfigurationError; writtenPath: ConfigPath } {
  const issues = reportedIssues(zodError.issues, canonical.value, suggestedPaths);
  const descriptions = issues.map(describeIssue);
  const writtenPaths = issues.map((issue, position) => {
    const key = descriptions[position]!.key;
    const canonicalPath = (key === undefined ? issue.path : [...issue.path, key]) as ConfigPath;
    return sourcePathFor(canonicalPath, canonical.sourcePaths);
  });
  const [first, ...others] = writtenPaths.map((path) => dottedPath(path) || "(top level)");
  zodError.message = `the configuration schema rejected ${[first, ...others].join(", ")}`;
  const description = descriptions[0]!;
  const more =
    others.length === 0
      ? ""
      : ` (${others.length} more problem${others.length > 1 ? "s" : ""} after this one: ${others.join(", ")}.)`;
  const error = new ConfigurationError(description.problem + more, {
    path: first,
    allowed: description.allowed,
    fix: description.fix,
    cause: zodError,
  });
  return { error, writtenPath: writtenPaths[0]! };
}

/**
 * Unknown keys first, since a misspelt key also leaves the key it was meant to be missing; that
 * "is required" issue is dropped when the unknown key's suggestion names it.
 */
function reportedIssues(
  issues: readonly z.core.$ZodIssue[],
  value: unknown,
  suggestedPaths: ReadonlySet<string>,
): z.core.$ZodIssue[] {
  const missingBecauseMisspelt = (issue: z.core.$ZodIssue) =>
    suggestedPaths.has(dottedPath(issue.path as ConfigPath)) &&
    valueAt(value, issue.path as ConfigPath) === undefined;
  const kept = issues.filter((issue) => !missingBecauseMisspelt(issue));
  return [
    ...kept.filter((issue) => issue.code === "unrecognized_keys"),
    ...kept.filter((issue) => issue.code !== "unrecognized_keys"),
  ];
}

function valueAt(root: unknown, path: ConfigPath): unknown {
  let node = root;
  for (const segment of path) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}
