#!/usr/bin/env python3
"""Writes N claims (JSON Lines) for benchmarking `cite check --claims`: the dev claims, then
sentences taken from the corpus, one in three with its first figure changed so that the batch
mixes supported, conflicting, partial and not-found claims. Deterministic.

    bench/make-claims.py CORPUS_DIR DEV_CLAIMS N > claims.jsonl
"""
import json
import pathlib
import re
import sys

corpus, dev, count = pathlib.Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
claims = [json.loads(line)["claim"] for line in open(dev, encoding="utf-8")]
sentences = []
for path in sorted(corpus.rglob("*")):
    if path.is_file():
        text = " ".join(path.read_text(encoding="utf-8", errors="replace").split())
        sentences += [s for s in re.split(r"(?<=[.!?])\s+", text) if 6 <= len(s.split()) <= 30]
for i, sentence in enumerate(sentences):
    if len(claims) >= count:
        break
    if i % 3 == 0:
        sentence = re.sub(r"\d[\d,]*", lambda m: str(int(m.group(0).replace(",", "")) * 2 + 1), sentence, count=1)
    claims.append(sentence)
while len(claims) < count:  # a small corpus: cycle
    claims.append(claims[len(claims) % max(1, len(sentences))])
for claim in claims[:count]:
    print(json.dumps({"claim": claim}))
