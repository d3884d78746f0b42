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

/**
 * A rate from a listed public price.
 *
 * @example
 * const rate = listedRate(0.02); // { usd: 0.02, unconfirmed: false }
 */
export const listedRate = (usd: number): PriceRate => ({ usd, unconfirmed: false });

/**
 * A rate the sources disagreed on or only one weak source had, with why.
 *
 * @example
 * const rate = unconfirmedRate(0.00006, "seen in one public table only");
 */
export const unconfirmedRate = (usd: number, note: string): PriceRate => ({ usd, unconfirmed: true, note });
