#!/usr/bin/env python3
"""A webhook receiver for trying notifications out: prints every POST it gets, one JSON body per line, and answers 204.

    python3 scripts/webhook-receiver.py            # listens on 127.0.0.1:8099
    python3 scripts/webhook-receiver.py 9000       # another port

Point a webhook channel at it (see docs/notifications.md):
    supervisor.notifications.channels.hook { type = webhook, url = "http://127.0.0.1:8099/hook" }
It does not check signatures; it is for a first look, not for production.
"""
import json
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        try:
            event = json.loads(body)
            print(f"{event.get('at', '')}  {event.get('severity', ''):8}  {event.get('kind', ''):24}  {event.get('message', '')}", flush=True)
        except ValueError:
            print(body.decode("utf-8", "replace"), flush=True)
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):  # the line above is the log
        pass


port = int(sys.argv[1]) if len(sys.argv) > 1 else 8099
print(f"webhook receiver on http://127.0.0.1:{port}/ (Ctrl+C to stop)", flush=True)
HTTPServer(("127.0.0.1", port), Receiver).serve_forever()
