"""Compare candidate word lists for the spelling check (the measurements behind normlint/data/README.md).

    pip install wordfreq symspellpy pyspellchecker
    python ../shared/eval/inject.py ../shared/corpus/news-a/reuters21578.jsonl MISSPELLINGS EVALDIR --limit 2000
    python tools/measure_wordlists.py LIST EVALDIR     # LIST: symspell | pyspellchecker | wordfreq | wordfreq-small

Prints one JSON line: words, load time, peak memory (tracemalloc), unknown lowercase tokens in
the clean articles (false-alarm risk), and for the injected keyboard slips and misspellings how
many are not in the list (detectable) and how many a plain frequency ranker corrects (top-1).
"""
import json, time, tracemalloc, re, sys, gzip, collections, pathlib, math
which = sys.argv[1]
tracemalloc.start()
t = time.perf_counter()
if which == "wordfreq":
    import wordfreq
    freq = {w: f for w, f in wordfreq.get_frequency_dict("en", wordlist="large").items() if w.isalpha()}
elif which == "wordfreq-small":
    import wordfreq
    freq = {w: f for w, f in wordfreq.get_frequency_dict("en", wordlist="small").items() if w.isalpha()}
elif which == "symspell":
    import importlib.resources as r
    p = r.files("symspellpy") / "frequency_dictionary_en_82_765.txt"
    freq = {}
    for line in p.read_text().splitlines():
        w, c = line.split()
        freq[w] = int(c)
elif which == "pyspellchecker":
    from spellchecker import SpellChecker
    sp = SpellChecker()
    freq = dict(sp.word_frequency.dictionary)
load = time.perf_counter() - t
cur, peak = tracemalloc.get_traced_memory()
tracemalloc.stop()
total = sum(freq.values())
ev = pathlib.Path(sys.argv[2])
gold = [json.loads(l) for l in open(ev / "gold.jsonl")]
# coverage on clean lowercase tokens
unk = collections.Counter(); n = 0
for p in sorted((ev / "clean").glob("*.txt")):
    for w in re.findall(r"(?<![\w.@#/-])[a-z]+(?![\w@-])", p.read_text()):
        n += 1
        if w not in freq: unk[w] += 1
letters = "abcdefghijklmnopqrstuvwxyz"
def ed1(w):
    s = [(w[:i], w[i:]) for i in range(len(w) + 1)]
    out = set()
    for a, b in s:
        if b: out.add(a + b[1:])
        if len(b) > 1: out.add(a + b[1] + b[0] + b[2:])
        for c in letters:
            if b: out.add(a + c + b[1:])
            out.add(a + c + b)
    return out
def best(w):
    c = [x for x in ed1(w) if x in freq]
    if not c:
        c = [y for x in ed1(w) for y in ed1(x) if y in freq] if len(w) < 12 else []
    return max(c, key=lambda x: (freq[x], x)) if c else None
res = {}
for kind in ("keyboard", "misspelling"):
    g = [x for x in gold if x["kind"] == kind]
    det = [x for x in g if x["dirty"].lower() not in freq]
    t2 = time.perf_counter()
    cor = sum(1 for x in det if (best(x["dirty"].lower()) or "") == x["clean"].lower())
    res[kind] = dict(total=len(g), detected=len(det), top1=cor, secs=round(time.perf_counter() - t2, 1))
print(json.dumps(dict(list=which, words=len(freq), load_s=round(load, 3), peak_mb=round(peak / 2**20, 1),
      clean_tokens=n, clean_unknown=sum(unk.values()), clean_unknown_distinct=len(unk),
      top_unknown=unk.most_common(25), **res)))
