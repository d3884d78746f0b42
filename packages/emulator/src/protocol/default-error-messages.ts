// Messages Bedrock typically sends for each error type, used when an injected fault gives none.
const defaultMessages: Record<string, string> = {
  ValidationException: "Malformed input request, please reformat your input and try again.",
  ServiceQuotaExceededException: "Too many tokens per day, please wait before trying again.",
  AccessDeniedException: "You don't have access to the model with the specified model ID.",
  ResourceNotFoundException:
    "This model version has reached the end of its life. Please refer to the AWS documentation for more details.",
  ModelTimeoutException: "Model has timed out in processing the request. Try your request again.",
  ThrottlingException: "Too many requests, please wait before trying again.",
  ModelNotReadyException: "Model is not ready for inference. Wait and try your request again.",
  ModelErrorException: "The model returned an error.",
  InternalServerException: "The server encountered an internal error while processing the request.",
  ServiceUnavailableException: "Service unavailable.",
};

export function defaultErrorMessage(errorType: string): string {
  return defaultMessages[errorType] ?? `${errorType} injected by the Bedrock emulator.`;
}
