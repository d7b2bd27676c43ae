-- POST /api/checkins for wrk: each request a check-in of one of the first 1,000 enrolled clients (round robin per
-- connection), a low craving (no alert), HTTP Basic as staff. LANTERN_ADMIN_PASSWORD and BENCH_CLIENTS from the env.
local clients = {}
for line in io.lines(os.getenv("BENCH_CLIENTS") or "bench/target/clients.csv") do
  if #clients >= 1000 then break end
  clients[#clients + 1] = line:match("^([^,]+)")
end
local function base64(data)
  local b = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
  return ((data:gsub('.', function(x)
    local r, byte = '', x:byte()
    for i = 8, 1, -1 do r = r .. (byte % 2 ^ i - byte % 2 ^ (i - 1) > 0 and '1' or '0') end
    return r
  end) .. '0000'):gsub('%d%d?%d?%d?%d?%d?', function(x)
    if #x < 6 then return '' end
    local c = 0
    for i = 1, 6 do c = c + (x:sub(i, i) == '1' and 2 ^ (6 - i) or 0) end
    return b:sub(c + 1, c + 1)
  end) .. ({ '', '==', '=' })[#data % 3 + 1])
end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Basic " .. base64("admin:" .. (os.getenv("LANTERN_ADMIN_PASSWORD") or ""))
local counter = 0
request = function()
  counter = counter + 1
  local id = clients[(counter % #clients) + 1]
  return wrk.format(nil, "/api/checkins", nil, '{"clientId":"' .. id .. '","craving":' .. (counter % 5) .. ',"mood":3}')
end
local non202 = 0
response = function(status)
  if status ~= 202 then non202 = non202 + 1 end
end
