#!/usr/bin/env python3
"""Figures of one kafka run folder (store/kafka/<time>): send and poll latency (median, max, in ms,
ok ops only), per-key largest offset against the number of messages sent ok, and the checker's
verdict, msgs-per-op, availability and worst-realtime-lag. Usage: kafka-figures.py RUN_DIR..."""
import json, sys, statistics

def figures(run):
    invokes, lat = {}, {"send": [], "poll": []}
    largest, count = {}, {}
    with open(f"{run}/history.jsonl") as h:
        for line in h:
            op = json.loads(line)
            f, p = op.get("f"), op.get("process")
            if op["type"] == "invoke":
                invokes[p] = op["time"]
                continue
            start = invokes.pop(p, None)
            if op["type"] != "ok" or f not in lat or start is None:
                continue
            lat[f].append((op["time"] - start) / 1e6)
            if f == "send":
                for _, key, (offset, _msg) in op["value"]:
                    largest[key] = max(largest.get(key, -1), offset)
                    count[key] = count.get(key, 0) + 1
    r = json.load(open(f"{run}/results.json"))
    ratio = max((largest[k] + 1) / count[k] for k in count) if count else 0
    total_offsets = sum(largest[k] + 1 for k in count)
    q = lambda xs: f"{statistics.median(xs):.1f}/{max(xs):.1f}" if xs else "-"
    print(f"{run}\tvalid={r['valid?']}\tmsgs-per-op={r['net']['servers']['msgs-per-op']:.4f}"
          f"\tavailability={r['availability']['ok-fraction']:.5f}\tsend-ms={q(lat['send'])}\tpoll-ms={q(lat['poll'])}"
          f"\tlag={r['workload']['worst-realtime-lag']['lag']}\tkeys={len(count)}\tmessages={sum(count.values())}"
          f"\toffsets-used={total_offsets}\tworst-key-(largest+1)/count={ratio:.2f}\tmax-offset={max(largest.values(), default=-1)}")

for run in sys.argv[1:]:
    figures(run.rstrip("/"))
