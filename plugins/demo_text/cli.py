#!/usr/bin/env python3
"""demo_text: echo, word count, slug and short hash, as SMCP tools.

Standard library only. Implements the SMCP plugin contract v1: `cli.py --describe` prints the
commands as JSON; `cli.py <command> --<param>=<value> ...` runs one and prints a JSON object.
"""

import argparse
import hashlib
import json
import re
import sys

DESCRIPTION = {
    "contract_version": "1.0",
    "plugin": {
        "name": "demo_text",
        "version": "1.0.0",
        "description": "Demo: echo, counting, slug and short hash (string tools agents can compose).",
    },
    "commands": [
        {
            "name": "echo",
            "description": "Return a message with optional prefix (round-trip structured I/O).",
            "parameters": [
                {"name": "message", "type": "string", "required": True, "description": "Body text"},
                {"name": "prefix", "type": "string", "required": False, "default": "",
                 "description": "Optional label before the message"},
            ],
        },
        {
            "name": "word_count",
            "description": "Count whitespace-separated words in text.",
            "parameters": [
                {"name": "text", "type": "string", "required": True, "description": "Input text"},
            ],
        },
        {
            "name": "slugify",
            "description": "Lowercase slug from a title (alphanumeric and hyphens only).",
            "parameters": [
                {"name": "title", "type": "string", "required": True, "description": "Arbitrary phrase"},
            ],
        },
        {
            "name": "hash_preview",
            "description": "SHA-256 hex digest, first 16 chars only (not a security API).",
            "parameters": [
                {"name": "text", "type": "string", "required": True, "description": "Input to hash"},
            ],
        },
    ],
}


def reply(payload, status=0):
    print(json.dumps(payload, indent=2))
    return status


def echo(args):
    prefix = (args.prefix or "").strip()
    return reply({"ok": True, "output": "%s: %s" % (prefix, args.message) if prefix else args.message})


def word_count(args):
    return reply({"ok": True, "words": len(args.text.split()), "characters": len(args.text)})


def slugify(args):
    slug = re.sub(r"[^a-z0-9]+", "-", args.title.lower()).strip("-")
    return reply({"ok": True, "slug": slug or "untitled"})


def hash_preview(args):
    digest = hashlib.sha256(args.text.encode("utf-8")).hexdigest()
    return reply({"ok": True, "sha256_preview": digest[:16], "algorithm": "sha256"})


def parser():
    root = argparse.ArgumentParser(prog="demo_text", description="SMCP demo_text plugin")
    root.add_argument("--describe", action="store_true", help="print the plugin contract as JSON")
    commands = root.add_subparsers(dest="command")
    cmd = commands.add_parser("echo", help="echo a message")
    cmd.add_argument("--message", required=True)
    cmd.add_argument("--prefix", default="")
    commands.add_parser("word_count", help="count words").add_argument("--text", required=True)
    commands.add_parser("slugify", help="make a slug").add_argument("--title", required=True)
    commands.add_parser("hash_preview", help="short sha256").add_argument("--text", required=True)
    return root


def main(argv):
    args = parser().parse_args(argv)
    if args.describe:
        return reply(DESCRIPTION)
    handlers = {"echo": echo, "word_count": word_count, "slugify": slugify, "hash_preview": hash_preview}
    if args.command not in handlers:
        return reply({"ok": False, "error": "missing command; use --describe to list them"}, 2)
    return handlers[args.command](args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
