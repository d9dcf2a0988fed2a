#!/usr/bin/python3
"""A real SMTP server for the tests (aiosmtpd, RFC 5321): every message it accepts is written
to FOLDER as N.eml (the bytes received) and N.json ({"mail_from", "rcpt_tos"}); a recipient
listed in FOLDER/refuse (one address a line, read at each RCPT) is refused with 550.

usage: sink.py --port PORT --dir FOLDER     runs until SIGTERM or SIGINT
"""
import argparse
import itertools
import json
import os
import signal
import threading

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.counter = itertools.count(1)

    def refused(self):
        try:
            with open(os.path.join(self.folder, 'refuse'), encoding='utf-8') as f:
                return {line.strip().lower() for line in f if line.strip()}
        except FileNotFoundError:
            return set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refused():
            return '550 5.1.1 <%s>: Recipient address rejected by the test sink' % address
        envelope.rcpt_tos.append(address)
        return '250 OK'

    async def handle_DATA(self, server, session, envelope):
        n = next(self.counter)
        base = os.path.join(self.folder, '%06d-%d' % (n, os.getpid()))
        with open(base + '.json.tmp', 'w', encoding='utf-8') as f:
            json.dump({'mail_from': envelope.mail_from, 'rcpt_tos': envelope.rcpt_tos}, f)
        with open(base + '.eml.tmp', 'wb') as f:
            f.write(envelope.original_content or envelope.content)
        # Renamed last, so that a reader never sees half a message.
        os.rename(base + '.json.tmp', base + '.json')
        os.rename(base + '.eml.tmp', base + '.eml')
        return '250 Message accepted'


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--port', type=int, required=True)
    parser.add_argument('--dir', required=True)
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    controller = Controller(Sink(args.dir), hostname='127.0.0.1', port=args.port)
    controller.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == '__main__':
    main()
