import type { ModelPrice } from "../../pricing/price-rate.js";
import { MARENGO_RATES } from "../marengo/marengo-rates.js";
import { marengo27 } from "./codec.js";

/** On-demand prices of this family (see PRICE_TABLE_DATE). */
export const marengo27Price: ModelPrice = {
  family: marengo27.name,
  modelIds: marengo27.modelIds,
  ...MARENGO_RATES,
};
