#!/usr/bin/python3
"""Signs in to a running veriframe-cloud as a demo user, fetches the first page of events
and has veriframe-verify judge every thumbnail for that user: the command-line view of
what the app's Events tab shows. Usage: demo_verify.py URL DATA_DIR VERIFY_BIN [USER]"""
import base64
import json
import os
import subprocess
import sys
import tempfile
import urllib.request


def call(url, token=None, body=None):
    request = urllib.request.Request(url, data=json.dumps(body).encode() if body else None)
    if token:
        request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request, timeout=30) as answer:
        return answer.read()


def main():
    base, data_dir, verify = sys.argv[1:4]
    username = sys.argv[4] if len(sys.argv) > 4 else "alice"
    users = json.load(open(os.path.join(data_dir, "users.json")))
    user = next(u for u in users if u["username"] == username)
    login = json.loads(call(base + "/v1/session", body={"username": username, "password": user["password"]}))
    token = login["token"]
    page = json.loads(call(base + "/v1/events?limit=24", token))
    counts = {}
    with tempfile.TemporaryDirectory() as work:
        for event in page["events"]:
            files = {}
            for name, data in (("att", base64.b64decode(event["attestation"])),
                               ("claim", base64.b64decode(event["claim"]) if event.get("claim") else b""),
                               ("thumb", call(base + event["thumbnail"], token))):
                files[name] = os.path.join(work, name)
                open(files[name], "wb").write(data)
            run = subprocess.run([verify, "--device-roots", os.path.join(data_dir, "trust/device-roots.pem"),
                                  "--owner-authorities", os.path.join(data_dir, "trust/owner-authorities.pem"),
                                  "--user", login["user_id"], "--attestation", files["att"],
                                  "--claim", files["claim"], "--media", files["thumb"], "--role", "thumbnail",
                                  "--event-id", event["id"], "--device-id", event["device_id"]],
                                 capture_output=True, text=True)
            verdict = json.loads(run.stdout)
            shown = verdict.get("role") if verdict["verdict"] == "verified" else "REFUSED " + verdict["reason"]
            counts[shown] = counts.get(shown, 0) + 1
            print(f'{event["id"]:<22} {event.get("device_name", ""):<14} {event.get("kind", ""):<8} {shown}')
    print("summary for %s: %s" % (username, ", ".join(f"{n} {k}" for k, n in sorted(counts.items()))))


if __name__ == "__main__":
    main()
