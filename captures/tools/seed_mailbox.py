#!/usr/bin/python3
"""Reset a lab user's Maildir to a known state (run as root).

    seed_mailbox.py USER [MESSAGE.eml ...]

Removes ~USER/Maildir completely (messages, folders, Dovecot index files) and
writes the given messages (default: tools/messages/0*.eml) as maildir files
in new/, in order, so they get sequence numbers 1, 2, 3 ... in POP3 and IMAP.
"""

import glob
import os
import pwd
import shutil
import sys

TOOLS = os.path.dirname(os.path.abspath(__file__))


def main():
    user = sys.argv[1]
    msgs = sys.argv[2:] or sorted(glob.glob(os.path.join(TOOLS, "messages", "0*.eml")))
    pw = pwd.getpwnam(user)
    md = os.path.join(pw.pw_dir, "Maildir")
    shutil.rmtree(md, ignore_errors=True)
    for sub in ("", "cur", "new", "tmp"):
        p = os.path.join(md, sub)
        os.makedirs(p, mode=0o700, exist_ok=True)
        os.chown(p, pw.pw_uid, pw.pw_gid)
    base = 1725267600  # 2024-09-02 09:00:00 UTC, fixed so names sort in order
    for i, path in enumerate(msgs):
        with open(path, "rb") as f:
            data = f.read().replace(b"\r\n", b"\n")
        name = "%d.M%dP%d.mail.example.test,S=%d" % (base + 300 * i, i + 1, 4242, len(data))
        dst = os.path.join(md, "new", name)
        with open(dst, "wb") as f:
            f.write(data)
        os.chown(dst, pw.pw_uid, pw.pw_gid)
        os.chmod(dst, 0o600)
        t = base + 300 * i
        os.utime(dst, (t, t))
    print("%s: %d message(s) in %s" % (user, len(msgs), md))


if __name__ == "__main__":
    main()
