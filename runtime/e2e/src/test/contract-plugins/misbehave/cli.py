#!/usr/bin/env python3
"""Lab plugin: every way a plugin call can go wrong, and the environment a call runs in."""

import json
import os
import subprocess
import sys
import time

NO_PARAMS = []
PID_FILE = [{"name": "pid_file", "type": "string", "required": True}]

DESCRIPTION = {
    "contract_version": "1.0",
    "commands": [
        {"name": "hang", "description": "Start a grandchild, write both pids, never finish.", "parameters": PID_FILE},
        {"name": "orphans", "description": "Start a grandchild that outlives this process, then exit 0.",
         "parameters": PID_FILE},
        {"name": "flood", "description": "Write this many MiB to stdout (and the pid, if asked).",
         "parameters": [{"name": "mebibytes", "type": "integer", "required": True},
                        {"name": "pid_file", "type": "string"}]},
        {"name": "text", "description": "Print plain text, not JSON.", "parameters": NO_PARAMS},
        {"name": "error_json", "description": "Print {\"error\": ...} and exit 1.", "parameters": NO_PARAMS},
        {"name": "error_object", "description": "Print an error that is an object and exit 1.", "parameters": NO_PARAMS},
        {"name": "error_on_success", "description": "Print {\"error\": ...} but exit 0.", "parameters": NO_PARAMS},
        {"name": "silent", "description": "Exit 3 without a word.", "parameters": NO_PARAMS},
        {"name": "stderr_only", "description": "Exit 4, explaining on stderr only.", "parameters": NO_PARAMS},
        {"name": "binary", "description": "Print bytes that are not UTF-8.", "parameters": NO_PARAMS},
        {"name": "binary_failure", "description": "Fail with bytes that are not UTF-8.", "parameters": NO_PARAMS},
        {"name": "environment", "description": "Report the environment the call runs in.", "parameters": NO_PARAMS},
    ],
}


def start_grandchild(pid_file):
    grandchild = subprocess.Popen(["sleep", "300"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(pid_file + ".tmp", "w") as out:
        out.write("%d %d\n" % (os.getpid(), grandchild.pid))
    os.replace(pid_file + ".tmp", pid_file)


def option(argv, name, default=None):
    prefix = "--" + name + "="
    for arg in argv:
        if arg.startswith(prefix):
            return arg[len(prefix):]
    if default is None:
        raise SystemExit("missing " + prefix)
    return default


def main(argv):
    if argv == ["--describe"]:
        print(json.dumps(DESCRIPTION))
        return 0
    command, rest = argv[0], argv[1:]
    out = sys.stdout.buffer
    if command == "hang":
        start_grandchild(option(rest, "pid-file"))
        while True:
            time.sleep(60)
    if command == "orphans":
        start_grandchild(option(rest, "pid-file"))
        print(json.dumps({"ok": True, "left": "a grandchild"}))
        return 0
    if command == "flood":
        pid_file = option(rest, "pid-file", "")
        if pid_file:
            with open(pid_file + ".tmp", "w") as out_file:
                out_file.write("%d\n" % os.getpid())
            os.replace(pid_file + ".tmp", pid_file)
        chunk = b"x" * (1024 * 1024)
        for _ in range(int(option(rest, "mebibytes"))):
            out.write(chunk)
        return 0
    if command == "text":
        print("just some text, not JSON")
        return 0
    if command == "error_json":
        print(json.dumps({"error": "boom"}))
        return 1
    if command == "error_object":
        print(json.dumps({"error": {"reason": "quota", "retry": False}}))
        return 1
    if command == "error_on_success":
        print(json.dumps({"error": "reported, but the exit code says success"}))
        return 0
    if command == "silent":
        return 3
    if command == "stderr_only":
        sys.stderr.write("misbehave: the disk is full\n")
        return 4
    if command == "binary":
        out.write(b"caf\xe9 \xff ok\n")
        return 0
    if command == "binary_failure":
        out.write(b"bad \xff\xfe bytes\n")
        return 1
    if command == "environment":
        print(json.dumps({
            "cwd": os.getcwd(),
            "stdin": sys.stdin.read(),
            "unbuffered": os.environ.get("PYTHONUNBUFFERED"),
            "visible": os.environ.get("LAB_VISIBLE"),
            "secrets": sorted(k for k in os.environ if k.startswith("MCP_API_KEY") or k == "MCP_AUTH_TOKEN"),
        }))
        return 0
    sys.stderr.write("unknown command %s\n" % command)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
