import { BedrockEmbeddingsError, InputError } from "@bedrock-embeddings/core";

/** A failed input as `embed` reports it: its index, its stdin line (if any) and why. */
export interface ReportedFailure {
  index: number;
  line: number | undefined;
  error: Error;
}

/**
 * Writes failures to stderr in input order, one line each, except that consecutive inputs
 * failing for the same reason share one line (an endpoint that died fails thousands alike):
 * `input 4 (stdin line 5) failed: ...` or `inputs 4-9 (stdin lines 5-11) failed: ...`.
 *
 * @example
 * const report = failureReport((text) => io.stderr.write(text));
 * report.add({ index: 4, line: 5, error });
 * report.flush(); // after the last input
 */
export function failureReport(write: (text: string) => void): {
  add(failure: ReportedFailure): void;
  flush(): void;
} {
  let group: { first: ReportedFailure; last: ReportedFailure; reason: string } | undefined;
  const flush = (): void => {
    if (group === undefined) return;
    write(`${describeGroup(group.first, group.last)} failed: ${group.reason}\n`);
    group = undefined;
  };
  return {
    add(failure) {
      const reason = reasonOf(failure.error);
      if (group !== undefined && group.reason === reason && group.last.index + 1 === failure.index) {
        group.last = failure;
        return;
      }
      flush();
      group = { first: failure, last: failure, reason };
    },
    flush,
  };
}

function describeGroup(first: ReportedFailure, last: ReportedFailure): string {
  const indexes = first === last ? `input ${first.index}` : `inputs ${first.index}-${last.index}`;
  if (first.line === undefined) return indexes;
  const lines = first === last ? `stdin line ${first.line}` : `stdin lines ${first.line}-${last.line}`;
  return `${indexes} (${lines})`;
}

// An InputError's message starts with its index in the chunk the embedder saw, not the run's
// index: the problem and the fix alone.
function reasonOf(error: Error): string {
  if (InputError.isInstance(error)) return error.fix ? `${error.problem} ${error.fix}` : error.problem;
  if (BedrockEmbeddingsError.isInstance(error) || !error.name || error.name === "Error") return error.message;
  return `${error.name}: ${error.message}`;
}
