#!/usr/bin/python3
"""A tiny TCP proxy on 127.0.0.1 that cuts server replies into small segments.

    split_proxy.py LISTEN_PORT TARGET_PORT [CHUNK]

Client -> server bytes are forwarded unchanged. Server -> client bytes are
written to the client in CHUNK-octet pieces (default 37, so lines and even
CR/LF pairs get split at varying places), one send() per piece with
TCP_NODELAY and a short pause, so every piece leaves in its own TCP segment.
A POP3 multi-line terminator "\\r\\n.\\r\\n" at the end of a read is always
cut as "...\\r\\n." + "\\r\\n", to exercise reassembly of the end marker.

Used to make pop3-split-responses.pcapng and imap-split-literal.pcapng:
capture on LISTEN_PORT, so the capture shows client <-> proxy only. The
bytes themselves are exactly what the real Dovecot server sent.
"""

import socket
import sys
import threading
import time

HOST = "127.0.0.1"


def pieces(data, chunk):
    tail = b""
    if data.endswith(b"\r\n.\r\n") and len(data) > 5:
        data, tail = data[:-2], b"\r\n"
    out = [data[i:i + chunk] for i in range(0, len(data), chunk)]
    if tail:
        out.append(tail)
    return out


def pump_up(client, server):
    try:
        while True:
            data = client.recv(65536)
            if not data:
                break
            server.sendall(data)
    except OSError:
        pass
    try:
        server.shutdown(socket.SHUT_WR)
    except OSError:
        pass


def pump_down(server, client, chunk):
    try:
        while True:
            data = server.recv(65536)
            if not data:
                break
            for p in pieces(data, chunk):
                client.sendall(p)
                time.sleep(0.002)
    except OSError:
        pass
    try:
        client.shutdown(socket.SHUT_WR)
    except OSError:
        pass


def handle(client, target, chunk):
    server = socket.create_connection((HOST, target))
    for s in (client, server):
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    up = threading.Thread(target=pump_up, args=(client, server), daemon=True)
    up.start()
    pump_down(server, client, chunk)
    up.join(5)
    client.close()
    server.close()


def main():
    listen, target = int(sys.argv[1]), int(sys.argv[2])
    chunk = int(sys.argv[3]) if len(sys.argv) > 3 else 37
    ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind((HOST, listen))
    ls.listen(5)
    while True:
        client, _ = ls.accept()
        threading.Thread(target=handle, args=(client, target, chunk), daemon=True).start()


if __name__ == "__main__":
    main()
