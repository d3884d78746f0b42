// A separate entry point so that only users of the langchain_aws provider install @langchain/aws.
export {
  type LangChainAwsClient,
  LangChainAwsEmbedder,
  type LangChainAwsEmbedderOptions,
  langchainAwsProvider,
} from "../langchain-aws-embedder.js";
export { type LangChainAwsFamily, resolveTitanModel, type TitanTextModel } from "../titan-models.js";
