#!/usr/bin/env bash
# The cluster scenario (bench/README.md, "Cluster scenario"): three instances of the packaged service behind HAProxy,
# on a three-node MariaDB Galera cluster behind HAProxy, all on loopback, under a mixed workload while faults are
# injected one at a time; then every acknowledged write is checked on every node. Debian/Ubuntu, as root.
#   bench/cluster.sh           the full run (about 6 minutes), its table for docs/scaling.md
#   bench/cluster.sh --short   every fault once with a smaller workload (about 5 minutes; CI runs it)
# Everything runs under target/cluster and is stopped and removed on exit (Ctrl-C and failures included); the logs
# and the report stay in target/cluster/logs.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=bench/common.sh
source "$ROOT/bench/common.sh"

SHORT=0
[[ ${1:-} == --short ]] && SHORT=1
WORK=$ROOT/target/cluster
LOGS=$WORK/logs
APP=$ROOT/target/quarkus-app
# node n listens on 127.0.0.n (the address lets a firewall rule cut one node's replication traffic and nothing else):
# SQL on 24000 + 10n, Galera replication on +1, incremental state transfer on +2, full state transfer on +3
DB_FRONT=24000
HTTP_FRONT=18090
NFT_TABLE=reelgraph_cluster
DB_USER=reelgraph DB_PASSWORD=cluster
if ((SHORT)); then CLIENTS=6 MEASURE=10 SETTLE=3; else CLIENTS=8 MEASURE=30 SETTLE=8; fi
MAX_SECONDS=1500 MAX_REQUESTS=2000000

declare -A NODE_PID SVC_PID
HAPROXY_PID= WORKLOAD_PID=
FAULT_LINES=()

node_ip() { echo "127.0.0.$1"; }
# waits up to $2 seconds for process $1 to exit; fails if it is still there
await_exit() {
    local i
    for ((i = 0; i < $2 * 10; i++)); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
    return 1
}
node_port() { echo $((DB_FRONT + 10 * $1)); }

# --- clean-up -----------------------------------------------------------------------------------------------------
cleanup() {
    local status=$? n
    trap - EXIT INT TERM
    [[ -z $WORKLOAD_PID ]] || kill "$WORKLOAD_PID" 2>/dev/null || true
    for n in "${!SVC_PID[@]}"; do kill -KILL "${SVC_PID[$n]}" 2>/dev/null || true; done
    [[ -z $HAPROXY_PID ]] || kill "$HAPROXY_PID" 2>/dev/null || true
    nft delete table inet "$NFT_TABLE" 2>/dev/null || true
    for n in "${!NODE_PID[@]}"; do kill -CONT "${NODE_PID[$n]}" 2>/dev/null || true; done
    for n in "${!NODE_PID[@]}"; do kill -TERM -- "-${NODE_PID[$n]}" 2>/dev/null || true; done
    for n in "${!NODE_PID[@]}"; do
        await_exit "${NODE_PID[$n]}" 10 || true
        kill -KILL -- "-${NODE_PID[$n]}" 2>/dev/null || true
    done
    wait 2>/dev/null || true
    for n in 1 2 3; do
        [[ ! -d $WORK/node$n ]] || { cp "$WORK/node$n/error.log" "$LOGS/node$n.log" 2>/dev/null || true; rm -rf "$WORK/node$n"; }
    done
    ((status == 0)) || log "failed (exit $status); logs in $LOGS"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- prerequisites ------------------------------------------------------------------------------------------------
[[ $EUID -eq 0 ]] || die "run as root: the scenario installs packages, runs mariadbd and sets nftables rules"
command -v apt-get >/dev/null || die "needs a Debian or Ubuntu machine (apt-get)"
# mariadb-backup and socat do the state transfers; nftables cuts a node off
PACKAGES=(mariadb-server mariadb-client galera-4 mariadb-backup socat haproxy nftables openssl curl)
missing=()
for package in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'ok installed' || missing+=("$package")
done
if ((${#missing[@]})); then
    log "installing ${missing[*]} (apt-get)"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# a table left by a run that was killed would cut node 1 off from the start; adding one proves the right to
nft delete table inet "$NFT_TABLE" 2>/dev/null || true
nft add table inet "$NFT_TABLE" && nft delete table inet "$NFT_TABLE" \
    || die "nftables refuses rules here (the partition needs CAP_NET_ADMIN)"
GALERA=/usr/lib/galera/libgalera_smm.so
[[ -f $GALERA ]] || die "galera-4 installed no $GALERA"
for port in $HTTP_FRONT $((HTTP_FRONT + 1)) $((HTTP_FRONT + 2)) $((HTTP_FRONT + 3)) $DB_FRONT; do
    ! in_use 127.0.0.1 "$port" || die "port $port is in use"
done
for n in 1 2 3; do
    for port in $(seq "$(node_port "$n")" $(($(node_port "$n") + 3))); do
        ! in_use "$(node_ip "$n")" "$port" || die "port $(node_ip "$n"):$port is in use"
    done
done
if [[ ! -f $APP/quarkus-run.jar ]]; then
    log "building the service (./mvnw package)"
    mkdir -p "$ROOT/target"
    ./mvnw -B -q package -DskipTests -P '!generated-clients' >"$WORK.build.log" 2>&1 \
        || die "the build failed: $(tail -20 "$WORK.build.log")"
fi
rm -rf "$WORK"
mkdir -p "$LOGS"

# --- the Galera nodes ---------------------------------------------------------------------------------------------
# as root: the state transfer by mariadb-backup needs no other user to reach target/
start_node() {
    local n=$1 dir=$WORK/node$1 ip port
    ip=$(node_ip "$n") port=$(node_port "$n")
    mkdir -p "$dir"
    cat >"$dir/my.cnf" <<CNF
[mariadbd]
user=root
datadir=$dir/data
socket=$dir/mysqld.sock
pid-file=$dir/mysqld.pid
log-error=$dir/error.log
bind-address=$ip
port=$port
skip-name-resolve
max_connections=200
binlog_format=ROW
default_storage_engine=InnoDB
innodb_autoinc_lock_mode=2
innodb_buffer_pool_size=128M
wsrep_on=ON
wsrep_provider=$GALERA
wsrep_cluster_name=reelgraph
wsrep_cluster_address=gcomm://$(node_ip 1):$(($(node_port 1) + 1)),$(node_ip 2):$(($(node_port 2) + 1)),$(node_ip 3):$(($(node_port 3) + 1))
wsrep_node_name=node$n
wsrep_node_address=$ip:$((port + 1))
wsrep_provider_options="gmcast.listen_addr=tcp://$ip:$((port + 1));ist.recv_addr=$ip:$((port + 2));base_port=$((port + 1))"
wsrep_sst_receive_address=$ip:$((port + 3))
wsrep_sst_method=mariabackup
wsrep_sst_auth=root:
CNF
    if [[ ! -d $dir/data/mysql ]]; then
        mariadb-install-db --defaults-file="$dir/my.cnf" --auth-root-authentication-method=normal \
            >"$dir/install.log" 2>&1 || die "mariadb-install-db failed: $(tail -5 "$dir/install.log")"
    fi
    # a process group of its own: clean-up stops its state-transfer helpers (mariadb-backup, socat) with it
    setsid mariadbd --defaults-file="$dir/my.cnf" ${2:+"$2"} >>"$dir/stdout.log" 2>&1 &
    NODE_PID[$n]=$!
    disown # killing it is a fault injected on purpose, not news
}

node_sql() { mariadb --socket="$WORK/node$1/mysqld.sock" --user=root --batch --skip-column-names -e "$2" 2>/dev/null; }
node_status() { node_sql "$1" "SHOW GLOBAL STATUS LIKE '$2'" | cut -f2; }

# waits until node $1 is synced with the cluster; prints the seconds it took
await_synced() {
    local n=$1 t0
    t0=$(now_ns)
    until [[ $(node_status "$n" wsrep_local_state_comment) == Synced && $(node_status "$n" wsrep_ready) == ON ]]; do
        kill -0 "${NODE_PID[$n]}" 2>/dev/null || die "node $n stopped: $(tail -20 "$WORK/node$n/error.log")"
        (($(now_ns) - t0 < 300000000000)) || die "node $n did not sync within 5 minutes"
        sleep 0.2
    done
    seconds_since "$t0"
}

log "starting a three-node Galera cluster on 127.0.0.1-3"
start_node 1 --wsrep-new-cluster
await_synced 1 >/dev/null
node_sql 1 "CREATE DATABASE reelgraph CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
    CREATE USER '$DB_USER'@'127.%' IDENTIFIED BY '$DB_PASSWORD';
    GRANT ALL ON reelgraph.* TO '$DB_USER'@'127.%';
    CREATE USER 'haproxy_check'@'127.%';" || die "could not create the database and its users"
for n in 2 3; do
    start_node "$n"
    took=$(await_synced "$n")
    log "node $n joined by state transfer in $took s"
done
[[ $(node_status 1 wsrep_cluster_size) == 3 ]] || die "the cluster has $(node_status 1 wsrep_cluster_size) nodes"

# --- HAProxy ------------------------------------------------------------------------------------------------------
# SQL: balanced over the three nodes (leastconn), each health-checked by bench/cluster/galera-check (synced and in
# the primary component, not merely listening); connections to a node marked down are cut, so the service's pool
# reconnects to the others. HTTP: round robin over the service instances, checked on /q/health/ready; a request
# whose connection failed is sent to another instance, and idempotent ones are also retried when an instance died
# under them (a POST is not: it may have been written). A readiness answer may take as long as a request (the
# cluster pauses writes and causal reads for a few seconds while it evicts a node): only a refusal or a 503 marks an
# instance down, not a slow answer, or a cluster-wide pause would take every instance out at once.
cat >"$WORK/haproxy.cfg" <<CFG
global
    external-check
    insecure-fork-wanted
    stats socket $WORK/haproxy.sock mode 600 level admin
    log stdout format raw local0 info

defaults
    log global
    timeout connect 1s
    timeout client 60s
    timeout server 60s
    timeout check 2s
    retries 3
    option redispatch 1

listen mysql
    mode tcp
    bind 127.0.0.1:$DB_FRONT
    balance leastconn
    option external-check
    external-check path "/usr/bin:/bin"
    external-check command $ROOT/bench/cluster/galera-check
    default-server inter 1s fall 2 rise 2 on-marked-down shutdown-sessions
    server node1 $(node_ip 1):$(node_port 1) check
    server node2 $(node_ip 2):$(node_port 2) check
    server node3 $(node_ip 3):$(node_port 3) check

frontend http
    mode http
    option httplog
    bind 127.0.0.1:$HTTP_FRONT
    default_backend service

backend service
    mode http
    balance roundrobin
    option httpchk GET /q/health/ready
    http-check expect status 200
    timeout check 10s
    retry-on conn-failure empty-response response-timeout
    http-request disable-l7-retry if METH_POST
    default-server inter 1s fall 2 rise 2
    server svc1 127.0.0.1:$((HTTP_FRONT + 1)) check
    server svc2 127.0.0.1:$((HTTP_FRONT + 2)) check
    server svc3 127.0.0.1:$((HTTP_FRONT + 3)) check
CFG
haproxy -f "$WORK/haproxy.cfg" -db >"$LOGS/haproxy.log" 2>&1 &
HAPROXY_PID=$!

# the status HAProxy gives server $2 of proxy $1 (UP, DOWN, ...)
proxy_status() {
    echo "show stat" | socat - "UNIX-CONNECT:$WORK/haproxy.sock" 2>/dev/null \
        | awk -F, -v p="$1" -v s="$2" '$1 == p && $2 == s { print $18 }' | cut -d' ' -f1
}
# waits until HAProxy has server $2 of $1 in state $3; prints the seconds it took
await_proxy() {
    local t0
    t0=$(now_ns)
    until [[ $(proxy_status "$1" "$2") == "$3" ]]; do
        (($(now_ns) - t0 < 120000000000)) || die "HAProxy did not see $1/$2 $3 within 2 minutes"
        sleep 0.1
    done
    seconds_since "$t0"
}
for n in 1 2 3; do await_proxy mysql "node$n" UP >/dev/null; done

# --- the service --------------------------------------------------------------------------------------------------
TOKEN=$(editor_token "$WORK")
service_env() {
    export QUARKUS_DATASOURCE_REACTIVE_URL=mysql://127.0.0.1:$DB_FRONT/reelgraph \
        QUARKUS_DATASOURCE_JDBC_URL=jdbc:mariadb://127.0.0.1:$DB_FRONT/reelgraph \
        QUARKUS_DATASOURCE_USERNAME=$DB_USER QUARKUS_DATASOURCE_PASSWORD=$DB_PASSWORD \
        MP_JWT_VERIFY_PUBLICKEY="$(cat "$WORK/jwt-public.pem")" QUARKUS_HTTP_HOST=127.0.0.1
}

# migrations once, before any replica starts, as the Kubernetes Job does (the same jar, migrate and exit)
log "migrating (QUARKUS_INIT_AND_EXIT=true, as the Kubernetes Job)"
t0=$(now_ns)
(service_env && QUARKUS_INIT_AND_EXIT=true QUARKUS_HTTP_PORT=0 java -Xmx128m -jar "$APP/quarkus-run.jar") \
    >"$LOGS/migrate.log" 2>&1 || die "the migration failed: $(tail -20 "$LOGS/migrate.log")"
FAULT_LINES+=("migrations (a run of the jar that migrates and exits): $(seconds_since "$t0") s")

# starts instance $1, which never migrates (QUARKUS_FLYWAY_ACTIVE=false, as the Deployment), and waits until HAProxy
# routes to it
start_service() {
    local n=$1 t0
    t0=$(now_ns)
    (service_env && exec env QUARKUS_FLYWAY_ACTIVE=false QUARKUS_HTTP_PORT=$((HTTP_FRONT + n)) \
        java -Xmx128m -jar "$APP/quarkus-run.jar") >>"$LOGS/service$n.log" 2>&1 &
    SVC_PID[$n]=$!
    disown
    until ready_on $((HTTP_FRONT + n)); do
        kill -0 "${SVC_PID[$n]}" 2>/dev/null || die "instance $n stopped: $(tail -20 "$LOGS/service$n.log")"
        (($(now_ns) - t0 < 180000000000)) || die "instance $n was not ready within 3 minutes"
        sleep 0.1
    done
    await_proxy service "svc$n" UP >/dev/null
}

# --- the workload and the phases ----------------------------------------------------------------------------------
phase() {
    [[ -z $WORKLOAD_PID ]] || kill -0 "$WORKLOAD_PID" 2>/dev/null \
        || die "the workload stopped: $(tail -20 "$LOGS/workload.log")"
    log "phase: $1"
    printf '%s\n' "$1" >"$WORK/phase.tmp"
    mv "$WORK/phase.tmp" "$WORK/phase"
    sleep 0.2 # the workload looks every 50 ms: a fault that follows falls in this phase
}
# a phase of steady load with $1 instances, the CPU the instances and the nodes used in it (cpu.tsv, which the
# workload's report divides by the phase's requests)
measure() {
    local name="$1 instance$([[ $1 == 1 ]] || echo s)" services nodes
    phase "$name"
    services=$(cpu_ms "${SVC_PID[@]}") nodes=$(cpu_ms "${NODE_PID[@]}")
    sleep "$MEASURE"
    printf '%s\t%d\t%d\n' "$name" $(($(cpu_ms "${SVC_PID[@]}") - services)) $(($(cpu_ms "${NODE_PID[@]}") - nodes)) \
        >>"$WORK/cpu.tsv"
}

start_service 1
phase "-"
log "workload: $CLIENTS clients through http://127.0.0.1:$HTTP_FRONT"
# its class path: Jackson and the MariaDB driver from the packaged application, and nothing else
WORKLOAD_CP=$(printf '%s:' "$APP"/lib/main/com.fasterxml.jackson.core.jackson-*.jar "$APP"/lib/main/org.mariadb.jdbc.*.jar)
java -cp "$WORKLOAD_CP" bench/ClusterWorkload.java "$WORK" "http://127.0.0.1:$HTTP_FRONT" "$TOKEN" "$CLIENTS" \
    "$MAX_SECONDS" "$MAX_REQUESTS" "$DB_USER" "$DB_PASSWORD" \
    "jdbc:mariadb://$(node_ip 1):$(node_port 1)/reelgraph" "jdbc:mariadb://$(node_ip 2):$(node_port 2)/reelgraph" \
    "jdbc:mariadb://$(node_ip 3):$(node_port 3)/reelgraph" >"$LOGS/report.txt" 2>"$LOGS/workload.log" &
WORKLOAD_PID=$!
sleep "$SETTLE"
measure 1
phase "-"
start_service 2
measure 2
phase "-"
start_service 3
measure 3

phase "kill db node 2"
kill -KILL "${NODE_PID[2]}"
sleep 5
start_node 2
FAULT_LINES+=("db node 2 killed (SIGKILL), restarted after 5 s: synced again $(await_synced 2) s after the restart")
await_proxy mysql node2 UP >/dev/null
sleep "$SETTLE"

phase "hang db node 3 (15 s)"
kill -STOP "${NODE_PID[3]}"
t0=$(now_ns)
FAULT_LINES+=("db node 3 hung (SIGSTOP): HAProxy marked it down after $(await_proxy mysql node3 DOWN) s")
left=$((15 - ($(now_ns) - t0) / 1000000000))
((left <= 0)) || sleep "$left"
kill -CONT "${NODE_PID[3]}"
FAULT_LINES+=("db node 3 resumed (SIGCONT) after 15 s: synced again $(await_synced 3) s later")
await_proxy mysql node3 UP >/dev/null
sleep "$SETTLE"

# the partition cuts node 1 off the other two, which must then still talk to each other: Galera relays between
# nodes that have no connection of their own, so after the faults above wait until every pair has one again
meshed() {
    local pair a b
    for pair in "1 2" "1 3" "2 3"; do
        read -r a b <<<"$pair"
        ss -Htn state established "( src $(node_ip "$a") and dst $(node_ip "$b") ) or ( src $(node_ip "$b") and dst $(node_ip "$a") )" \
            | awk -v p1=":$(($(node_port "$a") + 1))$" -v p2=":$(($(node_port "$b") + 1))$" '$3 ~ p1 || $3 ~ p2 || $4 ~ p1 || $4 ~ p2 { found = 1 } END { exit !found }' \
            || return 1
    done
}
# and every node must count all three in one primary component: a view still settling after the hang (as in a
# short run that cut node 1 off 5 s after node 3 resumed) leaves no majority, and the whole cluster refuses queries
settled() {
    local n
    for n in 1 2 3; do
        [[ $(node_status "$n" wsrep_cluster_size) == 3 && $(node_status "$n" wsrep_cluster_status) == Primary ]] \
            || return 1
    done
    meshed
}
t0=$(now_ns)
until settled; do
    (($(now_ns) - t0 < 120000000000)) || die "the cluster did not settle (3 nodes, one primary component, all connected) within 2 minutes"
    sleep 0.5
done
sleep 5 # and stays so
FAULT_LINES+=("cluster settled again (3 nodes, primary, every pair connected) $(seconds_since "$t0") s after the hang, then 5 s")

phase "partition db node 1"
nft add table inet "$NFT_TABLE"
nft add chain inet "$NFT_TABLE" input '{ type filter hook input priority 0; }'
# node 1's replication and state-transfer traffic with the other two, both ways; its SQL port stays open
nft add rule inet "$NFT_TABLE" input iif lo ip saddr "$(node_ip 1)" ip daddr "{ $(node_ip 2), $(node_ip 3) }" \
    tcp dport "{ $(($(node_port 2) + 1))-$(($(node_port 2) + 3)), $(($(node_port 3) + 1))-$(($(node_port 3) + 3)) }" drop
nft add rule inet "$NFT_TABLE" input iif lo ip saddr "{ $(node_ip 2), $(node_ip 3) }" ip daddr "$(node_ip 1)" \
    tcp dport "$(($(node_port 1) + 1))-$(($(node_port 1) + 3))" drop
FAULT_LINES+=("db node 1 partitioned from the others: HAProxy marked it down after $(await_proxy mysql node1 DOWN) s")
t0=$(now_ns)
until [[ $(node_status 1 wsrep_cluster_status) == non-Primary ]]; do
    (($(now_ns) - t0 < 60000000000)) || die "node 1 kept quorum while cut off"
    sleep 0.2
done
FAULT_LINES+=("  node 1 then saw itself non-primary (wsrep_cluster_status), and refuses queries; the majority serves")
sleep 10
nft delete table inet "$NFT_TABLE"
FAULT_LINES+=("  partition lifted after ~15 s: node 1 synced again $(await_synced 1) s later")
await_proxy mysql node1 UP >/dev/null
sleep "$SETTLE"

# conflicts an instance lost (reelgraph_write_conflicts_total), added up before it stops and at the end
CONFLICTS=0
count_conflicts() {
    local metrics
    metrics=$(curl -fsS --max-time 5 "http://127.0.0.1:$((HTTP_FRONT + $1))/q/metrics") \
        || die "instance $1 did not answer /q/metrics"
    CONFLICTS=$((CONFLICTS + $(awk '/^reelgraph_write_conflicts_total/ { n += $2 } END { printf "%d", n }' <<<"$metrics")))
}

phase "kill service 2"
count_conflicts 2
kill -KILL "${SVC_PID[2]}"
FAULT_LINES+=("service instance 2 killed (SIGKILL): HAProxy marked it down after $(await_proxy service svc2 DOWN) s")
sleep 2
start_service 2
sleep "$SETTLE"

phase "rolling restart"
for n in 1 2 3; do
    count_conflicts "$n"
    kill -TERM "${SVC_PID[$n]}"
    await_exit "${SVC_PID[$n]}" 60 || die "instance $n did not stop within 60 s of SIGTERM"
    start_service "$n"
done
FAULT_LINES+=("rolling restart: each instance SIGTERM, restarted once stopped (its shutdown delay takes it out of HAProxy first)")
phase "after the faults"
sleep "$SETTLE"

touch "$WORK/stop"
until [[ -f $WORK/workload-done ]]; do
    kill -0 "$WORKLOAD_PID" 2>/dev/null || die "the workload stopped: $(tail -20 "$LOGS/workload.log")"
    sleep 0.2
done
for n in 1 2 3; do await_synced "$n" >/dev/null; done
touch "$WORK/check"
log "checking every acknowledged write on every node and through the API"
status=0
wait "$WORKLOAD_PID" || status=$?
WORKLOAD_PID=

# what causal reads cost (reelgraph.database.causal-reads: wsrep_sync_wait=1 on each connection): the same 2,000
# primary-key reads on one connection to node 2, without and with the wait, the cluster otherwise idle
causal_ms() {
    local t0 i
    {
        echo "SET SESSION wsrep_sync_wait = $1;"
        for ((i = 1; i <= 2000; i++)); do echo "SELECT name FROM reelgraph.author WHERE id = $((i * 7));"; done
    } >"$WORK/causal.sql"
    t0=$(now_ns)
    mariadb --host="$(node_ip 2)" --port="$(node_port 2)" --user="$DB_USER" --password="$DB_PASSWORD" --skip-ssl \
        --batch --skip-column-names <"$WORK/causal.sql" >/dev/null
    awk -v ns=$(($(now_ns) - t0)) 'BEGIN { printf "%.3f", ns / 2000 / 1e6 }'
}
FAULT_LINES+=("a primary-key read on one connection, idle cluster: $(causal_ms 0) ms without causal reads, $(causal_ms 1) ms with (wsrep_sync_wait=1)")

{
    echo
    echo "bench/cluster.sh$([[ $SHORT == 1 ]] && echo ' --short'), $(date -u +%FT%TZ), $(nproc) cores, commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
    echo
    cat "$LOGS/report.txt"
    echo
    printf '%s\n' "${FAULT_LINES[@]}"
    for n in 1 2 3; do count_conflicts "$n"; done
    echo "write transactions that lost a deadlock or certification conflict (then retried, or answered 409): $CONFLICTS"
} | tee "$LOGS/summary.txt"
((status == 0)) || die "the checks failed (above)"
log "passed: no acknowledged write lost, the nodes agree, no 5xx other than 503 problems"
