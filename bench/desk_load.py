#!/usr/bin/env python3
"""Desks at work: DESKS processes, each looping a ticket's life (intake, assign, start, resolve,
close) on the database named by SVCDESK_DB for SECONDS, or until the file STOP exists, and the
latency of each command (whole process, wall clock). Prints one line per command kind: count,
p50, p99, max (ms), how many took more than 1 s, how many failed.

Usage: desk_load.py SVCDESK_BIN SECONDS DESKS [STOP_FILE]
Each desk N acts as the staff member dN and assigns to itself; bench/pg_bench.sh adds them and puts
them on the roster at SVCDESK_NOW, so that no assignment needs --force (which writes an audit event,
and audit events are appended one after another: it would measure that queue, not the desks).
Standard library only (Debian's python3-minimal has all of it).
"""
import math
import os
import subprocess
import sys
import threading
import time

KINDS = ("intake", "assign", "start", "resolve", "close")


def desk(n, binary, deadline, stop, samples, failures):
    env = dict(os.environ, SVCDESK_USER=f"d{n}")
    desks = ("internal", "surgery", "emergency")
    i = 0

    def run(kind, *args):
        start = time.monotonic_ns()
        done = subprocess.run([binary, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        samples[kind].append((time.monotonic_ns() - start) / 1e6)
        if done.returncode != 0:
            failures[kind].append(f"d{n} {kind}: exit {done.returncode}: {done.stderr.strip()[:200]}")
            return None
        return done.stdout.strip()

    while time.monotonic() < deadline and not (stop and os.path.exists(stop)):
        i += 1
        ticket = run("intake", "intake", "--channel", "phone", "--category", "consultation", "--customer",
                     f"desk {n}", "--subject", f"call {i}", "--desk", desks[n % 3])
        if not ticket:
            continue
        # Each step only if the one before it went through: a failed step leaves the ticket there.
        run("assign", "assign", ticket, f"d{n}") is not None and \
            run("start", "start", ticket) is not None and \
            run("resolve", "resolve", ticket, "--resolution", "answered") is not None and \
            run("close", "close", ticket)


def percentile(values, p):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]  # nearest rank


def main():
    binary, seconds, desks = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
    stop = sys.argv[4] if len(sys.argv) > 4 else None
    samples = {k: [] for k in KINDS}
    failures = {k: [] for k in KINDS}
    began = time.monotonic()
    deadline = began + seconds
    threads = [threading.Thread(target=desk, args=(n, binary, deadline, stop, samples, failures))
               for n in range(1, desks + 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    window = time.monotonic() - began
    every = [v for k in KINDS for v in samples[k]]
    print(f"window {window:.1f} s, {desks} desks, {len(every)} commands")
    print(f"{'command':<10} {'count':>7} {'p50 ms':>9} {'p99 ms':>9} {'max ms':>9} {'> 1 s':>6} {'failed':>7}")
    for kind in KINDS + ("all",):
        values = every if kind == "all" else samples[kind]
        failed = sum(len(f) for f in failures.values()) if kind == "all" else len(failures[kind])
        print(f"{kind:<10} {len(values):>7} {percentile(values, 50):>9.1f} {percentile(values, 99):>9.1f} "
              f"{max(values, default=float('nan')):>9.1f} {sum(v > 1000 for v in values):>6} {failed:>7}")
    for kind in KINDS:
        for line in failures[kind][:3]:
            print(f"  failed: {line}", file=sys.stderr)


if __name__ == "__main__":
    main()
