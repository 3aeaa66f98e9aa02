#!/usr/bin/env python3
# po-check.py - is a catalog complete and faithful to po/mailteach.pot?
#
#   python3 tools/po-check.py [--pot po/mailteach.pot] po/zh_CN.po po/ja.po
#
# For each catalog, fails (exit 1) on: a text of the template it lacks, an
# empty or fuzzy translation, an entry the template no longer has, a
# placeholder {1}..{9} or a printf conversion that differs from the English
# text's, an RFC number or section sign "§x.y" that is lost or added, a
# line break the English text does not have, and a translation with no
# character of its language although the English text is a sentence.
# Then prints the statistics line as msgfmt --statistics does.
#
# SPDX-License-Identifier: GPL-2.0-or-later
import argparse
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from importlib import import_module  # noqa: E402

po_to_c = import_module("po-to-c")

PLACEHOLDER = re.compile(r"\{[1-9]\}")
PRINTF = re.compile(r"%(?:[-+ #0]*\d*(?:\.\d+)?(?:hh|h|ll|l|z|j|t)?[diouxXeEfgGcsp%]|\"G_G(?:U?INT(?:64|32)|SIZE)_FORMAT\")")
RFC = re.compile(r"RFC ?\d{3,5}")
SECTION = re.compile(r"§ ?[0-9]+(?:\.[0-9]+)*")
CJK = {"zh_CN": re.compile(r"[\u4e00-\u9fff]"),
       "ja": re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")}


def key(e):
    return (e["ctxt"], e["id"])


def words(s):
    return len(re.findall(r"[A-Za-z]{2,}", s))


def check(pot, path):
    lang = os.path.basename(path).split(".")[0]
    problems = []
    want = {key(e): e for e in po_to_c.read_po(pot) if e["id"]}
    have = {}
    for e in po_to_c.read_po(path):
        if not e["id"] or e["obsolete"]:
            continue
        have[key(e)] = e
    done = fuzzy = empty = 0
    for k, w in want.items():
        e = have.get(k)
        where = "%s: %r" % (path, (k[0] + " | " if k[0] else "") + k[1][:70])
        if e is None:
            problems.append(where + ": missing")
            empty += 1
            continue
        if not e["str"]:
            problems.append(where + ": not translated")
            empty += 1
            continue
        if "fuzzy" in e["flags"]:
            problems.append(where + ": fuzzy")
            fuzzy += 1
            continue
        done += 1
        en, tr = k[1], e["str"]
        if sorted(PLACEHOLDER.findall(en)) != sorted(PLACEHOLDER.findall(tr)):
            problems.append(where + ": placeholders %s, translation has %s"
                            % (sorted(PLACEHOLDER.findall(en)), sorted(PLACEHOLDER.findall(tr))))
        if PRINTF.findall(en) != PRINTF.findall(tr) and "c-format" in w["flags"]:
            problems.append(where + ": printf conversions %s, translation has %s"
                            % (PRINTF.findall(en), PRINTF.findall(tr)))
        norm = lambda xs: sorted(set(x.replace(" ", "") for x in xs))  # noqa: E731
        if norm(RFC.findall(en)) != norm(RFC.findall(tr)):
            problems.append(where + ": RFCs %s, translation has %s" % (norm(RFC.findall(en)), norm(RFC.findall(tr))))
        if norm(SECTION.findall(en)) != norm(SECTION.findall(tr)):
            problems.append(where + ": sections %s, translation has %s"
                            % (norm(SECTION.findall(en)), norm(SECTION.findall(tr))))
        if tr.count("\n") != en.count("\n"):
            problems.append(where + ": line breaks differ")
        if lang in CJK and words(en) >= 3 and not CJK[lang].search(tr):
            problems.append(where + ": no %s text in %r" % (lang, tr[:60]))
    for k in have:
        if k not in want:
            problems.append("%s: %r: not in the template (obsolete: run the pot target and msgmerge)"
                            % (path, k[1][:70]))
    print("%s: %d translated messages, %d fuzzy translations, %d untranslated messages."
          % (path, done, fuzzy, empty))
    return problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pot", default="po/mailteach.pot")
    ap.add_argument("--max", type=int, default=40, help="problems printed per catalog")
    ap.add_argument("po", nargs="+")
    a = ap.parse_args()
    bad = 0
    for path in a.po:
        problems = check(a.pot, path)
        for p in problems[:a.max]:
            print("  " + p)
        if len(problems) > a.max:
            print("  ... and %d more" % (len(problems) - a.max))
        bad += len(problems)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
