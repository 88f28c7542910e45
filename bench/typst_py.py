"""Compiles the typst sources `kalem-bench dump` wrote, one output after
another, with the typst Python package (`pip install typst`): the same
documents kalem builds, set by plain typst without kalem's parallel jobs or
its PDF/X finishing. Prints the total wall time of each run and the median.

usage: python3 bench/typst_py.py DUMP_DIR RUNS
"""

import json
import statistics
import sys
import time

import typst


def compile_all(spec):
    times = {}
    for job in spec["jobs"]:
        start = time.perf_counter()
        typst.compile(
            f"{job['dir']}/main.typ",
            output=f"{job['dir']}/out.{job['format']}",
            root=job["dir"],
            font_paths=[spec["fonts"]],
            ignore_system_fonts=True,
            format=job["format"],
            ppi=job["ppi"],
        )
        times[job["dir"]] = time.perf_counter() - start
    return times


def main():
    dump, runs = sys.argv[1], int(sys.argv[2])
    with open(f"{dump}/jobs.json") as f:
        spec = json.load(f)
    totals = []
    for _ in range(runs):
        start = time.perf_counter()
        times = compile_all(spec)
        totals.append(time.perf_counter() - start)
    kinds = {}
    for job in spec["jobs"]:
        kinds.setdefault(f"{job['kind']} {job['format']}", []).append(times[job["dir"]])
    print(f"typst_py_version {typst.__version__ if hasattr(typst, '__version__') else 'unknown'}")
    print(f"outputs {len(spec['jobs'])}")
    print("runs_s " + " ".join(f"{t:.2f}" for t in totals))
    print(f"median_s {statistics.median(totals):.2f}")
    for kind, values in sorted(kinds.items()):
        print(f"last_run {kind}: {len(values)} outputs, {sum(values):.2f} s, {1000 * statistics.mean(values):.0f} ms each")


if __name__ == "__main__":
    main()
