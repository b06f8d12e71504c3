#!/usr/bin/env python3
"""Lab plugin: a real argparse parser, to prove that what the server renders is what argparse accepts."""

import argparse
import json
import sys

DESCRIPTION = {
    "contract_version": "1.0",
    "commands": [
        {"name": "parse", "description": "Parse the options with argparse and print what it made of them.",
         "parameters": [
             {"name": "name", "type": "string", "required": True},
             {"name": "count", "type": "integer"},
             {"name": "verbose", "type": "boolean", "action": "store_true"},
             {"name": "no-cache", "type": "boolean", "action": "store_false"},
             {"name": "tag", "type": "array", "items": {"type": "string"}},
             {"name": "recipients", "type": "array", "items": {"type": "object"}},
             {"name": "cfg", "type": "object"},
         ]},
    ],
}


def main(argv):
    if argv == ["--describe"]:
        print(json.dumps(DESCRIPTION))
        return 0
    parser = argparse.ArgumentParser(prog="flags")
    commands = parser.add_subparsers(dest="command", required=True)
    parse = commands.add_parser("parse")
    parse.add_argument("--name", required=True)
    parse.add_argument("--count", type=int, default=0)
    parse.add_argument("--verbose", action="store_true")
    parse.add_argument("--no-cache", dest="cache", action="store_false")
    parse.add_argument("--tag", action="append", default=[])
    parse.add_argument("--recipients", type=json.loads, default=[])
    parse.add_argument("--cfg", type=json.loads, default={})
    args = vars(parser.parse_args(argv))
    del args["command"]
    print(json.dumps(args, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
