import { validationError } from "../../protocol/aws-service-error.js";

/** Titan text models reject inputs over 8,192 tokens with this message (seen from the live service). */
export function assertWithinTitanTokenLimit(tokenCount: number, maxTokens = 8192): void {
  if (tokenCount > maxTokens) {
    throw validationError(
      `400 Bad Request: Too many input tokens. Max input tokens: ${maxTokens}, request input token count: ${tokenCount}`,
    );
  }
}
