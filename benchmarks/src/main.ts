/**
 * The benchmark program: every scenario of the "Throughput and resilience under real quotas" issue,
 * each contender in its own worker process against one emulator process with the same corpus and
 * the same traffic settings. Prints a Markdown table and writes the figures as JSON.
 *
 * Run from the repository root with `npm run bench` (builds the packages and installs this folder first),
 * or `pnpm --dir benchmarks run bench -- --quick` once installed.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { availableParallelism, cpus } from "node:os";
import { dirname, resolve } from "node:path";
import { EMULATOR_DEFAULT_CREDENTIALS } from "@bedrock-embeddings/emulator";
import { BENCHMARKS_ROOT } from "./child-entry.js";
import { EmulatorProcess } from "./emulator-control.js";
import { fillUncachedRows, measureContender } from "./measure.js";
import { parseOptions, USAGE } from "./options.js";
import type { ResultRow } from "./result-row.js";
import { buildRuns } from "./scenarios.js";
import { formatTable } from "./table.js";
import { addRatiosToRawSdk, judge, TARGETS } from "./targets.js";

function progress(row: ResultRow): string {
  const figures = [
    row.wallSeconds === undefined ? undefined : `${row.wallSeconds.toFixed(1)} s`,
    row.calls === undefined ? undefined : `${row.calls} calls`,
    row.throttled ? `${row.throttled} throttled` : undefined,
    row.lost ? `${row.lost} lost` : undefined,
    row.note,
  ].filter(Boolean);
  return `  ${row.run} · ${row.label}: ${row.status}${figures.length ? ` (${figures.join(", ")})` : ""}`;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options === "help") {
    console.log(USAGE);
    return;
  }
  const runs = buildRuns(options.quick).filter((run) => options.scenarios.includes(run.scenario));
  const startedAt = new Date();
  const emulator = await EmulatorProcess.start();
  const rows: ResultRow[] = [];
  try {
    console.error(
      `Benchmark: ${runs.length} runs × ${options.contenders.length} contenders, emulator at ${emulator.url}` +
        (options.quick ? " (quick)" : ""),
    );
    for (const run of runs) {
      for (const contender of options.contenders) {
        const row = await measureContender(run, contender, emulator, EMULATOR_DEFAULT_CREDENTIALS);
        console.error(progress(row));
        rows.push(row);
      }
    }
  } finally {
    await emulator.stop();
  }
  fillUncachedRows(runs, rows);
  addRatiosToRawSdk(rows);
  for (const row of rows) if (row.contender === "ours") row.target = judge(row);

  console.log(formatTable(rows));
  if (options.quick) {
    console.log(
      "\nQuick run: the corpora are a few seconds of work, too short for a client that learns the quota to" +
        " settle, so the targets are only meaningful on a full run.",
    );
  }
  const output = resolve(
    options.output === "results/latest.json" ? BENCHMARKS_ROOT : process.cwd(),
    options.output,
  );
  await mkdir(dirname(output), { recursive: true });
  const document = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    arguments: process.argv.slice(2),
    quick: options.quick,
    machine: {
      node: process.version,
      platform: process.platform,
      cpus: availableParallelism(),
      cpu: cpus()[0]?.model,
    },
    targets: TARGETS,
    runs,
    rows,
  };
  await writeFile(output, `${JSON.stringify(document, null, 2)}\n`);
  const minutes = (Date.now() - startedAt.getTime()) / 60_000;
  console.error(`Figures written to ${output} (${minutes.toFixed(1)} minutes)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
