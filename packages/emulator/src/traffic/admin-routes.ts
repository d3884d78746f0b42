import type { ReceivedRequest } from "../auth/verify-sigv4.js";
import { validationError } from "../protocol/aws-service-error.js";
import { errorResponse, jsonResponse, newRequestId } from "../protocol/response.js";
import type { RoutedResponse } from "../routes/route-request.js";
import { TrafficSettingsError } from "./compile-traffic-settings.js";
import type { TrafficController } from "./traffic-controller.js";

/**
 * The traffic admin endpoints, unauthenticated like `/_emulator/health` (the emulator listens on loopback
 * unless told otherwise):
 * - `GET /_emulator/stats`: the counters.
 * - `POST /_emulator/stats/reset`: the counters as they were, then zeroes them.
 * - `GET /_emulator/traffic`: the current settings.
 * - `PUT /_emulator/traffic`: replaces the settings with the JSON body (400 with the reason when invalid).
 * Returns undefined for every other request.
 */
export function routeTrafficAdmin(
  request: ReceivedRequest,
  traffic: TrafficController,
): RoutedResponse | undefined {
  const path = request.target.split("?")[0] ?? "";
  const requestId = newRequestId();
  const answer = (payload: unknown): RoutedResponse => ({
    response: jsonResponse(200, payload, requestId),
    requestId,
  });
  switch (`${request.method} ${path}`) {
    case "GET /_emulator/stats":
      return answer(traffic.stats());
    case "POST /_emulator/stats/reset": {
      const stats = traffic.stats();
      traffic.resetStats();
      return answer(stats);
    }
    case "GET /_emulator/traffic":
      return answer(traffic.settings);
    case "PUT /_emulator/traffic":
      try {
        traffic.setSettings(parseSettings(request.body));
        return answer(traffic.settings);
      } catch (error) {
        if (!(error instanceof TrafficSettingsError)) throw error;
        return { response: errorResponse(validationError(error.message), requestId), requestId };
      }
    default:
      return undefined;
  }
}

function parseSettings(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new TrafficSettingsError(
      `The body of PUT /_emulator/traffic must be JSON traffic settings: ${detail}`,
    );
  }
}
