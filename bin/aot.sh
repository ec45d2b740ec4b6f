# The JDK's ahead-of-time cache (JEP 483/514/515, JDK 25+) for the server jar: classes loaded,
# linked and profiled by a training run (the jar's hidden `aot-train` command: a server on a
# throw-away store running a flow), mapped at start instead of being loaded and linked again.
# Sourced by ./tributary and bench/cold-start. Needs jdk.sh. TRIBUTARY_AOT=false turns it off.
TRIBUTARY_AOT_MIN_JAVA=25

# Prints the JVM option that uses the cache of jar $2 under JDK $1, training it first when it is
# missing or older than the jar or made by another JDK; prints nothing when the JDK has no AOT
# cache, when it is turned off, or when training fails (the server then starts without it).
aot_cache_option() {
  local home=$1 jar=$2 v cache stamp want tmp
  [ "${TRIBUTARY_AOT:-true}" = false ] && return 0
  v=$(jdk_major "$home")
  { [ -n "$v" ] && [ "$v" -ge "$TRIBUTARY_AOT_MIN_JAVA" ]; } || return 0
  cache="${jar%.jar}.aot"
  stamp="$cache.jdk"
  want=$("$home/bin/java" -version 2>&1 | tr '\n' ' ')
  if [ ! -f "$cache" ] || [ "$jar" -nt "$cache" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "tributary: training the JDK's AOT cache for a faster start (once per build, ~1 min)..." >&2
    tmp="$cache.$$.tmp"
    rm -f "$cache" "$stamp"
    if "$home/bin/java" -XX:AOTCacheOutput="$tmp" -jar "$jar" aot-train >"$cache.log" 2>&1 && [ -s "$tmp" ]; then
      mv -f "$tmp" "$cache" && echo "$want" >"$stamp"
    else
      echo "tributary: the AOT training run failed (see $cache.log); starting without the cache" >&2
      rm -f "$tmp"
      return 0
    fi
  fi
  echo "-XX:AOTCache=$cache"
}
