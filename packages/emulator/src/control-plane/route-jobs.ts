import { getAsyncInvoke, listAsyncInvokes, startAsyncInvoke } from "../async/async-invocation.js";
import type { EmulatorJobs } from "../async/emulator-jobs.js";
import type { AuthenticationSettings } from "../auth/authenticate.js";
import { authenticate } from "../auth/authenticate.js";
import type { ReceivedRequest } from "../auth/verify-sigv4.js";
import { validationError } from "../protocol/aws-service-error.js";
import {
  createModelInvocationJob,
  getModelInvocationJob,
  listModelInvocationJobs,
  stopModelInvocationJob,
} from "./batch-jobs.js";
import { getInferenceProfile } from "./inference-profiles.js";
import { requestRegion } from "./rest-json.js";

/** What the async-invoke and control-plane routes need from the emulator. */
export interface JobRouteSettings {
  authentication: AuthenticationSettings;
  applicationInferenceProfiles: Readonly<Record<string, string>>;
  jobs: EmulatorJobs;
}

type Operation = (request: ReceivedRequest, label: string, settings: JobRouteSettings) => unknown;

// Method, path pattern (one URL-encoded label at most) and handler; the Runtime and control-plane clients
// both sign for `bedrock`, so one endpoint serves StartAsyncInvoke and CreateModelInvocationJob alike.
const operations: Array<[string, RegExp, Operation]> = [
  ["POST", /^\/async-invoke$/, (request, _label, { jobs }) => startAsyncInvoke(request, jobs)],
  ["GET", /^\/async-invoke$/, (request, _label, { jobs }) => listAsyncInvokes(request, jobs)],
  ["GET", /^\/async-invoke\/([^/]+)$/, (_request, label, { jobs }) => getAsyncInvoke(label, jobs)],
  [
    "POST",
    /^\/model-invocation-job$/,
    (request, _label, settings) =>
      createModelInvocationJob(request, settings.jobs, settings.applicationInferenceProfiles),
  ],
  ["GET", /^\/model-invocation-jobs$/, (request, _label, { jobs }) => listModelInvocationJobs(request, jobs)],
  [
    "GET",
    /^\/model-invocation-job\/([^/]+)$/,
    (_request, label, { jobs }) => getModelInvocationJob(label, jobs),
  ],
  [
    "POST",
    /^\/model-invocation-job\/([^/]+)\/stop$/,
    (_request, label, { jobs }) => stopModelInvocationJob(label, jobs),
  ],
  [
    "GET",
    /^\/inference-profiles\/([^/]+)$/,
    (request, label, settings) =>
      getInferenceProfile(
        label,
        requestRegion(request),
        settings.jobs,
        settings.applicationInferenceProfiles,
      ),
  ],
];

/**
 * The handler for an async-invoke or control-plane request (StartAsyncInvoke, GetAsyncInvoke,
 * ListAsyncInvokes, Create/Get/List/StopModelInvocationJob, GetInferenceProfile), or undefined when the
 * path is none of them. The handler authenticates first and resolves to the JSON body of a 200 answer.
 */
export function matchJobRoute(
  method: string,
  path: string,
): ((request: ReceivedRequest, settings: JobRouteSettings) => Promise<unknown>) | undefined {
  for (const [operationMethod, pattern, operation] of operations) {
    const match = pattern.exec(path);
    if (match === null || operationMethod !== method) continue;
    return async (request, settings) => {
      authenticate(request, settings.authentication);
      return operation(request, decodeLabel(match[1] ?? ""), settings);
    };
  }
  return undefined;
}

function decodeLabel(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch (cause) {
    const error = validationError(`The path parameter ${encoded} is not valid percent-encoding.`);
    error.cause = cause;
    throw error;
  }
}
