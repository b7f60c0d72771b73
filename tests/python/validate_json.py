#!/usr/bin/python3
"""Validates the real `--json` output of cite against docs/schema/, then checks what no schema can.

    validate_json.py CITE CORPUS SCRATCH [--library LIBCITE]

Builds an index of CORPUS in SCRATCH, runs `cite query`, `cite check` and `cite show` with
`--json`, and validates every object with python3-jsonschema. Then, per docs/json.md: `text` is
exactly the file's bytes [byte_start, byte_end) and the lines match; highlights and the sentence
lie inside the passage (the sentence quoting the file exactly); ranks count from 1; passages
cover every word of every file, in reading order. With --library (libcite.so), the index report
of cite_index_update() is validated too. The JSON examples of docs/json.md must validate, and
broken copies of real output must not, so that the schemas cannot pass everything.
"""

import argparse
import copy
import ctypes
import json
import os
import shutil
from pathlib import Path

import cite_support as support
from cite_support import expect, fail

SCHEMAS = {
    "query": "query.schema.json",
    "check": "check.schema.json",
    "passage": "passage.schema.json",
    "index-report": "index-report.schema.json",
}

# Each query exercises a row of the README's query syntax table, or an edge of the output.
QUERIES = [
    (['"controlled persons registry"'], 2),
    (["“controlled persons registry”"], None),  # typographic quotes
    (["deported", "children", "2024"], None),  # several arguments, joined with spaces
    (["deported AND children"], None),
    (["deported OR expelled"], 50),
    (["deported NOT children"], None),
    (["deported AND NOT children"], None),
    (["deported NEAR children"], None),
    (["deported NEAR/3 children"], None),
    (["(deported OR expelled) AND children"], None),
    (["migra*"], 100),
    (["file:004_fad1a6b6ca469459.txt deported"], None),
    (["file:004* deported"], None),
    (["section:backdrop birth"], None),
    (['section:"demographic decline"'], None),
    (["80,000"], None),
    (["5.70"], None),
    (["Compatriots"], None),  # hyphenated across a line end in the PDF text
    (["citizenship"], None),
    (["Russia"], 1),  # total larger than the hits
    (["Russia"], 100000),
    (["deported AND (children"], None),  # not valid syntax: searched as plain words
    (["the"], None),  # only a stopword
    (["zzzqqq"], None),  # nothing: exit code 1
]

CLAIMS = [
    (["Russia deported 100,000 foreigners in 2024"], None),
    (["Russia deported 100,000 foreigners in 2024"], 1),  # conflicting: past --limit
    (["The", "Crocus", "City", "Hall", "attack", "killed", "145", "people"], None),
    (["Only 2–4 percent of migrants commit crimes"], 5),
    (["Russia deported eighty thousand foreigners in 2024"], None),
    (["Penguins colonised the Moon in 1850"], None),
    (["the of in"], None),
]


class Validators:
    def __init__(self, jsonschema):
        self.jsonschema = jsonschema
        self.schemas = {}
        self.validators = {}
        for name, file in SCHEMAS.items():
            path = support.SCHEMA_DIR / file
            expect(path.is_file(), f"missing schema {path}")
            try:
                schema = json.loads(path.read_text(encoding="utf-8"))
            except json.JSONDecodeError as error:
                fail(f"{path} is not JSON: {error}")
            cls = jsonschema.validators.validator_for(schema)
            try:
                cls.check_schema(schema)
            except jsonschema.exceptions.SchemaError as error:
                fail(f"{path} is not a valid {cls.__name__} schema: {error.message}")
            self.schemas[name] = schema
            self.validators[name] = cls(schema)
        self.count = 0

    def errors(self, name, instance):
        return sorted(self.validators[name].iter_errors(instance), key=lambda e: list(e.path))

    def validate(self, name, instance, what):
        errors = self.errors(name, instance)
        if errors:
            first = errors[0]
            location = "/".join(str(p) for p in first.absolute_path) or "(top)"
            fail(f"{what} does not match docs/schema/{SCHEMAS[name]} at {location}: "
                 f"{first.message} ({len(errors)} error(s))")
        self.count += 1

    def rejects(self, name, instance, what):
        expect(self.errors(name, instance),
               f"docs/schema/{SCHEMAS[name]} accepts {what}: the schema is too loose")


def check_shared_definitions(validators):
    """The citation, hit and byte range are defined in each schema: the copies must not drift."""
    defs = {name: schema.get("$defs", {}) for name, schema in validators.schemas.items()}
    for definition, names in (("citation", ("query", "check", "passage")),
                              ("hit", ("query", "check")), ("byte_range", ("query", "check"))):
        copies = [defs[name].get(definition) for name in names]
        expect(copies[0] is not None and all(c == copies[0] for c in copies),
               f"$defs/{definition} differs between {', '.join(SCHEMAS[n] for n in names)}")


def check_root(result, corpus, what):
    expect(os.path.realpath(result["root"]) == str(corpus.root) and os.path.isabs(result["root"]),
           f"{what}: root {result['root']!r} is not the absolute corpus path {corpus.root}")


def check_ranks(items, what):
    ranks = [item["rank"] for item in items]
    expect(ranks == list(range(1, len(items) + 1)), f"{what}: ranks are {ranks}, not 1..n")


def check_query(corpus, result, words, limit):
    what = f"cite query {' '.join(words)!r}"
    expect(result["query"] == " ".join(words),
           f"{what}: query is {result['query']!r}, not the arguments joined with spaces")
    check_root(result, corpus, what)
    hits = result["hits"]
    expect(len(hits) <= (limit or 10), f"{what}: {len(hits)} hits, more than --limit {limit}")
    expect(result["total"] >= len(hits), f"{what}: total {result['total']} < {len(hits)} hits")
    check_ranks(hits, what)
    scores = [hit["score"] for hit in hits]
    expect(scores == sorted(scores, reverse=True), f"{what}: hits are not best first: {scores}")
    cited = [support.where(hit) for hit in hits]
    expect(len(set(cited)) == len(cited), f"{what}: a passage is listed twice: {cited}")
    for hit in hits:
        support.check_citation(corpus, hit)
        support.check_highlights(hit, hit["highlights"])


def check_claim(corpus, result, claim, limit):
    what = f"cite check {claim!r}"
    expect(result["claim"] == claim, f"{what}: claim is {result['claim']!r}")
    evidence = result["evidence"]
    if result["verdict"] != "conflicting":
        expect(len(evidence) <= (limit or 3),
               f"{what}: {len(evidence)} passages of evidence, more than --limit {limit}")
    check_ranks(evidence, what)
    for item in evidence:
        at = f"{what}, evidence {support.where(item)}"
        support.check_citation(corpus, item)
        support.check_highlights(item, item["highlights"])
        sentence = item["sentence"]
        support.check_range_inside(item, sentence["byte_start"], sentence["byte_end"], "sentence")
        quoted = corpus.bytes(item["path"])[sentence["byte_start"]:sentence["byte_end"]]
        expect(sentence["text"].encode("utf-8") == quoted,
               f"{at}: sentence text is not the file's bytes [{sentence['byte_start']}, "
               f"{sentence['byte_end']}): {sentence['text'][:60]!r}")
        for word in item["matched"] + item["missing"]:
            expect(word in claim, f"{at}: {word!r} is not written so in the claim")
        position = 0
        for number in item["numbers"]:
            found = claim.find(number["claim"], position)
            expect(found >= 0, f"{at}: number {number['claim']!r} is not in the claim, or not "
                   f"in the claim's order")
            position = found + len(number["claim"])
            if number["source"] is not None:
                expect(number["source"] in item["text"],
                       f"{at}: source figure {number['source']!r} is not in the passage")
            listed = item["matched"] if number["relation"] == "same" else item["missing"]
            expect(number["claim"] in listed,
                   f"{at}: number {number['claim']!r} ({number['relation']}) is not in "
                   f"{'matched' if number['relation'] == 'same' else 'missing'}")
    claimed = [[n["claim"] for n in item["numbers"]] for item in evidence]
    expect(all(c == claimed[0] for c in claimed),
           f"{what}: evidence items list different numbers of the claim: {claimed}")
    if result["verdict"] == "supported":
        expect(all(n["relation"] == "same" for n in evidence[0]["numbers"]),
               f"{what}: supported, but the first passage does not state every number")
    if result["verdict"] == "conflicting":
        expect(any(n["relation"] == "conflict" for item in evidence for n in item["numbers"]),
               f"{what}: conflicting, but no passage states a different figure")


def check_file_listings(cite, corpus, validators):
    """`file:PATH` lists a file's passages: numbered 1..n in reading order, covering its text."""
    passages = []
    for path in corpus.indexed_files():
        result = cite.query(f"file:{path}", limit=100000)
        validators.validate("query", result, f"cite query 'file:{path}'")
        check_query(corpus, result, [f"file:{path}"], 100000)
        hits = sorted(result["hits"], key=lambda hit: hit["paragraph"])
        expect(len(hits) == result["total"], f"file:{path}: {len(hits)} of {result['total']}")
        expect([hit["paragraph"] for hit in hits] == list(range(1, len(hits) + 1)),
               f"{path}: the paragraphs are not numbered 1..n")
        data = corpus.bytes(path)
        previous_end = 0
        for hit in hits + [None]:
            start = hit["byte_start"] if hit else len(data)
            if hit:
                expect(start >= previous_end, f"{path}: passage {support.where(hit)} overlaps "
                       "the one before it, or is out of reading order")
            gap = data[previous_end:start].decode("utf-8")
            expect(not any(c.isalnum() for c in gap),
                   f"{path}: bytes [{previous_end}, {start}) hold text that is in no passage: "
                   f"{gap[:80]!r}")
            previous_end = hit["byte_end"] if hit else previous_end
        passages.extend(hits)
    return passages


def check_passages(cite, corpus, validators, listed):
    """`cite show --json` of every passage agrees with the listing and with the file."""
    for hit in listed:
        shown = cite.show(hit["path"], hit["paragraph"])
        what = f"cite show {support.where(hit)}"
        validators.validate("passage", shown, what)
        check_root(shown, corpus, what)
        support.check_citation(corpus, shown["passage"])
        expect(support.citation_of(shown["passage"]) == support.citation_of(hit),
               f"{what}: the passage differs from the hit of cite query 'file:{hit['path']}'")
    code, _, err = cite.run("show", "--json", f"{listed[0]['path']}:{len(listed) + 1000}")
    expect(code == 2 and err.count("\n") == 1,
           f"cite show of an unknown paragraph: exit code {code} (expected 2) and stderr {err!r}")


def check_claims_file(cite, corpus, validators, scratch):
    claims_file = support.SOURCE_DIR / "tests" / "data" / "claims-dev.jsonl"
    claims = [json.loads(line)["claim"] for line in claims_file.read_text().splitlines() if line]
    mixed = scratch / "claims.txt"
    mixed.write_text(f"{claims[0]}\n\n{json.dumps({'claim': claims[1], 'id': 7})}\n"
                     "Penguins colonised the Moon in 1850\n", encoding="utf-8")
    runs = [(claims_file, claims),
            (mixed, [claims[0], claims[1], "Penguins colonised the Moon in 1850"])]
    count = 0
    for path, expected in runs:
        _, results = cite.json("check", "--claims", str(path))
        expect([r.get("claim") for r in results] == expected,
               f"cite check --claims {path.name}: the claims are not printed one per line in "
               f"the file's order")
        for result in results:
            validators.validate("check", result, f"cite check --claims {path.name}: "
                                f"{result['claim']!r}")
            check_claim(corpus, result, result["claim"], None)
            count += 1
    return count


def check_doc_examples(validators):
    """Every JSON example of docs/json.md is valid under the schema of its command."""
    count = 0
    for block in support.code_blocks(support.DOCS_DIR / "json.md", "json"):
        example = json.loads(block)
        name = ("query" if "query" in example else "check" if "claim" in example
                else "index-report" if "files_added" in example else "passage")
        validators.validate(name, example, f"the docs/json.md example {block[:50]!r}...")
        count += 1
    expect(count >= 5, f"found only {count} JSON examples in docs/json.md")
    return count


def check_index_reports(library, corpus, validators, scratch):
    """cite_index_update()'s report (cite::to_json(UpdateReport)) over adds, skips, removals."""
    lib = ctypes.CDLL(str(library))
    lib.cite_index_update.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int,
                                      ctypes.POINTER(ctypes.c_void_p)]
    lib.cite_index_update.restype = ctypes.c_int
    lib.cite_free.argtypes = [ctypes.c_void_p]
    lib.cite_last_error.restype = ctypes.c_char_p
    small = support.fresh_dir(scratch / "report-corpus")
    first, second = corpus.indexed_files()[:2]
    shutil.copy(corpus.root / first, small / "a.txt")
    shutil.copy(corpus.root / second, small / "b.txt")
    (small / "bad.txt").write_bytes(b"binary: \x00\x01\x02\x00\xff\n")
    index = scratch / "report-index"

    def update(rebuild, expected):
        out = ctypes.c_void_p()
        status = lib.cite_index_update(str(index).encode(), str(small).encode(), rebuild,
                                       ctypes.byref(out))
        expect(status == 0, f"cite_index_update failed with status {status}: "
               f"{lib.cite_last_error().decode()}")
        text = ctypes.string_at(out.value).decode("utf-8")
        lib.cite_free(out)
        report = json.loads(text)
        validators.validate("index-report", report, f"the index report {text}")
        for field, value in expected.items():
            expect(report[field] == value,
                   f"index report: {field} is {report[field]}, expected {value}: {text}")
        expect(any("bad.txt" in warning for warning in report["warnings"]),
               f"index report: no warning names the skipped file bad.txt: {text}")
        return report

    built = update(1, {"files_added": 2, "files_updated": 0, "files_unchanged": 0,
                       "files_removed": 0, "files_skipped": 1})
    expect(built["passages_written"] == built["passages_total"] > 0,
           f"index report of a rebuild: {built}")
    update(0, {"files_added": 0, "files_updated": 0, "files_unchanged": 2, "files_removed": 0,
               "files_skipped": 1, "passages_written": 0,
               "passages_total": built["passages_total"]})
    (small / "a.txt").unlink()
    with open(small / "b.txt", "a", encoding="utf-8") as file:
        file.write("\nA new closing paragraph, added to change the file.\n")
    update(0, {"files_added": 0, "files_updated": 1, "files_unchanged": 0, "files_removed": 1,
               "files_skipped": 1})
    return 3


def check_schemas_reject(validators, query, check, passage):
    """Broken copies of real output must fail: a schema that accepts anything tests nothing."""
    def broken(original, change):
        copy_ = copy.deepcopy(original)
        change(copy_)
        return copy_

    hit = lambda r: r["hits"][0]  # noqa: E731
    evidence = lambda r: r["evidence"][0]  # noqa: E731
    cases = [
        ("query", lambda r: hit(r).pop("text"), "a hit without text"),
        ("query", lambda r: hit(r).update(kind="section"), "kind \"section\""),
        ("query", lambda r: hit(r).update(highlights=[[1, 2, 3]]), "a 3-number highlight"),
        ("query", lambda r: hit(r).update(highlights=[[1]]), "a 1-number highlight"),
        ("query", lambda r: hit(r).update(paragraph=0), "paragraph 0"),
        ("query", lambda r: hit(r).update(line_start="3"), "a line number as a string"),
        ("query", lambda r: hit(r).update(byte_start=-1), "a negative byte offset"),
        ("query", lambda r: r.update(format_version=2), "format_version 2"),
        ("query", lambda r: r.pop("total"), "no total"),
        ("check", lambda r: r.update(verdict="maybe"), "verdict \"maybe\""),
        ("check", lambda r: r.update(evidence=[]), "no evidence for a found claim"),
        ("check", lambda r: evidence(r)["numbers"][0].update(source=None, relation="same"),
         "a \"same\" number without a source"),
        ("check", lambda r: evidence(r)["numbers"][0].update(relation="absent"),
         "an \"absent\" number with a source"),
        ("check", lambda r: evidence(r)["sentence"].pop("text"), "a sentence without text"),
        ("check", lambda r: evidence(r).pop("highlights"), "evidence without highlights"),
        ("check", lambda r: evidence(r).update(matched="Russia"), "matched as a string"),
        ("passage", lambda r: r["passage"].pop("path"), "a passage without a path"),
        ("passage", lambda r: r.pop("root"), "no root"),
    ]
    originals = {"query": query, "check": check, "passage": passage}
    for name, change, what in cases:
        validators.rejects(name, broken(originals[name], change), what)
    extended = broken(query, lambda r: (r.update(new_field=1), hit(r).update(new_field=[])))
    expect(not validators.errors("query", extended),
           "docs/schema/query.schema.json refuses an added field: fields may be added")
    return len(cases)


def run(args):
    jsonschema = support.import_or_fail("jsonschema", "python3-jsonschema")
    import jsonschema.validators  # noqa: F401  (the submodule, for validator_for)

    validators = Validators(jsonschema)
    check_shared_definitions(validators)
    corpus = support.Corpus(args.corpus)
    scratch = Path(args.scratch)
    scratch.mkdir(parents=True, exist_ok=True)
    cite = support.Cite(args.cite, support.fresh_dir(scratch / "index"))
    passage_count = cite.build(corpus.root)

    hits = 0
    results = {}
    for words, limit in QUERIES:
        result = cite.query(*words, limit=limit)
        validators.validate("query", result, f"cite query {' '.join(words)!r}")
        check_query(corpus, result, words, limit)
        hits += len(result["hits"])
        results.setdefault("query", result)
    expect(results["query"]["hits"], f"{QUERIES[0][0]} found nothing in {corpus.root}")

    listed = check_file_listings(cite, corpus, validators)
    expect(len(listed) == passage_count,
           f"the files list {len(listed)} passages, but cite index reports {passage_count}")
    check_passages(cite, corpus, validators, listed)

    claims = 0
    for words, limit in CLAIMS:
        args_ = ["check"] + (["--limit", str(limit)] if limit else []) + words
        code, objects = cite.json(*args_, codes=(0, 1))
        expect(len(objects) == 1, f"cite check {words} printed {len(objects)} lines, not 1")
        result = objects[0]
        claim = " ".join(words)
        validators.validate("check", result, f"cite check {claim!r}")
        check_claim(corpus, result, claim, limit)
        expect((code == 1) == (result["verdict"] == "not_found"),
               f"cite check {claim!r}: exit code {code} with verdict {result['verdict']}")
        if result["evidence"] and "check" not in results:
            results["check"] = result
        claims += 1
    claims += check_claims_file(cite, corpus, validators, scratch)
    expect(results["check"]["evidence"][0]["numbers"], "no evidence with numbers to break")

    examples = check_doc_examples(validators)
    reports = 0
    if args.library:
        reports = check_index_reports(args.library, corpus, validators, scratch)
    passage = cite.show(listed[0]["path"], listed[0]["paragraph"])
    rejected = check_schemas_reject(validators, results["query"], results["check"], passage)
    return (f"{validators.count} JSON objects valid ({len(QUERIES)} queries with {hits} hits, "
            f"{len(listed)} file passages and cite show of each, {claims} claims, {reports} index "
            f"reports, {examples} docs/json.md examples); {rejected} broken copies rejected")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cite", help="the cite executable")
    parser.add_argument("corpus", help="the corpus directory to index")
    parser.add_argument("scratch", help="a directory of this test's own, for its index")
    parser.add_argument("--library", help="libcite.so, to validate cite_index_update's report")
    support.main(run, parser.parse_args())
