#!/usr/bin/env python3
"""Make the expected values of Describer's caption-metric tests with pycocoevalcap itself.

    reference.py scores PYCOCOEVALCAP [--corenlp CLASSPATH]
        Scores results.json against captions.json as pycocoevalcap's COCOEvalCap
        does (BLEU-1..4, ROUGE-L, CIDEr-D; METEOR and SPICE need pycocoevalcap's
        Java jars and are left out) and writes expected.json. With --corenlp the
        captions are tokenised by pycocoevalcap's PTBTokenizer running Stanford
        CoreNLP 3.4.1 from CLASSPATH, and the tokens are written to
        tokenized.json; without it the tokens are read from tokenized.json.

    reference.py tokens PYCOCOEVALCAP --corenlp CLASSPATH
        Tokenises ptb_cases.txt (one caption a line, in one PTBTokenizer run, as
        COCOEvalCap tokenises a set of captions) into ptb_cases.tokens.

PYCOCOEVALCAP is a checkout of github.com/salaniz/pycocoevalcap (the folder
holding bleu/, cider/, rouge/ and tokenizer/); it needs numpy. See README.md for
CLASSPATH.
"""
import argparse
import importlib
import json
import os
import sys
import types

HERE = os.path.dirname(os.path.abspath(__file__))


def load_pycocoevalcap(path):
    """Imports the checkout at path as the package pycocoevalcap."""
    pkg = types.ModuleType("pycocoevalcap")
    pkg.__path__ = [os.path.abspath(path)]
    sys.modules["pycocoevalcap"] = pkg
    names = ["bleu.bleu", "rouge.rouge", "cider.cider", "tokenizer.ptbtokenizer"]
    return {n.split(".")[0]: importlib.import_module("pycocoevalcap." + n) for n in names}


def tokenizer(mods, classpath):
    """pycocoevalcap's PTBTokenizer, running CoreNLP from classpath."""
    mods["tokenizer"].STANFORD_CORENLP_3_4_1_JAR = os.path.abspath(classpath)
    return mods["tokenizer"].PTBTokenizer()


def read(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        return json.load(f)


def write(name, value):
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        json.dump(value, f, indent=1, ensure_ascii=False)
        f.write("\n")


def coco_inputs():
    """gts and res as COCOEvalCap builds them, for the images of the results
    file in the annotations' order (coco_result.getImgIds())."""
    ann, results = read("captions.json"), read("results.json")
    scored = {r["image_id"] for r in results}
    ids = [im["id"] for im in ann["images"] if im["id"] in scored]
    gts = {i: [a for a in ann["annotations"] if a["image_id"] == i] for i in ids}
    res = {i: [r for r in results if r["image_id"] == i] for i in ids}
    return gts, res


def scores(args):
    mods = load_pycocoevalcap(args.pycocoevalcap)
    gts, res = coco_inputs()
    if args.corenlp:
        tok = tokenizer(mods, args.corenlp)
        gts, res = tok.tokenize(gts), tok.tokenize(res)
        write("tokenized.json", {"refs": {str(k): v for k, v in gts.items()},
                                 "cands": {str(k): v for k, v in res.items()}})
    else:
        t = read("tokenized.json")
        gts = {k: t["refs"][str(k)] for k in gts}
        res = {k: t["cands"][str(k)] for k in res}
    out = {}
    bleu, _ = mods["bleu"].Bleu(4).compute_score(gts, res, verbose=0)
    for n, b in enumerate(bleu):
        out["BLEU-%d" % (n + 1)] = float(b)
    out["ROUGE-L"] = float(mods["rouge"].Rouge().compute_score(gts, res)[0])
    out["CIDEr-D"] = float(mods["cider"].Cider().compute_score(gts, res)[0])
    write("expected.json", out)
    print(json.dumps(out, indent=1))


def tokens(args):
    mods = load_pycocoevalcap(args.pycocoevalcap)
    with open(os.path.join(HERE, "ptb_cases.txt"), encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines[-1] == "":
        lines.pop()
    caps = {i: [{"caption": c}] for i, c in enumerate(lines)}
    out = tokenizer(mods, args.corenlp).tokenize(caps)
    with open(os.path.join(HERE, "ptb_cases.tokens"), "w", encoding="utf-8") as f:
        for i in range(len(lines)):
            f.write(out[i][0] + "\n")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("scores")
    s.add_argument("pycocoevalcap")
    s.add_argument("--corenlp")
    s.set_defaults(run=scores)
    t = sub.add_parser("tokens")
    t.add_argument("pycocoevalcap")
    t.add_argument("--corenlp", required=True)
    t.set_defaults(run=tokens)
    args = p.parse_args()
    args.run(args)


if __name__ == "__main__":
    main()
