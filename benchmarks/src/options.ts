import { parseArgs } from "node:util";
import { CONTENDER_NAMES, type ContenderName } from "./contenders/registry.js";
import { SCENARIO_IDS, type ScenarioId } from "./scenarios.js";

/** What the command line asked for. */
export interface BenchmarkOptions {
  scenarios: ScenarioId[];
  contenders: ContenderName[];
  quick: boolean;
  /** Where the JSON figures go. */
  output: string;
}

export const USAGE = `Usage: pnpm --dir benchmarks run bench [-- options]
  --scenario A,B,C,D,E,F   scenarios to run (default: all)
  --contender ours,langchain,ai-sdk,mem0,raw-sdk
                           contenders to run (default: all)
  --quick                  smaller corpora, for a smoke run of a few minutes
  --output FILE            where to write the JSON figures (default: results/latest.json)
  --help                   this text`;

function pickList<T extends string>(value: string | undefined, allowed: readonly T[], what: string): T[] {
  if (value === undefined) return [...allowed];
  const picked = value
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
  const unknown = picked.filter((item) => !allowed.includes(item as T));
  if (unknown.length > 0) {
    throw new Error(`unknown ${what} ${unknown.join(", ")}; choose from ${allowed.join(", ")}.`);
  }
  // Keep the canonical order so tables from different runs line up.
  return allowed.filter((item) => picked.includes(item));
}

/**
 * Parses the benchmark's command line; throws with the allowed values on a typo.
 *
 * @example
 * parseOptions(["--scenario", "A,E", "--contender", "ours", "--quick"]);
 */
export function parseOptions(argv: readonly string[]): BenchmarkOptions | "help" {
  const { values } = parseArgs({
    args: argv.filter((argument) => argument !== "--"),
    options: {
      scenario: { type: "string" },
      contender: { type: "string" },
      quick: { type: "boolean", default: false },
      output: { type: "string", default: "results/latest.json" },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.help) return "help";
  return {
    scenarios: pickList(values.scenario?.toUpperCase(), SCENARIO_IDS, "scenario"),
    contenders: pickList(values.contender, CONTENDER_NAMES, "contender"),
    quick: values.quick,
    output: values.output,
  };
}
