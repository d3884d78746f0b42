/**
 * The Lua script behind `RedisRateLimitStore.take`: Redis runs a script without interleaving
 * other commands, so checking both budgets and counting the request is one atomic step across
 * every replica (two replicas can never both take the last unit).
 *
 * KEYS: the request counter and the token counter of one key's current minute.
 * ARGV: request limit, token limit (-1 = no limit), this request's tokens, seconds to keep the
 * counters. Returns { refused budget (0 none, 1 requests, 2 tokens), requests used, tokens used },
 * the counts after the request when it was allowed and unchanged when refused.
 *
 * @example
 * await client.eval(TAKE_BUDGET_SCRIPT, { keys: [requestsKey, tokensKey], arguments: ["60", "-1", "120", "120"] });
 */
export const TAKE_BUDGET_SCRIPT = `
local requestLimit = tonumber(ARGV[1])
local tokenLimit = tonumber(ARGV[2])
local tokens = tonumber(ARGV[3])
local keepSeconds = tonumber(ARGV[4])
local requestsUsed = tonumber(redis.call("GET", KEYS[1]) or "0")
local tokensUsed = tonumber(redis.call("GET", KEYS[2]) or "0")
if requestLimit >= 0 and requestsUsed + 1 > requestLimit then return { 1, requestsUsed, tokensUsed } end
if tokenLimit >= 0 and tokensUsed + tokens > tokenLimit then return { 2, requestsUsed, tokensUsed } end
if requestLimit >= 0 then
  requestsUsed = redis.call("INCRBY", KEYS[1], 1)
  redis.call("EXPIRE", KEYS[1], keepSeconds)
end
if tokenLimit >= 0 then
  tokensUsed = redis.call("INCRBY", KEYS[2], tokens)
  redis.call("EXPIRE", KEYS[2], keepSeconds)
end
return { 0, requestsUsed, tokensUsed }
`;
