#!/usr/bin/env bash
# The reelgraph benchmark (bench/README.md): the packaged service against its raw baseline, in one run, printed as
# one table. Needs java, curl, wrk, openssl, awk, and python3 or jq; everything it starts is stopped on exit.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

HTTP_PORT=${BENCH_HTTP_PORT:-18080}
XMX=${BENCH_XMX:-128m}
# the image's choices for a small pod (docker/Dockerfile.jvm): Serial GC, and glibc's free memory given back, in two
# arenas; BENCH_JAVA_OPTS adds to them (a later option wins)
read -r -a JAVA_OPTS <<<"-XX:+UseSerialGC -XX:TrimNativeHeapInterval=5000 ${BENCH_JAVA_OPTS:-}"
SVC_MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
unset MALLOC_ARENA_MAX # the service's alone, not the database's or wrk's
# the JVM of the service: on JDK 25 or newer the run also records a JDK AOT cache and measures the start from it; by
# default Temurin 25 where the machine has it (as .ci/run builds with), else the java on the PATH
SVC_JAVA_HOME=${BENCH_JAVA_HOME:-}
[[ -n $SVC_JAVA_HOME || ! -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]] || SVC_JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
SVC_BIN=${SVC_JAVA_HOME:+$SVC_JAVA_HOME/bin/} # and its jstat and jcmd
SVC_JAVA=${SVC_BIN}java
# starts measured of each kind (plain JVM, AOT cache), alternated; the table has their medians
STARTS=${BENCH_STARTS:-3}
((STARTS >= 1)) || { echo "BENCH_STARTS must be 1 or more" >&2; exit 1; }
CONNECTIONS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-2}
DURATION=${BENCH_DURATION:-20s}
WARMUP=${BENCH_WARMUP:-10s}
# longer than the service's request timeout (10 s), so that a slow answer counts in the latencies (wrk leaves a request
# that times out on its side out of them, and its default is 2 s)
WRK_TIMEOUT=15s
VIDEOS=${BENCH_VIDEOS:-1000000}
# lines L and H run in a database of their own: list pages at each of these video counts, the hub at the first
read -r -a LIST_VIDEOS <<<"${BENCH_LIST_VIDEOS:-1000000 10000000}"
HUB_LINKS=${BENCH_HUB_LINKS:-1000000}
WORK=${BENCH_WORK_DIR:-$ROOT/target/bench}
BASE=http://127.0.0.1:$HTTP_PORT
# the graph of item 4: authors, videos, and credits per author (every author also uploads and features one video)
GRAPH_AUTHORS=10000
GRAPH_VIDEOS=10000
GRAPH_CREDITS_PER_AUTHOR=4
EXPAND='expand=videos,featuredVideo,credits.video'
# line L: a code prefix of 11 videos at every size (v12345, v123450-v123459; ids 1,234,500-1,234,599 are the hub's
# uploads, coded h...), and the walk in code order that the deep cursor page comes from: 100 pages of 100, past the
# 10,000 rows that page numbers reach
LIST_CODE_PREFIX=v12345
DEEP_PAGES=100

DB_PID= SVC_PID= SAMPLER_PID= DB_SERVER_PID=
# options of the next start: none, recording the AOT cache, or starting from it
AOT_OPTS=()

# shellcheck source=bench/common.sh
source "$ROOT/bench/common.sh"

# stops the service, waiting up to $1 tenths of a second (30 s) before it kills it
stop_service() {
    [[ -n $SVC_PID ]] || return 0
    kill -TERM "$SVC_PID" 2>/dev/null || true
    for _ in $(seq 1 "${1:-300}"); do kill -0 "$SVC_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SVC_PID" 2>/dev/null || true
    wait "$SVC_PID" 2>/dev/null || true
    SVC_PID=
}

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    [[ -z $SAMPLER_PID ]] || { kill "$SAMPLER_PID" 2>/dev/null || true; wait "$SAMPLER_PID" 2>/dev/null || true; }
    stop_service
    if [[ -n $DB_PID ]]; then
        log "stopping the embedded MariaDB"
        kill -TERM "$DB_PID" 2>/dev/null || true # its shutdown hook stops mariadbd and deletes its files
        wait "$DB_PID" 2>/dev/null || true
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- prerequisites ------------------------------------------------------------------------------------------------
for tool in java curl wrk openssl awk unzip; do
    command -v "$tool" >/dev/null || die "$tool is missing (Debian: apt-get install -y $tool)"
done
if command -v python3 >/dev/null; then JSON_TOOL=python3; elif command -v jq >/dev/null; then JSON_TOOL=jq
else die "python3 or jq is needed to compare JSON"; fi
! in_use 127.0.0.1 "$HTTP_PORT" || die "port $HTTP_PORT is in use: set BENCH_HTTP_PORT"
mkdir -p "$WORK"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
awk '$1 > 0.5 { exit 1 }' /proc/loadavg || log "warning: load average $LOAD_BEFORE: other work on this machine skews the numbers"
# the service with its raw baseline, built apart from the shipped one (target/quarkus-app), which has neither
APP=target/bench-app
# (built again when missing, or left by an older script in another layout)
if ! unzip -p "$APP/quarkus-run.jar" META-INF/MANIFEST.MF 2>/dev/null | grep -qa AotQuarkusEntryPoint; then
    log "building the service with its raw baseline into $APP (./mvnw package -Pbench)"
    # the layout the JDK 25 build ships (pom.xml, profile aot-cache): every class on the JVM's class path, where the
    # JDK AOT cache can hold them (Quarkus's own class loader of the default layout is out of its reach)
    ./mvnw -B -q package -Dmaven.test.skip=true -P 'bench,!generated-clients' -Dquarkus.profile=bench \
        -Dquarkus.package.jar.type=aot-jar -Dquarkus.package.output-directory=bench-app >"$WORK/build.log" 2>&1 \
        || die "the build failed: $(tail -30 "$WORK/build.log")"
fi

# --- the database -------------------------------------------------------------------------------------------------
if [[ -n ${BENCH_DB_URL:-} ]]; then
    url=${BENCH_DB_URL#jdbc:}
    url=${url#mysql://}
    url=${url#mariadb://}
    DB_HOSTPORT=${url%%/*}
    DB_NAME=${url#*/}
    [[ $DB_HOSTPORT == *:* ]] || DB_HOSTPORT+=:3306
    [[ -n $DB_NAME && $DB_NAME != "$url" ]] || die "BENCH_DB_URL must name a database: host:port/database"
    DB_USER=${BENCH_DB_USER:-root}
    DB_PASSWORD=${BENCH_DB_PASSWORD:-}
    log "using the MariaDB at $DB_HOSTPORT/$DB_NAME"
else
    classpath=$WORK/classpath.txt
    if [[ ! -s $classpath || pom.xml -nt $classpath ]]; then
        log "resolving the embedded MariaDB's class path"
        ./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$classpath" >"$WORK/build.log" 2>&1 \
            || die "resolving the class path failed: $(tail -30 "$WORK/build.log")"
    fi
    log "starting the embedded MariaDB"
    : >"$WORK/mariadb.log" # empty before the wait below reads it, not when the background process gets to it
    java -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
        -cp "$ROOT/$APP/app/*:$(cat "$classpath")" io.reelgraph.bench.BenchDatabase "$WORK/mariadb" reelgraph \
        >"$WORK/mariadb.log" 2>&1 &
    DB_PID=$!
    for _ in $(seq 1 1800); do
        grep -q '^port=' "$WORK/mariadb.log" && break
        kill -0 "$DB_PID" 2>/dev/null || die "the embedded MariaDB did not start: $(tail -20 "$WORK/mariadb.log")"
        sleep 0.1
    done
    DB_PORT=$(sed -n 's/^port=//p' "$WORK/mariadb.log")
    [[ -n $DB_PORT ]] || die "the embedded MariaDB did not start within 3 minutes"
    DB_HOSTPORT=127.0.0.1:$DB_PORT DB_NAME=reelgraph DB_USER=root DB_PASSWORD=bench
    DB_SERVER_PID=$(pgrep -P "$DB_PID" -x mariadbd || true) # for its CPU time; unknown for a server given by URL
fi

# --- a key pair and an editor's token, signed here (RS256) ---------------------------------------------------------
TOKEN=$(editor_token "$WORK")

# --- the service --------------------------------------------------------------------------------------------------
# starts the packaged service in the bench profile on database $2 (default $DB_NAME); sets SVC_PID, READY_MS (launch
# to ready) and STARTED_IN (its log)
start_service() {
    local log=$WORK/service-$1.log t0 database=${2:-$DB_NAME}
    t0=$(now_ns)
    QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$HTTP_PORT \
        QUARKUS_DATASOURCE_REACTIVE_URL=mysql://$DB_HOSTPORT/$database \
        QUARKUS_DATASOURCE_JDBC_URL=jdbc:mariadb://$DB_HOSTPORT/$database \
        QUARKUS_DATASOURCE_USERNAME=$DB_USER QUARKUS_DATASOURCE_PASSWORD=$DB_PASSWORD \
        MP_JWT_VERIFY_PUBLICKEY="$(cat "$WORK/jwt-public.pem")" MALLOC_ARENA_MAX=$SVC_MALLOC_ARENA_MAX \
        "$SVC_JAVA" "-Xmx$XMX" "${JAVA_OPTS[@]}" "${AOT_OPTS[@]}" -Dquarkus.profile=bench -jar "$APP/quarkus-run.jar" \
        >"$log" 2>&1 &
    SVC_PID=$!
    until ready_on "$HTTP_PORT"; do
        kill -0 "$SVC_PID" 2>/dev/null || die "the service stopped: $(tail -30 "$log")"
        (($(now_ns) - t0 < 180000000000)) || die "the service was not ready within 3 minutes: $log"
        sleep 0.02
    done
    READY_MS=$((($(now_ns) - t0) / 1000000))
    STARTED_IN=$(sed -n 's/.* started in \([0-9.]*\)s.*/\1/p' "$log" | head -1)
    [[ $(curl -s -o /dev/null -w '%{http_code}' "$BASE/bench/statements") == 200 ]] \
        || die "the service in $APP has no /bench routes: delete target/bench-app and run again"
}

count() { curl -fsS "$BASE/bench/raw/counts" | sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p"; }
statements() { curl -fsS "$BASE/bench/statements"; }
reads() { curl -fsS "$BASE/bench/reads"; }
# the CPU the service and the database used since the marks of cpu_mark, per unit of work, as "java X / db Y"
cpu_mark() { CPU_SVC=$(cpu_ms "$SVC_PID") CPU_DB=$(cpu_ms "$DB_SERVER_PID"); }
cpu_per() {
    awk -v j=$(($(cpu_ms "$SVC_PID") - CPU_SVC)) -v d=$(($(cpu_ms "$DB_SERVER_PID") - CPU_DB)) -v n="$1" \
        -v known="$DB_SERVER_PID" 'BEGIN { if (n + 0 <= 0) { print "-"; exit }
            printf "java %.2f / db %s", j / n, known == "" ? "?" : sprintf("%.2f", d / n) }'
}
rss_mb() { awk -v key="$1:" '$1 == key { printf "%.0f", $2 / 1024 }' "/proc/$SVC_PID/status"; }
# the proportional set size: pages shared with other processes (the AOT cache's, the JDK's) counted by their share
pss_mb() { awk '$1 == "Pss:" { printf "%.0f", $2 / 1024 }' "/proc/$SVC_PID/smaps_rollup"; }
# the values $@ as "a / b"
joined() { local out=$1; shift; for v in "$@"; do out+=" / $v"; done; echo "$out"; }
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# POST /authors with a featured video, n uploads and n credits on new videos; prints the new author's id
create_author() {
    local n=$1 videos= credits= i
    for ((i = 0; i < n; i++)); do
        videos+="${videos:+,}{\"code\":\"u$i\"}"
        credits+="${credits:+,}{\"video\":{\"code\":\"c$i\"},\"extraData\":\"x\"}"
    done
    curl -fsS -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "$BASE/authors" \
        -d "{\"name\":\"bench$n\",\"featuredVideo\":{\"code\":\"f\"},\"videos\":[$videos],\"credits\":[$credits]}" \
        | sed -n 's/^{"id":\([0-9]*\).*/\1/p'
}

log "first start (migrates an empty database)"
start_service first
FIRST_READY_MS=$READY_MS
BIG=$(create_author 50)
SMALL=$(create_author 1)
[[ -n $BIG && -n $SMALL ]] || die "POST /authors failed"
have=$(count videos)
while ((have < VIDEOS)); do
    n=$((VIDEOS - have < 200000 ? VIDEOS - have : 200000))
    log "seeding videos: $have of $VIDEOS"
    curl -fsS -X POST "$BASE/bench/raw/seed?videos=$n" >/dev/null
    have=$((have + n))
done
stop_service

# waits (up to a minute) for the CPUs to be 90% idle over a second: after the seeding, the database is still busy
# flushing and purging, and its work would be counted as the service's start
settle() {
    local _ user nice system idle iowait irq softirq steal total1 idle1 total2 idle2
    for _ in $(seq 1 60); do
        read -r _ user nice system idle iowait irq softirq steal _ </proc/stat
        total1=$((user + nice + system + idle + iowait + irq + softirq + steal)) idle1=$idle
        sleep 1
        read -r _ user nice system idle iowait irq softirq steal _ </proc/stat
        total2=$((user + nice + system + idle + iowait + irq + softirq + steal)) idle2=$idle
        (((idle2 - idle1) * 10 >= (total2 - total1) * 9)) && return 0
    done
    log "warning: the machine is still busy: ${1:-the start-up time is skewed}"
}
# --- 5. start-up: the plain JVM and the JDK AOT cache ---------------------------------------------------------------
# The cache is recorded by a training run of the same build on the same JVM (the shipped one is recorded by the
# integration tests: pom.xml, profile aot-cache): it starts, serves the kinds of request the table measures, and
# writes the cache when it stops.
SVC_JAVA_FEATURE=$("$SVC_JAVA" -XshowSettings:properties -version 2>&1 \
    | awk -F' = ' '$1 ~ /java.specification.version/ { print $2 }')
AOT_CACHE=$WORK/app.aot
# a start from the cache; AOTMode=on: a JVM that cannot use it stops instead of starting without it
FROM_CACHE=("-XX:AOTCache=$AOT_CACHE" -XX:AOTMode=on)
rm -f "$AOT_CACHE" # a cache of an earlier run, perhaps of another build or JVM, is never measured
if ((SVC_JAVA_FEATURE >= 25)); then
    log "recording the JDK AOT cache: a training run"
    AOT_OPTS=("-XX:AOTCacheOutput=$AOT_CACHE")
    start_service training
    for _ in $(seq 1 200); do
        curl -fsS -o /dev/null "$BASE/authors/$BIG?$EXPAND"
        curl -fsS -o /dev/null "$BASE/videos?size=20&sort=-score"
    done
    curl -fsS -o /dev/null "$BASE/graph?author=$BIG&depth=2"
    curl -fsS -o /dev/null -H 'Accept: application/x-ndjson' "$BASE/videos?authorId=$BIG"
    create_author 2 >/dev/null
    stop_service 1200 # the JVM writes the cache as it exits
    [[ -s $AOT_CACHE ]] || die "the training run wrote no $AOT_CACHE: see $WORK/service-training.log"
fi
settle
log "start-up: $STARTS starts of each kind, alternated"
PLAIN_MS=() PLAIN_IN=() AOT_MS=() AOT_IN=()
for ((i = 1; i <= STARTS; i++)); do
    AOT_OPTS=()
    start_service "plain-$i"
    PLAIN_MS+=("$READY_MS") PLAIN_IN+=("$STARTED_IN")
    stop_service
    if [[ -s $AOT_CACHE ]]; then
        AOT_OPTS=("${FROM_CACHE[@]}")
        start_service "aot-$i" # a refused cache stops the JVM, and start_service says so with its log
        AOT_MS+=("$READY_MS") AOT_IN+=("$STARTED_IN")
        stop_service
    fi
done
AOT_OPTS=()
[[ ! -s $AOT_CACHE ]] || AOT_OPTS=("${FROM_CACHE[@]}")
log "the measured start: database up and migrated${AOT_OPTS[*]:+, from the AOT cache}"
start_service measured
RSS_READY=$(rss_mb VmRSS) PSS_READY=$(pss_mb)

# --- 1. the expanded author ---------------------------------------------------------------------------------------
# a status other than 2xx is "endpoint missing"; prints the status
status_of() { curl -s -o "$2" -w '%{http_code}' "${@:3}" "$1"; }

# compares two files of JSON values, one a line (a single document or NDJSON)
json_compare() {
    if cmp -s "$1" "$2"; then echo "same bytes"; return; fi
    if [[ $JSON_TOOL == python3 ]]; then
        python3 -c 'import json, sys
values = [[json.loads(line) for line in open(name) if line.strip()] for name in sys.argv[1:]]
sys.exit(values[0] != values[1])' "$1" "$2" 2>/dev/null && { echo "equal JSON, other bytes"; return; }
    else
        [[ $(jq -cS . "$1" 2>/dev/null) == "$(jq -cS . "$2")" ]] && { echo "equal JSON, other bytes"; return; }
    fi
    echo "different"
}

# statements per request: the server's counters around n sequential requests
statements_per_request() {
    local before after i n=10
    before=$(statements)
    for ((i = 0; i < n; i++)); do curl -s -o /dev/null "$BASE$1"; done
    after=$(statements)
    awk -v d=$((after - before)) -v n=$n 'BEGIN { printf "%g", d / n }'
}

# the mean of the values, and their spread: (largest - smallest) / mean, in percent
mean() { printf '%s\n' "$@" | awk '{ s += $1; n++ } END { if (n) printf "%.0f", s / n }'; }
spread() {
    printf '%s\n' "$@" | awk 'NR == 1 { lo = hi = $1 } { s += $1; n++; if ($1 < lo) lo = $1; if ($1 > hi) hi = $1 }
        END { if (n && s > 0) printf "%.1f%%", (hi - lo) / (s / n) * 100 }'
}

wrk_ms() { # wrk's latency (850.00us, 28.30ms, 1.20s) in ms
    awk '{ v = $1; f = 1
           if (v ~ /us$/) { sub(/us$/, "", v); f = 0.001 } else if (v ~ /ms$/) { sub(/ms$/, "", v) }
           else if (v ~ /s$/) { sub(/s$/, "", v); f = 1000 } else if (v ~ /m$/) { sub(/m$/, "", v); f = 60000 }
           printf "%.1f", v * f }'
}

# runs wrk against a path; sets RPS, P50, P99, ERRORS, and CPU (ms per request)
load() {
    local out=$WORK/wrk-$1.txt
    cpu_mark
    wrk "-c$CONNECTIONS" "-t$THREADS" "-d$DURATION" --timeout "$WRK_TIMEOUT" --latency "$BASE$2" >"$out"
    CPU=$(cpu_per "$(awk '/requests in/ { print $1 }' "$out")")
    RPS=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$out")
    P50=$(awk '$1 == "50%" { print $2 }' "$out" | wrk_ms)
    P99=$(awk '$1 == "99%" { print $2 }' "$out" | wrk_ms)
    ERRORS=$(awk '/Non-2xx|Socket errors/ { sub(/^ */, ""); printf "%s; ", $0 }' "$out")
}

SVC_AUTHOR=/authors/$BIG?$EXPAND
RAW_AUTHOR=/bench/raw/authors/$BIG
author_status=$(status_of "$BASE$SVC_AUTHOR" "$WORK/author-service.json")
[[ $(status_of "$BASE$RAW_AUTHOR" "$WORK/author-raw.json") == 200 ]] || die "the raw author failed"
RAW_STATEMENTS=$(statements_per_request "$RAW_AUTHOR")
if [[ $author_status == 2* ]]; then
    AUTHOR_JSON=$(json_compare "$WORK/author-service.json" "$WORK/author-raw.json")
    SVC_STATEMENTS=$(statements_per_request "$SVC_AUTHOR")
    SMALL_STATEMENTS=$(statements_per_request "/authors/$SMALL?$EXPAND")
    log "1. warming up ($WARMUP each)"
    wrk "-c$CONNECTIONS" "-t$THREADS" "-d$WARMUP" "$BASE$SVC_AUTHOR" >/dev/null
else
    AUTHOR_JSON="n/a"
fi
wrk "-c$CONNECTIONS" "-t$THREADS" "-d$WARMUP" "$BASE$RAW_AUTHOR" >/dev/null
# two rounds of the pair, interleaved, so that drift on the machine shows as spread rather than as a ratio
SVC_RUNS=() RAW_RUNS=() SVC_ERRORS= RAW_ERRORS=
for round in 1 2; do
    if [[ $author_status == 2* ]]; then
        log "1. GET $SVC_AUTHOR ($DURATION, round $round)"
        load "author-service-$round" "$SVC_AUTHOR"
        SVC_RUNS+=("$RPS") SVC_P50=$P50 SVC_P99=$P99 SVC_ERRORS+=$ERRORS SVC_CPU=$CPU
    fi
    log "1. GET $RAW_AUTHOR ($DURATION, round $round)"
    load "author-raw-$round" "$RAW_AUTHOR"
    RAW_RUNS+=("$RPS") RAW_P50=$P50 RAW_P99=$P99 RAW_ERRORS+=$ERRORS RAW_CPU=$CPU
done
SVC_RPS=$(mean "${SVC_RUNS[@]}") RAW_RPS=$(mean "${RAW_RUNS[@]}")

# --- 3. the NDJSON stream of every video ----------------------------------------------------------------------------
# the service's memory during a run: sample_start resets the kernel's peak RSS (VmHWM restarts from the current RSS)
# and samples the heap with jstat every 250 ms; sample_stop sets PEAK_RSS, HEAP_PEAK and OLD_BEFORE/OLD_AFTER (MB)
sample_start() {
    echo 5 >"/proc/$SVC_PID/clear_refs" 2>/dev/null || log "cannot reset the peak RSS: it is the peak since start"
    if command -v "${SVC_BIN}jstat" >/dev/null; then
        "${SVC_BIN}jstat" -gc "$SVC_PID" 250 >"$WORK/heap-$1.txt" 2>/dev/null &
        SAMPLER_PID=$!
        SAMPLES=$WORK/heap-$1.txt
    fi
}
sample_stop() {
    if [[ -n $SAMPLER_PID ]]; then
        sleep 0.3
        kill "$SAMPLER_PID" 2>/dev/null || true
        wait "$SAMPLER_PID" 2>/dev/null || true
        SAMPLER_PID=
        read -r HEAP_PEAK OLD_BEFORE OLD_AFTER < <(awk '
            NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
            $1 ~ /^[0-9.]+$/ { used = $col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"]
                               if (used > peak) peak = used
                               if (first == "") first = $col["OU"]
                               old = $col["OU"] }
            END { printf "%.0f %.0f %.0f\n", peak / 1024, first / 1024, old / 1024 }' "$SAMPLES")
    else
        HEAP_PEAK=? OLD_BEFORE=? OLD_AFTER=?
    fi
    PEAK_RSS=$(rss_mb VmHWM)
}

# streams a path to wc; sets STATUS, ROWS, SECONDS_TAKEN, PEAK_RSS (MB), HEAP_PEAK and OLD_BEFORE/OLD_AFTER (MB), and
# CPU (ms per 1,000 rows)
stream() {
    local name=$1 path=$2 t0 t1
    sample_start "$name"
    cpu_mark
    t0=$(now_ns)
    ROWS=$(curl -s -N -D "$WORK/stream-$name.headers" -H 'Accept: application/x-ndjson' "$BASE$path" | wc -l) || true
    t1=$(now_ns)
    CPU=$(cpu_per "$(awk -v rows="$ROWS" 'BEGIN { print (rows > 0 ? rows : 1) / 1000 }')")
    sample_stop
    STATUS=$(awk 'NR == 1 { print $2 }' "$WORK/stream-$name.headers" 2>/dev/null || echo none)
    SECONDS_TAKEN=$(awk -v ns=$((t1 - t0)) 'BEGIN { printf "%.2f", ns / 1e9 }')
}

EXPECTED_ROWS=$(count videos)
# one pass first, so that neither measured stream pays for the database's cold caches or a cold JIT
log "3. warming up: one raw stream of $EXPECTED_ROWS videos"
curl -s "$BASE/bench/raw/videos" >/dev/null
per_second() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", n / s }'; }
SVC_STREAM_RUNS=() RAW_STREAM_RUNS=()
for round in 1 2; do
    log "3. raw NDJSON stream of $EXPECTED_ROWS videos (round $round)"
    stream "raw-$round" /bench/raw/videos
    RAW_ROWS=$ROWS RAW_STREAM_S=$SECONDS_TAKEN RAW_STREAM_RSS=$PEAK_RSS RAW_HEAP=$HEAP_PEAK RAW_STREAM_CPU=$CPU
    RAW_OLD="$OLD_BEFORE->$OLD_AFTER"
    [[ $RAW_ROWS == "$EXPECTED_ROWS" ]] || die "the raw stream gave $RAW_ROWS rows of $EXPECTED_ROWS"
    RAW_STREAM_RUNS+=("$(per_second "$ROWS" "$SECONDS_TAKEN")")
    log "3. service NDJSON stream (GET /videos, Accept: application/x-ndjson, round $round)"
    stream "service-$round" /videos
    SVC_STREAM_STATUS=$STATUS SVC_ROWS=$ROWS SVC_STREAM_S=$SECONDS_TAKEN SVC_STREAM_RSS=$PEAK_RSS SVC_HEAP=$HEAP_PEAK
    SVC_STREAM_CPU=$CPU
    SVC_OLD="$OLD_BEFORE->$OLD_AFTER"
    SVC_STREAM_RUNS+=("$(per_second "$ROWS" "$SECONDS_TAKEN")")
done
STREAM_JSON=n/a
if [[ $SVC_STREAM_STATUS == 2* ]]; then
    curl -s -H 'Accept: application/x-ndjson' "$BASE/videos" | head -n 1000 >"$WORK/stream-service.head" || true
    curl -s "$BASE/bench/raw/videos" | head -n 1000 >"$WORK/stream-raw.head" || true
    STREAM_JSON="$(json_compare "$WORK/stream-service.head" "$WORK/stream-raw.head") (first 1,000 rows)"
fi

# --- 4. one graph of 60,000 rows ------------------------------------------------------------------------------------
awk -v A=$GRAPH_AUTHORS -v V=$GRAPH_VIDEOS -v C=$GRAPH_CREDITS_PER_AUTHOR 'BEGIN {
    printf "{\"nodes\":["
    for (i = 1; i <= A; i++) printf "%s{\"id\":\"a%d\",\"type\":\"author\",\"name\":\"n%d\"}", (i > 1 ? "," : ""), i, i
    for (i = 1; i <= V; i++) printf ",{\"id\":\"v%d\",\"type\":\"video\",\"code\":\"c%d\",\"img\":\"i\",\"score\":9}", i, i
    printf "],\"edges\":["
    for (i = 1; i <= A; i++) {
        v = (i - 1) % V + 1
        printf "%s{\"from\":\"a%d\",\"to\":\"v%d\",\"kind\":\"upload\"}", (i > 1 ? "," : ""), i, v
        printf ",{\"from\":\"a%d\",\"to\":\"v%d\",\"kind\":\"featured\"}", i, v
        for (k = 1; k <= C; k++)
            printf ",{\"from\":\"a%d\",\"to\":\"v%d\",\"kind\":\"credit\",\"extraData\":\"x\"}", i, (v + k - 1) % V + 1
    }
    printf "]}\n" }' >"$WORK/graph.json"
GRAPH_ROWS=$((GRAPH_AUTHORS + GRAPH_VIDEOS + GRAPH_AUTHORS * GRAPH_CREDITS_PER_AUTHOR))
GRAPH_BYTES=$(wc -c <"$WORK/graph.json")

# posts the graph; sets STATUS, SECONDS_TAKEN, and ADDED (rows added: authors+videos+credits)
import_graph() {
    local before after result
    before=$(($(count authors) + $(count videos) + $(count credits)))
    result=$(curl -s -o "$WORK/graph-$1.out" -w '%{http_code} %{time_total}' -H 'Content-Type: application/json' \
        "${@:3}" --data-binary "@$WORK/graph.json" "$BASE$2")
    STATUS=${result% *}
    SECONDS_TAKEN=$(awk -v s="${result#* }" 'BEGIN { printf "%.2f", s }')
    after=$(($(count authors) + $(count videos) + $(count credits)))
    ADDED=$((after - before))
}
log "4. POST /graph: $GRAPH_ROWS rows, $GRAPH_BYTES bytes"
import_graph service /graph -H "Authorization: Bearer $TOKEN"
SVC_GRAPH_STATUS=$STATUS SVC_GRAPH_S=$SECONDS_TAKEN SVC_GRAPH_ADDED=$ADDED
# a request that timed out (503) may still be writing: the raw import waits until the server's statement counters
# stand still for a second (uncommitted rows do not show in counts, executed statements do)
previous=$(statements)
for _ in $(seq 1 120); do
    sleep 1
    current=$(statements)
    [[ $current != "$previous" ]] || break
    previous=$current
done
log "4. raw import of the same document"
import_graph raw /bench/raw/graph
[[ $STATUS == 201 && $ADDED == "$GRAPH_ROWS" ]] || die "the raw import failed ($STATUS, $ADDED rows added)"
RAW_GRAPH_S=$SECONDS_TAKEN

# --- 5. memory after the run ----------------------------------------------------------------------------------------
RSS_AFTER=$(rss_mb VmRSS) PSS_AFTER=$(pss_mb)
# where the memory is, when the JVM tracks it (BENCH_JAVA_OPTS=-XX:NativeMemoryTracking=summary)
if [[ " ${JAVA_OPTS[*]} " == *NativeMemoryTracking=* ]]; then
    "${SVC_BIN}jcmd" "$SVC_PID" VM.native_memory summary scale=MB >"$WORK/nmt-after.txt" 2>&1 || true
    log "native memory after the run: $WORK/nmt-after.txt"
fi

# --- L and H: list pages over 1M and 10M videos, and a hub of a million links -----------------------------------------
# In a database of their own on the same server (${DB_NAME}_scale, dropped and made anew by each run), so that the
# lines above keep their data: the service is restarted on it (its first start there migrates it). Rows are made
# inside MariaDB from its sequence engine, a million per INSERT ... SELECT, on one JDBC connection (bench/Sql.java):
# statements of seconds to a minute, which an HTTP route would time out on.
SCALE_DB=${DB_NAME}_scale
JDBC_JAR=$(ls "$APP"/lib/main/org.mariadb.jdbc.mariadb-java-client-*.jar 2>/dev/null | head -1)
[[ -n $JDBC_JAR ]] || die "$APP/lib/main has no MariaDB JDBC driver"
# runs statements on database $1, one connection; prints the rows of queries, tab-separated
sql() {
    java -cp "$JDBC_JAR" "$ROOT/bench/Sql.java" "jdbc:mariadb://$DB_HOSTPORT/$1" "$DB_USER" "$DB_PASSWORD" "${@:2}"
}

# tops the scale database's videos up to $1: per INSERT ... SELECT a million videos from seq_1_to_1000000 with
# explicit ids after the largest, a thousandth as many authors each uploading a block of 1,000 in a row and featuring
# the first, and a credit of the next author on every second video (as the seed above); foreign key and unique checks
# off for the session (the rows are made consistent). Sets FILLED (rows added) and FILL_S (seconds).
fill_videos() {
    local target=$1 have n authors t0
    t0=$(now_ns)
    have=$(sql "$SCALE_DB" "SELECT COUNT(*) FROM video")
    FILLED=0
    while ((have < target)); do
        n=$((target - have < 1000000 ? target - have : 1000000))
        authors=$(((n + 999) / 1000))
        log "L. generating videos: $have of $target"
        sql "$SCALE_DB" "SET SESSION foreign_key_checks = 0, unique_checks = 0" \
            "SET @a = (SELECT COALESCE(MAX(id), 0) FROM author), @v = (SELECT COALESCE(MAX(id), 0) FROM video)" \
            "INSERT INTO author (id, name) SELECT @a + seq, CONCAT('fill', @a + seq) FROM seq_1_to_$authors" \
            "INSERT INTO video (id, code, img, score, author_id) SELECT @v + seq, CONCAT('v', @v + seq),
                 CONCAT('img', seq MOD 100), (seq MOD 100) / 10, @a + 1 + (seq - 1) DIV 1000 FROM seq_1_to_$n" \
            "INSERT INTO video_author (author_id, video_id, extra_data) SELECT @a + 1 + ((seq - 1) DIV 1000 + 1) MOD
                 $authors, @v + seq, 'filled' FROM seq_1_to_$n WHERE seq MOD 2 = 0" \
            "UPDATE author SET featured_video_id = @v + 1 + (id - @a - 1) * 1000
                 WHERE id > @a AND id <= @a + $authors" \
            || die "generating videos failed"
        have=$((have + n))
        FILLED=$((FILLED + n))
    done
    FILL_S=$(seconds_since "$t0")
}

# a top-level field of the JSON document in file $1 ("" for null or none)
json_get() {
    if [[ $JSON_TOOL == python3 ]]; then
        python3 -c 'import json, sys
v = json.load(open(sys.argv[1])).get(sys.argv[2])
print("" if v is None else str(v).lower() if isinstance(v, bool) else v)' "$1" "$2"
    else
        jq -r --arg f "$2" 'if .[$f] == null then "" else .[$f] end' "$1"
    fi
}

# rows the server read (its Handler_read_* counters) per request, around n sequential requests, less what reading the
# counters itself reads
reads_per_request() {
    local before after idle i n=10
    before=$(reads)
    idle=$(($(reads) - before))
    before=$(reads)
    for ((i = 0; i < n; i++)); do curl -s -o /dev/null "$BASE$1"; done
    after=$(reads)
    awk -v d=$((after - before - idle)) -v n=$n 'BEGIN { printf "%.0f", d / n }'
}

# GETs a path once (STATUS, BYTES, its body in $WORK/$1.json), then, if it answers 2xx, counts the rows the server reads
# for it (READS), warms it up and loads it with wrk while sampling the heap and RSS: sets RPS, P50, P99, ERRORS, CPU,
# HEAP_PEAK, PEAK_RSS
measure() {
    local name=$1 path=$2
    STATUS=$(status_of "$BASE$path" "$WORK/$name.json")
    BYTES=$(wc -c <"$WORK/$name.json")
    RPS= P50= P99= ERRORS= CPU= HEAP_PEAK= PEAK_RSS= READS=
    [[ $STATUS == 2* ]] || { log "$path answered $STATUS: $(head -c 300 "$WORK/$name.json")"; return 0; }
    READS=$(reads_per_request "$path")
    wrk "-c$CONNECTIONS" "-t$THREADS" "-d$WARMUP" "$BASE$path" >/dev/null
    sample_start "$name"
    load "$name" "$path"
    sample_stop
}

stop_service
log "L/H. a database of their own: $SCALE_DB"
sql "$DB_NAME" "DROP DATABASE IF EXISTS $SCALE_DB" "CREATE DATABASE $SCALE_DB" || die "cannot create $SCALE_DB"
start_service scale "$SCALE_DB"

# line L at each size: the four pages, with the sizes' results side by side in the table
declare -A L_RPS L_LAT L_ERR L_STATUS L_GEN L_TOTAL L_CPU L_READS
L_PAGES=(first top prefix deep)
list_line() {
    local size=$1 page next i
    fill_videos "$size"
    L_GEN[$size]="$FILL_S s for $FILLED rows"
    settle "generating the rows still busies the database"
    # the deep page: a walk in code order by its next links past page numbers' reach, then a page of 20 from there
    next="/videos?sort=code&size=100"
    for ((i = 0; i < DEEP_PAGES; i++)); do
        [[ -n $next && $(status_of "$BASE$next" "$WORK/walk.json") == 200 ]] || { next=; break; }
        next=$(json_get "$WORK/walk.json" next)
    done
    declare -A paths=([first]="/videos?size=20" [top]="/videos?sort=-score&size=20"
        [prefix]="/videos?code=$LIST_CODE_PREFIX" [deep]="${next/size=100/size=20}")
    for page in "${L_PAGES[@]}"; do
        log "L. $size videos: GET ${paths[$page]} ($DURATION)"
        if [[ -z ${paths[$page]} ]]; then
            L_STATUS[$page,$size]="no next link"
            continue
        fi
        measure "list-$page-$size" "${paths[$page]}"
        L_STATUS[$page,$size]=$STATUS L_RPS[$page,$size]=$RPS L_LAT[$page,$size]="$P50 / $P99"
        L_ERR[$page,$size]=$ERRORS
        L_CPU[$page,$size]=$CPU L_READS[$page,$size]=$READS
        [[ $STATUS != 2* ]] || L_TOTAL[$page,$size]=$(json_get "$WORK/list-$page-$size.json" total)
    done
}
list_line "${LIST_VIDEOS[0]}"

# line H: the hub uploads HUB_LINKS videos (h1 ..), is credited on each, and features the first; HUB_LINKS fans are
# credited on that first video (as src/test/java/io/reelgraph/HubReadsIT.java)
log "H. making the hub: $HUB_LINKS uploads, $HUB_LINKS credits, a video with $HUB_LINKS credits more"
t0=$(now_ns)
read -r HUB HUB_VIDEO < <(sql "$SCALE_DB" "SET SESSION foreign_key_checks = 0, unique_checks = 0" \
    "INSERT INTO author (name) VALUES ('benchhub')" \
    "SET @h = LAST_INSERT_ID(), @v = (SELECT COALESCE(MAX(id), 0) FROM video)" \
    "INSERT INTO video (id, code, img, score, author_id) SELECT @v + seq, CONCAT('h', seq), CONCAT('img', seq MOD 100),
         (seq MOD 100) / 10, @h FROM seq_1_to_$HUB_LINKS" \
    "INSERT INTO video_author (author_id, video_id, extra_data) SELECT @h, @v + seq, 'own' FROM seq_1_to_$HUB_LINKS" \
    "UPDATE author SET featured_video_id = @v + 1 WHERE id = @h" \
    "SET @a = (SELECT MAX(id) FROM author)" \
    "INSERT INTO author (id, name) SELECT @a + seq, CONCAT('fan', seq) FROM seq_1_to_$HUB_LINKS" \
    "INSERT INTO video_author (author_id, video_id, extra_data) SELECT @a + seq, @v + 1, 'fan'
         FROM seq_1_to_$HUB_LINKS" \
    "SELECT @h, @v + 1") || die "making the hub failed"
[[ -n $HUB && -n $HUB_VIDEO ]] || die "making the hub failed"
HUB_S=$(seconds_since "$t0")
settle "making the hub still busies the database"
HUB_AUTHOR=/authors/$HUB?expand=videos,credits.video
HUB_GRAPH="/graph?author=$HUB&depth=2&limit=500"
log "H. GET $HUB_AUTHOR ($DURATION)"
measure hub-author "$HUB_AUTHOR"
H_AUTHOR_STATUS=$STATUS H_AUTHOR_BYTES=$BYTES H_AUTHOR_RPS=$RPS H_AUTHOR_LAT="$P50 / $P99" H_AUTHOR_ERR=$ERRORS
H_AUTHOR_CPU=$CPU H_AUTHOR_MEM="$HEAP_PEAK / $PEAK_RSS" H_AUTHOR_READS=$READS
HUB_RAW=/bench/raw/authors/$HUB?expand=videos,credits.video
log "H. GET $HUB_RAW ($DURATION)"
measure hub-author-raw "$HUB_RAW"
[[ $STATUS == 200 ]] || die "the raw hub author failed ($STATUS)"
H_RAW_RPS=$RPS H_RAW_LAT="$P50 / $P99" H_RAW_ERR=$ERRORS H_RAW_CPU=$CPU H_RAW_MEM="$HEAP_PEAK / $PEAK_RSS"
H_RAW_READS=$READS
H_AUTHOR_JSON=n/a
[[ $H_AUTHOR_STATUS != 2* ]] || H_AUTHOR_JSON=$(json_compare "$WORK/hub-author.json" "$WORK/hub-author-raw.json")
log "H. GET $HUB_GRAPH ($DURATION)"
measure hub-graph "$HUB_GRAPH"
H_GRAPH_STATUS=$STATUS H_GRAPH_BYTES=$BYTES H_GRAPH_RPS=$RPS H_GRAPH_LAT="$P50 / $P99" H_GRAPH_ERR=$ERRORS
H_GRAPH_CPU=$CPU H_GRAPH_MEM="$HEAP_PEAK / $PEAK_RSS" H_GRAPH_READS=$READS
[[ $H_GRAPH_STATUS != 2* ]] || H_GRAPH_NODES=$(grep -o '"id":"[a-z]*:[0-9]*"' "$WORK/hub-graph.json" | wc -l)

for size in "${LIST_VIDEOS[@]:1}"; do
    list_line "$size"
done
RSS_SCALE_END=$(rss_mb VmRSS)

# --- the table ------------------------------------------------------------------------------------------------------
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a + 0 > 0 && b + 0 > 0) printf "%.2f", a / b; else printf "-" }'; }
verdict() { awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN { if (v == "-" || v == "") { print "n/a"; exit }
    ok = (op == ">=") ? (v + 0 >= t + 0) : (v + 0 <= t + 0); print (ok ? "met" : "MISSED") }'; }
missing() { if [[ $1 == 40[456] ]]; then echo "n/a (endpoint missing: $1)"; else echo "n/a (HTTP $1)"; fi; }

ROWS_OUT=()
row() { ROWS_OUT+=("$(printf '%-2s %-46s %-30s %-20s %-6s %-10s %s' "$@")"); }
# line $1's rounds of the service (array named $3) and raw (array named $4), in $2, their spreads and ratios
rounds_row() {
    local -n svc=$3 raw=$4
    row "$1" "  rounds 1 / 2 ($2); spread" "$(joined "${svc[@]}"); $(spread "${svc[@]}")" \
        "$(joined "${raw[@]}"); $(spread "${raw[@]}")" "$(ratio "${svc[0]}" "${raw[0]}") / $(ratio "${svc[1]}" "${raw[1]}")" "" ""
}

if [[ $author_status == 2* ]]; then
    r=$(ratio "$SVC_RPS" "$RAW_RPS")
    v=$(verdict "$r" '>=' 0.8)
    [[ $AUTHOR_JSON == different* ]] && v="n/a (service JSON differs from raw)"
    [[ -z $SVC_ERRORS ]] || v="n/a (service errors: $SVC_ERRORS)"
    [[ -z $RAW_ERRORS ]] || v+=" (raw errors: $RAW_ERRORS)"
    row 1 "GET author, 50+50 links, expanded: req/s" "$SVC_RPS" "$RAW_RPS" "$r" ">= 0.8" "$v"
    rounds_row 1 req/s SVC_RUNS RAW_RUNS
    row 1 "  round 2: latency p50 / p99 (ms), $CONNECTIONS conn." "$SVC_P50 / $SVC_P99" "$RAW_P50 / $RAW_P99" "" "" ""
    row 1 "  round 2: CPU per request (ms)" "$SVC_CPU" "$RAW_CPU" "" "" ""
    if [[ $SVC_STATEMENTS == "$SMALL_STATEMENTS" ]]; then v=met; else v="MISSED ($SMALL_STATEMENTS with 1+1 links)"; fi
    row 1 "  SQL statements per request" "$SVC_STATEMENTS" "$RAW_STATEMENTS" "" "constant" "$v"
    row 1 "  JSON of the service vs raw" "$AUTHOR_JSON" "" "" "equal" \
        "$([[ $AUTHOR_JSON == different* ]] && echo "MISSED (see $WORK/author-*.json)" || echo met)"
else
    row 1 "GET author, 50+50 links, expanded: req/s" "$(missing "$author_status")" "$RAW_RPS" "" ">= 0.8" \
        "n/a${RAW_ERRORS:+ (raw errors: $RAW_ERRORS)}"
    row 1 "  round 2: latency p50 / p99 (ms), $CONNECTIONS conn." "" "$RAW_P50 / $RAW_P99" "" "" ""
    row 1 "  round 2: CPU per request (ms)" "" "$RAW_CPU" "" "" ""
    row 1 "  SQL statements per request" "" "$RAW_STATEMENTS" "" "constant" "n/a"
fi
RAW_ROWS_S=$(mean "${RAW_STREAM_RUNS[@]}")
if [[ $SVC_STREAM_STATUS == 2* ]]; then
    SVC_ROWS_S=$(mean "${SVC_STREAM_RUNS[@]}")
    r=$(ratio "$SVC_ROWS_S" "$RAW_ROWS_S")
    v=$(verdict "$r" '>=' 0.6)
    [[ $SVC_ROWS == "$EXPECTED_ROWS" ]] || v="MISSED ($SVC_ROWS of $EXPECTED_ROWS rows)"
    row 3 "NDJSON stream of $EXPECTED_ROWS videos: rows/s" "$SVC_ROWS_S" "$RAW_ROWS_S" "$r" ">= 0.6" "$v"
    rounds_row 3 rows/s SVC_STREAM_RUNS RAW_STREAM_RUNS
    row 3 "  round 2: seconds" "$SVC_STREAM_S" "$RAW_STREAM_S" "" "" ""
    row 3 "  round 2: CPU per 1,000 rows (ms)" "$SVC_STREAM_CPU" "$RAW_STREAM_CPU" "" "" ""
    row 3 "  round 2: peak RSS during the stream (MB)" "$SVC_STREAM_RSS" "$RAW_STREAM_RSS" "" "" ""
    row 3 "  round 2: heap peak / old before->after (MB)" "$SVC_HEAP / $SVC_OLD" "$RAW_HEAP / $RAW_OLD" "" \
        "-Xmx$XMX" "completes: $([[ $SVC_ROWS == "$EXPECTED_ROWS" ]] && echo yes || echo NO)"
    row 3 "  rows of the service vs raw" "$STREAM_JSON" "" "" "equal" \
        "$([[ $STREAM_JSON == different* ]] && echo "MISSED (see $WORK/stream-*.head)" || echo met)"
else
    row 3 "NDJSON stream of $EXPECTED_ROWS videos: rows/s" "$(missing "$SVC_STREAM_STATUS")" "$RAW_ROWS_S" "" \
        ">= 0.6" "n/a"
    row 3 "  round 2: seconds" "" "$RAW_STREAM_S" "" "" ""
    row 3 "  round 2: CPU per 1,000 rows (ms)" "" "$RAW_STREAM_CPU" "" "" ""
    row 3 "  round 2: peak RSS during the stream (MB)" "" "$RAW_STREAM_RSS" "" "" ""
    row 3 "  round 2: heap peak / old before->after (MB)" "" "$RAW_HEAP / $RAW_OLD" "" "-Xmx$XMX" ""
fi
if [[ $SVC_GRAPH_STATUS == 2* ]]; then
    r=$(ratio "$RAW_GRAPH_S" "$SVC_GRAPH_S")
    v=$(verdict "$r" '>=' 1.0)
    [[ $SVC_GRAPH_ADDED == "$GRAPH_ROWS" ]] || v="MISSED ($SVC_GRAPH_ADDED rows added)"
    row 4 "POST /graph, $GRAPH_ROWS rows ($((GRAPH_BYTES / 1024)) kB): seconds" "$SVC_GRAPH_S" "$RAW_GRAPH_S" "$r" \
        ">= 1.0" "$v"
else
    row 4 "POST /graph, $GRAPH_ROWS rows ($((GRAPH_BYTES / 1024)) kB): seconds" "$(missing "$SVC_GRAPH_STATUS")" \
        "$RAW_GRAPH_S" "" ">= 1.0" "n/a"
fi
seconds() { awk -v ms="$1" 'BEGIN { printf "%.2f", ms / 1000 }'; }
# each start's seconds to ready (array named $1) and the median of Quarkus's "started in" (array named $2)
starts_row() {
    local -n ready_ms=$1 started_in=$2
    row 5 "  each start; Quarkus \"started in\" (median)" \
        "$(for ms in "${ready_ms[@]}"; do printf '%s ' "$(seconds "$ms")"; done); $(median "${started_in[@]}")" "" "" "" ""
}
PLAIN_S=$(seconds "$(median "${PLAIN_MS[@]}")")
row 5 "start to ready, plain JVM (s, median of $STARTS)" "$PLAIN_S" "" "" "" ""
starts_row PLAIN_MS PLAIN_IN
if ((${#AOT_MS[@]})); then
    AOT_S=$(seconds "$(median "${AOT_MS[@]}")")
    r=$(ratio "$AOT_S" "$PLAIN_S")
    v=$(verdict "$AOT_S" '<=' 1.5)
    [[ $(verdict "$r" '<=' 0.6) == met ]] || v="MISSED (ratio $r > 0.6)"
    row 5 "start to ready, AOT cache (s, median of $STARTS)" "$AOT_S" "" "$r" "<= 1.5 s, 0.6" "$v"
    starts_row AOT_MS AOT_IN
else
    row 5 "start to ready, AOT cache (s)" "n/a (Java $SVC_JAVA_FEATURE: needs 25+)" "" "" "<= 1.5 s" "n/a"
fi
row 5 "RSS / PSS after the run (MB)" "$RSS_AFTER / $PSS_AFTER" "" "" "<= 250 MB" "$(verdict "$RSS_AFTER" '<=' 250)"
row 5 "  RSS / PSS when ready, before any request (MB)" "$RSS_READY / $PSS_READY" "" "" "" ""

# line L: the sizes side by side, ratio = largest / smallest. "flat" is the benchmark's own reading (the issue sets no
# number): at the largest size the server reads at most 1.25 times the rows per request it reads at the smallest (its
# Handler_read counters, which other work on the machine does not move, where req/s and latencies vary by 10-20%)
L_OUT=()
l_row() { L_OUT+=("$(printf '%-2s %-46s %-30s %-20s %-6s %-10s %s' "$@")"); }
L_SMALL=${LIST_VIDEOS[0]} L_LARGE=${LIST_VIDEOS[${#LIST_VIDEOS[@]} - 1]}
declare -A L_LABEL=([first]="GET /videos?size=20" [top]="GET /videos?sort=-score&size=20"
    [prefix]="GET /videos?code=$LIST_CODE_PREFIX" [deep]="cursor page at row $((DEEP_PAGES * 100)) (sort=code)")
l_cell() { # the values of a page at one size
    local status=${L_STATUS[$1,$2]:-}
    if [[ $status == 2* ]]; then echo "${L_RPS[$1,$2]}"; elif [[ -z $status ]]; then echo "-"
    else missing "$status"; fi
}
for page in "${L_PAGES[@]}"; do
    small=$(l_cell "$page" "$L_SMALL") large=$(l_cell "$page" "$L_LARGE")
    errors=${L_ERR[$page,$L_SMALL]:-}${L_ERR[$page,$L_LARGE]:-}
    l_row L "${L_LABEL[$page]}: req/s" "$small" "$large" "$(ratio "$large" "$small")" "" "${errors:+errors: $errors}"
    l_row L "  latency p50 / p99 (ms)" "${L_LAT[$page,$L_SMALL]:-}" "${L_LAT[$page,$L_LARGE]:-}" "" "" ""
    l_row L "  CPU per request (ms)" "${L_CPU[$page,$L_SMALL]:-}" "${L_CPU[$page,$L_LARGE]:-}" "" "" ""
    small=${L_READS[$page,$L_SMALL]:-} large=${L_READS[$page,$L_LARGE]:-}
    r=$(ratio "$large" "$small")
    l_row L "  rows read by the server per request" "$small" "$large" "$r" "flat" "$(verdict "$r" '<=' 1.25)"
done
l_row L "  total of ?code=$LIST_CODE_PREFIX / of ?size=20" \
    "${L_TOTAL[prefix,$L_SMALL]:-?} / ${L_TOTAL[first,$L_SMALL]:-?}" \
    "${L_TOTAL[prefix,$L_LARGE]:-?} / ${L_TOTAL[first,$L_LARGE]:-?}" "" "" ""
l_row L "  rows generated in" "${L_GEN[$L_SMALL]:-}" "${L_GEN[$L_LARGE]:-}" "" "" ""

# line H: the hub, against the raw author where there is one
H_OUT=()
h_row() { H_OUT+=("$(printf '%-2s %-46s %-30s %-20s %-6s %-10s %s' "$@")"); }
h_verdict() { # status, errors
    if [[ $1 != 2* ]]; then missing "$1"; elif [[ -n $2 ]]; then echo "MISSED (errors: $2)"; else echo met; fi
}
if [[ $H_AUTHOR_STATUS == 2* ]]; then
    h_row H "GET hub ?expand=videos,credits.video: req/s" "$H_AUTHOR_RPS" "$H_RAW_RPS" \
        "$(ratio "$H_AUTHOR_RPS" "$H_RAW_RPS")" "no errors" "$(h_verdict "$H_AUTHOR_STATUS" "$H_AUTHOR_ERR")"
else
    h_row H "GET hub ?expand=videos,credits.video: req/s" "$(missing "$H_AUTHOR_STATUS")" "$H_RAW_RPS" "" \
        "no errors" n/a
fi
h_row H "  latency p50 / p99 (ms), $CONNECTIONS connections" "$H_AUTHOR_LAT" "$H_RAW_LAT" "" "" ""
h_row H "  CPU per request (ms)" "$H_AUTHOR_CPU" "$H_RAW_CPU" "" "" ""
h_row H "  rows read by the server per request" "$H_AUTHOR_READS" "$H_RAW_READS" \
    "$(ratio "$H_RAW_READS" "$H_AUTHOR_READS")" "" ""
h_row H "  heap peak / peak RSS during the run (MB)" "$H_AUTHOR_MEM" "$H_RAW_MEM" "" "-Xmx$XMX" ""
h_row H "  response (bytes)" "$H_AUTHOR_BYTES" "$(wc -c <"$WORK/hub-author-raw.json")" "" "" ""
h_row H "  JSON of the service vs raw" "$H_AUTHOR_JSON" "" "" "equal" \
    "$([[ $H_AUTHOR_JSON == different* ]] && echo "MISSED (see $WORK/hub-author*.json)" || echo met)"
h_row H "GET /graph?author=hub&depth=2&limit=500: req/s" \
    "$([[ $H_GRAPH_STATUS == 2* ]] && echo "$H_GRAPH_RPS" || missing "$H_GRAPH_STATUS")" "" "" "no errors" \
    "$(h_verdict "$H_GRAPH_STATUS" "$H_GRAPH_ERR")"
h_row H "  latency p50 / p99 (ms), $CONNECTIONS connections" "$H_GRAPH_LAT" "" "" "" ""
h_row H "  CPU per request (ms)" "$H_GRAPH_CPU" "" "" "" ""
h_row H "  rows read by the server per request" "$H_GRAPH_READS" "" "" "" ""
h_row H "  heap peak / peak RSS during the run (MB)" "$H_GRAPH_MEM" "" "" "-Xmx$XMX" ""
h_row H "  response (bytes, nodes)" "$H_GRAPH_BYTES, ${H_GRAPH_NODES:-?} nodes" "" "" "" ""
h_row H "  hub made in (s)" "$HUB_S" "" "" "" ""

{
    echo "reelgraph benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'): $(nproc) cores, $(free -g | awk '/^Mem:/ { print $2 }') GB," \
        "$("$SVC_JAVA" -version 2>&1 | head -1), load before the run $LOAD_BEFORE"
    echo "service: MALLOC_ARENA_MAX=$SVC_MALLOC_ARENA_MAX $SVC_JAVA -Xmx$XMX ${JAVA_OPTS[*]} ${AOT_OPTS[*]:+${AOT_OPTS[*]} }-Dquarkus.profile=bench;" \
        "database $DB_HOSTPORT/$DB_NAME; wrk -c$CONNECTIONS -t$THREADS -d$DURATION after $WARMUP of warm-up;" \
        "ratio = service/raw (throughput), raw/service (seconds), or line 5: AOT cache/plain JVM"
    echo
    printf '%-2s %-46s %-30s %-20s %-6s %-10s %s\n' "#" "measure" "service" "raw" "ratio" "target" "result"
    printf '%s\n' "${ROWS_OUT[@]}"
    echo
    echo "lines L and H: database $SCALE_DB, service restarted on it;" \
        "L: ratio = the value at $L_LARGE / at $L_SMALL videos"
    printf '%-2s %-46s %-30s %-20s %-6s %-10s %s\n' "#" "measure" "$L_SMALL videos" "$L_LARGE videos" "ratio" \
        "target" "result"
    printf '%s\n' "${L_OUT[@]}"
    printf '%-2s %-46s %-30s %-20s %-6s %-10s %s\n' "#" "measure (hub, $((${LIST_VIDEOS[0]} + HUB_LINKS)) videos)" \
        "service" "raw" "ratio" "target" "result"
    printf '%s\n' "${H_OUT[@]}"
    echo
    echo "first start, migrating an empty database: $(awk -v ms="$FIRST_READY_MS" 'BEGIN { printf "%.2f", ms / 1000 }') s to ready"
    echo "RSS of the service restarted for lines L and H, at the end: $RSS_SCALE_END MB"
} | tee "$WORK/results.txt"
