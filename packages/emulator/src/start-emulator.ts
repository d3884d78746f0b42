import { EmulatorJobs } from "./async/emulator-jobs.js";
import { redactHeaders } from "./auth/redact-headers.js";
import { EMULATOR_DEFAULT_BEARER_TOKEN, EMULATOR_DEFAULT_CREDENTIALS } from "./defaults.js";
import type { EmulatorOptions, RecordedRequest, RunningEmulator } from "./emulator-types.js";
import { FaultQueue } from "./faults/fault-queue.js";
import { resolveModelIdentifier } from "./models/resolve-model-identifier.js";
import { validationError } from "./protocol/aws-service-error.js";
import { errorResponse, newRequestId } from "./protocol/response.js";
import { RequestLog } from "./request-log.js";
import type { InvokeSettings } from "./routes/invoke-model.js";
import { parseJsonForLog } from "./routes/parse-json-body.js";
import type { RoutedResponse } from "./routes/route-request.js";
import { routeRequest } from "./routes/route-request.js";
import { routeTrafficAdmin } from "./traffic/admin-routes.js";
import { deliverResponse } from "./traffic/fault-delivery.js";
import { Sleeps } from "./traffic/sleeps.js";
import { TrafficController, withTrafficOutcome } from "./traffic/traffic-controller.js";
import type { ServerReply, ServerRequest } from "./transport/dual-protocol-server.js";
import { DualProtocolServer } from "./transport/dual-protocol-server.js";
import type { ReadRequest } from "./transport/read-request.js";
import { readRequest } from "./transport/read-request.js";

// The service model caps InvokeModel bodies at 25,000,000 bytes.
const maxBodyBytes = 25_000_000;

/**
 * Starts a local server speaking Bedrock Runtime's InvokeModel protocol (HTTP/1.1 and h2c on one port)
 * with deterministic embeddings, SigV4 and API-key authentication, request recording and fault injection,
 * plus optional per-model quotas, latency and seeded faults (`traffic`, see `TrafficSettings`). With the `s3`
 * option it also runs StartAsyncInvoke (Nova, Marengo) and batch inference jobs against an S3-compatible server,
 * and answers GetInferenceProfile; point `@aws-sdk/client-bedrock` at the same `url` for the control plane.
 * Rejects with an `EmulatorListenError` when the port is out of range, in use or not allowed.
 *
 * @example
 * const emulator = await startEmulator();
 * const client = new BedrockRuntimeClient({
 *   region: "us-east-1",
 *   endpoint: emulator.url,
 *   credentials: EMULATOR_DEFAULT_CREDENTIALS,
 * });
 * const output = await client.send(new InvokeModelCommand({
 *   modelId: "amazon.titan-embed-text-v2:0",
 *   contentType: "application/json",
 *   body: JSON.stringify({ inputText: "hello world" }),
 * }));
 * await emulator.close();
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const faults = new FaultQueue();
  const requestLog = new RequestLog(options.recordRequests);
  const jobs = new EmulatorJobs(options);
  const settings: InvokeSettings = {
    authentication: {
      mode: options.auth ?? "required",
      keyPairs: (options.credentials ?? [EMULATOR_DEFAULT_CREDENTIALS]).map((pair) => ({ ...pair })),
      bearerTokens: [...(options.bearerTokens ?? [EMULATOR_DEFAULT_BEARER_TOKEN])],
    },
    faults,
    applicationInferenceProfiles: { ...options.applicationInferenceProfiles },
    jobs,
  };
  const traffic = new TrafficController(options.traffic, {
    resolveModelId: (modelId) => servedModelId(modelId, settings.applicationInferenceProfiles),
  });
  // Responses held back by latency or slowResponse faults go out at once when the emulator closes.
  const sleeps = new Sleeps();

  const server = new DualProtocolServer((request, reply) => {
    handle(request, reply, settings, requestLog, traffic, sleeps).catch((error: unknown) => {
      // Request handling converts its own failures into 500 responses, so this is a bug in the emulator's
      // plumbing: report it the standard Node way without taking down the host process (a test runner).
      process.emitWarning(
        error instanceof Error ? error : new Error(String(error)),
        "BedrockEmulatorWarning",
      );
      request.destroy();
    });
  });
  const host = options.host ?? "127.0.0.1";
  const address = await server.listen(options.port ?? 0, host).catch(async (error: unknown) => {
    await jobs.close();
    throw error;
  });

  return {
    url: `http://${urlHost(host)}:${address.port}`,
    port: address.port,
    get requests() {
      return requestLog.records;
    },
    injectFaults: (newFaults) => faults.add(newFaults),
    clearRequests: () => requestLog.clear(),
    setTraffic: (newSettings) => traffic.setSettings(newSettings),
    stats: () => traffic.stats(),
    resetStats: () => traffic.resetStats(),
    close: async () => {
      sleeps.cancelAll();
      // Pending async/batch job steps are dropped; running ones finish their S3 writes first.
      await jobs.close();
      return server.close();
    },
  };
}

async function handle(
  request: ServerRequest,
  reply: ServerReply,
  settings: InvokeSettings,
  requestLog: RequestLog,
  traffic: TrafficController,
  sleeps: Sleeps,
): Promise<void> {
  const ticket = requestLog.takeTicket();
  const received = await readRequest(request, maxBodyBytes).catch(() => undefined);
  // The client reset or abandoned the connection mid-body; there is nobody left to answer or record.
  if (received === undefined) return;
  const gate = traffic.gate();
  const routed = received.bodyTooLarge
    ? bodyTooLargeResponse()
    : (routeTrafficAdmin(received, traffic) ??
      (await routeRequest(received, { ...settings, traffic: gate })));
  await sleeps.wait(gate.delayMs);
  const response = gate.finish(routed.response);
  if (requestLog.recording) requestLog.add(ticket, withTrafficOutcome(recordOf(received, routed), gate));
  deliverResponse(request, reply, response, gate.delivery);
}

function servedModelId(modelId: string, profiles: Readonly<Record<string, string>>): string | undefined {
  try {
    return resolveModelIdentifier(modelId, profiles);
  } catch {
    // Not a served model: traffic settings reject the key, requests fall back to the defaults.
    return undefined;
  }
}

function bodyTooLargeResponse(): RoutedResponse {
  const requestId = newRequestId();
  const error = validationError(
    `1 validation error detected: Value at 'body' failed to satisfy constraint: Member must have length less than or equal to ${maxBodyBytes}`,
  );
  return { response: errorResponse(error, requestId), requestId };
}

function recordOf(received: ReadRequest, routed: RoutedResponse): RecordedRequest {
  const record: RecordedRequest = {
    method: received.method,
    path: received.target.split("?")[0] ?? "",
    httpVersion: received.httpVersion,
    headers: redactHeaders(withoutPseudoHeaders(received.headers)),
    body: parseJsonForLog(received.body),
    status: routed.response.status,
    requestId: routed.requestId,
  };
  if (routed.modelId !== undefined) record.modelId = routed.modelId;
  if (routed.response.errorType !== undefined) record.errorType = routed.response.errorType;
  if (routed.response.errorMessage !== undefined) record.errorMessage = routed.response.errorMessage;
  return record;
}

// `:authority` is already mirrored as `host`; the log should look the same for both protocols.
function withoutPseudoHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !name.startsWith(":")));
}

function urlHost(host: string): string {
  if (host === "0.0.0.0" || host === "") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") ? `[${host}]` : host;
}
