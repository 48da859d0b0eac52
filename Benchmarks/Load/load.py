#!/usr/bin/env python3
"""A bounded load client for `tagscan serve`, on loopback only.

Starts `tagscan serve` on a free loopback port (or uses --port of one already running there),
sends --requests POST /v1/scan requests from --concurrency threads, cycling through the files
given, and prints throughput, latency percentiles, the statuses and error codes seen, and the
server's resident memory at the start and end. Every answer is checked: a good file must come
back "ok" with the anchors the first answer for it had, a hostile one with the same error code
each time; anything else, and any 5xx, is counted as a failure.

    Benchmarks/Load/load.py --tagscan .build/release/tagscan --workers 2 \
        --requests 2000 --concurrency 4 Fixtures/templates/multi-page.pdf

Only 127.0.0.1 is ever contacted. The request count is capped so a typo cannot turn this into
an unbounded flood.
"""
import argparse
import http.client
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time

MAX_REQUESTS = 100_000


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kib(pid):
    """Resident memory of pid and its children (the workers), in KiB."""
    total = 0
    pids = [pid]
    # Workers are started by one of the server's threads, so every thread's children count.
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            try:
                pids += [int(c) for c in open(f"/proc/{pid}/task/{task}/children").read().split()]
            except OSError:
                pass
    except OSError:
        pass
    for p in pids:
        try:
            for line in open(f"/proc/{p}/status"):
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total


def children(pid):
    """The pids of pid's children, through every one of its threads."""
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            try:
                found += [int(c) for c in open(f"/proc/{pid}/task/{task}/children").read().split()]
            except OSError:
                pass
    except OSError:
        pass
    return found


def cpu_seconds(pid):
    """CPU time (user + system) of pid, its reaped children and its live children, in seconds:
    the server and every worker it ran."""
    tick = os.sysconf("SC_CLK_TCK")

    def own(p, with_reaped):
        try:
            fields = open(f"/proc/{p}/stat").read().rsplit(")", 1)[1].split()
        except OSError:
            return 0
        # After ")": state is field 3, so utime (14) is index 11, stime 12, cutime 13, cstime 14.
        total = int(fields[11]) + int(fields[12])
        if with_reaped:
            total += int(fields[13]) + int(fields[14])
        return total

    return (own(pid, True) + sum(own(c, False) for c in children(pid))) / tick


def server_threads(pid):
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("Threads:"):
                return int(line.split()[1])
    except OSError:
        return 0
    return 0


def server_rss_kib(pid):
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return 0
    return 0


def post(port, name, body):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        connection.request("POST", f"/v1/scan?file_name={name}", body=body, headers={"Content-Type": "application/pdf"})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def summary(document):
    if document["status"] == "ok":
        return ("ok", len(document.get("anchors", [])), document.get("page_count", 0))
    return ("error", document["error"]["code"], 0)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="+")
    parser.add_argument("--tagscan", default=".build/release/tagscan", help="the binary to start (unless --port)")
    parser.add_argument("--port", type=int, help="a server already listening on 127.0.0.1:PORT")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--document-timeout", default="5")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    parser.add_argument("--warmup", type=int, default=0, help="requests sent before the measured ones (memory is measured from after them)")
    parser.add_argument("--rss-samples", type=int, default=10, help="how many times the server's RSS is read during the measured requests")
    args = parser.parse_args()
    if not 1 <= args.requests + args.warmup <= MAX_REQUESTS:
        sys.exit(f"--requests must be between 1 and {MAX_REQUESTS}")

    bodies = [(os.path.basename(f), open(f, "rb").read()) for f in args.files]
    server = None
    port = args.port
    if port is None:
        port = free_port()
        server = subprocess.Popen(
            [args.tagscan, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(args.workers),
             "--queue-size", str(max(64, args.concurrency * 2)), "--document-timeout", args.document_timeout, "--log-level", "warning"],
            stderr=subprocess.DEVNULL)
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)

    # The first answer for each file is the reference every later one must equal.
    reference = {}
    for name, body in bodies:
        status, data = post(port, name, body)
        if status != 200:
            sys.exit(f"{name}: the first request answered {status}: {data[:200]!r}")
        reference[name] = summary(json.loads(data)["documents"][0])

    def run(count, measured):
        lock = threading.Lock()
        latencies, statuses, failures, pages = [], {}, [], [0]
        rss = []
        next_index = [0]
        every = max(1, count // max(1, args.rss_samples))

        def worker():
            while True:
                with lock:
                    if next_index[0] >= count:
                        return
                    i = next_index[0]
                    next_index[0] += 1
                    if measured and server and i % every == 0:
                        rss.append((i, server_rss_kib(server.pid)))
                name, body = bodies[i % len(bodies)]
                started = time.perf_counter()
                try:
                    status, data = post(port, name, body)
                except OSError as error:
                    with lock:
                        failures.append(f"{name}: {error}")
                    continue
                elapsed = time.perf_counter() - started
                got = summary(json.loads(data)["documents"][0]) if status == 200 else None
                with lock:
                    latencies.append(elapsed)
                    statuses[status] = statuses.get(status, 0) + 1
                    if status >= 500 or got != reference[name]:
                        failures.append(f"{name}: {status} {got} (expected {reference[name]})")
                    elif got[0] == "ok":
                        pages[0] += got[2]

        started = time.perf_counter()
        threads = [threading.Thread(target=worker) for _ in range(args.concurrency)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return time.perf_counter() - started, latencies, statuses, failures, pages[0], rss

    if args.warmup:
        _, _, _, warm_failures, _, _ = run(args.warmup, False)
    else:
        warm_failures = []
    rss_start = server_rss_kib(server.pid) if server else 0
    threads_start = server_threads(server.pid) if server else 0
    cpu_start = cpu_seconds(server.pid) if server else 0
    load_start = os.getloadavg()
    wall, latencies, statuses, failures, pages, rss_samples = run(args.requests, True)
    failures = warm_failures + failures
    cpu = (cpu_seconds(server.pid) - cpu_start) if server else 0
    rss_end = server_rss_kib(server.pid) if server else 0
    threads_end = server_threads(server.pid) if server else 0
    tree_end = rss_kib(server.pid) if server else 0
    alive = server is not None and server.poll() is None
    if server:
        server.terminate()
        server.wait(timeout=60)

    latencies.sort()

    def percentile(p):
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] if latencies else 0

    figures = {
        "requests": args.requests, "warmup": args.warmup, "concurrency": args.concurrency, "workers": args.workers, "wall_s": round(wall, 2),
        "requests_per_s": round(args.requests / wall, 1), "pages_per_s": round(pages / wall, 1), "pages": pages,
        # The server's and its workers' CPU time: on a shared machine a steadier figure than wall time.
        "cpu_s": round(cpu, 2), "cpu_ms_per_page": round(cpu * 1000 / pages, 3) if pages else None,
        "p50_ms": round(percentile(0.50) * 1000, 1), "p99_ms": round(percentile(0.99) * 1000, 1),
        "statuses": statuses, "failures": len(failures), "server_alive_same_pid": alive,
        "server_rss_start_mib": round(rss_start / 1024, 1), "server_rss_end_mib": round(rss_end / 1024, 1),
        "server_rss_growth_pct": round((rss_end - rss_start) * 100 / rss_start, 1) if rss_start else None,
        "server_rss_samples_mib": [(i, round(k / 1024, 1)) for i, k in rss_samples],
        "process_tree_rss_end_mib": round(tree_end / 1024, 1), "server_threads": [threads_start, threads_end],
        "malloc_arena_max": os.environ.get("MALLOC_ARENA_MAX"),
        "load_average_start": load_start, "load_average_end": os.getloadavg(), "references": reference,
    }
    if args.json:
        print(json.dumps(figures))
    else:
        for key, value in figures.items():
            print(f"{key:>26}: {value}")
        for failure in failures[:10]:
            print("  failure:", failure)
    sys.exit(1 if failures or (server and not alive) else 0)


if __name__ == "__main__":
    main()
