import {
  FAMILY_NAMES,
  findPrice,
  MODEL_FAMILIES,
  type ModelPrice,
  PRICE_TABLE_DATE,
  type PriceRate,
} from "@bedrock-embeddings/bedrock";

/** One priced unit of a model: what is counted and its estimated USD rate. */
export interface ModelRate {
  unit: "1M text tokens" | "text request" | "image" | "video second" | "audio second";
  usd: number;
  unconfirmed: boolean;
}

/**
 * One model of the catalog as `bedrock-embeddings models` prints it.
 *
 * @example
 * const row: ModelCatalogRow = modelCatalogRows()[0]!;
 * row.id; // "amazon.titan-embed-text-v1"
 */
export interface ModelCatalogRow {
  id: string;
  family: string;
  /** True when InvokeModel takes only a geo inference profile (`us.`/`eu.` + id), not the bare id. */
  needsInferenceProfile: boolean;
  modalities: readonly string[];
  /** Allowed output dimensions, the default first. */
  dimensions: readonly number[];
  textsPerCall: number;
  tokensPerText: number;
  charactersPerText: number;
  embeddingTypes: readonly string[];
  /** Estimated on-demand rates; empty when none is known. */
  prices: readonly ModelRate[];
  /** Month the price table was collected (`PRICE_TABLE_DATE`). */
  priceDate: string;
}

/**
 * Every model id of the catalog in catalog order, with its family's limits and the price table's rates.
 *
 * @example
 * modelCatalogRows().find((row) => row.id === "amazon.titan-embed-text-v2:0")?.dimensions; // [1024, 256, 512]
 */
export function modelCatalogRows(): ModelCatalogRow[] {
  return FAMILY_NAMES.flatMap((name) => {
    const family = MODEL_FAMILIES[name];
    const { default: first, allowed } = family.dimensions;
    return family.modelIds.map((id) => ({
      id,
      family: name,
      needsInferenceProfile: family.onDemandNeedsProfile === true,
      modalities: family.modalities,
      dimensions: [first, ...[...allowed].filter((value) => value !== first).sort((a, b) => b - a)],
      textsPerCall: family.limits.textsPerCall,
      tokensPerText: family.limits.tokensPerText,
      charactersPerText: family.limits.charactersPerText,
      embeddingTypes: family.embeddingTypes,
      prices: ratesOf(findPrice({ modelId: id, family: name })),
      priceDate: PRICE_TABLE_DATE,
    }));
  });
}

function ratesOf(price: ModelPrice | undefined): ModelRate[] {
  if (price === undefined) return [];
  const rates: Array<[ModelRate["unit"], PriceRate | undefined]> = [
    ["1M text tokens", price.textPerMillionTokens],
    ["text request", price.textPerRequest],
    ["image", price.perImage],
    ["video second", price.perVideoSecond],
    ["audio second", price.perAudioSecond],
  ];
  return rates.flatMap(([unit, rate]) =>
    rate === undefined ? [] : [{ unit, usd: rate.usd, unconfirmed: rate.unconfirmed }],
  );
}
