import { findPrice } from "./find-price.js";
import { type ModelPrice, PRICE_TABLE_DATE, type PriceRate } from "./price-rate.js";

/**
 * What was used, for `estimateCostUsd`. Give `modelId` (any form) or `family`, or both.
 *
 * @example
 * const usage: CostInput = { modelId: "amazon.titan-embed-text-v2:0", inputTokens: 120_000, batch: true };
 */
export interface CostInput {
  modelId?: string | undefined;
  family?: string | undefined;
  /** Input text tokens as reported by the service. */
  inputTokens?: number | undefined;
  images?: number | undefined;
  videoSeconds?: number | undefined;
  audioSeconds?: number | undefined;
  /** Successful text requests, for models billed per request (Marengo). */
  requests?: number | undefined;
  /** True for a batch inference job, which some models bill at a discount. */
  batch?: boolean | undefined;
}

/**
 * An estimate, with how it was worked out.
 *
 * @example
 * // { usd: 0.0024, basis: "120,000 text tokens × $0.02/1M ...", priceDate: "2026-08", unconfirmed: false, unpriced: [] }
 */
export interface CostEstimate {
  usd: number;
  /** The arithmetic in words, with the model's rates and the table date. */
  basis: string;
  /** When the price table was collected. */
  priceDate: string;
  /** True when a rate used is marked unconfirmed in the table. */
  unconfirmed: boolean;
  /** Parts that were used but have no known rate, so are not in `usd` (e.g. "images"). */
  unpriced: string[];
}

/** One priced kind of usage in an estimate: how much, at which rate, quoted per how many units. */
export interface CostPart {
  quantity: number | undefined;
  rate: PriceRate | undefined;
  /** Units the rate is quoted per. */
  per: number;
  label: string;
  rateLabel: string;
}

/**
 * Estimates the cost of embedding work in US dollars from the dated price table
 * (`PRICE_TABLE_DATE`): tokens × the per-token rate, plus images, seconds of video and audio and
 * per-request charges where the model has them, less the batch discount when one is known.
 * Undefined when the model has no on-demand price here (provisioned throughput, custom models,
 * unknown ids). An estimate, not a bill: AWS's invoice is what counts.
 *
 * @example
 * estimateCostUsd({ modelId: "us.cohere.embed-v4:0", inputTokens: 1_000_000 })?.usd; // 0.12
 */
export function estimateCostUsd(input: CostInput): CostEstimate | undefined {
  const price = findPrice(input);
  if (price === undefined) return undefined;
  const { usd, billed, unpriced, discount } = priceUsage(price, input);
  const unconfirmed = billed.some(({ rate }) => rate.unconfirmed) || discount?.unconfirmed === true;
  const terms = billed.map(
    ({ quantity, rate, label, rateLabel }) =>
      `${quantity.toLocaleString("en-US")} ${label} × $${rate.usd}${rateLabel}${mark(rate)}`,
  );
  let batchNote = "";
  if (input.batch) {
    batchNote =
      discount === undefined
        ? "; batch priced at on-demand rates (no known batch discount)"
        : `; less ${discount.usd * 100}% for batch${mark(discount)}`;
  }
  const missing = unpriced.length > 0 ? `; not included, no known rate: ${unpriced.join(", ")}` : "";
  const model = input.modelId ?? price.family;
  return {
    usd,
    basis: `${terms.length > 0 ? terms.join(" + ") : "nothing billable"}${batchNote}${missing} (${model}, price table of ${PRICE_TABLE_DATE})`,
    priceDate: PRICE_TABLE_DATE,
    unconfirmed,
    unpriced,
  };
}

/**
 * The arithmetic of an estimate without its words: what each priced part adds, what has no
 * rate, and the batch discount applied. Per-call pricing runs this alone, once per call, so it
 * formats nothing.
 *
 * @example
 * priceUsage(price, { inputTokens: 1_000_000 }).usd; // 0.02 for Titan v2
 */
export function priceUsage(
  price: ModelPrice,
  input: CostInput,
): {
  usd: number;
  billed: (CostPart & { quantity: number; rate: PriceRate })[];
  unpriced: string[];
  discount: PriceRate | undefined;
} {
  const parts: CostPart[] = [
    part(input.inputTokens, price.textPerMillionTokens, 1_000_000, "text tokens", "/1M"),
    part(input.requests, price.textPerRequest, 1, "text requests", "/request"),
    part(input.images, price.perImage, 1, "images", "/image"),
    part(input.videoSeconds, price.perVideoSecond, 1, "seconds of video", "/s"),
    part(input.audioSeconds, price.perAudioSecond, 1, "seconds of audio", "/s"),
  ];
  let usd = 0;
  const billed: (CostPart & { quantity: number; rate: PriceRate })[] = [];
  const unpriced: string[] = [];
  for (const entry of parts) {
    const { quantity, rate, per, label } = entry;
    if (quantity === undefined || quantity === 0) continue;
    if (rate === undefined) {
      // Per-request pricing stands in for tokens and vice versa; only a part nobody prices is missing.
      if (!coveredElsewhere(label, price)) unpriced.push(label);
      continue;
    }
    usd += (quantity * rate.usd) / per;
    billed.push({ ...entry, quantity, rate });
  }
  const discount = input.batch ? price.batchDiscount : undefined;
  if (discount !== undefined) usd *= 1 - discount.usd;
  return { usd: roundUsd(usd), billed, unpriced, discount };
}

function part(
  quantity: number | undefined,
  rate: PriceRate | undefined,
  per: number,
  label: string,
  rateLabel: string,
): CostPart {
  return { quantity, rate, per, label, rateLabel };
}

function coveredElsewhere(
  label: string,
  price: { textPerMillionTokens?: PriceRate; textPerRequest?: PriceRate },
): boolean {
  if (label === "text tokens") return price.textPerRequest !== undefined;
  if (label === "text requests") return price.textPerMillionTokens !== undefined;
  return false;
}

function mark(rate: PriceRate): string {
  return rate.unconfirmed ? " (unconfirmed)" : "";
}

// Sums of tiny rates pick up binary noise (0.30000000000000004); twelve decimals is far below a cent.
function roundUsd(usd: number): number {
  return Math.round(usd * 1e12) / 1e12;
}
