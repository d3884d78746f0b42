import type { ModelPrice } from "../../pricing/price-rate.js";
import { MARENGO_RATES } from "../marengo/marengo-rates.js";
import { marengo30 } from "./codec.js";

/** On-demand prices of this family (see PRICE_TABLE_DATE). */
export const marengo30Price: ModelPrice = {
  family: marengo30.name,
  modelIds: marengo30.modelIds,
  ...MARENGO_RATES,
};
