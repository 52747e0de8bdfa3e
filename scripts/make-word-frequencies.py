#!/usr/bin/env python3
"""Writes data/english-words.tsv, the general English word-frequency list the core ranks
summary phrases against (`spoiler-shield shield-from-summary`).

Source: the `wordfreq` package (PyPI, version pinned below), whose English figures blend
Wikipedia, subtitles, news, books, web text and social media. Its data is CC-BY-SA 4.0
(see data/README.md). One line per Zipf frequency (log10 of occurrences per billion
words, to one decimal), most frequent first: the figure, a tab, then the words that have
it, separated by spaces. Only words of letters (and inner apostrophes) are kept, to the
first N_WORDS of them.

    pip install wordfreq==3.1.1 && python3 scripts/make-word-frequencies.py
"""
import re
import sys

import wordfreq

N_WORDS = 30_000
WORD = re.compile(r"^[a-z]+(?:'[a-z]+)?$")


def main() -> None:
    out_path = sys.argv[1] if len(sys.argv) > 1 else "data/english-words.tsv"
    groups: dict[str, list[str]] = {}
    kept = 0
    for word in wordfreq.iter_wordlist("en", wordlist="best"):
        if not WORD.match(word):
            continue
        groups.setdefault(f"{wordfreq.zipf_frequency(word, 'en'):.1f}", []).append(word)
        kept += 1
        if kept == N_WORDS:
            break
    with open(out_path, "w", encoding="utf-8") as out:
        for zipf in sorted(groups, key=float, reverse=True):
            out.write(f"{zipf}\t{' '.join(groups[zipf])}\n")
    print(f"{out_path}: {kept} words", file=sys.stderr)


if __name__ == "__main__":
    main()
