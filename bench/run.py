#!/usr/bin/env python3
"""The benchmark of mdbook-patterns, against the floor and the peers, on one machine in one run.

    python3 bench/run.py            # everything; writes bench/results.md
    python3 bench/run.py --quick    # small corpora and few runs, to check the harness
    python3 bench/run.py --scales 1,4   # only these scales (the first is the base of the ratios)
    python3 bench/run.py --base main~3  # also: this code against another revision, before/after

It builds the release binary and the examples, generates the corpora (examples/gen-corpus.rs),
installs mdbook-mermaid and mdbook-toc from crates.io into target/tools, and times each command
with hyperfine (median wall time) and GNU time (peak resident memory). Ratios are computed from
this run's numbers only; the headline is ours against the read-whole floor (the fastest no-op).
Relations (issue 19): `validate` of the same data with 3 relations a pattern, and the
preprocessor on the first scale's corpus with and without relations, the two timed in
alternating rounds (median of 5), their ratio against its target of at most 1.10x.

With --base REV, the revision REV is checked out in a git worktree under target/bench-base/
(kept for the next run, and moved back to REV if it was changed), its release binary is built
there with a target directory of its own (target/bench-base/target, shared by every base
revision), and both binaries run on the same inputs: the corpus at every scale and the data
folder of `validate`. Each pair is timed with hyperfine in rounds, one run of each binary per
call, their order alternating (median of --base-runs runs, 5 by default, after one warmup),
and its peak memory is the median of as many runs under GNU time, alternating too. The table
says whether each change is within 5 %, and whether the two binaries wrote the same output.

Needs: cargo, hyperfine and GNU time (Debian packages `hyperfine` and `time`).
"""

import argparse
import hashlib
import json
import os
import re
import shlex
import shutil
import statistics
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
# Built with the binary. Examples bring the dev-dependencies into the build, and cargo unifies
# their features with the binary's dependencies, so a binary built with them is not the one
# built alone: the binary of --base is built with the same examples, where it has them.
EXAMPLES = ["gen-corpus", "noop-preprocessor"]
# The worktrees of --base, one per revision, and the one target directory they all build in:
# the dependencies are built once, whatever the revision.
BASE_TREES = os.path.join(TARGET, "bench-base")
BASE_TARGET = os.path.join(BASE_TREES, "target")
WITHIN = 5.0  # percent: the before/after comparison's tolerance


def run(*cmd, cwd=ROOT, **kw):
    print("+", " ".join(cmd), file=sys.stderr)
    subprocess.run(cmd, check=True, cwd=cwd, **kw)


def git(*args, cwd=ROOT):
    return subprocess.run(["git", *args], check=True, cwd=cwd, capture_output=True,
                          text=True).stdout.strip()


def need(program, package):
    if shutil.which(program) is None:
        sys.exit(f"bench: {program} is missing; install the Debian package `{package}`")


def tool(name, version):
    binary = os.path.join(TOOLS, "bin", name)
    if not os.path.exists(binary):
        run("cargo", "install", name, "--version", version, "--locked", "--root", TOOLS,
            "--target-dir", os.path.join(TOOLS, "build"))
    return binary


def corpus(scale, data_only=False, relations=False):
    """The corpus at `scale` (generated once): only its data with `data_only`, its patterns
    related to each other (3 relations a pattern, schema 1.1) with `relations`."""
    out = os.path.join(CORPUS, f"scale-{scale}" + ("-relations" if relations else "")
                       + ("-data" if data_only else ""))
    if not os.path.exists(os.path.join(out, "data")):
        args = [GEN, "--scale", str(scale), "--out", out] + (["--data-only"] if data_only else [])
        run(*args, *(["--relations"] if relations else []))
    return out


def relations_in(data_dir):
    """How many relations the patterns of the data folder `data_dir` declare."""
    count = 0
    for name in sorted(os.listdir(data_dir)):
        if name.endswith(".json"):
            with open(os.path.join(data_dir, name)) as f:
                patterns = json.load(f).get("patterns", {})
            count += sum(len(p.get("relations", [])) for p in patterns.values())
    return count


# Plain scalars a YAML reader takes for text in 1.2 and in 1.1 alike; anything else is quoted.
PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9_ ,.()/'-]*")
NOT_TEXT = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def yaml_text(value, indent=0):
    """`value` (from JSON) as block-style YAML, as an author would write it."""
    pad = "  " * indent

    def scalar(v):
        if isinstance(v, bool):
            return "true" if v else "false"
        if v is None:
            return "null"
        if isinstance(v, str):
            plain = PLAIN.fullmatch(v) and v.lower() not in NOT_TEXT and not v.endswith(" ")
            return v if plain else json.dumps(v, ensure_ascii=False)
        if isinstance(v, (dict, list)):
            return "{}" if isinstance(v, dict) else "[]"
        return str(v)

    lines = []
    items = value.items() if isinstance(value, dict) else [(None, v) for v in value]
    for key, v in items:
        lead = f"{pad}- " if key is None else f"{pad}{scalar(key)}:"
        if isinstance(v, (dict, list)) and v:
            lines.append(lead.rstrip() if key is None else lead)
            lines.append(yaml_text(v, indent + 1))
        else:
            lines.append(f"{lead}{'' if key is None else ' '}{scalar(v)}")
    return "\n".join(lines)


def yaml_copy(data_dir):
    """The data folder `data_dir` again, each JSON file written as YAML beside it (cached)."""
    out = data_dir.rstrip("/") + "-yaml"
    if not os.path.exists(out):
        os.makedirs(out)
        for name in sorted(os.listdir(data_dir)):
            if name.endswith(".json"):
                with open(os.path.join(data_dir, name)) as f:
                    value = json.load(f)
                with open(os.path.join(out, name[:-len(".json")] + ".yaml"), "w") as f:
                    f.write(yaml_text(value) + "\n")
    return out


def medians_seconds(commands, runs, warmup=1):
    """hyperfine's medians for `commands` ((name, shell line) pairs, timed in one call so that
    they are measured under the same conditions), in seconds, in their order."""
    names = [arg for name, _ in commands for arg in ("--command-name", name)]
    with tempfile.NamedTemporaryFile(suffix=".json") as export:
        run("hyperfine", "--style", "none", "--warmup", str(warmup), "--runs", str(runs),
            "--export-json", export.name, *names, *(command for _, command in commands))
        with open(export.name) as f:
            return [result["median"] for result in json.load(f)["results"]]


def alternating_medians_seconds(commands, runs, warmup=1):
    """Medians of `runs` times of each of `commands` ((name, shell line) pairs), in seconds: one
    hyperfine call of one run each per round (the first round after `warmup` runs each), the
    order reversed every other round, so that the machine's drift (other work, heat) falls on
    all of them alike instead of on whichever block hyperfine ran last."""
    times = [[] for _ in commands]
    for i in range(runs):
        order = list(range(len(commands)))
        if i % 2:
            order.reverse()
        medians = medians_seconds([commands[k] for k in order], 1, warmup if i == 0 else 0)
        for k, seconds in zip(order, medians):
            times[k].append(seconds)
    return [statistics.median(t) for t in times]


def median_seconds(name, command, runs, warmup=1):
    """hyperfine's median for `command` (a shell line), in seconds."""
    return medians_seconds([(name, command)], runs, warmup)[0]


def peak_kib(command):
    """GNU time's maximum resident set size for `command` (a shell line), in KiB."""
    with tempfile.NamedTemporaryFile(suffix=".txt") as report:
        run("/usr/bin/time", "-f", "%M", "-o", report.name, "sh", "-c", command)
        with open(report.name) as f:
            return int(f.read().strip().splitlines()[-1])


def size_kib(path):
    return os.path.getsize(path) // 1024


def scale_list(text):
    try:
        return [float(s) if "." in s else int(s) for s in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of scales like 1,4,16: {text!r}")


def arguments():
    parser = argparse.ArgumentParser(
        description="The benchmark of mdbook-patterns; writes bench/results.md.")
    parser.add_argument("--quick", action="store_true",
                        help="small corpora and few runs, to check the harness")
    parser.add_argument("--scales", type=scale_list, metavar="1,4,16",
                        help="only these corpus scales; the first is the base of the ratios")
    parser.add_argument("--base", metavar="REV",
                        help="also compare this code with git revision REV (before/after)")
    parser.add_argument("--base-runs", type=int, default=5, metavar="N",
                        help="runs of each binary in the --base comparison (default 5)")
    args = parser.parse_args()
    if args.base_runs < 1:
        parser.error("--base-runs must be at least 1")
    return args


def revision(rev):
    """The full and the short hash of the commit `rev` names."""
    try:
        full = git("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    except subprocess.CalledProcessError:
        sys.exit(f"bench: --base {rev}: not a commit of this repository")
    return full, git("rev-parse", "--short=12", full)


def worktrees():
    """The real paths of the repository's registered worktrees."""
    listing = git("worktree", "list", "--porcelain").splitlines()
    return {os.path.realpath(line[len("worktree "):])
            for line in listing if line.startswith("worktree ")}


def base_binary(full, short):
    """The release binary of commit `full`, built in its worktree under target/bench-base."""
    tree = os.path.join(BASE_TREES, short)
    if os.path.exists(tree) and os.path.realpath(tree) not in worktrees():
        # Not a worktree of this repository (left by something else): nothing to reuse.
        print(f"bench: {tree} is not a registered worktree; making it anew", file=sys.stderr)
        shutil.rmtree(tree)
    if not os.path.exists(tree):
        os.makedirs(BASE_TREES, exist_ok=True)
        # --force: the path may still be registered from a worktree deleted by hand (or by
        # `cargo clean`); the new one takes its place.
        run("git", "worktree", "add", "--force", "--detach", tree, full)
    elif (git("rev-parse", "HEAD", cwd=tree) != full
          or git("status", "--porcelain", "--untracked-files=no", cwd=tree)):
        # Moved to another commit or edited since: back to the commit it is named for.
        run("git", "checkout", "--quiet", "--force", "--detach", full, cwd=tree)
    examples = [name for name in EXAMPLES
                if os.path.exists(os.path.join(tree, "examples", f"{name}.rs"))]
    run("cargo", "build", "--release", "--locked", "--bin", "mdbook-patterns",
        *(arg for name in examples for arg in ("--example", name)),
        "--target-dir", BASE_TARGET, cwd=tree)
    missing = [name for name in EXAMPLES if name not in examples]
    note = (f"The base has no example {', '.join(missing)}: built without it, its dependencies' "
            "features may differ from the after binary's.") if missing else ""
    return os.path.join(BASE_TARGET, "release", "mdbook-patterns"), note


def shell_line(program, args, stdin=None):
    line = shlex.join([program, *args])
    if stdin:
        line += f" < {shlex.quote(stdin)}"
    return line + " > /dev/null"


def output_of(program, args, stdin=None):
    """(exit status, sha256 of stdout, the end of stderr) of one run, stdout streamed."""
    digest = hashlib.sha256()
    with tempfile.TemporaryFile() as errors, \
            open(stdin or os.devnull, "rb") as source:
        process = subprocess.Popen([program, *args], stdin=source, stdout=subprocess.PIPE,
                                   stderr=errors, cwd=ROOT)
        for chunk in iter(lambda: process.stdout.read(1 << 20), b""):
            digest.update(chunk)
        status = process.wait()
        errors.seek(0)
        tail = errors.read().decode(errors="replace").strip()[-300:]
    return status, digest.hexdigest(), tail


def change(before, after):
    """The change from `before` to `after` in percent, and what it means against the 5 %."""
    percent = (after - before) / before * 100
    if abs(percent) <= WITHIN:
        verdict = f"within {WITHIN:g} %"
    elif percent > 0:
        verdict = f"**not within {WITHIN:g} %** (worse)"
    else:
        verdict = f"not within {WITHIN:g} % (better)"
    return percent, verdict


def own_input(binary, stdin):
    """The corpus input `stdin` for `binary`: a book root of its own beside the corpus, with
    the wizard's assets that binary installs (a binary refuses another version's), the corpus's
    book.toml and data (linked), and the input naming that root. Chapters come from the input,
    so the root needs nothing else. Other inputs are returned as they are."""
    if not stdin or not stdin.endswith("input.json"):
        return stdin
    corpus_dir = os.path.dirname(stdin)
    # By content: a rebuilt binary may install other assets.
    with open(binary, "rb") as f:
        tag = hashlib.sha256(f.read()).hexdigest()[:8]
    root = f"{corpus_dir}-root-{tag}"
    own = os.path.join(root, "input.json")
    if os.path.exists(own):
        return own
    os.makedirs(root, exist_ok=True)
    shutil.copy(os.path.join(corpus_dir, "book.toml"), os.path.join(root, "book.toml"))
    os.symlink(os.path.join(corpus_dir, "data"), os.path.join(root, "data"))
    run(binary, "install", root)
    with open(stdin) as f:
        context, book = json.load(f)
    context["root"] = root
    with open(own, "w") as f:
        json.dump([context, book], f)
    return own


def compare(before_bin, after_bin, cases, runs):
    """Times and peak memories of the two binaries on each case (what, args, stdin)."""
    rows = []
    for what, args, stdin in cases:
        before_in, after_in = own_input(before_bin, stdin), own_input(after_bin, stdin)
        before_cmd = shell_line(before_bin, args, before_in)
        after_cmd = shell_line(after_bin, args, after_in)
        # One run each first: both must succeed, and their outputs are compared.
        before_out = output_of(before_bin, args, before_in)
        after_out = output_of(after_bin, args, after_in)
        failed = [f"{side} exited with {status}" + (f": {tail}" if tail else "")
                  for side, (status, _, tail) in (("before", before_out), ("after", after_out))
                  if status != 0]
        if failed:
            print(f"bench: {what}: " + "; ".join(failed), file=sys.stderr)
            rows.append((what, None, None, None, None, "; ".join(failed)))
            continue
        seconds = alternating_medians_seconds([(f"before: {what}", before_cmd),
                                               (f"after: {what}", after_cmd)], runs)
        # Peak memory: the median of as many runs, the two binaries alternating.
        peaks = {before_cmd: [], after_cmd: []}
        for i in range(runs):
            order = (before_cmd, after_cmd) if i % 2 == 0 else (after_cmd, before_cmd)
            for command in order:
                peaks[command].append(peak_kib(command))
        same = before_out[1] == after_out[1]
        rows.append((what, seconds[0], seconds[1], statistics.median(peaks[before_cmd]),
                     statistics.median(peaks[after_cmd]), "identical" if same else "differs"))
    return rows


def comparison_table(rows, base_rev, base_short, runs, note=""):
    head = git("rev-parse", "--short=12", "HEAD")
    edited = git("status", "--porcelain", "--untracked-files=no")
    after = f"this worktree at {head}" + (" with uncommitted changes" if edited else "")
    lines = [
        "## Before and after",
        "",
        f"Before: `{base_rev}` ({base_short}). After: {after}. Each on the same inputs: time is "
        f"the median of {runs} runs under hyperfine (one warmup; both binaries in each call, one "
        f"run each, their order alternating), peak memory the median of {runs} runs under GNU "
        f"time, alternating too." + (f" {note}" if note else ""),
        "",
        "| what | before median | after median | change % | before peak | after peak | change % |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    verdicts, outputs = [], []
    for what, t0, t1, m0, m1, output in rows:
        if t0 is None:
            lines.append(f"| {what} | failed | | | | | |")
            verdicts.append(f"{what}: not measured ({output})")
            continue
        time_change, time_verdict = change(t0, t1)
        memory_change, memory_verdict = change(m0, m1)
        lines.append(
            f"| {what} | {t0 * 1000:.1f} ms | {t1 * 1000:.1f} ms | "
            f"{time_change:+.1f} %, {time_verdict} | {m0 / 1024:.1f} MiB | {m1 / 1024:.1f} MiB | "
            f"{memory_change:+.1f} %, {memory_verdict} |")
        for kind, verdict in (("time", time_verdict), ("memory", memory_verdict)):
            if not verdict.startswith("within"):
                verdicts.append(f"{what}, {kind}: {verdict.replace('**', '')}")
        if output != "identical":
            outputs.append(what)
    lines += [
        "",
        f"Within {WITHIN:g} % in time and memory: "
        + ("yes, every line." if not verdicts else "no: " + "; ".join(verdicts) + "."),
        "Output of before and after: "
        + ("identical on every input." if not outputs else "differs on " + ", ".join(outputs) + "."),
        "",
    ]
    return lines


def main():
    args = arguments()
    quick = args.quick
    need("hyperfine", "hyperfine")
    need("/usr/bin/time", "time")
    # The revision is checked before anything is built: a typo fails at once.
    before = revision(args.base) if args.base else None
    run("cargo", "build", "--release", "--locked", "--bin", "mdbook-patterns",
        *(arg for name in EXAMPLES for arg in ("--example", name)))
    before_bin, build_note = base_binary(*before) if before else (None, "")
    mermaid = tool("mdbook-mermaid", "~0.17")
    toc = tool("mdbook-toc", "~0.15")
    scales = args.scales or ([0.05, 0.2, 0.8] if quick else [1, 4, 16])
    runs = 3 if quick else 10
    rows = []
    data_scale = 1 if quick else 10
    validate_name = "validate, 1,000 patterns" if quick else "validate, 10,000 patterns"

    comparison = []
    if before_bin:
        # Before and after on the same inputs, first, while nothing else has run.
        cases = [(f"mdbook-patterns, scale {scale}", [], f"{corpus(scale)}/input.json")
                 for scale in scales]
        cases.append((validate_name, ["validate", "--data",
                                      f"{corpus(data_scale, data_only=True)}/data"], None))
        cases.append((f"{validate_name}, in YAML", ["validate", "--data",
                      yaml_copy(f"{corpus(data_scale, data_only=True)}/data")], None))
        # With relations (schema 1.1): a base older than them fails these, and says so.
        cases.append((f"mdbook-patterns, scale {scales[0]}, with relations", [],
                      f"{corpus(scales[0], relations=True)}/input.json"))
        cases.append((f"{validate_name}, with relations", ["validate", "--data",
                      f"{corpus(data_scale, data_only=True, relations=True)}/data"], None))
        comparison = comparison_table(compare(before_bin, OURS, cases, args.base_runs),
                                      args.base, before[1], args.base_runs, build_note)

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
        # Its input names a root holding the assets this binary installs (see own_input).
        ours[scale], _ = measure(f"mdbook-patterns, scale {scale}",
                                 f"{OURS} < {own_input(OURS, book + '/input.json')} > /dev/null",
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
    result = subprocess.run(f"{OURS} < {own_input(OURS, base + '/input.json')}", shell=True, check=True,
                            capture_output=True, cwd=ROOT).stdout
    with open(expanded, "w") as f:
        json.dump([context, json.loads(result)], f)
    floor_out, _ = measure("no-op preprocessor, reading stdin whole, on a book the size of our output",
                           f"{NOOP} --read-whole < {expanded} > /dev/null", expanded)
    peer_mermaid, _ = measure("mdbook-mermaid (peer)", feed(mermaid, base), f"{base}/input.json")
    peer_toc, _ = measure("mdbook-toc (peer)", feed(toc, base), f"{base}/input.json")
    data = corpus(data_scale, data_only=True)
    validate, _ = measure(validate_name, f"{OURS} validate --data {data}/data > /dev/null")
    validate_yaml, _ = measure(f"{validate_name}, the same data in YAML",
                               f"{OURS} validate --data {yaml_copy(data + '/data')} > /dev/null")
    # Relations (issue 19): the same data, its patterns related to each other.
    related_data = corpus(data_scale, data_only=True, relations=True)
    related_count = relations_in(f"{related_data}/data")
    validate_related, _ = measure(f"{validate_name} with {related_count:,} relations",
                                  f"{OURS} validate --data {related_data}/data > /dev/null")
    # And the preprocessor on the corpus of the first scale with and without them, timed in
    # alternating rounds (median of 5) so that both medians come from the same minutes.
    related = corpus(first, relations=True)
    plain_line = f"{OURS} < {own_input(OURS, base + '/input.json')} > /dev/null"
    related_line = f"{OURS} < {own_input(OURS, related + '/input.json')} > /dev/null"
    plain_name = f"mdbook-patterns, scale {first}, without relations (alternating, 5 runs)"
    related_name = (f"mdbook-patterns, scale {first}, with "
                    f"{relations_in(related + '/data'):,} relations (alternating, 5 runs)")
    without_relations, with_relations = alternating_medians_seconds(
        [(plain_name, plain_line), (related_name, related_line)], 5)
    rows.append((plain_name, without_relations, peak_kib(plain_line),
                 size_kib(f"{base}/input.json")))
    rows.append((related_name, with_relations, peak_kib(related_line),
                 size_kib(f"{related}/input.json")))
    handbook_out = os.path.join(TARGET, "bench-handbook")
    build, _ = measure("build of the handbook (warm)",
                       f"MDBOOK_BUILD__BUILD_DIR={handbook_out} {OURS} build book > /dev/null 2>&1")

    headline = ours[first] / floor_whole
    lines = [
        f"Headline: ours / the read-whole floor at scale {first}: {headline:.2f}x "
        f"(against the parse_input floor: {ours[first] / floor:.2f}x).",
        "",
        *comparison,
        "## This run" if comparison else None,
        "" if comparison else None,
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
        # The headline: the floor of our own read path (read stdin whole, parse, write back),
        # the fastest a preprocessor of this book can be.
        f"| ours / the read-whole floor at scale {first} (headline) | {headline:.2f}x | "
        "(the limit is 1x) |",
        f"| ours / the parse_input floor at scale {first} | {ours[first] / floor:.2f}x | "
        "at most 1.3x |",
        f"| ours / mdbook-mermaid at scale {first} | {ours[first] / peer_mermaid:.2f}x | below 1x |",
        f"| ours / mdbook-toc at scale {first} | {ours[first] / peer_toc:.2f}x | (for reference) |",
        f"| time at scale {last} / time at scale {first} ({last / first:g}x the input) | "
        f"{ours[last] / ours[first]:.1f}x | at most {last / first * 17 / 16:g}x |"
        if last != first else "| linearity | not measured in this run | |",
        f"| the floor's own: time at scale {last} / time at scale {first} | "
        f"{floor_last / floor:.1f}x | (for reference) |" if last != first else None,
        f"| ours / the read-whole floor on a book the size of our output, scale {first} | "
        f"{ours[first] / floor_out:.2f}x | (for reference) |",
        f"| peak memory / input size at scale {first} | {peak_ours / input_ours:.1f}x | at most 4x |",
        f"| validate | {validate * 1000:.0f} ms | below 100 ms |",
        f"| validate of the same data in YAML / in JSON | {validate_yaml / validate:.2f}x | "
        "(for reference) |",
        f"| handbook build | {build * 1000:.0f} ms | below 1 s |",
        f"| validate with {related_count:,} relations | {validate_related * 1000:.0f} ms | "
        "below 150 ms |",
        f"| validate with relations / without | {validate_related / validate:.2f}x | "
        "(for reference) |",
        f"| ours with relations / without, scale {first} (alternating, median of 5) | "
        f"{with_relations / without_relations:.3f}x | at most 1.10x |",
    ]
    table = "\n".join(line for line in lines if line is not None) + "\n"
    with open(os.path.join(ROOT, "bench", "results.md"), "w") as f:
        f.write(table)
    print(table)


if __name__ == "__main__":
    main()
