"""Driving wrk (a load tool in its own process) and reading its results."""

import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass

from django.core.management.base import CommandError

# wrk's Lua hooks: rotate over the given paths and print percentiles as one JSON line.
LUA = """
local paths = {%(paths)s}
local nonce = %(nonce)s
local i = 0
init = function(args)
  -- Each thread its own sequence, so "uncached" requests never repeat an address.
  local address = tostring({}):match("0x(%%x+)") or "1"
  math.randomseed(os.time() + tonumber(address, 16) %% 1000003)
end
request = function()
  i = (i %% #paths) + 1
  local path = paths[i]
  if nonce then
    local glue = string.find(path, "?", 1, true) and "&" or "?"
    path = path .. glue .. "_bench=" .. math.random(1, 2000000000)
  end
  return wrk.format("GET", path)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests":%%d,"duration_us":%%d,"p50_us":%%d,"p95_us":%%d,"p99_us":%%d,' ..
    '"socket_errors":%%d,"non_2xx_3xx":%%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), e.connect + e.read + e.write + e.timeout, e.status))
end
"""


@dataclass(frozen=True)
class Run:
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    failures: int

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def run(base_url: str, paths: list[str], *, connections: int, seconds: float,
        threads: int = 2, uncached: bool = False) -> Run:
    """`uncached`: add a random parameter to every request, so none is a page-cache hit."""
    if not shutil.which("wrk"):
        raise CommandError("wrk is not installed: apt-get install wrk")
    lua_paths = ", ".join(json.dumps(p) for p in paths)
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(LUA % {"paths": lua_paths, "nonce": "true" if uncached else "false"})
        script.flush()
        result = subprocess.run(
            ["wrk", f"-t{min(threads, connections)}", f"-c{connections}", f"-d{seconds:g}s",
             "--timeout", "10s", "-s", script.name, base_url],
            capture_output=True, text=True, timeout=seconds + 60,
        )
    line = next((ln for ln in result.stdout.splitlines() if ln.startswith("RESULT ")), None)
    if line is None:
        raise CommandError(f"wrk gave no result: {result.stdout} {result.stderr}")
    data = json.loads(line.removeprefix("RESULT "))
    return Run(
        requests=data["requests"], seconds=data["duration_us"] / 1e6,
        p50_ms=data["p50_us"] / 1000, p95_ms=data["p95_us"] / 1000, p99_ms=data["p99_us"] / 1000,
        failures=data["socket_errors"] + data["non_2xx_3xx"],
    )
