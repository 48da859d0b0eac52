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
    args = parser.parse_args()
    if not 1 <= args.requests <= MAX_REQUESTS:
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

    rss_start = server_rss_kib(server.pid) if server else 0
    lock = threading.Lock()
    latencies, statuses, failures, pages = [], {}, [], [0]
    next_index = [0]

    def worker():
        while True:
            with lock:
                if next_index[0] >= args.requests:
                    return
                i = next_index[0]
                next_index[0] += 1
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
    wall = time.perf_counter() - started
    rss_end = server_rss_kib(server.pid) if server else 0
    tree_end = rss_kib(server.pid) if server else 0
    if server:
        server.terminate()
        server.wait(timeout=60)

    latencies.sort()

    def percentile(p):
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] if latencies else 0

    figures = {
        "requests": args.requests, "concurrency": args.concurrency, "workers": args.workers, "wall_s": round(wall, 2),
        "requests_per_s": round(args.requests / wall, 1), "pages_per_s": round(pages[0] / wall, 1),
        "p50_ms": round(percentile(0.50) * 1000, 1), "p99_ms": round(percentile(0.99) * 1000, 1),
        "statuses": statuses, "failures": len(failures), "server_rss_start_mib": round(rss_start / 1024, 1),
        "server_rss_end_mib": round(rss_end / 1024, 1), "process_tree_rss_end_mib": round(tree_end / 1024, 1),
        "load_average": os.getloadavg(), "references": reference,
    }
    if args.json:
        print(json.dumps(figures))
    else:
        for key, value in figures.items():
            print(f"{key:>26}: {value}")
        for failure in failures[:10]:
            print("  failure:", failure)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
