#!/usr/bin/env python3
"""Lab plugin: plain argparse, no --describe. The server must find its commands and options in --help."""

import argparse
import json
import sys


def main(argv):
    parser = argparse.ArgumentParser(prog="helponly", description="A plugin that only has --help")
    commands = parser.add_subparsers(dest="command", required=True)
    greet = commands.add_parser("greet", help="Greet someone",
                                formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    greet.add_argument("--name", required=True, help="who to greet")
    greet.add_argument("--greeting", choices=["hello", "hi"], default="hello", help="the word to use")
    greet.add_argument("--times", type=int, default=1, help="how many times")
    greet.add_argument("--shout", action="store_true", help="upper-case the greeting")
    commands.add_parser("version", help="Print the version")
    args = parser.parse_args(argv)
    if args.command == "version":
        print(json.dumps({"version": "1.2.3"}))
        return 0
    text = " ".join(["%s, %s!" % (args.greeting, args.name)] * args.times)
    print(json.dumps({"text": text.upper() if args.shout else text}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
