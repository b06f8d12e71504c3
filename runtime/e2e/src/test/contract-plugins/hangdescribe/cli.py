#!/usr/bin/env python3
"""Lab plugin: --describe never answers; the probe times out and the commands come from --help."""

import argparse
import json
import sys
import time

if __name__ == "__main__":
    if sys.argv[1:] == ["--describe"]:
        while True:
            time.sleep(60)
    parser = argparse.ArgumentParser(prog="hangdescribe")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("status", help="Report the status")
    parser.parse_args()
    print(json.dumps({"status": "fine"}))
