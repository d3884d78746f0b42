/**
 * When the prices below were collected. Every estimate carries it, so a stale table shows.
 *
 * @example
 * estimateCostUsd({ modelId: "cohere.embed-v4:0", inputTokens: 1000 })?.priceDate; // "2026-08"
 */
export const PRICE_TABLE_DATE = "2026-08";

/**
 * Where the prices come from and how far to trust them.
 *
 * @example
 * report(`${PRICE_TABLE_SOURCE} (${PRICE_TABLE_DATE})`);
 */
export const PRICE_TABLE_SOURCE =
  "On-demand list prices in USD for us-east-1, collected in 2026-08 from public pricing tables and aggregators " +
  "(not from an AWS bill); check https://aws.amazon.com/bedrock/pricing/ for current rates.";

/**
 * One rate with how sure the table is about it: `unconfirmed` when sources disagreed or only
 * one weak source had it.
 *
 * @example
 * const rate: PriceRate = { usd: 0.00006, unconfirmed: true, note: "one table says $0.08/1M for text" };
 */
export interface PriceRate {
  usd: number;
  unconfirmed: boolean;
  note?: string;
}

/**
 * The prices of one model (or several models billed alike). A missing rate means the price of
 * that kind of input is unknown, not free.
 *
 * @example
 * PRICE_TABLE.find((entry) => entry.family === "titan-text-v2")?.textPerMillionTokens?.usd; // 0.02
 */
export interface ModelPrice {
  /** The family these models belong to, for ids that do not name a model (application inference profiles). */
  family: string;
  /** Bare model ids; geo-prefixed profiles and foundation-model ARNs of these ids match too. */
  modelIds: readonly string[];
  /** USD per 1,000,000 input text tokens. */
  textPerMillionTokens?: PriceRate;
  /** USD per text request, for models billed by request rather than by token (Marengo). */
  textPerRequest?: PriceRate;
  perImage?: PriceRate;
  perVideoSecond?: PriceRate;
  perAudioSecond?: PriceRate;
  /** Fraction taken off for batch inference jobs (0.5 = half price); unknown when absent. */
  batchDiscount?: PriceRate;
}

const listed = (usd: number): PriceRate => ({ usd, unconfirmed: false });
const unconfirmed = (usd: number, note: string): PriceRate => ({ usd, unconfirmed: true, note });

const MARENGO_RATES = {
  textPerRequest: listed(0.00007),
  perImage: listed(0.0001),
  perVideoSecond: listed(0.0007),
  perAudioSecond: listed(0.00014),
};

/**
 * The dated price table (see `PRICE_TABLE_DATE`), one entry per model family.
 *
 * @example
 * PRICE_TABLE.map((entry) => entry.family); // ["titan-text-v1", "titan-text-v2", ...]
 */
export const PRICE_TABLE: readonly ModelPrice[] = Object.freeze([
  {
    family: "titan-text-v1",
    modelIds: ["amazon.titan-embed-text-v1", "amazon.titan-embed-g1-text-02"],
    textPerMillionTokens: listed(0.1),
  },
  {
    family: "titan-text-v2",
    modelIds: ["amazon.titan-embed-text-v2:0"],
    textPerMillionTokens: listed(0.02),
    batchDiscount: unconfirmed(0.5, "batch inference is reported to cost half the on-demand price"),
  },
  {
    family: "titan-multimodal",
    modelIds: ["amazon.titan-embed-image-v1"],
    textPerMillionTokens: unconfirmed(0.8, "one public table says $0.08 per 1M text tokens"),
    perImage: unconfirmed(0.00006, "seen in one public table only"),
  },
  {
    family: "cohere-v3",
    modelIds: ["cohere.embed-english-v3", "cohere.embed-multilingual-v3"],
    textPerMillionTokens: listed(0.1),
  },
  {
    // The same rate for the base id and the us./global. profiles; image tokens have no known price.
    family: "cohere-v4",
    modelIds: ["cohere.embed-v4:0"],
    textPerMillionTokens: listed(0.12),
  },
  {
    // Image, audio and video rates were not found.
    family: "nova-multimodal",
    modelIds: ["amazon.nova-2-multimodal-embeddings-v1:0"],
    textPerMillionTokens: listed(0.135),
  },
  { family: "marengo-2-7", modelIds: ["twelvelabs.marengo-embed-2-7-v1:0"], ...MARENGO_RATES },
  { family: "marengo-3-0", modelIds: ["twelvelabs.marengo-embed-3-0-v1:0"], ...MARENGO_RATES },
]);
