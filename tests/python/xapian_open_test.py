#!/usr/bin/python3
"""Reads a cite index with Python's xapian module, exactly as docs/database.md tells others to.

    xapian_open_test.py CITE CORPUS SCRATCH

Builds SCRATCH/run/.cite from CORPUS, then runs the Python examples of docs/database.md on it:
the `search.py` program with its `cite_record.py` module (its output must be the one the page
shows, and the hits of `cite query --json`), the stamp check, the query parser and the P term
look-ups, compared with `cite query --json` and `cite show --json` field by field. It then checks
the layout the page documents on every document (terms, positions, no values, data) and every
metadata key, and indexes a second corpus with a path longer than 200 bytes to check `term_path`.
"""

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import cite_support as support
from cite_support import expect, fail

DATABASE_MD = support.DOCS_DIR / "database.md"

# Searched with the page's query parser; each must give exactly what `cite query` gives.
PARSER_QUERIES = [
    "deported children",
    "deported AND children",
    "deported OR expelled",
    "deported NOT children",
    "deported AND NOT children",
    "(deported OR expelled) AND children",
    "file:000_18f228960f1cda46.txt deported",
    "section:backdrop birth",
    "migrants 80000",
    "citizenship",
]

# Phrases, which the page's parser matches as AND of their words: those of its passages that
# pass the page's may_be_phrase must be cite's, in the same order, with the same weights.
PHRASES = {
    '"controlled persons registry"': [b"controlled", b"persons", b"registry"],
    '"deported in 2023"': [b"deported", b"in", b"2023"],
    '"Compatriots Policy"': [b"compatriots", b"policy"],
}

# NEAR, matched as AND by the page's parser: cite's passages are among its, in the same order.
NEAR_QUERIES = ["deported NEAR children", "deported NEAR/3 children"]

# Searched by their Z term, as search.py does.
WORDS = ["deportation", "deported", "migrants", "registry", "citizenship", "2024"]


def doc_examples():
    """The Python blocks of docs/database.md: the search.py program and the rest, in order."""
    blocks = support.code_blocks(DATABASE_MD, "python")
    programs = [b for b in blocks if "sys.argv" in b]
    expect(len(programs) == 1, f"expected one program reading sys.argv in {DATABASE_MD.name}, "
           f"found {len(programs)}")
    snippets = [b for b in blocks if "sys.argv" not in b]
    for name in ("def term_path", "db = xapian.Database", "def read_passage", "def query_parser",
                 "def search", "def passage(", "def passages("):
        expect(any(name in b for b in snippets), f"{DATABASE_MD.name} has no `{name}` example")
    run = re.search(r"^```\n\$ /usr/bin/python3 search\.py (\S+)\n(.*?)^```$",
                    DATABASE_MD.read_text(encoding="utf-8"), re.S | re.M)
    expect(run is not None, f"{DATABASE_MD.name} does not show a run of search.py")
    return programs[0], snippets, run.group(1), run.group(2)


def format_like_search_py(hit):
    lines = str(hit["line_start"])
    if hit["line_end"] != hit["line_start"]:
        lines += "-" + str(hit["line_end"])
    return (f"{hit['path']}:{lines} ¶{hit['paragraph']}  (weight {hit['score']:.2f})\n"
            f"{hit['text']}\n")


def same_hits(what, found, hits):
    """(weight, stored citation) pairs against `cite query --json` hits: equal, in order."""
    expect(len(found) == len(hits),
           f"{what}: Python finds {len(found)} passages, cite query {len(hits)}")
    for (weight, citation), hit in zip(found, hits):
        expect(citation == support.citation_of(hit),
               f"{what}: rank {hit['rank']}: the stored citation {support.where(citation)} "
               f"differs from cite query's hit {support.where(hit)}:\n  {citation}\n  "
               f"{support.citation_of(hit)}")
        expect(abs(weight - hit["score"]) <= 1e-9 * max(1.0, weight),
               f"{what}: {support.where(hit)} has weight {weight} in Python, score "
               f"{hit['score']} in cite query")


def check_search_program(program, module, word, shown, cite, run_dir, scratch):
    script = scratch / "search.py"
    script.write_text(program, encoding="utf-8")
    (scratch / "cite_record.py").write_text(module, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script), word], cwd=run_dir, capture_output=True,
                          timeout=120)
    expect(done.returncode == 0, f"search.py from {DATABASE_MD.name} failed: "
           f"{done.stderr.decode()[-500:]}")
    out = done.stdout.decode("utf-8")
    expect(out == shown, f"search.py {word} prints other output than {DATABASE_MD.name} shows:"
           f"\n--- printed:\n{out}--- shown:\n{shown}")
    result = cite.query(word, limit=3)
    expected = "".join(format_like_search_py(hit) for hit in result["hits"])
    expect(out == expected, f"search.py {word} disagrees with cite query --json --limit 3 {word}:"
           f"\n--- search.py:\n{out}--- cite query:\n{expected}")


def check_metadata(db, ns, xapian, corpus, cite):
    root = ns["root"]  # read by the page's example
    expect(root == str(corpus.root), f"cite.root is {root!r}, not {corpus.root}")
    expect(cite.query("deported")["root"] == root, "cite.root differs from cite query's root")
    text = DATABASE_MD.read_text(encoding="utf-8")
    documented = re.search(r"`cite\.prefixes` \| The term prefixes as JSON: `(\{.*?\})`", text)
    expect(documented is not None, f"{DATABASE_MD.name} does not show cite.prefixes")
    stored = db.get_metadata("cite.prefixes").decode()
    expect(stored == documented.group(1),
           f"cite.prefixes is {stored}, {DATABASE_MD.name} says {documented.group(1)}")
    for key, version in (("cite.format_version", "4"), ("cite.analyzer_version", "2")):
        expect(f"| `{key}` |" in text and f": `{version}`." in text,
               f"{DATABASE_MD.name} does not document {key} as {version}")
        expect(db.get_metadata(key) == version.encode(), f"{key} is {db.get_metadata(key)!r}")

    term_path = ns["term_path"]
    files = corpus.indexed_files()
    records = {}
    for key in db.metadata_keys(b"cite.file:"):
        record = json.loads(db.get_metadata(key))
        expect(list(record) == sorted(record) and set(record) == {"path", "size", "mtime_ns",
                                                                  "passages"},
               f"{key!r}: the record is not as documented: {record}")
        expect(key == b"cite.file:" + term_path(record["path"]),
               f"{key!r} is not cite.file: + term_path({record['path']!r})")
        stat = (corpus.root / record["path"]).stat()
        expect((record["size"], record["mtime_ns"]) == (stat.st_size, stat.st_mtime_ns),
               f"{key!r}: size and mtime_ns {record['size']}, {record['mtime_ns']} are not the "
               f"file's {stat.st_size}, {stat.st_mtime_ns}")
        count = db.get_termfreq(b"P" + term_path(record["path"]))
        expect(record["passages"] == count,
               f"{key!r}: {record['passages']} passages, but its P term is on {count}")
        records[record["path"]] = record
    expect(sorted(records) == files,
           f"cite.file: keys for {sorted(records)}, but the corpus has {files}")
    total = sum(r["passages"] for r in records.values())
    expect(total == db.get_doccount(),
           f"the cite.file: records count {total} passages, the database {db.get_doccount()}")
    unknown = [k for k in db.metadata_keys(b"cite.")
               if not k.startswith(b"cite.file:") and k.decode() not in
               ("cite.format_version", "cite.analyzer_version", "cite.root", "cite.prefixes")]
    expect(not unknown, f"undocumented metadata keys: {unknown}")
    return len(records)


def check_documents(db, ns, xapian, corpus):
    """The layout of every document: data, values, and the terms of the Terms table."""
    term_path = ns["term_path"]
    for posting in db.postlist(b""):
        docid = posting.docid
        document = db.get_document(docid)
        data = document.get_data()
        citation = ns["read_passage"](db, docid)
        at = f"document {docid} ({support.where(citation)})"
        expect(list(citation) == list(support.CITATION_FIELDS),
               f"{at}: the data's keys are not the citation's, in the documented order: "
               f"{list(citation)}")
        support.check_citation(corpus, citation)
        record = ns["decode_record"](data)
        expect("text" not in record and record.get("text_hash", 0) ==
               ns["fnv1a_32"](citation["text"].encode()),
               f"{at}: the record stores the text, or not its hash: {record}")
        expect(("path" in record) == (citation["paragraph"] == 1),
               f"{at}: the record has a path, but is not paragraph 1, or the other way round")
        path = citation["path"]
        expect(document.values_count() == 0, f"{at}: has values")
        terms = {item.term: item.wdf for item in document.termlist()}
        keys = [t for t in terms if t[:3] in (b"XTL", b"XTC")]  # transliteration keys
        boolean = {t: w for t, w in terms.items()
                   if t[:1] in (b"Q", b"P", b"S", b"X") and t not in keys}
        expect(not any(t[:1] == b"Q" for t in boolean), f"{at}: has a Q term")
        expect(set(t for t in boolean if t[:1] == b"P") == {b"P" + term_path(path)},
               f"{at}: its P terms are not P<path>")
        kind = {b"XKheading"} if citation["kind"] == "heading" else set()
        expect(set(t for t in boolean if t[:1] == b"X") == kind,
               f"{at}: its X terms are not {kind} ({citation['kind']})")
        expect(all(w == 0 for w in boolean.values()), f"{at}: a Q, P, S or XK term has a wdf, "
               "so it is not boolean")
        words = [t for t in terms if t[:1] not in (b"Q", b"P", b"S", b"X", b"Z")]
        stems = [t for t in terms if t[:1] == b"Z"]
        expect(stems and words, f"{at}: has no Z terms or no words")
        marks = set(record.get("fingerprints", b""))
        allowed = {ns["fingerprint"](t) for t in words} | {0}
        expect(marks and marks <= allowed,
               f"{at}: fingerprints {sorted(marks - allowed)} are not those of its words")
    expect(not db.has_positions(), "the database has positions")
    return db.get_doccount()


def check_lookups(db, ns, cite, corpus):
    passage, passages = ns["passage"], ns["passages"]
    count = 0
    for path in corpus.indexed_files():
        in_file = passages(db, path)
        expect([c["paragraph"] for c in in_file] == list(range(1, len(in_file) + 1)),
               f"passages(db, {path!r}) are not paragraphs 1..n")
        for citation in in_file:
            shown = cite.show(path, citation["paragraph"])["passage"]
            expect(passage(db, path, citation["paragraph"]) == citation == shown,
                   f"passage(db, {path!r}, {citation['paragraph']}) differs from cite show:\n"
                   f"  {citation}\n  {shown}")
            count += 1
        expect(passage(db, path, len(in_file) + 1) is None,
               f"passage(db, {path!r}, {len(in_file) + 1}) finds a passage past the last one")
    expect(count == db.get_doccount(), f"the files' P terms cover {count} of "
           f"{db.get_doccount()} documents")
    return count


def check_long_path(cite_binary, ns, xapian, scratch):
    """A path over 200 bytes (with multibyte characters) is found through term_path."""
    corpus_dir = support.fresh_dir(scratch / "long-corpus")
    directory = corpus_dir / ("Zürich-" * 15) / ("subdirectory-" * 6)
    directory.mkdir(parents=True)
    file = directory / "notes on the registry.txt"
    file.write_text("Long paths\n\nThe registry of controlled persons grew in 2024.\n\n"
                    "A second paragraph, in the same file.\n", encoding="utf-8")
    path = file.relative_to(corpus_dir).as_posix()
    expect(len(path.encode()) > 200, "the long path is not longer than 200 bytes")
    term = ns["term_path"](path)
    expect(len(term) == 200 and term[:183] == path.encode()[:183] and term[183:184] == b"~",
           f"term_path({path!r}) is not 183 bytes, ~ and a hash: {term!r}")
    cite = support.Cite(cite_binary, support.fresh_dir(scratch / "long-index"))
    expect(cite.build(corpus_dir) == 3, "the long-path corpus does not give 3 passages")
    db = xapian.Database(cite.index_dir)
    found = ns["passages"](db, path)
    expect([c["path"] for c in found] == [path] * 3,
           f"passages(db, long path) finds {[c['path'] for c in found]}")
    for citation in found:
        shown = cite.show(path, citation["paragraph"])["passage"]
        expect(ns["passage"](db, path, citation["paragraph"]) == shown,
               f"passage(db, long path, {citation['paragraph']}) differs from cite show")
    record = json.loads(db.get_metadata(b"cite.file:" + term))
    expect(record["path"] == path, f"the cite.file: record of the long path is {record}")
    hits = ns["search"](db, "registry")
    expect([c["paragraph"] for _, c in hits] == [2], f"search(db, 'registry') finds {hits}")


def run(args):
    xapian = support.import_or_fail("xapian", "python3-xapian")
    corpus = support.Corpus(args.corpus)
    scratch = Path(args.scratch)
    scratch.mkdir(parents=True, exist_ok=True)
    run_dir = support.fresh_dir(scratch / "run")
    cite = support.Cite(args.cite, run_dir / ".cite")
    passage_count = cite.build(corpus.root)
    program, snippets, word, shown = doc_examples()

    # The page's snippets, run in order in one namespace from the directory holding .cite.
    ns = {"__name__": "database_md"}
    cwd = os.getcwd()
    os.chdir(run_dir)
    try:
        for snippet in snippets:
            exec(compile(snippet, str(DATABASE_MD), "exec"), ns)  # noqa: S102
    finally:
        os.chdir(cwd)
    db = ns["db"]
    expect(db.get_doccount() == passage_count,
           f"the database has {db.get_doccount()} documents, cite index reports {passage_count}")

    module = next(b for b in snippets if "def read_passage" in b)
    check_search_program(program, module, word, shown, cite, run_dir, scratch)
    stem = xapian.Stem("english")
    for w in WORDS:
        enquire = xapian.Enquire(db)
        enquire.set_query(xapian.Query(b"Z" + stem(w.lower())))
        found = [(m.weight, ns["read_passage"](db, m.docid))
                 for m in enquire.get_mset(0, 1000)]
        same_hits(f"the Z term of {w!r}", found, cite.query(w, limit=1000)["hits"])
    for query in PARSER_QUERIES:
        same_hits(f"search(db, {query!r})", ns["search"](db, query, 1000),
                  cite.query(query, limit=1000)["hits"])
    for query, terms in PHRASES.items():
        enquire = xapian.Enquire(db)
        enquire.set_query(ns["query_parser"]().parse_query(query))
        found = [(m.weight, ns["read_passage"](db, m.docid)) for m in enquire.get_mset(0, 1000)
                 if ns["may_be_phrase"](ns["decode_record"](m.document.get_data()), terms)]
        hits = cite.query(query, limit=1000)["hits"]
        expect(hits, f"cite query {query} finds nothing")
        same_hits(f"may_be_phrase over search(db, {query!r})", found, hits)
    for query in NEAR_QUERIES:
        hits = cite.query(query, limit=1000)["hits"]
        found = ns["search"](db, query, 1000)
        among = [f for f in found if any(f[1] == support.citation_of(h) for h in hits)]
        expect(hits, f"cite query {query} finds nothing")
        same_hits(f"cite's passages among search(db, {query!r})", among, hits)
    headings = ns["search"](db, "kind:heading russia", 1000)
    expect(headings and all(c["kind"] == "heading" for _, c in headings),
           "search(db, 'kind:heading russia') finds no headings, or other passages")
    paragraphs = ns["search"](db, "russia NOT kind:heading", 1000)
    expect(paragraphs and all(c["kind"] == "paragraph" for _, c in paragraphs) and
           len(paragraphs) + len(headings) == len(ns["search"](db, "russia", 1000)),
           "search(db, 'russia NOT kind:heading') does not find exactly the paragraphs")

    files = check_metadata(db, ns, xapian, corpus, cite)
    documents = check_documents(db, ns, xapian, corpus)
    looked_up = check_lookups(db, ns, cite, corpus)
    check_long_path(args.cite, ns, xapian, scratch)
    return (f"{documents} documents and {files} cite.file: records as documented; search.py, "
            f"{len(WORDS)} Z-term and {len(PARSER_QUERIES) + len(PHRASES)} query-parser searches "
            f"equal cite "
            f"query; {looked_up} P-term look-ups equal cite show; long path found")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cite", help="the cite executable")
    parser.add_argument("corpus", help="the corpus directory to index")
    parser.add_argument("scratch", help="a directory of this test's own, for its index")
    support.main(run, parser.parse_args())
