# Functions bench/run.sh and bench/cluster.sh share; sourced, not run.

log() { printf '%s  %s\n' "$(date +%T)" "$*" >&2; }
die() { log "error: $*"; exit 1; }
now_ns() { date +%s%N; }
# seconds since the now_ns value $1, one decimal
seconds_since() { awk -v ns=$(($(now_ns) - $1)) 'BEGIN { printf "%.1f", ns / 1e9 }'; }
# whether something listens on $1:$2
in_use() { { exec 3<>"/dev/tcp/$1/$2"; } 2>/dev/null && { exec 3<&- 3>&-; true; }; }

# Makes a key pair in $1 (jwt-private.pem, jwt-public.pem) and prints an editor's token signed with it (RS256, in
# bash), valid for four hours: the service verifies it with MP_JWT_VERIFY_PUBLICKEY set to jwt-public.pem's text.
editor_token() {
    # called as $(editor_token ...), where set -e does not reach: each step fails the function itself
    local dir=$1 issued unsigned signature
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/jwt-private.pem" 2>/dev/null || return 1
    openssl pkey -in "$dir/jwt-private.pem" -pubout -out "$dir/jwt-public.pem" || return 1
    issued=$(date +%s)
    unsigned="$(printf '{"alg":"RS256","typ":"JWT"}' | b64url).$(printf \
        '{"iss":"reelgraph","sub":"bench","upn":"bench","groups":["editor"],"iat":%d,"exp":%d}' \
        "$issued" $((issued + 4 * 3600)) | b64url)"
    signature=$(printf '%s' "$unsigned" | openssl dgst -sha256 -sign "$dir/jwt-private.pem" -binary | b64url) \
        && [[ -n $signature ]] || return 1
    printf '%s.%s\n' "$unsigned" "$signature"
}
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

# Whether the service on 127.0.0.1:$1 answers its readiness check with a 200.
ready_on() {
    local line=
    { exec 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
    printf 'GET /q/health/ready HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
    IFS= read -r -t 5 line <&3 || true
    exec 3<&- 3>&-
    [[ $line == "HTTP/1.1 200"* ]]
}

# CPU time (user + system) the processes $@ have used so far, in ms; 0 for an unknown one
cpu_ms() {
    local pid total=0
    for pid in "$@"; do
        if [[ -n $pid && -r /proc/$pid/stat ]]; then
            total=$((total + $(awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); print int(($12 + $13) * 1000 / hz) }' \
                "/proc/$pid/stat")))
        fi
    done
    echo "$total"
}
