/**
 * The `host:port` requests go to, for messages about reaching it: the custom endpoint, or the
 * regional Bedrock Runtime endpoint.
 *
 * @example
 * endpointLabel("http://127.0.0.1:4010", "us-east-1"); // "127.0.0.1:4010"
 * endpointLabel(undefined, "eu-west-1"); // "bedrock-runtime.eu-west-1.amazonaws.com:443"
 */
export function endpointLabel(endpoint: string | undefined, region: string): string {
  if (endpoint === undefined) return `bedrock-runtime.${region}.amazonaws.com:443`;
  const url = new URL(endpoint);
  return `${url.hostname}:${url.port || (url.protocol === "http:" ? "80" : "443")}`;
}
