"""Shared by the Python tests: run the real `cite` binary, build a scratch index, read the corpus.

Every test gets its own scratch directory from CTest, so tests can run in parallel. A failure is
raised as TestFailure and reported by `main` as one line on stderr with exit code 1.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import traceback
from pathlib import Path

SOURCE_DIR = Path(__file__).resolve().parents[2]
SCHEMA_DIR = SOURCE_DIR / "docs" / "schema"
DOCS_DIR = SOURCE_DIR / "docs"

# The extensions `cite index` reads whose passages quote the file's own bytes (README, "Usage";
# docs/formats.md). PDFs quote their extracted text, and extensionless files are read by content.
INDEXED_EXTENSIONS = (".txt", ".text", ".md", ".markdown", ".mdown", ".mkd", ".rst", ".html",
                      ".htm", ".xhtml")


class TestFailure(Exception):
    pass


def fail(message):
    raise TestFailure(message)


def expect(condition, message):
    if not condition:
        fail(message)


def import_or_fail(module, package):
    """Imports a module from a Debian package, or fails with what to install."""
    try:
        return __import__(module)
    except ImportError as error:
        fail(f"cannot import {module} ({error}): install {package} "
             f"(bash scripts/install-deps.sh installs it)")


def main(test, args):
    """Runs test(args): exit 0 and its summary line, or exit 1 and the reason on stderr."""
    name = Path(sys.argv[0]).stem
    try:
        summary = test(args)
    except TestFailure as failure:
        print(f"{name}: FAIL: {failure}", file=sys.stderr)
        sys.exit(1)
    except Exception:  # a bug in the test or an unexpected output: show where
        traceback.print_exc()
        print(f"{name}: FAIL: unexpected error (traceback above)", file=sys.stderr)
        sys.exit(1)
    print(f"{name}: OK: {summary}")


def fresh_dir(path):
    """An empty directory at `path`, which must be inside a test's scratch directory."""
    path = Path(path)
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    return path


class Cite:
    """The `cite` executable, run on one index."""

    def __init__(self, binary, index_dir):
        self.binary = str(binary)
        self.index_dir = str(index_dir)
        expect(os.access(self.binary, os.X_OK), f"{self.binary} is not an executable")

    def run(self, *args, cwd=None):
        """Runs `cite ARGS --index DIR`: (exit code, stdout, stderr). Never raises on failure."""
        command = [self.binary, *args[:1], "--index", self.index_dir, *args[1:]]
        done = subprocess.run(command, capture_output=True, cwd=cwd, timeout=120)
        return done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8")

    def build(self, corpus):
        """`cite index --rebuild` of `corpus`: returns the number of passages in the index."""
        code, out, err = self.run("index", "--rebuild", str(corpus))
        expect(code == 0, f"cite index {corpus} exited with {code}: {err.strip()}")
        match = re.search(r"(\d+) passages written, (\d+) in the index", out)
        expect(match is not None, f"cannot read the passage count from cite index's output: {out!r}")
        return int(match.group(2))

    def json(self, *args, codes=(0,)):
        """Runs a `--json` command: its output lines parsed, after checking the exit code."""
        code, out, err = self.run(*args[:1], "--json", *args[1:])
        shown = " ".join(repr(a) if " " in a else a for a in args)
        expect(code in codes, f"cite {shown} --json exited with {code} (expected {codes}): "
               f"{err.strip()}")
        expect(err == "", f"cite {shown} --json wrote to stderr: {err.strip()}")
        expect(out.endswith("\n"), f"cite {shown} --json: output does not end with a newline")
        lines = out[:-1].split("\n")
        try:
            return code, [json.loads(line) for line in lines]
        except json.JSONDecodeError as error:
            fail(f"cite {shown} --json printed a line that is not JSON ({error}): {out[:200]!r}")

    def query(self, *words, limit=None):
        args = ["query"] + (["--limit", str(limit)] if limit else []) + list(words)
        code, objects = self.json(*args, codes=(0, 1))
        expect(len(objects) == 1, f"cite query {words} printed {len(objects)} lines, not 1")
        result = objects[0]
        expect((code == 0) == bool(result.get("hits")),
               f"cite query {words}: exit code {code} with {len(result.get('hits', []))} hits")
        return result

    def show(self, path, paragraph):
        code, objects = self.json("show", f"{path}:{paragraph}")
        expect(len(objects) == 1, f"cite show {path}:{paragraph} printed {len(objects)} lines")
        return objects[0]


class Corpus:
    """The source files, read as bytes: what every citation must quote exactly."""

    def __init__(self, root):
        self.root = Path(root).resolve()
        self._files = {}

    def bytes(self, path):
        if path not in self._files:
            file = self.root / path
            expect(file.is_file(), f"cited file {path!r} is not a file under {self.root}")
            self._files[path] = file.read_bytes()
        return self._files[path]

    def indexed_files(self):
        """Relative paths of the files `cite index` reads: not hidden, known extensions."""
        found = []
        for directory, subdirs, files in os.walk(self.root):
            subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
            for name in sorted(files):
                if not name.startswith(".") and name.lower().endswith(INDEXED_EXTENSIONS):
                    found.append(os.path.relpath(os.path.join(directory, name), self.root))
        return [p.replace(os.sep, "/") for p in found]


CITATION_FIELDS = ("path", "paragraph", "section", "kind", "line_start", "line_end",
                   "byte_start", "byte_end", "text")


def citation_of(obj):
    """The citation fields of a hit, an evidence item, a passage or a document's data."""
    return {field: obj[field] for field in CITATION_FIELDS}


def where(citation):
    return f"{citation['path']}:{citation['paragraph']}"


def check_citation(corpus, citation):
    """The invariants of docs/json.md that no schema can express, for one citation."""
    data = corpus.bytes(citation["path"])
    start, end = citation["byte_start"], citation["byte_end"]
    at = where(citation)
    expect(0 <= start < end <= len(data),
           f"{at}: bytes [{start}, {end}) are not a non-empty range of the {len(data)}-byte file")
    expect(citation["text"].encode("utf-8") == data[start:end],
           f"{at}: text is not the file's bytes [{start}, {end}): "
           f"{citation['text'][:60]!r} vs {data[start:end][:60]!r}")
    first_line = data.count(b"\n", 0, start) + 1
    last_line = data.count(b"\n", 0, end - 1) + 1
    expect(citation["line_start"] == first_line,
           f"{at}: line_start is {citation['line_start']} but byte {start} is on line {first_line}")
    expect(citation["line_end"] == last_line,
           f"{at}: line_end is {citation['line_end']} but byte {end - 1} is on line {last_line}")
    expect(citation["text"] == citation["text"].strip(" \t\r\n\f\v"),
           f"{at}: the passage has whitespace at its edges")


def check_range_inside(citation, start, end, what):
    at = where(citation)
    expect(citation["byte_start"] <= start < end <= citation["byte_end"],
           f"{at}: {what} [{start}, {end}) is not inside the passage "
           f"[{citation['byte_start']}, {citation['byte_end']})")
    data = citation["text"].encode("utf-8")
    piece = data[start - citation["byte_start"]:end - citation["byte_start"]]
    try:
        piece.decode("utf-8")
    except UnicodeDecodeError:
        fail(f"{at}: {what} [{start}, {end}) cuts a UTF-8 character: {piece!r}")


def check_highlights(citation, highlights):
    previous_end = citation["byte_start"]
    for start, end in highlights:
        check_range_inside(citation, start, end, "highlight")
        expect(start >= previous_end,
               f"{where(citation)}: highlights are not in order or overlap: {highlights}")
        previous_end = end


def code_blocks(markdown_path, language):
    """The fenced code blocks of one language in a Markdown file, in order."""
    text = Path(markdown_path).read_text(encoding="utf-8")
    return re.findall(r"^```" + re.escape(language) + r"\n(.*?)^```$", text, re.S | re.M)
