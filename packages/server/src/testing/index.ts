// Test helpers, published apart from the server so an app never loads them by accident.
export { type RunningRedis, type StartRedisOptions, startRedis } from "./redis-fixture.js";
