/** Every key Courier keeps in Redis starts with this. */
export const PREFIX = 'courier:';

/**
 * A token bucket of ARGV[1] tokens a minute at KEYS[1], taken from at ARGV[2] (epoch ms, the caller's clock):
 * returns 0 when a token was taken, else the whole seconds until the next. A clock behind the last taker's adds
 * no tokens. Kept two minutes after its last use.
 */
export const BUCKET = `
local capacity = tonumber(ARGV[1])
local now = tonumber(ARGV[2])
local perMs = capacity / 60000
local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(bucket[1]) or capacity
local at = tonumber(bucket[2]) or now
if now > at then
  tokens = math.min(capacity, tokens + (now - at) * perMs)
  at = now
end
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
else
  wait = math.max(1, math.ceil((1 - tokens) / perMs / 1000))
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', string.format('%d', at))
redis.call('PEXPIRE', KEYS[1], 120000)
return wait
`;

/**
 * The Last-Modified of the bytes ARGV[2] (a hash) of the file ARGV[1], in the hash KEYS[1]: the recorded one
 * when the record holds these bytes; else ARGV[3] (proposed), or, when that is not later than the recorded
 * one, the later of ARGV[4] (now, in whole seconds) and a second after it; recorded as the file's.
 */
export const VALIDATOR = `
local proposed = tonumber(ARGV[3])
local now = math.floor(tonumber(ARGV[4]) / 1000) * 1000
local recorded = redis.call('HGET', KEYS[1], ARGV[1])
if recorded then
  local space = string.find(recorded, ' ')
  local last = tonumber(string.sub(recorded, space + 1))
  if string.sub(recorded, 1, space - 1) == ARGV[2] then return last end
  if proposed <= last then proposed = math.max(now, last + 1000) end
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2] .. ' ' .. string.format('%d', proposed))
return proposed
`;

/** Sets field ARGV[1] of the hash KEYS[1] to ARGV[2] unless it holds a later text (ISO 8601 times sort as text). */
export const KEEP_LATER = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if not current or current < ARGV[2] then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end
return 0
`;
