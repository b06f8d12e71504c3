#!/usr/bin/env python3
"""Lab plugin for the end-to-end tests: slow calls with a grandchild process, and failures."""

import argparse
import json
import os
import subprocess
import sys
import time

DESCRIPTION = {
    "contract_version": "1.0",
    "commands": [
        {"name": "sleep", "description": "Write own and grandchild pids to a file, then sleep.",
         "parameters": [
             {"name": "seconds", "type": "number", "required": True},
             {"name": "pid_file", "type": "string", "required": True}]},
        {"name": "fail_stderr", "description": "Exit 3 with a message on stderr only.", "parameters": []},
    ],
}


def main(argv):
    if argv == ["--describe"]:
        print(json.dumps(DESCRIPTION))
        return 0
    parser = argparse.ArgumentParser(prog="lab")
    commands = parser.add_subparsers(dest="command", required=True)
    sleep = commands.add_parser("sleep")
    sleep.add_argument("--seconds", type=float, required=True)
    sleep.add_argument("--pid-file", required=True)
    commands.add_parser("fail_stderr")
    args = parser.parse_args(argv)
    if args.command == "fail_stderr":
        print("lab: something broke on stderr", file=sys.stderr)
        return 3
    grandchild = subprocess.Popen(["sleep", str(args.seconds + 60)])
    with open(args.pid_file + ".tmp", "w") as out:
        out.write("%d %d\n" % (os.getpid(), grandchild.pid))
    os.replace(args.pid_file + ".tmp", args.pid_file)
    time.sleep(args.seconds)
    print(json.dumps({"ok": True, "slept": args.seconds}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
