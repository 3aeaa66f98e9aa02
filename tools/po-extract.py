#!/usr/bin/env python3
# po-extract.py - write po/mailteach.pot: every text mailteach shows, as the
# C preprocessor sees it.
#
#   python3 tools/po-extract.py [-o po/mailteach.pot] [--cc CC] [-I DIR]... FILE.c...
#
# The catalogs build their rows with macros (X(id, text, rfc), CTX(...),
# MECH(...) ...) that expand to MT_T(text), so a keyword list for xgettext
# would have to follow every macro. Instead each source file is run through
# the preprocessor with MT_EXTRACT_MSGIDS defined; mt_text.h then turns
# MT_T(en), MT_TC(ctx, en) and MT_N(en) into markers that the preprocessor
# leaves alone, with the string literals of every expansion in place, and
# the "# line" markers give each text's file and line. Texts in a translator
# comment "/* TRANSLATORS: ... */" just before are not needed: the catalog
# row around a text is its context.
#
# SPDX-License-Identifier: GPL-2.0-or-later
import argparse
import os
import re
import subprocess
import sys

MARKERS = ("__mt_msgid__", "__mt_msgctxt__", "__mt_msgfmt__")
LINEMARK = re.compile(r'^#\s*(\d+)\s+"((?:[^"\\]|\\.)*)"')


def c_unescape(body):
    """The bytes of a C string literal's body, as UTF-8 text."""
    out = bytearray()
    i = 0
    raw = body.encode("utf-8")
    simple = {ord("n"): 10, ord("t"): 9, ord("r"): 13, ord("\\"): 92, ord('"'): 34,
              ord("'"): 39, ord("a"): 7, ord("b"): 8, ord("f"): 12, ord("v"): 11, ord("?"): 63}
    while i < len(raw):
        c = raw[i]
        if c != 92:
            out.append(c)
            i += 1
            continue
        i += 1
        c = raw[i]
        if c in simple:
            out.append(simple[c])
            i += 1
        elif c == ord("x"):
            j = i + 1
            while j < len(raw) and chr(raw[j]) in "0123456789abcdefABCDEF":
                j += 1
            out.append(int(raw[i + 1:j], 16) & 0xFF)
            i = j
        elif chr(c) in "01234567":
            j = i
            while j < len(raw) and j < i + 3 and chr(raw[j]) in "01234567":
                j += 1
            out.append(int(raw[i:j], 8) & 0xFF)
            i = j
        else:
            raise ValueError("unknown escape \\%s" % chr(c))
    return out.decode("utf-8")


def po_quote(s):
    s = s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return '"%s"' % s


def scan(text, root):
    """Yield (marker, [literal args], file, line) for every marker in the
    preprocessed text."""
    cur_file, cur_line = None, 0
    pos = 0
    lines = text.split("\n")
    # rebuild with positions -> (file, line) at each line start
    starts = []
    offset = 0
    for ln in lines:
        m = LINEMARK.match(ln)
        if m:
            cur_file, cur_line = m.group(2), int(m.group(1)) - 1
            starts.append((offset, None, None))
        else:
            cur_line += 1
            starts.append((offset, cur_file, cur_line))
        offset += len(ln) + 1
    joined = text
    idx = 0
    tok = re.compile(r"(%s)\s*\(" % "|".join(MARKERS))
    for m in tok.finditer(joined):
        start = m.end()
        # find the matching parenthesis, skipping string literals
        depth, i = 1, start
        while i < len(joined) and depth:
            ch = joined[i]
            if ch == '"':
                i += 1
                while joined[i] != '"':
                    i += 2 if joined[i] == "\\" else 1
            elif ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
            i += 1
        inner = joined[start:i - 1]
        # split the arguments at top-level commas
        args, depth, j, cur = [], 0, 0, ""
        while j < len(inner):
            ch = inner[j]
            if ch == '"':
                k = j + 1
                while inner[k] != '"':
                    k += 2 if inner[k] == "\\" else 1
                cur += inner[j:k + 1]
                j = k + 1
                continue
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
            if ch == "," and depth == 0:
                args.append(cur)
                cur = ""
            else:
                cur += ch
            j += 1
        args.append(cur)
        lits = []
        for a in args:
            parts = re.findall(r'"((?:[^"\\]|\\.)*)"', a)
            rest = re.sub(r'"((?:[^"\\]|\\.)*)"', "", a).strip()
            if not parts or rest:
                lits.append(None)      # NULL, a variable: nothing to translate
            else:
                lits.append("".join(c_unescape(p) for p in parts))
        # where it is
        while idx + 1 < len(starts) and starts[idx + 1][0] <= m.start():
            idx += 1
        f, line = starts[idx][1], starts[idx][2]
        if f is None:
            continue
        f = os.path.relpath(os.path.normpath(f), root) if os.path.isabs(f) else os.path.normpath(f)
        if f.startswith(".."):
            continue
        yield m.group(1), lits, f, line


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-o", "--output", default="po/mailteach.pot")
    ap.add_argument("--cc", default=os.environ.get("CC", "cc"))
    ap.add_argument("-I", dest="incs", action="append", default=[])
    ap.add_argument("--include-list", default="",
                    help="more include folders, separated by ';' (a CMake list)")
    ap.add_argument("--check", action="store_true",
                    help="write nothing; fail if OUTPUT is not what the sources give")
    ap.add_argument("files", nargs="+")
    a = ap.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    try:
        glib = subprocess.run(["pkg-config", "--cflags", "glib-2.0"], check=True,
                              capture_output=True, text=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        glib = ["-I/usr/include/glib-2.0", "-I/usr/lib/x86_64-linux-gnu/glib-2.0/include"]
    entries = {}     # (ctxt, msgid) -> {"refs": [...], "c-format": bool}
    order = []
    for src in a.files:
        cmd = [a.cc, "-E", "-DMT_EXTRACT_MSGIDS", "-std=c11"] + glib
        incs = a.incs + [d for d in a.include_list.split(";") if d]
        cmd += ["-I" + d for d in incs] + [src]
        pre = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=root).stdout
        for marker, lits, f, line in scan(pre, root):
            if marker == "__mt_msgctxt__":
                ctxt, msgid = lits[0], lits[1] if len(lits) > 1 else None
            else:
                ctxt, msgid = None, lits[0]
            if not msgid:
                continue
            key = (ctxt, msgid)
            if key not in entries:
                entries[key] = {"refs": [], "c-format": False}
                order.append(key)
            ref = "%s:%d" % (f, line)
            if ref not in entries[key]["refs"]:
                entries[key]["refs"].append(ref)
            if marker == "__mt_msgfmt__":
                entries[key]["c-format"] = True
    out = []
    out.append('# Texts of mailteach, the Wireshark plugin that explains SMTP, POP3 and IMAP.\n'
               '# Made by tools/po-extract.py (cmake --build build --target pot); do not edit.\n'
               '# SPDX-License-Identifier: GPL-2.0-or-later\n'
               '#\n#, fuzzy\nmsgid ""\nmsgstr ""\n'
               '"Project-Id-Version: mailteach\\n"\n'
               '"Language: \\n"\n'
               '"MIME-Version: 1.0\\n"\n'
               '"Content-Type: text/plain; charset=UTF-8\\n"\n'
               '"Content-Transfer-Encoding: 8bit\\n"\n')
    for key in order:
        e = entries[key]
        ctxt, msgid = key
        s = ""
        for r in e["refs"]:
            s += "#: %s\n" % r
        if e["c-format"]:
            s += "#, c-format\n"
        elif "%" in msgid:
            s += "#, no-c-format\n"
        if ctxt:
            s += "msgctxt %s\n" % po_quote(ctxt)
        s += "msgid %s\nmsgstr \"\"\n" % po_quote(msgid)
        out.append(s)
    data = "\n".join(out)
    if a.check:
        try:
            with open(a.output, encoding="utf-8") as fh:
                old = fh.read()
        except OSError:
            old = ""
        if old == data:
            print("%s: %d texts, as the sources have them" % (a.output, len(order)))
            return
        import difflib
        sys.stdout.writelines(difflib.unified_diff(old.splitlines(True), data.splitlines(True),
                                                   a.output, "from the sources", n=1))
        sys.exit("%s is not what the sources give: cmake --build build --target pot, "
                 "then msgmerge --update po/<lang>.po po/mailteach.pot and translate" % a.output)
    os.makedirs(os.path.dirname(os.path.abspath(a.output)), exist_ok=True)
    with open(a.output, "w", encoding="utf-8") as fh:
        fh.write(data)
    print("%s: %d texts" % (a.output, len(order)), file=sys.stderr)


if __name__ == "__main__":
    main()
