/**
 * Plain-text columns padded to the widest cell, the header first, two spaces apart; no trailing spaces.
 *
 * @example
 * formatTextTable(["ID", "DIM"], [["titan", "1024"]]);
 * // "ID     DIM\ntitan  1024\n"
 */
export function formatTextTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => (row[column] ?? "").length)));
  const lines = all.map((row) =>
    widths
      .map((width, column) => (row[column] ?? "").padEnd(width))
      .join("  ")
      .trimEnd(),
  );
  return `${lines.join("\n")}\n`;
}
