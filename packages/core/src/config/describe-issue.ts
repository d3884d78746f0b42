import type { z } from "zod";

/** A zod issue as one plain sentence and the values that would have been accepted. */
export interface IssueDescription {
  problem: string;
  allowed?: readonly (string | number)[];
  /** Extra path segment for issues about a key rather than a value (unknown keys). */
  key?: string;
  fix?: string;
}

export function describeIssue(issue: z.core.$ZodIssue): IssueDescription {
  switch (issue.code) {
    case "unrecognized_keys": {
      const keys = issue.keys.map((key) => JSON.stringify(key)).join(", ");
      return {
        problem: `unknown key ${keys}.`,
        key: issue.keys[0],
        fix: "Remove it or fix its spelling; see the configuration reference in the README.",
      };
    }
    case "invalid_value":
      return { problem: `${issue.message}.`, allowed: issue.values.map(toAllowed) };
    case "invalid_union":
      // A discriminated union (e.g. vector_store.provider) names the values it would accept.
      if ("options" in issue && issue.discriminator !== undefined && issue.options) {
        return {
          problem: "is missing or not one of the allowed values.",
          allowed: issue.options.map(toAllowed),
        };
      }
      return { problem: `${issue.message}.` };
    case "invalid_type":
      return {
        problem:
          issue.input === undefined ? `is required (expected ${issue.expected}).` : `${issue.message}.`,
      };
    default:
      return { problem: `${issue.message}.` };
  }
}

function toAllowed(value: unknown): string | number {
  return typeof value === "number" ? value : String(value);
}
