#!/usr/bin/env python3
"""Measure `perennial check` against the floor, the pre-commit hook and the
index against `git status`, themes, next steps and the history pass, on
corpora of 1,000, 10,000 and 50,000 notes and beside what users would
otherwise run over the same notes (markdownlint-cli2, hugo) when installed;
then `perennial check` against hostile notes, and the goals.

The floor (../shared/bench/floor.c) is the least work any checker of these
notes must do: read every file, parse its front matter with libyaml and its
body with cmark, and keep nothing. Everything perennial does beyond that
(walking the tree, validating, matching the codebook, printing diagnostics)
is overhead, so the goal is a ratio to the floor: `perennial check` within
1.5x the wall time of `floor full` on the same notes, and under 32 MiB.

The pre-commit hook checks one staged note, but the duplicate-id rule needs
every note's id; it must take them from its cache (.git/perennial/ids, by blob
id) rather than read every blob, so the goal is `perennial hook run` within 2x
the wall time of `git status` (which looks at every tracked file too).

usage: tests/bench/bench.py BINARY [--tiers N,N,...] [--runs N] [--only network]
       (make bench: --tiers 1000,10000,50000, the default;
        make bench QUICK=1: --tiers 10000; --only network: 10 and 11 alone)

Each tier (a number of notes; N below is its label: 1k, 10k, 50k) runs 1 and
3 to 8 in turn, with --runs timed rounds (5 by default) and as many cold runs;
above 10,000 notes at most 3 rounds and 1 cold run, so that the whole bench
stays under 15 minutes on 2 cores. 2 runs once, before the first tier, and 9
to 11 once after the last (10 only when 10,000 notes is a tier).

  1. Generate two corpora with ../shared/bench/gen-notes.py into build/bench/
     (clean, and 5% defective), reused while a stamp file shows the same
     generator arguments and the same gen-notes.py (sha256).
  2. Build the floor into build/bench/floor when it is missing or stale.
  3. Time `perennial check` and `floor read|yaml|full` over the same files (the
     floor's paths all on its command line, which a stack limit of 32 MiB
     makes room for): one warm-up run each, then --runs rounds in which each runs once (taking turns,
     so load from elsewhere hits them alike); report the median wall time, the
     largest peak RSS, and the median of the rounds' time ratios.
  4. Copy the clean corpus afresh into build/bench/hook-N (cp -a: a git
     repository with one commit), append a next step to one note and stage it.
     Time `git status --porcelain` and `perennial hook run` (which must exit 0)
     taking turns as in 3, then one cold hook run after deleting its id cache,
     then, for information, `perennial check` (the working tree) beside
     `perennial check --rev HEAD` (every note read from its blob).
  5. The index (.git/perennial/index.db) on a fresh copy of the clean corpus in
     build/bench/index-N: the tier's cold `perennial index` runs (the index
     deleted before each), then `git status --porcelain` and a warm `perennial
     index` (nothing changed) taking turns as in 3, then one note edited (its
     mtime set 10 s into the past, so the racy-file rule does not apply) and
     `perennial index --verbose`, which must say "1 read, 1 parsed", then the
     warm latency of `perennial list --organizer ID` and `perennial search
     housing`, the size of index.db and the peak RSS of the cold runs. The goal
     is the warm run within 1.5x `git status`.
  6. Themes, next steps and the history pass in build/bench/history-N: a fresh
     copy of the clean corpus with 600 commits per 10,000 notes, and no
     fewer (600 at 1,000 and 10,000 notes, 3,000 at 50,000), added by `git
     fast-import` (fixed seed and dates; each changes one to five notes,
     mostly ticking a next step, sometimes adding one for the note's
     organizer, sometimes unticking one), reused while a stamp shows the same
     corpus and recipe. The tier's cold `perennial steps` runs (the index
     deleted before each, so every note of the working tree and every older
     version of it in the history is parsed), then `git status --porcelain`,
     a warm `perennial steps` and a warm `perennial themes` taking turns as in
     3, then how many steps `perennial steps --done` dates from the commit that
     ticked them, the size of index.db and the peak RSS; `perennial report
     --week W` cold and warm too when this perennial has it, and one run of
     `perennial report --week all` up to 10,000 notes (its JSON is 850 MB at
     10,000; not measured above).
     Then `perennial lsp` in the same repository, spoken to over pipes: a
     200-line note opened, 200 changes each awaited, then 100 completions;
     the median and 95th percentile from a change sent to its findings
     received and from a completion asked to its answer, and the server's
     peak memory (its VmHWM, read before it exits).
     Then, on the same warm index, what a shell asks on a Tab after `perennial
     list --participant `: `perennial __complete list --participant ''`, timed
     as in 3, and how many participants it offers.
  7. What users would otherwise run over the same notes, one run each when it
     is installed (a line says how to install it when not): markdownlint-cli2
     (on PATH or in build/bench/node_modules/.bin) over notes/**/*.md of the
     clean corpus, and hugo building a throwaway site in build/bench/hugo-N
     whose content folder is the clean corpus's notes (each note rendered to
     a page of its own; taxonomies, feeds and the sitemap left out).
  8. The tier's summary: every command the goals name (check, index cold and
     warm, report --week W and all, themes, steps warm and cold, list,
     search) with its seconds, peak MiB and ratio to its floor (floor full
     for check, check for index cold, report, themes and steps, git status
     for index warm, list and search), and check's ratio to each tool of 7.
  9. Run `perennial check` once on each of a few hostile files (alias bomb,
     deep nesting, invalid UTF-8, a 50 MB file, a symlink out of the
     repository) in build/bench/hostile, then the command each sound note
     that costs what it holds slows down (search over 1 MB of one word, check
     of 20,000 unknown owners or against 100,000 organizers, list of a 1 MB
     title, check past a folder nested 2,100 deep) in a
     repository of its own: each must stay under 1 s and 100 MiB,
     never crash, and never print what lies outside the repository (stdout
     and stderr are both searched for "root:", from /etc/passwd).
 10. The network (`perennial network`): 10 chapters of 10,000 notes each, the
     corpora of gen-notes.py --seed 1 to 10 (seed 1's is the clean corpus of
     1; the others cached beside it as chapter-10k-seedK, generated two at a
     time), and a network repository in build/bench/network listing them by
     path, made afresh. The first `perennial network fetch`, then the week
     report of the corpus's last week (`perennial report --week W --today D`,
     D a week after its last note) in a fresh copy of seed 1's corpus and
     `perennial network report` of the same week: cold (no cache yet), once
     more right after (the caches just filled), then warm, taking turns as
     in 3 with `network report --format json` (the model alone, no page) and
     a fetch with nothing new beside `git fetch` of the same remotes with
     the same refspecs, one a chapter, from a twin of the network repository
     (bench_network says how it is kept fair). The goals: the warm network
     report within 10x one chapter's warm week report and under 64 MiB, and
     the fetch with nothing new within 2x git's.
 11. The goals, each marked met or not: at 10,000 notes the ratios of 8 but
     those of index warm and steps cold, every command's peak memory (32
     MiB), and the language server's (findings within 10 ms of a change and
     completion within 5 ms, at the 95th percentile; 32 MiB), and the shell
     completion of participants (50 ms); at 50,000 check cold / floor full,
     index cold / check cold, and
     every command's peak memory over its figure at 10,000 (1.5x); the
     network's of 10; then how long the whole bench took.

Peak RSS: os.wait4 gives the child's rusage, but on Linux a child's ru_maxrss
also counts the pages of the process that exec'd it (the Python parent here,
~14 MiB), which would hide anything smaller (the floor is). When GNU time is
installed (`make deps` installs it) each command runs under it and its %M,
the measured process's own peak, is used; otherwise the wait4 figure is, with
a note saying where its floor is.

It is a measurement, not a test: it exits 0 whether or not the goals are met,
and 1 only when the benchmark cannot run (perennial, git or the floor misbehaves).
A perennial command that fails in 6 is reported there, with its stderr, and
the other steps still run; the exit status is 1 then too. A tool of 7 that
fails is reported in its row and does not change the exit status.
Without ../shared it says it is skipped and exits 0.
"""

import argparse
import concurrent.futures
import csv
import datetime
import glob
import hashlib
import io
import itertools
import json
import os
import random
import re
import resource
import shlex
import shutil
import signal
import statistics
import string
import subprocess
import sys
import threading
import time

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED_BENCH = os.path.join(os.path.dirname(TOP), "shared", "bench")
WORK = os.path.join(TOP, "build", "bench")
GEN_NOTES = os.path.join(SHARED_BENCH, "gen-notes.py")
FLOOR_SRC = os.path.join(SHARED_BENCH, "floor.c")
FLOOR_BIN = os.path.join(WORK, "floor")
GNU_TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None
RSS_FILE = os.path.join(WORK, "last-run.rss")

GOAL_TIME_RATIO = 1.5
GOAL_CHECK_MIB = 32
HOSTILE_SECONDS = 1.0
HOSTILE_MIB = 100
HOSTILE_TIMEOUT = 10           # seconds before a hostile run is killed
HOSTILE_ADDRESS_SPACE = 4 << 30  # so an alias bomb cannot take the machine down
BENCH_TIMEOUT = 600
# The floor takes every note on its command line, and an exec leaves its arguments
# a quarter of the stack limit (6 MiB at most): 50,000 notes need 2.9 MiB.
FLOOR_STACK = 32 << 20


class BenchError(Exception):
    """The benchmark itself cannot go on (not a goal that is missed)."""


# --- running and measuring one command ------------------------------------------

class Run:
    """One finished command: exit status (negative: killed by that signal),
    wall seconds, peak RSS in KiB (None when unknown), killed at its deadline."""

    def __init__(self, status, wall, rss_kib, timed_out):
        self.status, self.wall, self.rss_kib, self.timed_out = status, wall, rss_kib, timed_out

    def describe_status(self):
        if self.timed_out:
            return "timeout"
        if self.status < 0:
            try:
                return signal.Signals(-self.status).name
            except ValueError:
                return "signal %d" % -self.status
        return str(self.status)


class Deadline:
    """Kills a process group that outlives `seconds`. The group leader must not
    be reaped before stop() returns, so its id cannot have been reused."""

    def __init__(self, pgid, seconds):
        self.pgid, self.lock, self.done, self.fired = pgid, threading.Lock(), False, False
        self.timer = threading.Timer(seconds, self._fire)
        self.timer.daemon = True
        self.timer.start()

    def _fire(self):
        with self.lock:
            if not self.done:
                self.fired = True
                try:
                    os.killpg(self.pgid, signal.SIGKILL)
                except ProcessLookupError:
                    pass

    def stop(self):
        with self.lock:
            self.done = True
        self.timer.cancel()
        return self.fired


def gnu_time_report():
    """(signal or None, peak KiB or None) from the file GNU time wrote."""
    try:
        with open(RSS_FILE, encoding="utf-8", errors="replace") as f:
            lines = f.read().split("\n")
    except OSError:
        return None, None
    lines = [line for line in lines if line.strip()]
    sig = None
    for line in lines:
        if line.startswith("Command terminated by signal "):
            sig = int(line.split()[-1])
    try:
        return sig, int(lines[-1])
    except (IndexError, ValueError):
        return sig, None


def run_measured(argv, cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                 timeout=BENCH_TIMEOUT, on_start=None):
    """Run argv once in cwd and measure it. on_start(proc) may start readers of
    its pipes; they are joined by the caller."""
    command = list(argv)
    if GNU_TIME:
        if os.path.exists(RSS_FILE):
            os.unlink(RSS_FILE)
        command = [GNU_TIME, "-f", "%M", "-o", RSS_FILE, "--"] + command
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=cwd, stdin=subprocess.DEVNULL, stdout=stdout,
                            stderr=stderr, start_new_session=True)
    if on_start:
        on_start(proc)
    deadline = Deadline(proc.pid, timeout)
    os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOWAIT)  # exited, not yet reaped
    wall = time.perf_counter() - start
    timed_out = deadline.stop()
    _, wait_status, usage = os.wait4(proc.pid, 0)
    proc.returncode = status = os.waitstatus_to_exitcode(wait_status)
    rss_kib = usage.ru_maxrss
    if GNU_TIME:
        sig, rss_kib = gnu_time_report()
        if sig is not None:
            status = -sig
    return Run(status, wall, rss_kib, timed_out)


class Stats:
    """Median wall time and largest peak RSS of several runs of one command."""

    def __init__(self, runs):
        self.walls = [r.wall for r in runs]  # in round order
        self.seconds = statistics.median(self.walls)
        known = [r.rss_kib for r in runs if r.rss_kib is not None]
        self.mib = max(known) / 1024.0 if known else float("nan")


class ChildLimit:
    """Sets the soft resource limit `which` of the children started inside the
    `with` to `limit`, or as near as the hard limit allows (None: left alone)."""

    def __init__(self, which, limit):
        self.which, self.limit = which, limit

    def __enter__(self):
        self.saved = resource.getrlimit(self.which)
        if self.limit is not None:
            hard = self.saved[1]
            soft = self.limit if hard == resource.RLIM_INFINITY else min(self.limit, hard)
            resource.setrlimit(self.which, (soft, hard))

    def __exit__(self, *exc):
        resource.setrlimit(self.which, self.saved)


class Command:
    """A measured command: what it runs, where, and the exit statuses that are fine.
    With stderr_path its stderr is kept there (to show when it fails), and with
    stdout_too its stdout as well (perennial prints its findings on stdout). With
    stack it is started under that stack limit (bytes), for room for its arguments."""

    def __init__(self, label, argv, cwd, ok_status, stderr_path=None, stdout_too=False,
                 stack=None):
        self.label, self.argv, self.cwd = label, argv, cwd
        self.ok_status, self.stderr_path, self.stdout_too = ok_status, stderr_path, stdout_too
        self.stack = stack

    def run_once(self):
        """Run it; a status outside ok_status (or a timeout) stops the benchmark."""
        try:
            with ChildLimit(resource.RLIMIT_STACK, self.stack):
                if self.stderr_path:
                    with open(self.stderr_path, "wb") as err:
                        out = err if self.stdout_too else subprocess.DEVNULL
                        run = run_measured(self.argv, self.cwd, stdout=out, stderr=err)
                else:
                    run = run_measured(self.argv, self.cwd)
        except OSError as e:  # E2BIG: more files than one command line holds
            raise BenchError("%s: %s" % (self.label, e))
        if run.timed_out or run.status not in self.ok_status:
            raise BenchError("%s in %s: exit %s%s" % (
                self.label, os.path.relpath(self.cwd, TOP), run.describe_status(),
                tail(self.stderr_path, "its output" if self.stdout_too else "its stderr")))
        return run


def measure(commands, runs):
    """One warm-up run of each command, then `runs` rounds running each once.
    Taking turns, a burst of load from elsewhere slows the commands of one
    round alike, so ratios taken round by round hold even when the medians
    move. Returns one Stats per command."""
    for command in commands:
        command.run_once()
    results = [[] for _ in commands]
    for _ in range(runs):
        for command, result in zip(commands, results):
            result.append(command.run_once())
    return [Stats(result) for result in results]


def tail(path, what="its stderr", lines=40):
    """The last lines of a captured stderr (or output), for an error message."""
    if not path or not os.path.exists(path):
        return ""
    with open(path, "rb") as f:
        text = f.read()[-64 * 1024:].decode("utf-8", "replace").splitlines()
    shown = "\n".join(text[-lines:])
    more = "  (last %d lines)" % lines if len(text) > lines else ""
    return "; %s%s:\n%s" % (what, more, shown) if shown else "; no %s" % what.split()[-1]


# --- corpora and the floor ----------------------------------------------------

def sha256_of(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def size_label(notes):
    return "%dk" % (notes // 1000) if notes % 1000 == 0 else str(notes)


def corpora(notes):
    """(name, gen-notes.py arguments) of the two corpora."""
    base = ["--notes", str(notes), "--seed", "1"]
    name = "notes-" + size_label(notes)
    return [(name, base), (name + "-bad5", base + ["--bad", "5"])]


def ensure_corpus(name, gen_args):
    """Generate the corpus unless its stamp shows the same arguments and generator."""
    path = os.path.join(WORK, name)
    stamp = path + ".stamp"
    want = json.dumps({"args": gen_args, "gen-notes.py sha256": sha256_of(GEN_NOTES)},
                      sort_keys=True) + "\n"
    if os.path.isdir(os.path.join(path, "notes")) and read_text(stamp) == want:
        return path
    if os.path.exists(stamp):
        os.unlink(stamp)
    progress("generating %s (%s)" % (name, " ".join(gen_args)))
    result = subprocess.run([sys.executable, GEN_NOTES] + gen_args + ["--force", path],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if result.returncode != 0:
        raise BenchError("gen-notes.py failed:\n" + result.stderr.decode("utf-8", "replace"))
    with open(stamp, "w", encoding="utf-8") as f:
        f.write(want)
    return path


def read_text(path):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except OSError:
        return None


def write(repo, path, data):
    path = os.path.join(repo, path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def note_files(corpus):
    """Every *.md under the corpus's notes folder, relative to the corpus, sorted."""
    pattern = os.path.join(glob.escape(corpus), "notes", "**", "*.md")
    return sorted(os.path.relpath(p, corpus) for p in glob.glob(pattern, recursive=True))


def ensure_floor():
    """Build the floor when it is missing or older than floor.c."""
    if os.path.exists(FLOOR_BIN) and os.path.getmtime(FLOOR_BIN) >= os.path.getmtime(FLOOR_SRC):
        return
    progress("building the floor")
    flags = subprocess.run(["pkg-config", "--cflags", "--libs", "libcmark", "yaml-0.1"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if flags.returncode != 0:
        raise BenchError("pkg-config: " + flags.stderr.decode("utf-8", "replace").strip())
    cmd = ["cc", "-O2", "-o", FLOOR_BIN, FLOOR_SRC] + shlex.split(flags.stdout.decode())
    if subprocess.run(cmd).returncode != 0:
        raise BenchError("building the floor failed: " + " ".join(cmd))


def progress(message):
    sys.stderr.write("bench: %s\n" % message)
    sys.stderr.flush()


# --- the benchmark --------------------------------------------------------------

class CorpusResult:
    def __init__(self, name, check, read, yaml, full):
        self.name, self.check, self.read, self.yaml, self.full = name, check, read, yaml, full
        # The median of the rounds' ratios: steadier than the ratio of the medians
        # on a busy machine (see measure).
        self.time_ratio = statistics.median(c / f for c, f in zip(check.walls, full.walls))
        self.mem_ratio = check.mib / full.mib
        self.met = self.time_ratio <= GOAL_TIME_RATIO and check.mib < GOAL_CHECK_MIB


def bench_corpus(name, corpus, perennial, runs):
    files = note_files(corpus)
    if not files:
        raise BenchError("%s has no notes" % corpus)
    commands = [Command("perennial check", [perennial, "check"], corpus, {0, 1},
                        stderr_path=os.path.join(WORK, "check.stderr"))]
    commands += [Command("floor " + mode, [FLOOR_BIN, mode] + files, corpus, {0},
                         stack=FLOOR_STACK) for mode in ("read", "yaml", "full")]
    check, read, yaml, full = measure(commands, runs)
    return CorpusResult(name, check, read, yaml, full)


def print_bench(results, notes, runs):
    width = max(len(r.name) for r in results) + 2
    print("perennial check vs floor full: %d notes, %d timed rounds" % (notes, runs))
    print("(median wall time, max peak RSS; time x is the median of the rounds' ratios)")
    print()
    print("%-*s%9s %8s %9s %8s %7s %7s" % (width, "corpus", "check s", "MiB", "floor s",
                                           "MiB", "time x", "mem x"))
    for r in results:
        print("%-*s%9.3f %8.1f %9.3f %8.1f %7.2f %7.2f" % (
            width, r.name, r.check.seconds, r.check.mib, r.full.seconds, r.full.mib,
            r.time_ratio, r.mem_ratio))
    for r in results:
        print("%-*sfloor read %.3f s, floor yaml %.3f s" % (width, r.name, r.read.seconds,
                                                           r.yaml.seconds))
    for r in results:
        print("%-*sgoal: <= %gx floor full and < %d MiB: %s" % (
            width, r.name, GOAL_TIME_RATIO, GOAL_CHECK_MIB, "met" if r.met else "not met"))
    if not GNU_TIME:
        print("(no GNU time: peak RSS is wait4's, which cannot read below this script's "
              "own %.1f MiB)" % (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0))


# --- the pre-commit hook ------------------------------------------------------

GOAL_HOOK_RATIO = 2.0
HOOK_OUTPUT = os.path.join(WORK, "hook.out")
CLOSE_TO_COLD = 0.5  # a warm run slower than this share of the cold one re-reads the blobs


def git(repo, *args):
    """Run git in repo and return its stdout; a failure stops the benchmark."""
    result = subprocess.run(["git", "-C", repo] + list(args), stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if result.returncode != 0:
        raise BenchError("git %s in %s: %s" % (" ".join(args), os.path.relpath(repo, TOP),
                                               result.stderr.decode("utf-8", "replace").strip()))
    return result.stdout.decode("utf-8", "replace")


def front_field(text, key):
    """The plain value of a top-level `key: value` line of a note's front matter."""
    front = text.split("\n---", 1)[0]
    match = re.search(r"^%s:[ \t]*(\S+)[ \t]*$" % re.escape(key), front, re.M)
    return match.group(1) if match else None


def add_next_step(repo, path):
    """Append a valid next step (the note's organizer, due nine days after the
    note) to the note's last section, Next steps in the generated notes."""
    full = os.path.join(repo, path)
    text = read_text(full)
    organizer, date = front_field(text or "", "organizer"), front_field(text or "", "date")
    if not organizer or not date:
        raise BenchError("%s: no organizer or date in its front matter" % full)
    due = datetime.date.fromisoformat(date) + datetime.timedelta(days=9)
    with open(full, "a", encoding="utf-8") as f:
        f.write(("" if text.endswith("\n") else "\n")
                + "- [ ] @%s Call back (due %s)\n" % (organizer, due.isoformat()))


def ids_cache(repo):
    return os.path.join(repo, ".git", "perennial", "ids")


def fresh_copy(corpus, name):
    """build/bench/NAME: a fresh copy of the clean corpus without perennial's
    caches in .git, its git index refreshed so that `git status` is warm too."""
    repo = os.path.join(WORK, name)
    if os.path.lexists(repo):
        shutil.rmtree(repo)
    copy = subprocess.run(["cp", "-a", corpus, repo], stderr=subprocess.PIPE)
    if copy.returncode != 0:
        raise BenchError("cp -a %s: %s" % (corpus, copy.stderr.decode("utf-8", "replace")))
    shutil.rmtree(os.path.join(repo, ".git", "perennial"), ignore_errors=True)
    # The first status also refreshes the index: the copies have new inodes and ctimes.
    if git(repo, "status", "--porcelain"):
        raise BenchError("%s is not clean after copying it" % corpus)
    return repo


def make_hook_repo(corpus, name):
    """build/bench/hook-N: a fresh copy of the clean corpus (no id cache) with one
    note changed and staged. Returns the repository and that note's path."""
    repo = fresh_copy(corpus, name)
    files = note_files(repo)
    if not files:
        raise BenchError("%s has no notes" % corpus)
    add_next_step(repo, files[0])
    git(repo, "add", "--", files[0])
    return repo, files[0]


def file_kib(path):
    try:
        return os.path.getsize(path) / 1024.0
    except OSError:
        return None


class HookResult:
    def __init__(self, repo, staged, status, warm, cold, check, check_rev, cache_kib):
        self.repo, self.staged, self.cache_kib = repo, staged, cache_kib
        self.status, self.warm, self.cold = status, warm, cold
        self.check, self.check_rev = check, check_rev
        self.ratio = statistics.median(h / g for h, g in zip(warm.walls, status.walls))
        self.met = self.ratio <= GOAL_HOOK_RATIO


def bench_hook(corpus, name, perennial, runs):
    """`git status` and a warm `perennial hook run` taking turns; then one cold
    hook run (its id cache deleted first); then `perennial check` and
    `perennial check --rev HEAD` taking turns, last so that their rewrites of
    the id cache do not land in the hook's rounds."""
    repo, staged = make_hook_repo(corpus, name)
    hook = Command("perennial hook run", [perennial, "hook", "run"], repo, {0},
                   stderr_path=HOOK_OUTPUT, stdout_too=True)
    status, warm = measure([Command("git status", ["git", "status", "--porcelain"], repo, {0}),
                            hook], runs)
    if os.path.exists(ids_cache(repo)):
        os.unlink(ids_cache(repo))
    cold = hook.run_once()
    cache_kib = file_kib(ids_cache(repo))
    stderr = os.path.join(WORK, "check.stderr")
    check, check_rev = measure([
        Command("perennial check", [perennial, "check"], repo, {0, 1}, stderr_path=stderr),
        Command("perennial check --rev HEAD", [perennial, "check", "--rev", "HEAD"], repo,
                {0, 1}, stderr_path=stderr)], runs)
    return HookResult(repo, staged, status, warm, Stats([cold]), check, check_rev, cache_kib)


def print_hook(r, notes, runs):
    print()
    print("pre-commit hook: one staged note in build/bench/%s (%d notes), %d timed rounds"
          % (os.path.basename(r.repo), notes, runs))
    print("(median wall time, max peak RSS; x git status of the warm run is the median of")
    print("the rounds' ratios; the cold run is one run after deleting .git/perennial/ids)")
    print()
    rows = [("git status --porcelain", r.status, None),
            ("perennial hook run (warm)", r.warm, r.ratio),
            ("perennial hook run (cold, cache rebuilt)", r.cold, r.cold.seconds / r.status.seconds),
            ("perennial check (working tree)", r.check, None),
            ("perennial check --rev HEAD (blobs)", r.check_rev, None)]
    width = max(len(label) for label, _, _ in rows) + 2
    print("%-*s%9s %8s %13s" % (width, "command", "s", "MiB", "x git status"))
    for label, stats, ratio in rows:
        print(("%-*s%9.3f %8.1f %13s" % (width, label, stats.seconds, stats.mib,
                                         "" if ratio is None else "%.2f" % ratio)).rstrip())
    print("staged: %s; id cache after the cold run: %s" % (
        r.staged, "none" if r.cache_kib is None else "%.0f KiB" % r.cache_kib))
    share = r.warm.seconds / r.cold.seconds
    if share > CLOSE_TO_COLD:
        print("note: the warm hook run takes %.0f%% of the cold one: it looks as if it read"
              " every blob each time" % (100 * share))
    print("goal: hook run <= %gx git status: %s" % (GOAL_HOOK_RATIO, "met" if r.met else "not met"))


# --- the index ------------------------------------------------------------------

GOAL_INDEX_RATIO = 1.5
INDEX_OUTPUT = os.path.join(WORK, "index.out")
INDEX_QUERY = "housing"          # a theme of gen-notes.py's codebook, in many notes
EDITED_AGE = 10                  # seconds into the past for the edited note's mtime
ONE_PARSED = "1 read, 1 parsed"  # what --verbose must say after one note changed


def index_file(repo):
    return os.path.join(repo, ".git", "perennial", "index.db")


def remove_index(repo):
    """Delete index.db and its journals, as `perennial index --rebuild` does."""
    for suffix in ("", "-wal", "-shm"):
        if os.path.lexists(index_file(repo) + suffix):
            os.unlink(index_file(repo) + suffix)


def index_kib(repo):
    """The size of index.db with its write-ahead log, None without it."""
    kib = file_kib(index_file(repo))
    wal = file_kib(index_file(repo) + "-wal")
    return kib + wal if kib is not None and wal else kib


def cold_runs(command, repo, runs):
    """`runs` runs of command, the index deleted before each."""
    result = []
    for _ in range(runs):
        remove_index(repo)
        result.append(command.run_once())
    return Stats(result)


def make_index_repo(corpus, name):
    """build/bench/index-N: a fresh copy of the clean corpus, without a perennial
    folder in .git, its git index refreshed so that `git status` is warm too."""
    return fresh_copy(corpus, name)


def run_text(argv, cwd):
    """Run a command to its end: (status, stdout, stderr) as text."""
    result = subprocess.run(argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, timeout=BENCH_TIMEOUT)
    return (result.returncode, result.stdout.decode("utf-8", "replace"),
            result.stderr.decode("utf-8", "replace"))


def available(perennial, command, repo):
    """Whether this perennial has the subcommand (others may not be written yet)."""
    status, _, err = run_text([perennial, command, "--help"], repo)
    return status == 0 and "not a perennial command" not in err


def edit_note(repo, path):
    """Append a line to a note and set its mtime EDITED_AGE seconds back: a change
    the stat cache must see, and no racily clean file."""
    full = os.path.join(repo, path)
    with open(full, "a", encoding="utf-8") as f:
        f.write("\nOne more thing came up after the meeting.\n")
    when = time.time() - EDITED_AGE
    os.utime(full, (when, when))


class IndexResult:
    def __init__(self, repo, notes):
        self.repo, self.notes = repo, notes
        self.cold = self.status = self.warm = self.edited = None
        self.verbose_cold = self.verbose_warm = self.verbose_edited = ""
        self.edited_path = self.organizer = None
        self.list = self.search = None
        self.list_rows = self.search_rows = None
        self.db_kib = None
        self.ratio = float("nan")


def count_rows(argv, cwd):
    """How many records (less the header) a command printing CSV printed."""
    status, out, _ = run_text(argv, cwd)
    if status not in (0, 1):
        return None
    return max(len(list(csv.reader(io.StringIO(out, newline="")))) - 1, 0)


def bench_index(corpus, name, perennial, runs, cold):
    """`cold` cold runs, then warm runs beside `git status`, one note changed,
    then the latency of list and search on the index the warm runs left."""
    repo = make_index_repo(corpus, name)
    files = note_files(repo)
    r = IndexResult(repo, len(files))
    index = Command("perennial index", [perennial, "index"], repo, {0},
                    stderr_path=INDEX_OUTPUT, stdout_too=True)
    r.cold = cold_runs(index, repo, cold)
    r.db_kib = index_kib(repo)
    # Once more from nothing with --verbose, for the counters (not timed).
    remove_index(repo)
    _, r.verbose_cold, _ = run_text([perennial, "index", "--verbose"], repo)

    r.status, r.warm = measure([Command("git status", ["git", "status", "--porcelain"], repo,
                                        {0}), index], runs)
    r.ratio = statistics.median(w / g for w, g in zip(r.warm.walls, r.status.walls))
    _, r.verbose_warm, _ = run_text([perennial, "index", "--verbose"], repo)

    r.edited_path = files[len(files) // 2]
    edit_note(repo, r.edited_path)
    verbose = Command("perennial index --verbose", [perennial, "index", "--verbose"], repo, {0},
                      stderr_path=INDEX_OUTPUT, stdout_too=True)
    r.edited = Stats([verbose.run_once()])
    r.verbose_edited = read_text(INDEX_OUTPUT) or ""

    r.organizer = front_field(read_text(os.path.join(repo, files[0])) or "", "organizer")
    queries = []
    if r.organizer and available(perennial, "list", repo):
        queries.append(("list", Command("perennial list", [perennial, "list", "--organizer",
                                                           r.organizer], repo, {0},
                                        stderr_path=INDEX_OUTPUT)))
        r.list_rows = count_rows([perennial, "list", "--format", "csv", "--organizer",
                                  r.organizer], repo)
    if available(perennial, "search", repo):
        queries.append(("search", Command("perennial search", [perennial, "search",
                                                               INDEX_QUERY], repo, {0, 1},
                                          stderr_path=INDEX_OUTPUT)))
        r.search_rows = count_rows([perennial, "search", "--format", "csv", INDEX_QUERY], repo)
    for (what, _), stats in zip(queries, measure([c for _, c in queries], runs)):
        setattr(r, what, stats)
    return r


def counters(text):
    """The --verbose line of perennial index, or what it printed instead."""
    lines = [line for line in text.splitlines() if line.strip()]
    for line in lines:
        if " notes: " in line:
            return line.strip()
    return "(no counters printed: %s)" % ("; ".join(lines[-3:]) or "nothing")


def print_index(r, runs, cold):
    print()
    print("index: .git/perennial/index.db of build/bench/%s (%d notes), %d timed rounds,"
          % (os.path.basename(r.repo), r.notes, runs))
    print("%d cold runs (median wall time, max peak RSS; x git status of the warm run is"
          % cold)
    print("the median of the rounds' ratios; each cold run starts with the index deleted)")
    print()
    rows = [("git status --porcelain", r.status, None),
            ("perennial index (cold)", r.cold, r.cold.seconds / r.status.seconds),
            ("perennial index (warm, nothing changed)", r.warm, r.ratio),
            ("perennial index --verbose (one note changed)", r.edited,
             r.edited.seconds / r.status.seconds)]
    if r.list:
        rows.append(("perennial list --organizer %s" % r.organizer, r.list, None))
    if r.search:
        rows.append(("perennial search %s" % INDEX_QUERY, r.search, None))
    width = max(len(label) for label, _, _ in rows) + 2
    print("%-*s%9s %8s %13s" % (width, "command", "s", "MiB", "x git status"))
    for label, stats, ratio in rows:
        print(("%-*s%9.3f %8.1f %13s" % (width, label, stats.seconds, stats.mib,
                                         "" if ratio is None else "%.2f" % ratio)).rstrip())
    if not r.list:
        print("perennial list: not available in this binary")
    elif r.list_rows is not None:
        print("list --organizer %s: %d notes" % (r.organizer, r.list_rows))
    if not r.search:
        print("perennial search: not available in this binary")
    elif r.search_rows is not None:
        print("search %s: %d notes" % (INDEX_QUERY, r.search_rows))
    print("index.db after a cold run: %s" % (
        "none" if r.db_kib is None else "%.1f MiB" % (r.db_kib / 1024.0)))
    print("peak memory of the cold runs: %.1f MiB" % r.cold.mib)
    print("cold:    %s" % counters(r.verbose_cold))
    print("warm:    %s" % counters(r.verbose_warm))
    edited = counters(r.verbose_edited)
    print("changed: %s   (%s, mtime %d s back)" % (edited, r.edited_path, EDITED_AGE))
    print("goal: after one note changed, --verbose says \"%s\": %s"
          % (ONE_PARSED, "met" if ONE_PARSED in edited else "not met"))
    print("goal: warm index <= %gx git status: %.2fx, %s"
          % (GOAL_INDEX_RATIO, r.ratio, "met" if r.ratio <= GOAL_INDEX_RATIO else "not met"))


# --- themes, next steps and the history pass ------------------------------------

HISTORY_COMMITS = 600     # per 10,000 notes, and no fewer (at least 500 wanted)
HISTORY_SEED = 7
HISTORY_RECIPE = 1        # raise it when make_history_repo makes other commits
# After the corpus's commit (2022-01-03 09:00 UTC), so that dates only move forward.
HISTORY_START = datetime.datetime(2022, 1, 4, 18, 0,
                                  tzinfo=datetime.timezone(datetime.timedelta(hours=1)))
HISTORY_GAP = datetime.timedelta(hours=11)  # between two commits
HISTORY_DUE = 14          # days from a commit to the due day of a step it adds
HISTORY_OUTPUT = os.path.join(WORK, "history.out")
REPORT_WEEK, REPORT_TODAY = "2021-W10", "2021-03-20"  # gen-notes.py dates notes 2019-2021
REPORT_ALL_NOTES = 10000  # report --week all only up to this (850 MB of JSON at 10,000)
OPEN_STEP, DONE_STEP = re.compile(r"^- \[ \]", re.M), re.compile(r"^- \[x\]", re.M)


def history_commits(notes):
    """How many commits are added on top of the corpus's one: as many per note
    at 50,000 notes as at 10,000, so that the history grows with the notes."""
    return max(HISTORY_COMMITS, HISTORY_COMMITS * notes // 10000)


def history_edit(rng, text, organizer, day, number):
    """One note as a commit leaves it: mostly an open step ticked, sometimes a
    step added for the note's organizer, sometimes a done step unticked."""
    opened = [m.start() for m in OPEN_STEP.finditer(text)]
    done = [m.start() for m in DONE_STEP.finditer(text)]
    roll = rng.random()
    if roll >= 0.9 and done:                      # one in ten: a done step unticked
        at, box = rng.choice(done), "- [ ]"
    elif (roll < 0.7 or roll >= 0.9) and opened:  # seven in ten, or none to untick: ticked
        at, box = rng.choice(opened), "- [x]"
    else:                                         # two in ten, or none to tick: added
        due = day + datetime.timedelta(days=HISTORY_DUE)
        return (text + ("" if text.endswith("\n") else "\n")
                + "- [ ] @%s Follow up on what we heard (update %d) (due %s)\n"
                % (organizer, number, due.isoformat()))
    return text[:at] + box + text[at + len(box):]


def history_stream(repo, files, head, branch, commits):
    """A git fast-import stream of `commits` commits on top of head, each
    changing one to five notes with history_edit; the same bytes every time."""
    rng = random.Random(HISTORY_SEED)
    texts, out = {}, []
    for number in range(commits):
        when = HISTORY_START + number * HISTORY_GAP
        stamp = b"%d %s" % (int(when.timestamp()), when.strftime("%z").encode())
        out.append(b"commit %s\n" % branch.encode())
        out.append(b"author Bench Organizer <bench@example.invalid> %s\n" % stamp)
        out.append(b"committer Bench Organizer <bench@example.invalid> %s\n" % stamp)
        message = b"Next steps, update %d\n" % (number + 1)
        out.append(b"data %d\n%s" % (len(message), message))
        if number == 0:
            out.append(b"from %s\n" % head.encode())
        for path in sorted(rng.sample(files, min(rng.randint(1, 5), len(files)))):
            if path not in texts:
                with open(os.path.join(repo, path), "rb") as f:
                    texts[path] = f.read().decode("utf-8")
            organizer = front_field(texts[path], "organizer")
            if not organizer:
                raise BenchError("%s: no organizer in its front matter" % path)
            texts[path] = history_edit(rng, texts[path], organizer, when.date(), number + 1)
            data = texts[path].encode("utf-8")
            out.append(b"M 100644 inline %s\ndata %d\n%s\n" % (path.encode(), len(data), data))
    out.append(b"done\n")
    return b"".join(out)


def make_history_repo(corpus, gen_args, name, commits):
    """build/bench/history-N: a fresh copy of the clean corpus with `commits`
    commits added by git fast-import and its working tree at the new HEAD;
    reused, without perennial's caches, while its stamp shows the same corpus
    and recipe. Returns the repository and the number of commits of HEAD."""
    repo = os.path.join(WORK, name)
    stamp = repo + ".stamp"
    want = json.dumps({"args": gen_args, "gen-notes.py sha256": sha256_of(GEN_NOTES),
                       "history": [HISTORY_RECIPE, commits, HISTORY_SEED]},
                      sort_keys=True) + "\n"
    if (os.path.isdir(os.path.join(repo, ".git")) and read_text(stamp) == want
            and not git(repo, "status", "--porcelain")):
        shutil.rmtree(os.path.join(repo, ".git", "perennial"), ignore_errors=True)
        return repo, int(git(repo, "rev-list", "--count", "--first-parent", "HEAD"))
    if os.path.exists(stamp):
        os.unlink(stamp)
    progress("adding %d commits to a copy of the corpus in %s" % (commits, name))
    repo = fresh_copy(corpus, name)
    files = note_files(repo)
    if not files:
        raise BenchError("%s has no notes" % corpus)
    head = git(repo, "rev-parse", "HEAD").strip()
    branch = git(repo, "symbolic-ref", "HEAD").strip()
    result = subprocess.run(["git", "-C", repo, "fast-import", "--quiet", "--done"],
                            input=history_stream(repo, files, head, branch, commits),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if result.returncode != 0:
        raise BenchError("git fast-import in %s: %s" % (
            os.path.relpath(repo, TOP), result.stderr.decode("utf-8", "replace").strip()))
    git(repo, "reset", "-q", "--hard")
    if git(repo, "status", "--porcelain"):
        raise BenchError("%s is not clean after adding its history" % repo)
    with open(stamp, "w", encoding="utf-8") as f:
        f.write(want)
    return repo, int(git(repo, "rev-list", "--count", "--first-parent", "HEAD"))


class HistoryResult:
    def __init__(self, repo, notes, commits, added):
        self.repo, self.notes, self.commits, self.added = repo, notes, commits, added
        self.cold = self.status = self.warm = self.themes = None
        self.report, self.report_cold, self.report_warm = False, None, None
        self.report_all = None
        self.ratio = self.themes_ratio = float("nan")
        self.db_kib = None
        self.steps = self.done = self.dated = None
        self.errors = []


def count_steps(perennial, repo, r):
    """How many steps there are, and of the done ones how many have a done day and
    how many also have days (set only for steps a commit of the history ticked)."""
    status, out, _ = run_text([perennial, "steps", "--format", "csv"], repo)
    if status == 0:
        r.steps = max(len(list(csv.reader(io.StringIO(out, newline="")))) - 1, 0)
    status, out, err = run_text([perennial, "steps", "--done", "--format", "csv"], repo)
    if status != 0:
        lines = err.strip().splitlines()[-10:]
        raise BenchError("perennial steps --done in %s: exit %d%s" % (
            os.path.relpath(repo, TOP), status,
            "; its stderr:\n" + "\n".join(lines) if lines else "; no stderr"))
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    if rows and not {"done", "days"} <= set(rows[0]):
        raise BenchError("perennial steps --done: no done or days column in %s"
                         % ", ".join(rows[0]))
    dated = [row for row in rows if row["done"]]
    r.done, r.dated = len(dated), sum(1 for row in dated if row["days"])


def bench_history(corpus, gen_args, name, perennial, runs, cold):
    """`cold` cold runs of `perennial steps` (the history pass from nothing),
    then warm steps and themes beside `git status`, the steps the history
    dated, then report cold and warm when this perennial has it, and over
    every week up to REPORT_ALL_NOTES notes. A perennial command that fails
    is kept in r.errors and the rest still runs."""
    added = history_commits(len(note_files(corpus)))
    repo, commits = make_history_repo(corpus, gen_args, name, added)
    r = HistoryResult(repo, len(note_files(repo)), commits, added)
    steps = Command("perennial steps", [perennial, "steps", "--format", "csv"], repo, {0},
                    stderr_path=HISTORY_OUTPUT)
    themes = Command("perennial themes", [perennial, "themes", "--format", "csv"], repo, {0},
                     stderr_path=HISTORY_OUTPUT)
    warm = [Command("git status", ["git", "status", "--porcelain"], repo, {0})]
    try:
        r.cold = cold_runs(steps, repo, cold)
        r.db_kib = index_kib(repo)
        warm.append(steps)
    except BenchError as e:
        r.errors.append(str(e))
    try:
        stats = measure(warm + [themes], runs)
        r.status, r.themes = stats[0], stats[-1]
        r.themes_ratio = statistics.median(t / g for t, g in zip(r.themes.walls,
                                                                 r.status.walls))
        if len(stats) == 3:
            r.warm = stats[1]
            r.ratio = statistics.median(w / g for w, g in zip(r.warm.walls, r.status.walls))
    except BenchError as e:
        r.errors.append(str(e))
    try:
        count_steps(perennial, repo, r)
    except BenchError as e:
        r.errors.append(str(e))
    r.report = available(perennial, "report", repo)
    if r.report:
        report = Command("perennial report", [perennial, "report", "--week", REPORT_WEEK,
                                              "--today", REPORT_TODAY, "--format", "json"],
                         repo, {0}, stderr_path=HISTORY_OUTPUT)
        every_week = Command("perennial report --week all", [
            perennial, "report", "--week", "all", "--today", REPORT_TODAY, "--format", "json"],
            repo, {0}, stderr_path=HISTORY_OUTPUT)
        try:
            r.report_cold = cold_runs(report, repo, cold)
            r.report_warm, = measure([report], runs)
            if r.notes <= REPORT_ALL_NOTES:
                r.report_all = Stats([every_week.run_once()])
        except BenchError as e:
            r.errors.append(str(e))
    return r


LSP_CHANGES, LSP_COMPLETIONS = 200, 100
GOAL_LSP_FINDINGS_MS, GOAL_LSP_COMPLETION_MS = 10.0, 5.0


class Lsp:
    """What `perennial lsp` took: milliseconds (median, p95), seconds and MiB."""

    def __init__(self, findings, completion, scan, mib):
        self.findings, self.completion, self.scan, self.mib = findings, completion, scan, mib


def bench_lsp(repo, perennial):
    """`perennial lsp` over pipes on a 200-line note of `repo`, once its scan of
    the index (warm) is in: see 6."""
    subprocess.run([perennial, "index"], cwd=repo, stdout=subprocess.DEVNULL, check=True)
    server = subprocess.Popen([perennial, "lsp"], cwd=repo, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)

    def send(message):
        body = json.dumps(message).encode()
        server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        server.stdin.flush()

    def receive(wanted):
        """Reads messages up to the first that `wanted` says is it, answering the
        server's requests and passing over its progress."""
        while True:
            header = b""
            while not header.endswith(b"\r\n\r\n"):
                byte = server.stdout.read(1)
                if not byte:
                    raise BenchError("perennial lsp went away")
                header += byte
            message = json.loads(server.stdout.read(int(header.split(b":")[1])))
            if "method" in message and "id" in message:
                send({"jsonrpc": "2.0", "id": message["id"], "result": None})
            if wanted(message):
                return message

    def answer(n):
        return lambda message: message.get("id") == n and "method" not in message

    def published(message):
        return message.get("method") == "textDocument/publishDiagnostics"

    def scanned(message):
        return (message.get("method") == "$/progress"
                and message["params"]["value"]["kind"] == "end")

    uri = "file://%s/notes/bench-lsp.md" % os.path.abspath(repo)
    lines = ["---", "title: A long conversation", "date: 2020-05-02", "organizer: nobody_x",
             "participants: ", "kind: one-on-one", "---", "", "## Notes", ""]
    lines += ["Paragraph %d on housing and rent, more words, more words #housing." % i
              for i in range(180)]
    lines += ["", "## Next steps", ""]
    lines += ["- [ ] Call person %d (due 2020-05-%02d)" % (i, i % 28 + 1) for i in range(8)]
    start = time.perf_counter()
    send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
          "params": {"rootUri": "file://%s" % os.path.abspath(repo),
                     "capabilities": {"window": {"workDoneProgress": True}}}})
    receive(answer(1))
    send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    receive(scanned)
    scan = time.perf_counter() - start
    send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "markdown", "version": 1, "text": "\n".join(lines) + "\n"}}})
    receive(published)
    findings, completion = [], []
    for i in range(LSP_CHANGES):
        start = time.perf_counter()
        send({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": i + 2}, "contentChanges": [{
                "range": {"start": {"line": 11, "character": 0},
                          "end": {"line": 11, "character": 1}}, "text": "PQ"[i % 2]}]}})
        receive(published)
        findings.append(1000 * (time.perf_counter() - start))
    # Whoever may take part: the roster and every participant the notes name.
    for i in range(LSP_COMPLETIONS):
        start = time.perf_counter()
        send({"jsonrpc": "2.0", "id": 100 + i, "method": "textDocument/completion", "params": {
            "textDocument": {"uri": uri}, "position": {"line": 4, "character": 14}}})
        items = receive(answer(100 + i))["result"]
        items = items["items"] if isinstance(items, dict) else items
        completion.append(1000 * (time.perf_counter() - start))
    if len(items) < 10:
        raise BenchError("perennial lsp offered %d participants" % len(items))
    with open("/proc/%d/status" % server.pid) as f:
        mib = [int(line.split()[1]) for line in f if line.startswith("VmHWM:")][0] / 1024
    send({"jsonrpc": "2.0", "id": 999, "method": "shutdown"})
    receive(answer(999))
    send({"jsonrpc": "2.0", "method": "exit"})
    server.stdin.close()
    if server.wait() != 0:
        raise BenchError("perennial lsp exited %d" % server.returncode)

    def spread(ms):
        ms = sorted(ms)
        return statistics.median(ms), ms[int(len(ms) * 0.95)]
    return Lsp(spread(findings), spread(completion), scan, mib)


GOAL_COMPLETE_MS = 50.0


class Complete:
    """What `perennial __complete list --participant ''` took, and how many it offered."""

    def __init__(self, stats, offered):
        self.stats, self.offered = stats, offered


def bench_complete(repo, perennial, runs):
    """The shell completion of participants in `repo`, on its index brought up to
    date first: see 6."""
    subprocess.run([perennial, "index"], cwd=repo, stdout=subprocess.DEVNULL, check=True)
    argv = [perennial, "__complete", "list", "--participant", ""]
    status, out, _ = run_text(argv, repo)
    offered = len(out.splitlines())
    if status != 0 or offered < 10:
        raise BenchError("perennial __complete offered %d participants (exit %d)"
                         % (offered, status))
    stats, = measure([Command("perennial __complete", argv, repo, {0},
                              stderr_path=HISTORY_OUTPUT)], runs)
    return Complete(stats, offered)


def print_complete(r, notes, runs):
    print()
    print("shell completion in the history of %s notes, its index warm: what a Tab after"
          % thousands(notes))
    print("`perennial list --participant ` asks (%d timed rounds)" % runs)
    print()
    print("perennial __complete list --participant ''  %.1f ms  %.1f MiB  %d participants"
          % (1000 * r.stats.seconds, r.stats.mib, r.offered))


def print_lsp(r, notes):
    print()
    print("perennial lsp over pipes in the history of %s notes: a 200-line note, %d changes"
          % (thousands(notes), LSP_CHANGES))
    print("each awaited, then %d completions of participants (milliseconds), the time from"
          % LSP_COMPLETIONS)
    print("its start to its scan of the notes (the index warm), and the server's peak memory")
    print()
    print("change to its findings       median %6.2f ms   p95 %6.2f ms" % r.findings)
    print("completion asked to answered median %6.2f ms   p95 %6.2f ms" % r.completion)
    print("start to the notes scanned   %9.3f s" % r.scan)
    print("peak memory                  %.1f MiB" % r.mib)


def ratio_to(stats, base):
    """stats's median over base's (git status's, check's), None when either was
    not measured."""
    return stats.seconds / base.seconds if stats and base else None


def print_history(r, runs, cold):
    print()
    print("themes, next steps and the history pass: build/bench/%s (%d notes, %d commits),"
          % (os.path.basename(r.repo), r.notes, r.commits))
    print("%d timed rounds, %d cold runs (median wall time, max peak RSS; x git status of the"
          % (runs, cold))
    print("warm runs is the median of the rounds' ratios; each cold run starts with the")
    print("index deleted)")
    print()
    report = "perennial report --week %s --today %s" % (REPORT_WEEK, REPORT_TODAY)
    rows = [("git status --porcelain", r.status, None),
            ("perennial steps (cold: history pass from nothing)", r.cold,
             ratio_to(r.cold, r.status)),
            ("perennial steps (warm, nothing changed)", r.warm, r.ratio),
            ("perennial themes (warm)", r.themes, r.themes_ratio),
            (report + " (cold)", r.report_cold, ratio_to(r.report_cold, r.status)),
            (report + " (warm)", r.report_warm, ratio_to(r.report_warm, r.status)),
            ("perennial report --week all --format json (warm, one run)", r.report_all,
             ratio_to(r.report_all, r.status))]
    rows = [(label, stats, ratio) for label, stats, ratio in rows if stats]
    width = max([len(label) for label, _, _ in rows] + [len("command")]) + 2
    if rows:
        print("%-*s%9s %8s %13s" % (width, "command", "s", "MiB", "x git status"))
    for label, stats, ratio in rows:
        print(("%-*s%9.3f %8.1f %13s" % (width, label, stats.seconds, stats.mib,
                                         "" if ratio is None else "%.2f" % ratio)).rstrip())
    if not r.report:
        print("perennial report: not available in this binary")
    if r.report and r.notes > REPORT_ALL_NOTES:
        print("perennial report --week all: not measured above %d notes" % REPORT_ALL_NOTES)
    print("history: %d commits, %d of them added by git fast-import (1-5 notes each)"
          % (r.commits, r.added))
    if r.done is not None:
        print("steps: %s in all, %d done, %d of them dated by a commit that ticked them"
              " (days set)" % ("?" if r.steps is None else r.steps, r.done, r.dated))
    if r.cold:
        print("index.db after a cold run: %s" % (
            "none" if r.db_kib is None else "%.1f MiB" % (r.db_kib / 1024.0)))
        print("peak memory: cold steps %.1f MiB, warm steps %.1f MiB%s" % (
            r.cold.mib, r.warm.mib if r.warm else float("nan"),
            ", cold report %.1f MiB" % r.report_cold.mib if r.report_cold else ""))
    for error in r.errors:
        print("failed: %s" % error)


# --- what users would otherwise run ---------------------------------------------

NODE_BIN = os.path.join(WORK, "node_modules", ".bin")
HUGO_KINDS = '["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]'
HUGO_LAYOUTS = [("layouts/_default/single.html", "{{ .Content }}\n"),
                ("layouts/_default/list.html", "{{ range .Pages }}{{ .Title }}\n{{ end }}")]


def markdownlint(path, corpus, label):
    """markdownlint-cli2 over every note of the corpus, with its default rules
    (it exits 1 when it finds something, as on these notes)."""
    return Command("markdownlint-cli2", [path, "notes/**/*.md"], corpus, {0, 1},
                   stderr_path=os.path.join(WORK, "markdownlint.out"), stdout_too=True)


def hugo(path, corpus, label):
    """hugo building build/bench/hugo-N, a throwaway site whose content folder
    is the corpus's notes: each note's front matter read and its body rendered
    into a page of its own (taxonomies, feeds and the sitemap left out)."""
    site = os.path.join(WORK, "hugo-" + label)
    if os.path.lexists(site):
        shutil.rmtree(site)
    write(site, "hugo.toml", 'baseURL = "http://localhost/"\ncontentDir = %s\n'
          'publishDir = %s\ndisableKinds = %s\n' % (
              json.dumps(os.path.join(corpus, "notes")), json.dumps(os.path.join(site, "public")),
              HUGO_KINDS))
    for layout, text in HUGO_LAYOUTS:
        write(site, layout, text)
    return Command("hugo", [path, "--quiet", "--cacheDir", os.path.join(site, "cache")], site,
                   {0}, stderr_path=os.path.join(WORK, "hugo.out"), stdout_too=True)


class Tool:
    """A tool users would run over these notes otherwise: where it is (None when
    it is not installed), how to install it, its version, and command(path,
    corpus, size label), the Command that runs it over the corpus's notes."""

    def __init__(self, name, what, path, install, version_args, command):
        self.name, self.what, self.path, self.install = name, what, path, install
        self.command = command
        self.version = None
        if path:
            _, out, err = run_text([path] + version_args, WORK)
            self.version = ((out or err).strip().splitlines() or ["version unknown"])[0]


def find_tools():
    return [
        Tool("markdownlint-cli2", "markdownlint-cli2 'notes/**/*.md'",
             shutil.which("markdownlint-cli2") or shutil.which("markdownlint-cli2",
                                                               path=NODE_BIN),
             "npm install --prefix build/bench markdownlint-cli2", ["--help"], markdownlint),
        Tool("hugo", "hugo, a throwaway site of notes/", shutil.which("hugo"),
             "apt-get install hugo", ["version"], hugo),
    ]


def bench_tools(tools, corpus, label):
    """One run of each installed tool over the corpus's notes: [(tool, Stats or
    None, why not)]. A tool that fails does not stop the bench."""
    results = []
    for tool in tools:
        if not tool.path:
            results.append((tool, None, "not installed (%s)" % tool.install))
            continue
        try:
            results.append((tool, Stats([tool.command(tool.path, corpus, label).run_once()]),
                            None))
        except BenchError as e:
            results.append((tool, None, "failed: %s" % e))
    return results


# --- one corpus size: every section, then its summary ---------------------------

TIERS = [1000, 10000, 50000]
BIG_TIER = 10000           # above it, at most BIG_RUNS timed rounds and BIG_COLD
BIG_RUNS, BIG_COLD = 3, 1  # cold runs, so that make bench stays under 15 minutes
GOAL_TIER, SCALE_TIER = 10000, 50000


def thousands(notes):
    return "{:,}".format(notes)


class Tier:
    """What was measured on the corpora of one size."""

    def __init__(self, notes, runs, cold, corpus, index, history, tools, lsp, complete):
        self.notes, self.runs, self.cold = notes, runs, cold
        self.corpus, self.index, self.history, self.tools = corpus, index, history, tools
        self.lsp, self.complete = lsp, complete

    def rows(self):
        """(name, command, Stats or None, ratio or None, what the ratio is to) of
        each perennial command the goals name."""
        check, index, history = self.corpus.check, self.index, self.history
        report = "perennial report --week %s" % REPORT_WEEK
        return [
            ("check cold", "perennial check", check, self.corpus.time_ratio, "floor full"),
            ("index cold", "perennial index (cold)", index.cold, ratio_to(index.cold, check),
             "check cold"),
            ("index warm", "perennial index (warm, nothing changed)", index.warm, index.ratio,
             "git status"),
            ("report --week W", report + " (warm)", history.report_warm,
             ratio_to(history.report_warm, check), "check cold"),
            ("report --week all", "perennial report --week all (one run)", history.report_all,
             ratio_to(history.report_all, check), "check cold"),
            ("themes", "perennial themes (warm)", history.themes, ratio_to(history.themes, check),
             "check cold"),
            ("steps", "perennial steps (warm)", history.warm, ratio_to(history.warm, check),
             "check cold"),
            ("steps cold", "perennial steps (cold: history pass)", history.cold,
             ratio_to(history.cold, check), "check cold"),
            ("list", "perennial list --organizer %s" % index.organizer, index.list,
             ratio_to(index.list, index.status), "git status"),
            ("search", "perennial search %s" % INDEX_QUERY, index.search,
             ratio_to(index.search, index.status), "git status"),
        ]


def tier_rounds(notes, runs):
    """(timed rounds, cold runs) at this size."""
    if notes > BIG_TIER:
        return min(runs, BIG_RUNS), min(runs, BIG_COLD)
    return runs, runs


def bench_tier(notes, perennial, runs, tools):
    """Every section on corpora of `notes` notes, then their summary."""
    runs, cold = tier_rounds(notes, runs)
    label = size_label(notes)
    progress("%s notes: %d timed rounds, %d cold runs" % (thousands(notes), runs, cold))
    made = corpora(notes)
    paths = [(name, ensure_corpus(name, gen_args)) for name, gen_args in made]
    clean = paths[0][1]
    print()
    print("=== %s notes: %d timed rounds, %d cold runs%s ===" % (
        thousands(notes), runs, cold, " (fewer above %s notes, to keep make bench under"
        " 15 minutes)" % thousands(BIG_TIER) if notes > BIG_TIER else ""))
    print()
    results = [bench_corpus(name, path, perennial, runs) for name, path in paths]
    print_bench(results, notes, runs)
    print_hook(bench_hook(clean, "hook-" + label, perennial, runs), notes, runs)
    index = bench_index(clean, "index-" + label, perennial, runs, cold)
    print_index(index, runs, cold)
    history = bench_history(clean, made[0][1], "history-" + label, perennial, runs, cold)
    print_history(history, runs, cold)
    lsp = bench_lsp(history.repo, perennial) if available(perennial, "lsp", history.repo) else None
    if lsp:
        print_lsp(lsp, notes)
    complete = None
    if available(perennial, "__complete", history.repo):
        complete = bench_complete(history.repo, perennial, runs)
        print_complete(complete, notes, runs)
    tier = Tier(notes, runs, cold, results[0], index, history,
                bench_tools(tools, clean, label), lsp, complete)
    print_summary(tier)
    return tier


def print_summary(t):
    print()
    print("summary, %s notes: medians of %d timed rounds (of %d runs when cold), max peak"
          % (thousands(t.notes), t.runs, t.cold))
    print("RSS; beside each its ratio to its floor (check's and the warm index's are the")
    print("medians of the rounds' ratios), and for the tools users would otherwise run,")
    print("check's ratio to them")
    print()
    check = t.corpus.check
    rows = [("floor full", t.corpus.full, ""),
            ("git status --porcelain (%s)" % os.path.basename(t.index.repo), t.index.status, "")]
    rows += [(command, stats, "" if ratio is None else "%.2fx %s" % (ratio, base))
             for _, command, stats, ratio, base in t.rows()]
    rows += [(tool.what + " (one run)", stats,
              "check takes %.2fx of it" % ratio_to(check, stats) if stats else why)
             for tool, stats, why in t.tools]
    width = max(len(command) for command, _, _ in rows) + 2
    print("%-*s%9s %8s  %s" % (width, "command", "s", "MiB", "ratio"))
    for command, stats, ratio in rows:
        if stats:
            print(("%-*s%9.3f %8.1f  %s" % (width, command, stats.seconds, stats.mib,
                                            ratio)).rstrip())
        else:
            print("%-*s%s" % (width, command, ratio or "not measured"))


# --- hostile notes --------------------------------------------------------------

FRONT = "title: Hostile\ndate: 2020-05-12\norganizer: lisa-t\nkind: one-on-one\n"
BODY = "\n## Next steps\n\n- [ ] @lisa-t Follow up\n"


def alias_bomb():
    """Billion laughs: 9 levels of nine aliases of the level below (9^10 leaves)."""
    lines = ["a0: &a0 [%s]" % ", ".join(["lol"] * 9)]
    for level in range(1, 10):
        lines.append("a%d: &a%d [%s]" % (level, level, ", ".join(["*a%d" % (level - 1)] * 9)))
    return "---\n" + FRONT + "\n".join(lines) + "\ntags: *a9\n---\n" + BODY


def hostile_files():
    """(file name, bytes) of the hostile notes written as regular files."""
    return [
        ("empty.md", b""),
        ("yaml-list.md", b"---\n- title: a list\n- date: 2020-05-12\n---\n" + BODY.encode()),
        ("alias-bomb.md", alias_bomb().encode()),
        ("deep-flow.md", ("---\n" + FRONT + "tags: " + "[" * 30000 + "]" * 30000
                          + "\n---\n" + BODY).encode()),
        ("deep-quote.md", ("---\n" + FRONT + "---\n\n" + "> " * 20000 + "text\n"
                           + BODY).encode()),
        ("invalid-utf8.md", b"---\ntitle: Caf\xe9 \xff\xfe\ndate: 2020-05-12\n"
                            b"organizer: lisa-t\nkind: one-on-one\n---\n\n"
                            b"Overlong \xc0\xaf, surrogate \xed\xa0\x80, cut \xe2\x82\n"
                            + BODY.encode() + b"\xf8\x88\x80\x80\x80"),
    ]


def make_hostile_repo():
    """build/bench/hostile: perennial.yml and one hostile note per case."""
    repo = os.path.join(WORK, "hostile")
    if os.path.lexists(repo):
        shutil.rmtree(repo)
    notes = os.path.join(repo, "notes")
    os.makedirs(notes)
    with open(os.path.join(repo, "perennial.yml"), "w", encoding="utf-8") as f:
        f.write("notes: notes\norganizers:\n  lisa-t: { name: Lisa Thornton }\n")
    names = []
    for name, data in hostile_files():
        with open(os.path.join(notes, name), "wb") as f:
            f.write(data)
        names.append(name)
    with open(os.path.join(notes, "huge.md"), "wb") as f:  # 50 MB, sparse after the text
        f.write(("---\n" + FRONT + "---\n" + BODY).encode())
        f.truncate(50 * 1000 * 1000)
    names.append("huge.md")
    os.symlink("/etc/passwd", os.path.join(notes, "leak.md"))
    names.append("leak.md")
    return repo, names


# Sound notes that cost what they hold: each in a repository of its own
# (build/bench/hostile-cost/NAME, `git init`), with the command it must not
# slow down. make(repo) writes the notes and whatever perennial.yml adds.

CONFIG = "notes: notes\norganizers:\n  lisa-t: { name: Lisa Thornton }\n"


def one_word_note(repo):
    """1 MB of one word: every place a hit for search's snippet."""
    write(repo, "perennial.yml", CONFIG)
    write(repo, "notes/long-note.md", "---\n" + FRONT + "---\n\n" + "rent " * 200000 + BODY)


def unknown_owners(repo):
    """20,000 participants and 20,000 next steps whose owners are none of them."""
    write(repo, "perennial.yml", CONFIG)
    people = ", ".join("p%d" % i for i in range(20000))
    steps = "".join("- [ ] @x%d Call back\n" % i for i in range(20000))
    write(repo, "notes/owners.md", "---\n" + FRONT + "participants: [" + people
          + "]\n---\n\n## Next steps\n\n" + steps)


def big_roster(repo):
    """100,000 organizers (1 MB of perennial.yml), 3,000 owners in no roster."""
    ids = ("".join(t) for t in itertools.islice(
        itertools.product(string.ascii_lowercase, repeat=4), 100000))
    write(repo, "perennial.yml", "organizers:\n  lisa-t: Lisa\n"
          + "".join("  %s: x\n" % i for i in ids))
    steps = "".join("- [ ] @u%d Call back\n" % i for i in range(3000))
    write(repo, "notes/roster.md", "---\n" + FRONT + "---\n\n## Next steps\n\n" + steps)


def long_title(repo):
    """A title of 1 MB, which `list` must not pad every row to."""
    write(repo, "perennial.yml", CONFIG)
    write(repo, "notes/long-title.md", "---\ntitle: " + "Rent " * 200000
          + "\ndate: 2020-05-12\norganizer: lisa-t\nkind: one-on-one\n---\n" + BODY)
    write(repo, "notes/short.md", "---\n" + FRONT + "---\n" + BODY)


def deep_folder(repo):
    """A folder nested 2,100 deep (4,200 characters, past PATH_MAX) beside a note."""
    write(repo, "perennial.yml", CONFIG)
    write(repo, "notes/short.md", "---\n" + FRONT + "---\n" + BODY)
    fd = os.open(os.path.join(repo, "notes"), os.O_RDONLY)
    for _ in range(2100):
        os.mkdir("x", dir_fd=fd)
        inner = os.open("x", os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd = inner
    os.close(fd)


def backtracking_pattern(repo):
    """30,000 short paragraphs against a codebook pattern that backtracks without end."""
    write(repo, "perennial.yml", CONFIG + "themes:\n  letters: { label: Letters, "
          "patterns: ['(a|aa)+$'] }\n")
    lines = ("a" * 30 + "b" if i % 2 else "We talked about rent." for i in range(30000))
    write(repo, "notes/letters.md", "---\n" + FRONT + "---\n\n" + "\n\n".join(lines) + BODY)


def costly_cases():
    """(name, what it holds, the command, make) of the notes that cost what they hold."""
    return [
        ("long-note", "1 MB of one word", ["search", "rent"], one_word_note),
        ("unknown-owners", "20,000 participants and unknown owners", ["check"],
         unknown_owners),
        ("big-roster", "100,000 organizers, 3,000 unknown owners", ["check"], big_roster),
        ("long-title", "a title of 1 MB", ["list"], long_title),
        ("deep-folder", "a folder nested 2,100 deep", ["check"], deep_folder),
        ("backtracking", "30,000 paragraphs against '(a|aa)+$'", ["index"],
         backtracking_pattern),
    ]


def make_cost_repo(name, make):
    repo = os.path.join(WORK, "hostile-cost", name)
    if os.path.lexists(repo):
        subprocess.run(["rm", "-rf", repo], check=True)  # deeper than shutil recurses
    os.makedirs(repo)
    subprocess.run(["git", "init", "-q", repo], check=True)
    make(repo)
    return repo


class PipeScanner(threading.Thread):
    """Drains a pipe, noting whether `needle` went through it."""

    def __init__(self, pipe, needle=b"root:"):
        super().__init__(daemon=True)
        self.pipe, self.needle, self.found = pipe, needle, False
        self.start()

    def run(self):
        carry = b""
        while True:
            chunk = self.pipe.read(65536)
            if not chunk:
                break
            if self.needle in carry + chunk:
                self.found = True
            carry = chunk[-(len(self.needle) - 1):]
        self.pipe.close()


def run_hostile(perennial, repo, args):
    """Run perennial ARGS once; return the Run and where 'root:' was printed."""
    scanners = []
    run = run_measured([perennial] + args, repo,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=HOSTILE_TIMEOUT,
                       on_start=lambda p: scanners.extend([PipeScanner(p.stdout),
                                                           PipeScanner(p.stderr)]))
    for s in scanners:
        s.join()
    leaked = [where for where, s in zip(("stdout", "stderr"), scanners) if s.found]
    return run, leaked


def hostile_section(perennial):
    repo, names = make_hostile_repo()
    rows = []
    with ChildLimit(resource.RLIMIT_AS, HOSTILE_ADDRESS_SPACE):
        for name in names:
            rows.append((name,) + run_hostile(perennial, repo, ["check", "notes/" + name]))
        costly = costly_cases()
        for name, holds, args, make in costly:
            rows.append(("%s: %s, %s" % (name, holds, " ".join(args)),)
                        + run_hostile(perennial, make_cost_repo(name, make), args))
    width = max(len(row[0]) for row in rows) + 2
    print()
    print("hostile notes: perennial check notes/FILE in build/bench/hostile, then sound notes")
    print("that cost what they hold: NAME: what it holds, the command run in")
    print("build/bench/hostile-cost/NAME")
    print("%-*s%8s %8s %8s  %s" % (width, "file", "exit", "time s", "MiB", "root: printed"))
    fast = sound = True
    for name, run, leaked in rows:
        mib = run.rss_kib / 1024.0 if run.rss_kib is not None else None
        print("%-*s%8s %8.3f %8s  %s" % (width, name, run.describe_status(), run.wall,
                                        "-" if mib is None else "%.1f" % mib,
                                        " and ".join(leaked) or "no"))
        fast = fast and run.wall < HOSTILE_SECONDS and mib is not None and mib < HOSTILE_MIB
        sound = sound and not leaked and not run.timed_out and run.status in (0, 1, 2)
    print("goal: each under %g s and %d MiB: %s" % (HOSTILE_SECONDS, HOSTILE_MIB,
                                                    "met" if fast else "not met"))
    print("goal: exit 0, 1 or 2 and nothing from outside the repository printed: %s"
          % ("met" if sound else "not met"))


# --- main -----------------------------------------------------------------------

def tier_list(text):
    """--tiers: note counts separated by commas, each at least 1; sorted."""
    try:
        tiers = sorted({int(part) for part in text.split(",")})
    except ValueError:
        raise argparse.ArgumentTypeError("not numbers separated by commas: %r" % text)
    if tiers[0] < 1:
        raise argparse.ArgumentTypeError("a tier has at least 1 note")
    return tiers


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("binary", help="the perennial binary, e.g. build/perennial")
    parser.add_argument("--tiers", type=tier_list, default=TIERS, metavar="N,N,...",
                        help="notes per corpus, one pass of every section each (default %s)"
                        % ",".join(map(str, TIERS)))
    parser.add_argument("--runs", type=int, default=5, metavar="N",
                        help="timed runs per command (default 5; at most %d above %d notes)"
                        % (BIG_RUNS, BIG_TIER))
    parser.add_argument("--only", choices=["network"],
                        help="run this section alone (network: the 10 chapters of %s notes)"
                        % thousands(GOAL_TIER))
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    return args


def resolve_binary(name):
    """An absolute path: the measured commands run inside the corpora."""
    path = os.path.abspath(name) if os.sep in name else shutil.which(name)
    if not path or not os.access(path, os.X_OK):
        raise BenchError("%s: not an executable" % name)
    return path


# Issue 13's goals, as ratios measured in this run: each time's ratio to its floor.
TIME_GOALS = {"check cold": 0.75, "index cold": 3.0, "report --week W": 0.5,
              "report --week all": 4.0, "themes": 0.5, "steps": 0.5, "list": 2.0,
              "search": 2.0}
SCALE_TIME_GOALS = ("check cold", "index cold")  # also held at SCALE_TIER notes
GOAL_MIB_GROWTH = 1.5     # peak memory at SCALE_TIER notes over that at GOAL_TIER


def goals_section(tiers, network_rows, why_not="--tiers"):
    """Every goal at GOAL_TIER notes; at SCALE_TIER, those of SCALE_TIME_GOALS and
    each command's peak memory beside its figure at GOAL_TIER; then the
    network's (network_rows, None when it did not run). why_not: what left a
    tier out."""
    by_notes = {t.notes: t for t in tiers}
    goal, scale = by_notes.get(GOAL_TIER), by_notes.get(SCALE_TIER)
    rows = []

    def add_times(tier, names):
        at = " at %s" % thousands(tier.notes)
        for name, _, _, ratio, base in tier.rows():
            if name in names and ratio is not None:
                rows.append(("%s / %s%s" % (name, base, at), ratio, TIME_GOALS[name], "x"))

    if goal:
        add_times(goal, TIME_GOALS)
        for name, _, stats, _, _ in goal.rows():
            if stats:
                rows.append(("peak memory of %s at %s" % (name, thousands(GOAL_TIER)),
                             stats.mib, GOAL_CHECK_MIB, " MiB"))
    if goal and goal.lsp:
        at = " at %s" % thousands(GOAL_TIER)
        rows.append(("lsp: a change to its findings, p95" + at, goal.lsp.findings[1],
                     GOAL_LSP_FINDINGS_MS, " ms"))
        rows.append(("lsp: a completion, p95" + at, goal.lsp.completion[1],
                     GOAL_LSP_COMPLETION_MS, " ms"))
        rows.append(("peak memory of lsp" + at, goal.lsp.mib, GOAL_CHECK_MIB, " MiB"))
    if goal and goal.complete:
        rows.append(("complete participants at %s" % thousands(GOAL_TIER),
                     1000 * goal.complete.stats.seconds, GOAL_COMPLETE_MS, " ms"))
    if scale:
        add_times(scale, SCALE_TIME_GOALS)
    if goal and scale:
        before = {name: stats for name, _, stats, _, _ in goal.rows()}
        for name, _, stats, _, _ in scale.rows():
            if stats and before[name]:
                rows.append(("peak memory of %s at %s / at %s" % (
                    name, thousands(SCALE_TIER), thousands(GOAL_TIER)),
                    stats.mib / before[name].mib, GOAL_MIB_GROWTH, "x"))
    print()
    print("goals (ratios of medians in this run)")
    for notes, tier in ((GOAL_TIER, goal), (SCALE_TIER, scale)):
        if not tier:
            print("%s notes: not run here (%s), so neither are its goals"
                  % (thousands(notes), why_not))
    if network_rows is None:
        print("the network: not run here (it runs with the %s tier)" % thousands(GOAL_TIER))
    rows += network_rows or []
    if not rows:
        return
    width = max(len(row[0]) for row in rows) + 2
    print("%-*s%10s %10s  %s" % (width, "what", "measured", "goal", "met"))
    for what, value, limit, unit in rows:
        print("%-*s%10s %10s  %s" % (width, what, "%.2f%s" % (value, unit.strip()),
                                     "%.2f%s" % (limit, unit.strip()),
                                     "yes" if value <= limit else "no"))


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


class Tee:
    """Writes what is printed to stdout and to a file as well."""

    def __init__(self, path):
        self.file, self.out = open(path, "w"), sys.stdout

    def write(self, text):
        self.out.write(text)
        self.file.write(text)

    def flush(self):
        self.out.flush()
        self.file.flush()


# --- The network: one page across chapters -------------------------------

NETWORK_CHAPTERS = 10
GOAL_NETWORK_RATIO = 10.0      # a network report / one chapter's week report
GOAL_NETWORK_MIB = 64
GOAL_NETWORK_FETCH_RATIO = 2.0  # a fetch with nothing new / git fetch of the same


def latest_week(corpus):
    """(week, today) for a report of the week of the corpus's latest note."""
    days = []
    for path in note_files(corpus):
        name = os.path.basename(path)
        try:
            days.append(datetime.date.fromisoformat(name[:10]))
        except ValueError:
            pass
    last = max(days)
    year, week, _ = last.isocalendar()
    return "%d-W%02d" % (year, week), (last + datetime.timedelta(days=7)).isoformat()


def network_corpora():
    """[(chapter name, corpus path)]: seed 1 is the 10,000-note tier's clean
    corpus, seeds 2 to 10 corpora of their own, cached alike; those missing
    are generated as many at a time as there are cores (at most 2)."""
    notes = GOAL_TIER
    wanted = []
    for seed in range(1, NETWORK_CHAPTERS + 1):
        name = "notes-%s" % size_label(notes) if seed == 1 else \
            "chapter-%s-seed%d" % (size_label(notes), seed)
        wanted.append((name, ["--notes", str(notes), "--seed", str(seed)]))
    workers = max(1, min(2, os.cpu_count() or 1))
    with concurrent.futures.ThreadPoolExecutor(workers) as pool:
        paths = list(pool.map(lambda made: ensure_corpus(*made), wanted))
    return [("chapter%d" % seed, path) for seed, path in enumerate(paths, 1)]


def make_network(chapters, name):
    """build/bench/NAME: a network repository reading the chapters by path."""
    repo = os.path.join(WORK, name)
    if os.path.lexists(repo):
        shutil.rmtree(repo)
    os.makedirs(repo)
    lines = ["themes:", "  housing: { label: Housing }", "network:", "  chapters:"]
    lines += ["    %s: { url: '%s', branch: main }" % (c, path) for c, path in chapters]
    write(repo, "perennial.yml", "\n".join(lines) + "\n")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=Bench", "-c", "user.email=bench@example.invalid",
        "commit", "-q", "-m", "network")
    return repo


class Network:
    """The network's figures: one Stats each."""

    def __init__(self, week, **stats):
        self.week = week
        self.__dict__.update(stats)


def bench_network(perennial, runs):
    """A network of NETWORK_CHAPTERS chapters of 10,000 notes (seeds 1 to 10)
    in build/bench/network: its report beside one chapter's week report, cold
    (the first run, which fills the caches), once more right after (the first
    run on a cache just filled) and warm, and a fetch with nothing new beside
    git fetch of the same remotes."""
    chapters = network_corpora()
    week, today = latest_week(chapters[0][1])
    one = fresh_copy(chapters[0][1], "network-one-chapter")
    network = make_network(chapters, "network")
    twin = make_network(chapters, "network-git")
    fetch = Command("perennial network fetch", [perennial, "network", "fetch"], network, (0,))
    # git fetch of the same remotes, from a twin of the network repository:
    # one `git fetch` a chapter with the refspec perennial uses (the chapter's
    # branch to refs/perennial/chapters/NAME, no tags), as a script looping
    # over the chapters would (`git fetch --multiple` with a remote a chapter
    # configured would start a `git fetch` a remote all the same). What
    # perennial leaves out is left out of git's side too, so that git is as
    # quick as it can be: no FETCH_HEAD written, no auto maintenance (gc) run
    # after it. Each still starts git-upload-pack on the chapter and checks
    # that what it has is connected, which is how git fetches.
    loop = "; ".join(
        "git -c maintenance.auto=false -c gc.auto=0 fetch -q --no-tags --no-write-fetch-head"
        " '%s' +refs/heads/main:refs/perennial/chapters/%s" % (path, c) for c, path in chapters)
    git_fetch = Command("git fetch", ["sh", "-c", loop], twin, (0,))
    report_args = ["--week", week, "--today", today]
    chapter = Command("report (one chapter)", [perennial, "report"] + report_args, one, (0,))
    net = Command("network report", [perennial, "network", "report"] + report_args, network,
                  (0,))
    # The model alone (no page written, no template), to tell where the time goes.
    net_json = Command("network report --format json",
                       [perennial, "network", "report", "--format", "json"] + report_args,
                       network, (0,))
    progress("network: the first fetch (%d chapters of %s notes), perennial's and git's"
             % (len(chapters), thousands(GOAL_TIER)))
    first_fetch = Stats([fetch.run_once()])
    first_git_fetch = Stats([git_fetch.run_once()])
    progress("network: the first report, cold, and one more right after")
    chapter_cold = Stats([chapter.run_once()])
    net_cold = Stats([net.run_once()])
    chapter_after = Stats([chapter.run_once()])
    net_after = Stats([net.run_once()])
    progress("network: %d timed rounds" % runs)
    warm = measure([chapter, net, net_json, fetch, git_fetch], runs)
    return Network(week, first_fetch=first_fetch, first_git_fetch=first_git_fetch,
                   chapter_cold=chapter_cold, net_cold=net_cold, chapter_after=chapter_after,
                   net_after=net_after, chapter=warm[0], net=warm[1], net_json=warm[2],
                   fetch=warm[3], git_fetch=warm[4])


def network_section(perennial, runs):
    """The network's figures, at GOAL_TIER notes a chapter; returns its goals'
    rows for the goals table."""
    n = bench_network(perennial, runs)
    print()
    print("=== the network: %d chapters of %s notes, week %s; medians of %d rounds ===" % (
        NETWORK_CHAPTERS, thousands(GOAL_TIER), n.week, runs))
    print()
    print("%-44s %9s %10s  %s" % ("", "seconds", "peak MiB", "ratio to"))
    chapter, git = "one chapter's", "git's"
    rows = [
        ("one chapter's week report, cold (1 run)", n.chapter_cold, None, None),
        ("network report, cold (1 run)", n.net_cold, n.chapter_cold, chapter),
        ("one chapter's week report, next run (1)", n.chapter_after, None, None),
        ("network report, next run (1)", n.net_after, n.chapter_after, chapter),
        ("one chapter's week report, warm", n.chapter, None, None),
        ("network report, warm", n.net, n.chapter, chapter),
        ("network report --format json, warm", n.net_json, n.chapter, chapter),
        ("network fetch, the first (1 run)", n.first_fetch, n.first_git_fetch, git),
        ("git fetch of the same, the first (1 run)", n.first_git_fetch, None, None),
        ("network fetch, nothing new", n.fetch, n.git_fetch, git),
        ("git fetch of the same, nothing new", n.git_fetch, None, None),
    ]
    for label, stats, base, whose in rows:
        ratio = "%.2fx %s" % (stats.seconds / base.seconds, whose) if base else ""
        print("%-44s %9.3f %10.1f  %s" % (label, stats.seconds, stats.mib, ratio))
    print("(cold: no cache (.git/perennial) yet; next run: the one right after, on caches")
    print("just filled; warm: the median of the rounds after a warm-up run.)")
    return [("network report / one chapter's week report, warm", n.net.seconds / n.chapter.seconds,
             GOAL_NETWORK_RATIO, "x"),
            ("peak memory of network report, warm", n.net.mib, GOAL_NETWORK_MIB, " MiB"),
            ("network fetch / git fetch, nothing new", n.fetch.seconds / n.git_fetch.seconds,
             GOAL_NETWORK_FETCH_RATIO, "x")]


def main(argv):
    args = parse_args(argv)
    if not os.path.isfile(GEN_NOTES) or not os.path.isfile(FLOOR_SRC):
        print("bench: ../shared/bench not found: skipped")
        return 0
    started = time.monotonic()
    try:
        perennial = resolve_binary(args.binary)
        os.makedirs(WORK, exist_ok=True)
        # What it prints is kept in build/bench/results.md; --only's in a file of
        # its own, so that a section run alone leaves the whole bench's record.
        sys.stdout = Tee(os.path.join(WORK, "results-%s.md" % args.only if args.only
                                      else "results.md"))
        print("```")
        print("perennial bench, %s, %d cores: %s" % (
            time.strftime("%Y-%m-%d"), os.cpu_count() or 1, cpu_model()))
        tools = find_tools() if args.only != "network" else []
        for tool in tools:
            if tool.path:
                print("installed: %s" % tool.version)
        tiers, network = [], None
        if args.only != "network":
            ensure_floor()
            tiers = [bench_tier(notes, perennial, args.runs, tools) for notes in args.tiers]
            hostile_section(perennial)
        if args.only == "network" or GOAL_TIER in args.tiers:
            network = network_section(perennial, args.runs)
        goals_section(tiers, network, "--only network" if args.only else "--tiers")
        print()
        took = int(time.monotonic() - started)
        print("the whole bench took %d min %02d s" % (took // 60, took % 60))
        print("```")
    except BenchError as e:
        print("bench: %s" % e, file=sys.stderr)
        return 1
    return 1 if any(t.history.errors for t in tiers) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
