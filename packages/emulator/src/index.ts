export { EMULATOR_FAIL_MARKER, EMULATOR_PARTIAL_MARKER } from "./async/job-markers.js";
export { EMULATOR_DEFAULT_BEARER_TOKEN, EMULATOR_DEFAULT_CREDENTIALS } from "./defaults.js";
export type { EmulatorOptions, RecordedRequest, RunningEmulator } from "./emulator-types.js";
export type { InjectedFault } from "./faults/fault-queue.js";
export { EMULATOR_MODEL_IDS } from "./models/served-models.js";
export type { EmulatorS3Options } from "./s3/s3-object-store.js";
export { startEmulator } from "./start-emulator.js";
export { TrafficSettingsError } from "./traffic/compile-traffic-settings.js";
export type { EmulatorStats, FaultRates, ModelTraffic, TrafficSettings } from "./traffic/traffic-types.js";
