import { PRICE_TABLE_DATE } from "@bedrock-embeddings/bedrock";
import type { CliIo } from "../cli-io.js";
import { type ModelCatalogRow, type ModelRate, modelCatalogRows } from "./model-catalog-rows.js";
import { formatTextTable } from "./text-table.js";

export interface ModelsCommandOptions {
  /** `--json`: one JSON object per model instead of a table. */
  json?: boolean;
}

const PROFILE_MARK = "+";
const UNCONFIRMED_MARK = "*";

/**
 * `bedrock-embeddings models`: every model of the catalog with its family, inputs, dimensions,
 * limits and estimated prices, as a table or (`--json`) JSON lines.
 *
 * @example
 * await modelsCommand({ json: true }, io);
 */
export async function modelsCommand(options: ModelsCommandOptions, io: CliIo): Promise<void> {
  const rows = modelCatalogRows();
  if (options.json) {
    for (const row of rows) io.stdout.write(`${JSON.stringify(row)}\n`);
    return;
  }
  io.stdout.write(
    formatTextTable(
      ["MODEL", "FAMILY", "ACCEPTS", "DIMENSIONS", "PER CALL", "TEXT LIMIT", "PRICE (USD)"],
      rows.map(tableCells),
    ),
  );
  io.stdout.write(
    `\n${PROFILE_MARK} invoke through a geo inference profile: prefix the id with us. or eu.\n` +
      `${UNCONFIRMED_MARK} unconfirmed rate. Prices are estimates: us-east-1 on-demand list prices collected ` +
      `${PRICE_TABLE_DATE}; check https://aws.amazon.com/bedrock/pricing/\n`,
  );
}

function tableCells(row: ModelCatalogRow): string[] {
  return [
    row.needsInferenceProfile ? `${row.id} ${PROFILE_MARK}` : row.id,
    row.family,
    row.modalities.join(", "),
    row.dimensions.join(", "),
    `${row.textsPerCall} ${row.textsPerCall === 1 ? "text" : "texts"}`,
    `${row.tokensPerText} tokens, ${row.charactersPerText} chars`,
    row.prices.length === 0 ? "unknown" : row.prices.map(describeRate).join(", "),
  ];
}

function describeRate(rate: ModelRate): string {
  return `$${rate.usd}/${rate.unit}${rate.unconfirmed ? UNCONFIRMED_MARK : ""}`;
}
