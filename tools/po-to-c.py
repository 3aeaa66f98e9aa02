#!/usr/bin/env python3
# po-to-c.py - compile the gettext catalogs into the plugin.
#
#   python3 tools/po-to-c.py -o mt_catalog_data.c po/zh_CN.po po/ja.po
#
# Writes a C file defining mt_catalog_data[MT_LANG_COUNT]: for each
# language, the translated entries of its .po file as pairs of key
# ("msgid", or "msgctxt\004msgid" as in a .mo file) and translation. Fuzzy
# and untranslated entries are left out (mailteach then shows the English
# text; the catalog test fails on them). Nothing is installed beside the
# plugin, and the language can change while Wireshark runs.
#
# SPDX-License-Identifier: GPL-2.0-or-later
import argparse
import os
import sys

LANGS = ["en", "zh_CN", "ja"]       # the order of mt_lang in mt_text.h


def po_unquote(s):
    s = s.strip()
    if not (s.startswith('"') and s.endswith('"')):
        raise ValueError("not a quoted string: %r" % s)
    body, out, i = s[1:-1], [], 0
    while i < len(body):
        c = body[i]
        if c == "\\":
            n = body[i + 1]
            out.append({"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"', "a": "\a",
                        "b": "\b", "f": "\f", "v": "\v"}.get(n, n))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def read_po(path):
    """Yield dicts with ctxt, id, str (msgstr[0] for plural entries), flags,
    obsolete."""
    entry, field = None, None

    def fresh():
        return {"ctxt": None, "id": None, "str": None, "flags": set(), "obsolete": False}

    entry = fresh()
    with open(path, encoding="utf-8") as fh:
        for raw in fh:
            line = raw.rstrip("\n")
            if not line.strip():
                if entry["id"] is not None:
                    yield entry
                entry, field = fresh(), None
                continue
            if line.startswith("#~"):
                entry["obsolete"] = True
                continue
            if line.startswith("#,"):
                entry["flags"].update(f.strip() for f in line[2:].split(","))
                continue
            if line.startswith("#"):
                continue
            if line.startswith("msgctxt "):
                if entry["id"] is not None:
                    yield entry
                    entry = fresh()
                field = "ctxt"
                entry["ctxt"] = po_unquote(line[8:])
            elif line.startswith("msgid_plural "):
                field = "plural"
            elif line.startswith("msgid "):
                if entry["id"] is not None and entry["str"] is not None:
                    yield entry
                    entry = fresh()
                field = "id"
                entry["id"] = po_unquote(line[6:])
            elif line.startswith("msgstr[0] "):
                field = "str"
                entry["str"] = po_unquote(line[10:])
            elif line.startswith("msgstr[") :
                field = "other"
            elif line.startswith("msgstr "):
                field = "str"
                entry["str"] = po_unquote(line[7:])
            elif line.startswith('"'):
                if field in ("ctxt", "id", "str"):
                    entry[field] += po_unquote(line)
            else:
                raise ValueError("%s: cannot read line %r" % (path, line))
    if entry["id"] is not None:
        yield entry


def c_quote(s):
    out = []
    for ch in s:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "?":
            out.append("\\?")          # no trigraph in ISO C mode
        elif ord(ch) < 0x20:
            out.append("\\%03o" % ord(ch))
        else:
            out.append(ch)
    return '"%s"' % "".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("po", nargs="*")
    a = ap.parse_args()
    tables = {}
    for path in a.po:
        lang = os.path.splitext(os.path.basename(path))[0]
        if lang not in LANGS[1:]:
            sys.exit("%s: no language %r in mailteach (have %s)" % (path, lang, ", ".join(LANGS[1:])))
        pairs = []
        for e in read_po(path):
            if e["obsolete"] or not e["id"] or not e["str"] or "fuzzy" in e["flags"]:
                continue
            key = e["id"] if e["ctxt"] is None else e["ctxt"] + "\x04" + e["id"]
            pairs.append((key, e["str"]))
        tables[lang] = pairs
    out = ["/* Made by tools/po-to-c.py from the catalogs in po/; do not edit. */",
           "/* SPDX-License-Identifier: GPL-2.0-or-later */",
           "#include <stddef.h>", ""]
    for lang in LANGS[1:]:
        out.append("static const char *const cat_%s[] = {" % lang)
        for key, tr in tables.get(lang, []):
            k = c_quote(key).replace("\x04", "\\004")
            out.append("    %s,\n        %s," % (k, c_quote(tr)))
        out.append("    NULL, NULL")
        out.append("};")
        out.append("")
    out.append("extern const char *const *const mt_catalog_data[%d];" % len(LANGS))
    out.append("const char *const *const mt_catalog_data[%d] = {" % len(LANGS))
    out.append("    NULL,")
    for lang in LANGS[1:]:
        out.append("    cat_%s," % lang)
    out.append("};")
    data = "\n".join(out) + "\n"
    try:
        with open(a.output, encoding="utf-8") as fh:
            if fh.read() == data:
                return
    except OSError:
        pass
    with open(a.output, "w", encoding="utf-8") as fh:
        fh.write(data)


if __name__ == "__main__":
    main()
