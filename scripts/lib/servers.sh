# Sourced by the scripts that start throw-away servers (benchmarks, stress, crash and end-to-end tests).

# A TCP port nobody listens on right now.
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Waits up to 30 s for anything to answer at the URL.
wait_for() {
    for _ in $(seq 300); do
        curl -s -o /dev/null "$1" && return 0
        sleep 0.1
    done
    echo "nothing answers at $1" >&2
    return 1
}

# Builds the server and the load generator (query-bench) in the given profile (`release` or `debug`), unless
# SKIP_BUILD is set. erase_components as in scripts/test.sh: without it the console's view types overflow rustc's
# recursion limit in a plain release build of `server`; it changes nothing on the Query API path.
build_server_and_bench() {
    [[ -n "${SKIP_BUILD:-}" ]] && return 0
    export RUSTFLAGS="--cfg erase_components"
    if [[ $1 == release ]]; then
        cargo build --release -p server -p query-bench
    else
        cargo build -p server -p query-bench
    fi
}
