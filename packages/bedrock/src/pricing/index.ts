export { type CallCostEstimator, callCostEstimator } from "./call-cost.js";
export { type CostEstimate, type CostInput, estimateCostUsd } from "./estimate-cost.js";
export { findPrice } from "./find-price.js";
export { type ModelPrice, PRICE_TABLE_DATE, PRICE_TABLE_SOURCE, type PriceRate } from "./price-rate.js";
export { PRICE_TABLE } from "./price-table.js";
