# Finds a JDK of at least version 21 without a hard-coded path: JAVA_HOME first, then the
# `java` on PATH, then the usual installation folders. Sourced by ./tributary and .ci/run.
TRIBUTARY_MIN_JAVA=21

jdk_major() { # prints the major version of the JDK at $1, or nothing
  local home=$1 v=""
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
  if [ -f "$home/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$home/release")
  fi
  if [ -z "$v" ]; then
    v=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\).*/\1/p' | head -n1)
  fi
  [ "$v" = "1" ] && v=8
  echo "$v"
}

find_jdk() { # prints the JAVA_HOME of the newest JDK >= 21 found
  local candidates=() best="" best_v=0 c v
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for c in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/*jdk* /usr/local/*jdk* \
           "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$c" ] && candidates+=("$c")
  done
  for c in "${candidates[@]}"; do
    v=$(jdk_major "$c")
    if [ -n "$v" ] && [ "$v" -ge "$TRIBUTARY_MIN_JAVA" ] && [ "$v" -gt "$best_v" ]; then
      best=$c best_v=$v
    fi
  done
  if [ -z "$best" ]; then
    echo "tributary: no JDK $TRIBUTARY_MIN_JAVA or newer found (looked at JAVA_HOME, PATH and /usr/lib/jvm)." >&2
    echo "tributary: install one (for example Temurin 21+) and set JAVA_HOME." >&2
    return 1
  fi
  echo "$best"
}

# Maven's own guava prints sun.misc.Unsafe warnings on JDK 24+; they are noise, not ours.
quiet_maven_on() {
  local v
  v=$(jdk_major "$1")
  if [ -n "$v" ] && [ "$v" -ge 24 ]; then
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  fi
}
