#!/usr/bin/python3
"""Runs Xapian's own tools on a freshly built cite index, as docs/database.md suggests.

    xapian_tools_test.py check XAPIAN_CHECK CITE CORPUS SCRATCH
    xapian_tools_test.py delve XAPIAN_DELVE CITE CORPUS SCRATCH

check: `xapian-check INDEX` exits with 0, reports "No errors found" and no error.
delve: `xapian-delve INDEX` exits with 0 and counts as many documents as `cite index` reports
passages; `xapian-delve -t Zdeport` counts the passages `cite query deported` finds, and
`xapian-delve -r 1 -d` shows the path and section of paragraph 1 of document 1's file in its data.
"""

import argparse
import os
import re
import subprocess

import cite_support as support
from cite_support import expect


def run_tool(tool, *args):
    expect(os.path.isfile(tool) and os.access(tool, os.X_OK),
           f"{tool} is not an executable: install xapian-tools (bash scripts/install-deps.sh "
           "installs it)")
    done = subprocess.run([tool, *args], capture_output=True, timeout=300)
    out, err = done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace")
    expect(done.returncode == 0, f"{os.path.basename(tool)} {' '.join(args)} exited with "
           f"{done.returncode}: {(err or out).strip()[-500:]}")
    return out, err


def check(tool, cite, passages):
    out, err = run_tool(tool, cite.index_dir)
    problems = [line for line in (out + err).splitlines()
                if re.search(r"error|corrupt|fail", line, re.I) and line != "No errors found"]
    expect("No errors found" in out.splitlines() and not problems,
           f"xapian-check {cite.index_dir} reports problems: {problems or out[-500:]}")
    tables = len(re.findall(r"^\w+ table structure checked OK$", out, re.M))
    # docdata, postlist and termlist: the index has no position table (docs/database.md).
    expect(tables >= 3, f"xapian-check checked only {tables} tables:\n{out}")
    return f"xapian-check: no errors in {tables} tables of an index of {passages} passages"


def delve(tool, cite, passages):
    out, _ = run_tool(tool, cite.index_dir)
    count = re.search(r"^number of documents = (\d+)$", out, re.M)
    expect(count is not None, f"xapian-delve printed no document count:\n{out}")
    expect(int(count.group(1)) == passages,
           f"xapian-delve counts {count.group(1)} documents, cite index {passages} passages")

    out, _ = run_tool(tool, "-t", "Zdeport", cite.index_dir)
    freq = re.search(r"termfreq (\d+)", out)
    total = cite.query("deported")["total"]
    expect(freq is not None and int(freq.group(1)) == total,
           f"xapian-delve -t Zdeport: {out.strip()[:200]!r}, but cite query deported finds "
           f"{total}")

    # Document 1 is paragraph 1 of the file of its P term; its data (a binary record, see
    # docs/database.md) holds that path and the section.
    out, _ = run_tool(tool, "-r", "1", "-d", cite.index_dir)
    terms = re.search(r"^Term List for record #1:.*? P(\S+)", out, re.M)
    expect(terms is not None and out.startswith("Data for record #1:\n"),
           f"xapian-delve -r 1 -d shows no data or no P term:\n{out[:500]}")
    citation = cite.show(terms.group(1), 1)["passage"]
    data = out[len("Data for record #1:\n"):out.index("Term List for record #1:")]
    expect(citation["path"] in data and citation["section"] in data,
           f"xapian-delve -r 1 -d shows data {data!r}, which is not {support.where(citation)}")
    return (f"xapian-delve: {passages} documents, {total} under Zdeport, record 1 is "
            f"{support.where(citation)}")


def run(args):
    corpus = support.Corpus(args.corpus)
    cite = support.Cite(args.cite, support.fresh_dir(os.path.join(args.scratch, "index")))
    passages = cite.build(corpus.root)
    expect(passages > 0, f"cite index found no passages in {corpus.root}")
    return {"check": check, "delve": delve}[args.mode](args.tool, cite, passages)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("check", "delve"))
    parser.add_argument("tool", help="the xapian-check or xapian-delve executable")
    parser.add_argument("cite", help="the cite executable")
    parser.add_argument("corpus", help="the corpus directory to index")
    parser.add_argument("scratch", help="a directory of this test's own, for its index")
    support.main(run, parser.parse_args())
