"""Running Microsoft's Kusto.Language oracle and kqlint over the same query files.

Shared by scripts/oracle-compare (agreement figures) and bench/ (throughput). Python 3 stdlib
only. The oracle lives read-only in ../shared/tools/kusto-oracle; it is copied into the build
tree and `npm ci` is run there. Oracle results are cached in the build tree under a key made
of the corpus content and the oracle's own files, so a re-run costs nothing until either
changes.
"""

import hashlib
import json
import os
import shutil
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# What kqlint and the oracle treat as one query per file when walking a directory.
QUERY_EXTENSIONS = (".kql", ".csl", ".kusto")

# mode -> arguments of `node kqlcheck.js` (issue 2: parse only; issue 3: the binder with the
# full Defender XDR schema that ships with the oracle).
ORACLE_ARGS = {
    "syntax": ["--syntax-only", "-n", "0"],
    "binder": ["-n", "0", "-s", "schemas/mde.json"],
}
# mode -> arguments of `kqlint check` (DESIGN.md JSON contract). `--split never`: each corpus
# file is one query, as the oracle sees it.
KQLINT_ARGS = {
    "syntax": ["check", "--format", "json", "--split", "never", "--syntax-only"],
    "binder": ["check", "--format", "json", "--split", "never", "--platform", "mde"],
}


class ToolError(Exception):
    """A tool could not be set up or run; the message says what and where to look."""


def shared_dir():
    """../shared beside the clone (as CI lays it out), or KQ_SHARED_DIR."""
    d = os.environ.get("KQ_SHARED_DIR") or os.path.join(os.path.dirname(REPO), "shared")
    if not os.path.isdir(d):
        raise ToolError(f"shared material not found at {d} (set KQ_SHARED_DIR)")
    return os.path.abspath(d)


def corpus_files(corpus_dir):
    """Relative paths of the query files under corpus_dir, sorted."""
    out = []
    for dirpath, dirnames, filenames in os.walk(corpus_dir):
        dirnames.sort()
        for f in filenames:
            if f.lower().endswith(QUERY_EXTENSIONS):
                out.append(os.path.relpath(os.path.join(dirpath, f), corpus_dir))
    if not out:
        raise ToolError(f"no query files under {corpus_dir}")
    return sorted(out)


def content_hash(base_dir, relpaths, extra=""):
    """sha256 over the names and bytes of the files (and an extra string)."""
    h = hashlib.sha256(extra.encode())
    for rel in sorted(relpaths):
        h.update(rel.encode() + b"\0")
        with open(os.path.join(base_dir, rel), "rb") as f:
            h.update(hashlib.sha256(f.read()).digest())
    return h.hexdigest()


def relative_to(path, base):
    """The file name a tool printed, made relative to the corpus root it was given."""
    p = os.path.realpath(path if os.path.isabs(path) else os.path.join(REPO, path))
    return os.path.relpath(p, os.path.realpath(base))


def _oracle_source_files(src):
    files = []
    for dirpath, dirnames, filenames in os.walk(src):
        dirnames[:] = sorted(d for d in dirnames if d != "node_modules")
        files += [os.path.relpath(os.path.join(dirpath, f), src) for f in filenames]
    return sorted(files)


class Oracle:
    """The kusto-oracle copied into work_dir, with its node packages installed."""

    def __init__(self, work_dir, shared=None):
        self.src = os.path.join(shared or shared_dir(), "tools", "kusto-oracle")
        if not os.path.isfile(os.path.join(self.src, "kqlcheck.js")):
            raise ToolError(f"kusto-oracle not found at {self.src}")
        self.work_dir = os.path.abspath(work_dir)
        self.dir = os.path.join(self.work_dir, "kusto-oracle")
        node = shutil.which("node")
        if not node:
            raise ToolError("node is not installed (scripts/install-deps.sh installs it)")
        node_version = subprocess.run([node, "--version"], capture_output=True, text=True,
                                      check=True).stdout.strip()
        # The oracle's identity: its script, lock file and schemas, and the node running it.
        self.version = content_hash(self.src, _oracle_source_files(self.src), node_version)
        self.node = node

    def prepare(self, log=sys.stderr):
        """Copies the oracle and runs `npm ci` unless the copy is already of this version."""
        stamp = os.path.join(self.dir, ".kq-oracle-version")
        if os.path.isfile(stamp) and open(stamp).read() == self.version:
            return
        print(f"oracle: installing a copy in {self.dir} (npm ci)", file=log)
        if os.path.exists(self.dir):
            shutil.rmtree(self.dir)
        os.makedirs(self.work_dir, exist_ok=True)
        # ../shared has no write bits; the copy needs them for node_modules.
        shutil.copytree(self.src, self.dir, ignore=shutil.ignore_patterns("node_modules"),
                        copy_function=shutil.copyfile)
        # (copyfile gives files fresh permissions; copytree copies the directories' modes)
        for dirpath, _, _ in os.walk(self.dir):
            os.chmod(dirpath, 0o755)
        npm_log = os.path.join(self.work_dir, "npm-ci.log")
        with open(npm_log, "w") as out:
            r = subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=self.dir,
                               stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        if r.returncode != 0:
            raise ToolError(f"`npm ci` failed in {self.dir} (exit {r.returncode}); see {npm_log}")
        with open(stamp, "w") as f:
            f.write(self.version)

    def command(self, mode, inputs):
        return [self.node, "kqlcheck.js", *ORACLE_ARGS[mode], *inputs]

    def results(self, mode, corpus_dir, files, log=sys.stderr):
        """{relpath: oracle row} for every file, from the cache or a fresh run."""
        # The rows name files by absolute path: a copy of the same queries elsewhere is another run.
        key = content_hash(corpus_dir, files,
                           self.version + mode + os.path.realpath(corpus_dir))[:20]
        cache_dir = os.path.join(self.work_dir, "cache")
        cache = os.path.join(cache_dir, f"{mode}-{key}.jsonl")
        if not os.path.isfile(cache):
            self.prepare(log)
            os.makedirs(cache_dir, exist_ok=True)
            print(f"oracle: {mode} run over {len(files)} queries (cached as {cache})", file=log)
            tmp = cache + ".tmp"
            err = os.path.join(self.work_dir, f"{mode}.stderr")
            with open(tmp, "w") as out, open(err, "w") as errf:
                r = subprocess.run(self.command(mode, [os.path.abspath(corpus_dir)]), cwd=self.dir,
                                   stdout=out, stderr=errf, stdin=subprocess.DEVNULL)
            # 0: no query had an error, 1: some did; anything else is the oracle failing.
            if r.returncode not in (0, 1):
                raise ToolError(f"oracle exited {r.returncode}; see {err}")
            rows = _read_oracle_rows(tmp, corpus_dir)
            _check_same_files(rows, files, "oracle", tmp)
            os.replace(tmp, cache)
        rows = _read_oracle_rows(cache, corpus_dir)
        _check_same_files(rows, files, "oracle", cache)
        return rows


def _read_oracle_rows(path, corpus_dir):
    rows = {}
    with open(path) as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as e:
                raise ToolError(f"{path}:{n}: not JSON ({e})")
            if "file" in row:
                rows[relative_to(row["file"], corpus_dir)] = row
    return rows


def _check_same_files(rows, files, who, where):
    missing = sorted(set(files) - set(rows))
    if missing:
        raise ToolError(f"{who} gave no result for {len(missing)} of {len(files)} files "
                        f"(first: {missing[0]}); see {where}")


def kqlint_command(exe, mode, inputs):
    return [exe, *KQLINT_ARGS[mode], *inputs]


def run_kqlint(exe, mode, corpus_dir, files, log_dir):
    """Runs kqlint once over corpus_dir; returns {relpath: [diagnostic, ...]} for every file."""
    if not os.access(exe, os.X_OK):
        raise ToolError(f"kqlint not built at {exe} (scripts/build.sh release)")
    os.makedirs(log_dir, exist_ok=True)
    out_path = os.path.join(log_dir, f"kqlint-{mode}.json")
    err_path = os.path.join(log_dir, f"kqlint-{mode}.stderr")
    cmd = kqlint_command(exe, mode, [os.path.abspath(corpus_dir)])
    with open(out_path, "w") as out, open(err_path, "w") as err:
        r = subprocess.run(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
    if r.returncode not in (0, 1):  # 0 clean, 1 findings; 2 usage/I/O, <0 a signal
        with open(err_path) as f:
            tail = f.read()[-2000:]
        raise ToolError(f"`{' '.join(cmd)}` exited {r.returncode}:\n{tail}")
    try:
        with open(out_path) as f:
            doc = json.load(f)
    except json.JSONDecodeError as e:
        raise ToolError(f"kqlint printed invalid JSON ({e}); see {out_path}")
    return diagnostics_by_file(doc, corpus_dir, files)


def diagnostics_by_file(doc, corpus_dir, files):
    """Groups the DESIGN.md JSON document's diagnostics by corpus-relative file."""
    if not isinstance(doc, dict) or not isinstance(doc.get("diagnostics"), list):
        raise ToolError("kqlint JSON has no 'diagnostics' list (DESIGN.md contract)")
    by_file = {f: [] for f in files}
    for d in doc["diagnostics"]:
        if not d.get("file"):  # about the run (config, arguments), not about a query
            print(f"kqlint: {d.get('severity')}: {d.get('message')}", file=sys.stderr)
            continue
        rel = relative_to(d["file"], corpus_dir)
        if rel not in by_file:
            raise ToolError(f"kqlint reported a file outside the corpus: {d.get('file')!r}")
        by_file[rel].append(d)
    for diags in by_file.values():
        diags.sort(key=lambda d: (d.get("line", 0), d.get("column", 0)))
    return by_file
