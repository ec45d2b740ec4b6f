-- wrk script for bench/webhooks: each request posts a record with a unique id, signed like GitHub
-- (X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>) with the key "bench-webhook-key".
-- wrk's LuaJIT has no HMAC, so SHA-256 is written out here (FIPS 180-4) with the bit library.
local bit = require("bit")
local band, bor, bxor, bnot = bit.band, bit.bor, bit.bxor, bit.bnot
local rshift, lshift, ror, tobit = bit.rshift, bit.lshift, bit.ror, bit.tobit

local K = {
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
}

local function be32(n)
  return string.char(band(rshift(n, 24), 255), band(rshift(n, 16), 255),
    band(rshift(n, 8), 255), band(n, 255))
end

local function sha256(msg)
  local len = #msg
  msg = msg .. "\128" .. string.rep("\0", (55 - len) % 64)
    .. be32(math.floor(len * 8 / 4294967296)) .. be32(tobit(len * 8))
  local H = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
              0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 }
  local w = {}
  for i = 1, #msg, 64 do
    for j = 1, 16 do
      local a, b, c, d = msg:byte(i + (j - 1) * 4, i + (j - 1) * 4 + 3)
      w[j] = bor(lshift(a, 24), lshift(b, 16), lshift(c, 8), d)
    end
    for j = 17, 64 do
      local v = w[j - 15]
      local s0 = bxor(ror(v, 7), ror(v, 18), rshift(v, 3))
      v = w[j - 2]
      local s1 = bxor(ror(v, 17), ror(v, 19), rshift(v, 10))
      w[j] = tobit(w[j - 16] + s0 + w[j - 7] + s1)
    end
    local a, b, c, d, e, f, g, h = H[1], H[2], H[3], H[4], H[5], H[6], H[7], H[8]
    for j = 1, 64 do
      local S1 = bxor(ror(e, 6), ror(e, 11), ror(e, 25))
      local ch = bxor(band(e, f), band(bnot(e), g))
      local t1 = tobit(h + S1 + ch + K[j] + w[j])
      local S0 = bxor(ror(a, 2), ror(a, 13), ror(a, 22))
      local maj = bxor(band(a, b), band(a, c), band(b, c))
      local t2 = tobit(S0 + maj)
      h, g, f, e, d, c, b, a = g, f, e, tobit(d + t1), c, b, a, tobit(t1 + t2)
    end
    H[1], H[2], H[3], H[4] = tobit(H[1] + a), tobit(H[2] + b), tobit(H[3] + c), tobit(H[4] + d)
    H[5], H[6], H[7], H[8] = tobit(H[5] + e), tobit(H[6] + f), tobit(H[7] + g), tobit(H[8] + h)
  end
  local out = {}
  for i = 1, 8 do out[i] = be32(H[i]) end
  return table.concat(out)
end

local function xor_with(s, byte)
  return (s:gsub(".", function(c) return string.char(bxor(c:byte(), byte)) end))
end

local KEY = "bench-webhook-key"
local padded = KEY .. string.rep("\0", 64 - #KEY)
local IPAD, OPAD = xor_with(padded, 0x36), xor_with(padded, 0x5c)

local function hmac_hex(body)
  local mac = sha256(OPAD .. sha256(IPAD .. body))
  return (mac:gsub(".", function(c) return string.format("%02x", c:byte()) end))
end

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

-- RUN (from the environment) keeps ids of separate wrk runs apart.
local run = os.getenv("RUN") or "run"
local n = 0
function request()
  n = n + 1
  local body = '{"id":"' .. run .. "-" .. tostring(tid) .. "-" .. n
    .. '","event":"order.created","total":42.5}'
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/json",
    ["X-Hub-Signature-256"] = "sha256=" .. hmac_hex(body),
  }, body)
end
