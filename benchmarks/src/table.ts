import type { ResultRow } from "./result-row.js";

const HEADERS = [
  "Run",
  "Contender",
  "Texts",
  "Status",
  "Wall s",
  "× optimum",
  "Calls",
  "Throttled",
  "Lost",
  "CPU ms/1k",
  "× raw SDK",
  "Same vectors",
  "Target",
];

const blank = "–";
const fixed = (value: number | undefined, digits: number) =>
  value === undefined ? blank : value.toFixed(digits);
const count = (value: number | undefined) => (value === undefined ? blank : value.toLocaleString("en-US"));

/**
 * The rows as a Markdown table (readable in a terminal, pasteable into the README), followed by
 * numbered notes for skipped and failed runs and missed targets.
 *
 * @example
 * console.log(formatTable(rows));
 */
export function formatTable(rows: readonly ResultRow[]): string {
  const notes: string[] = [];
  const noted = (text: string) => {
    notes.push(text);
    return `[${notes.length}]`;
  };
  const cells = rows.map((row) => {
    const status = row.note ? `${row.status} ${noted(row.note)}` : row.status;
    const target = row.target ? (row.target.met ? "met" : `MISSED ${noted(row.target.detail)}`) : blank;
    const ran = row.status !== "skipped";
    return [
      row.run,
      row.label,
      count(row.texts),
      status,
      fixed(row.wallSeconds, 1),
      fixed(row.ratioToOptimum, 2),
      ran ? count(row.calls) : blank,
      ran ? count(row.throttled) : blank,
      ran ? count(row.lost) : blank,
      fixed(row.cpuMsPer1k, 0),
      fixed(row.ratioToRawSdk, 2),
      row.identical === undefined ? blank : row.identical ? "yes" : "no",
      target,
    ];
  });
  const widths = HEADERS.map((header, column) =>
    Math.max(header.length, ...cells.map((line) => line[column]!.length)),
  );
  const line = (values: readonly string[]) =>
    `| ${values.map((value, column) => value.padEnd(widths[column]!)).join(" | ")} |`;
  const rule = `|${widths.map((width) => "-".repeat(width + 2)).join("|")}|`;
  const table = [line(HEADERS), rule, ...cells.map(line)].join("\n");
  const list = notes.map((text, index) => `[${index + 1}] ${text}`).join("\n");
  return list ? `${table}\n\n${list}` : table;
}
