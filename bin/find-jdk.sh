# shellcheck shell=sh
# Sourced by bin/dpface, mvnw and .ci/run: makes JAVA_HOME point at a JDK >= 21.
# Keeps a JAVA_HOME that is already >= 21; otherwise tries `java` on PATH, then the usual install
# places (newest first). POSIX sh, no bashisms: mvnw is a /bin/sh script.

dpface_java_major() {
  # prints the feature version of the java binary $1 (8 for 1.8), or nothing
  "$1" -version 2>&1 | sed -n 's/.*version "\([0-9][0-9.]*\).*/\1/p' | head -n 1 |
    awk -F. '{ if ($1 == 1) print $2; else print $1 }'
}

dpface_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    v=$(dpface_java_major "$JAVA_HOME/bin/java")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then return 0; fi
  fi
  if command -v javac >/dev/null 2>&1; then
    jc=$(command -v javac)
    jh=$(dirname "$(dirname "$(readlink -f "$jc")")")
    v=$(dpface_java_major "$jh/bin/java")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then JAVA_HOME=$jh; export JAVA_HOME; return 0; fi
  fi
  best=""
  bestv=0
  dpface_noglob=""
  case $- in *f*) dpface_noglob=1; set +f ;; esac
  for d in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/jdk* /usr/local/java/* \
           "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$d/bin/javac" ] || continue
    v=$(dpface_java_major "$d/bin/java")
    [ -n "$v" ] || continue
    if [ "$v" -ge 21 ] && [ "$v" -gt "$bestv" ]; then best=$d; bestv=$v; fi
  done
  if [ -n "$dpface_noglob" ]; then set -f; fi
  if [ -n "$best" ]; then JAVA_HOME=$best; export JAVA_HOME; return 0; fi
  echo "dpface: no JDK >= 21 found (looked at JAVA_HOME, PATH, /usr/lib/jvm, /opt/java, ~/.sdkman, ~/.jdks)." >&2
  echo "dpface: install one (e.g. 'apt-get install openjdk-21-jdk-headless') or set JAVA_HOME." >&2
  return 1
}
