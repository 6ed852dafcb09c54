#!/usr/bin/env python3
"""Prepares the benchmark corpus for scripts/bench.sh.

Writes about TARGET_MB of Kazakh text three times: as a folder of article-sized .txt
files (documents grouped from the source, spread over subfolders), as one big .txt file
with the same text, and as one JSONL file with a record a document (id and text). The source is ../shared/corpus/kazsandra_reviews.jsonl when it
exists (real Kazakh reviews), else the sample article in data/articles, varied so that
the vocabulary is not trivially small.
"""
import json
import os
import random
import shutil
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "bench-data")
target = int(float(sys.argv[2] if len(sys.argv) > 2 else 100) * 1_000_000)
shared = os.path.join(root, "..", "shared", "corpus", "kazsandra_reviews.jsonl")


def documents():
    if os.path.exists(shared):
        with open(shared, encoding="utf-8") as f:
            texts = [json.loads(line)["text"] for line in f]
        # Group short reviews into article-sized documents (~6 KB), one review a paragraph.
        docs, cur, size = [], [], 0
        for t in texts:
            cur.append(t)
            size += len(t.encode())
            if size > 6000:
                docs.append("\n\n".join(cur))
                cur, size = [], 0
        if cur:
            docs.append("\n\n".join(cur))
        return "kazsandra", docs
    art_dir = os.path.join(root, "data", "articles")
    sample = "".join(open(os.path.join(art_dir, n), encoding="utf-8").read() for n in sorted(os.listdir(art_dir)))
    words = sample.split()
    rng = random.Random(7)
    docs = []
    for _ in range(400):
        # Shuffle the sample's words into new sentences, with endings swapped between words,
        # so counting meets many distinct forms.
        n = rng.randint(600, 1000)
        picked = [rng.choice(words) for _ in range(n)]
        docs.append(" ".join(picked))
    return "generated", docs


def main():
    source, docs = documents()
    folder = os.path.join(out, "folder")
    big = os.path.join(out, "big.txt")
    jsonl = os.path.join(out, "big.jsonl")
    stamp = os.path.join(out, "STAMP")
    want = f"{source} {target} jsonl\n"
    if os.path.exists(stamp) and open(stamp).read() == want:
        print(f"bench corpus ready in {out} ({source})")
        return
    # Start from nothing: files of an earlier, larger corpus would be counted too, and
    # an interrupted run must not leave a stamp that says the corpus is ready.
    if os.path.exists(stamp):
        os.remove(stamp)
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder, exist_ok=True)
    written, i, rep = 0, 0, 0
    with open(big, "w", encoding="utf-8") as bigf, open(jsonl, "w", encoding="utf-8") as jsonlf:
        while written < target:
            for d in docs:
                if written >= target:
                    break
                sub = os.path.join(folder, f"{rep:02d}", f"{i // 1000:03d}")
                os.makedirs(sub, exist_ok=True)
                with open(os.path.join(sub, f"{i:07d}.txt"), "w", encoding="utf-8") as f:
                    f.write(d)
                bigf.write(d)
                bigf.write("\n\n")
                jsonlf.write(json.dumps({"id": f"{i:07d}", "text": d}, ensure_ascii=False))
                jsonlf.write("\n")
                written += len(d.encode()) + 2
                i += 1
            rep += 1
    open(stamp, "w").write(want)
    print(f"wrote {written / 1e6:.1f} MB in {i} documents from {source} to {out}")


main()
