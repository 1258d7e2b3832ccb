#!/usr/bin/env python3
"""The benchmark of mdbook-patterns, against the floor and the peers, on one machine in one run.

    python3 bench/run.py            # everything; writes bench/results.md
    python3 bench/run.py --quick    # small corpora and few runs, to check the harness
    python3 bench/run.py --scales 1,4   # only these scales (the first is the base of the ratios)

It builds the release binary and the examples, generates the corpora (examples/gen-corpus.rs),
installs mdbook-mermaid and mdbook-toc from crates.io into target/tools, and times each command
with hyperfine (median wall time) and GNU time (peak resident memory). Ratios are computed from
this run's numbers only.

Needs: cargo, hyperfine and GNU time (Debian packages `hyperfine` and `time`).
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGET = os.path.join(ROOT, "target")
TOOLS = os.path.join(TARGET, "tools")
CORPUS = os.path.join(TARGET, "corpus")
RELEASE = os.path.join(TARGET, "release")
OURS = os.path.join(RELEASE, "mdbook-patterns")
NOOP = os.path.join(RELEASE, "examples", "noop-preprocessor")
GEN = os.path.join(RELEASE, "examples", "gen-corpus")

QUICK = "--quick" in sys.argv


def run(*cmd, **kw):
    print("+", " ".join(cmd), file=sys.stderr)
    subprocess.run(cmd, check=True, cwd=ROOT, **kw)


def need(program, package):
    if shutil.which(program) is None:
        sys.exit(f"bench: {program} is missing; install the Debian package `{package}`")


def tool(name, version):
    binary = os.path.join(TOOLS, "bin", name)
    if not os.path.exists(binary):
        run("cargo", "install", name, "--version", version, "--locked", "--root", TOOLS,
            "--target-dir", os.path.join(TOOLS, "build"))
    return binary


def corpus(scale, data_only=False):
    out = os.path.join(CORPUS, f"scale-{scale}" + ("-data" if data_only else ""))
    if not os.path.exists(os.path.join(out, "data")):
        args = [GEN, "--scale", str(scale), "--out", out] + (["--data-only"] if data_only else [])
        run(*args)
    return out


def median_seconds(name, command, runs, warmup=1):
    """hyperfine's median for `command` (a shell line), in seconds."""
    with tempfile.NamedTemporaryFile(suffix=".json") as export:
        run("hyperfine", "--style", "none", "--warmup", str(warmup), "--runs", str(runs),
            "--export-json", export.name, "--command-name", name, command)
        with open(export.name) as f:
            return json.load(f)["results"][0]["median"]


def peak_kib(command):
    """GNU time's maximum resident set size for `command` (a shell line), in KiB."""
    with tempfile.NamedTemporaryFile(suffix=".txt") as report:
        run("/usr/bin/time", "-f", "%M", "-o", report.name, "sh", "-c", command)
        with open(report.name) as f:
            return int(f.read().strip().splitlines()[-1])


def size_kib(path):
    return os.path.getsize(path) // 1024


def main():
    need("hyperfine", "hyperfine")
    need("/usr/bin/time", "time")
    run("cargo", "build", "--release", "--locked", "--bin", "mdbook-patterns",
        "--example", "gen-corpus", "--example", "noop-preprocessor")
    mermaid = tool("mdbook-mermaid", "~0.17")
    toc = tool("mdbook-toc", "~0.15")
    scales = [0.05, 0.2, 0.8] if QUICK else [1, 4, 16]
    if "--scales" in sys.argv:
        scales = [float(s) if "." in s else int(s)
                  for s in sys.argv[sys.argv.index("--scales") + 1].split(",")]
    runs = 3 if QUICK else 10
    rows = []

    def measure(name, command, input_path=None, scale=1):
        # The big corpora take seconds a run: fewer runs of them.
        seconds = median_seconds(name, command, runs if scale <= 1 else 3)
        kib = peak_kib(command)
        rows.append((name, seconds, kib, size_kib(input_path) if input_path else None))
        return seconds, kib

    base = corpus(scales[0])
    def feed(program, book):
        return f"{program} < {book}/input.json > /dev/null"

    floor, _ = measure("no-op preprocessor (floor)", feed(NOOP, base), f"{base}/input.json")
    # The same, reading stdin whole before parsing it, as mdbook-patterns does: the floor of
    # our own read path, which is faster than mdbook-preprocessor's.
    floor_whole, _ = measure("no-op preprocessor, reading stdin whole", feed(f"{NOOP} --read-whole", base),
                             f"{base}/input.json")
    ours = {}
    for scale in scales:
        book = corpus(scale)
        # The preprocessor reads its book.toml settings from the input; the data folder is
        # relative to the book's root, which the input names.
        ours[scale], _ = measure(f"mdbook-patterns, scale {scale}", feed(OURS, book),
                                 f"{book}/input.json", scale)
    first, last = scales[0], scales[-1]
    floor_last = floor
    if last != first:
        # The floor grows a little faster than its input too (memory, page faults): measured
        # at the largest scale, it shows how much of our growth is the machine's.
        book = corpus(last)
        floor_last, _ = measure(f"no-op preprocessor, scale {last}", feed(NOOP, book),
                                f"{book}/input.json", last)
    # What the floor costs for a book as big as our output: reading and writing it alone.
    expanded = os.path.join(CORPUS, f"scale-{first}-expanded.json")
    with open(f"{base}/input.json") as f:
        context = json.load(f)[0]
    result = subprocess.run(f"{OURS} < {base}/input.json", shell=True, check=True,
                            capture_output=True, cwd=ROOT).stdout
    with open(expanded, "w") as f:
        json.dump([context, json.loads(result)], f)
    floor_out, _ = measure("no-op preprocessor, reading stdin whole, on a book the size of our output",
                           f"{NOOP} --read-whole < {expanded} > /dev/null", expanded)
    peer_mermaid, _ = measure("mdbook-mermaid (peer)", feed(mermaid, base), f"{base}/input.json")
    peer_toc, _ = measure("mdbook-toc (peer)", feed(toc, base), f"{base}/input.json")
    data = corpus(10 if not QUICK else 1, data_only=True)
    validate, _ = measure("validate, 10,000 patterns" if not QUICK else "validate, 1,000 patterns",
                          f"{OURS} validate --data {data}/data > /dev/null")
    handbook_out = os.path.join(TARGET, "bench-handbook")
    build, _ = measure("build of the handbook (warm)",
                       f"MDBOOK_BUILD__BUILD_DIR={handbook_out} {OURS} build book > /dev/null 2>&1")

    lines = [
        "| what | median | peak memory | input |",
        "|---|---:|---:|---:|",
    ]
    for name, seconds, kib, input_kib in rows:
        size = f"{input_kib / 1024:.1f} MiB" if input_kib else ""
        lines.append(f"| {name} | {seconds * 1000:.1f} ms | {kib / 1024:.1f} MiB | {size} |")
    peak_ours = next(kib for name, _, kib, _ in rows if name == f"mdbook-patterns, scale {first}")
    input_ours = size_kib(f"{base}/input.json")
    lines += [
        "",
        "| ratio | value | target |",
        "|---|---:|---|",
        f"| ours / floor at scale {first} | {ours[first] / floor:.2f}x | at most 1.3x |",
        f"| ours / mdbook-mermaid at scale {first} | {ours[first] / peer_mermaid:.2f}x | below 1x |",
        f"| ours / mdbook-toc at scale {first} | {ours[first] / peer_toc:.2f}x | (for reference) |",
        f"| time at scale {last} / time at scale {first} ({last / first:g}x the input) | "
        f"{ours[last] / ours[first]:.1f}x | at most {last / first * 17 / 16:g}x |"
        if last != first else "| linearity | not measured in this run | |",
        f"| the floor's own: time at scale {last} / time at scale {first} | "
        f"{floor_last / floor:.1f}x | (for reference) |" if last != first else "",
        f"| ours / the floor reading stdin whole, scale {first} | "
        f"{ours[first] / floor_whole:.2f}x | (for reference) |",
        f"| ours / the same on a book the size of our output, scale {first} | "
        f"{ours[first] / floor_out:.2f}x | (for reference) |",
        f"| peak memory / input size at scale {first} | {peak_ours / input_ours:.1f}x | at most 4x |",
        f"| validate | {validate * 1000:.0f} ms | below 100 ms |",
        f"| handbook build | {build * 1000:.0f} ms | below 1 s |",
    ]
    table = "\n".join(line for line in lines if line) + "\n"
    with open(os.path.join(ROOT, "bench", "results.md"), "w") as f:
        f.write(table)
    print(table)


if __name__ == "__main__":
    main()
