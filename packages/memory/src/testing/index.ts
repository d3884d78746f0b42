export {
  describeVectorStoreContract,
  type VectorStoreContractOptions,
} from "./vector-store-contract.js";
