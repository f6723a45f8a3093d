-- wrk script for bench/webhook-ack-vs-pgbench.ts: every request is a new Gupshup v2 status callback
-- (message-event, delivered) with an id no other request of any run carries, the same body as the
-- benchmark's autocannon requests. Each wrk thread numbers its own ids.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local run = tostring(os.time())
local counter = 0
request = function()
  counter = counter + 1
  local id = "wamid.wrk-" .. run .. "-" .. tostring(tid) .. "-" .. counter
  local body = '{"app":"BenchApp","timestamp":' .. os.time() * 1000 .. ',"version":2,"type":"message-event",'
    .. '"payload":{"id":"' .. id .. '","gsId":"gs-' .. id .. '","type":"delivered",'
    .. '"destination":"919812345678","payload":{"ts":"' .. os.time() .. '"}}}'
  return wrk.format("POST", nil, { ["content-type"] = "application/json" }, body)
end
