#!/usr/bin/env python3
"""demo_math: arithmetic, byte formatting and a coin flip, as SMCP tools.

Standard library only. Implements the SMCP plugin contract v1: `cli.py --describe` prints the
commands as JSON; `cli.py <command> --<param>=<value> ...` runs one and prints a JSON object.
Failures print {"ok": false, "error": "..."} and exit 1.
"""

import argparse
import json
import math
import random
import sys

DESCRIPTION = {
    "contract_version": "1.0",
    "plugin": {
        "name": "demo_math",
        "version": "1.0.0",
        "description": "Demo: arithmetic, byte formatting and a coin flip (typed tools, no external services).",
    },
    "commands": [
        {
            "name": "calculate",
            "description": "Add, subtract, multiply, or divide two numbers.",
            "parameters": [
                {"name": "operation", "type": "string", "required": True,
                 "description": "One of: add, subtract, multiply, divide"},
                {"name": "a", "type": "number", "required": True, "description": "First operand"},
                {"name": "b", "type": "number", "required": True, "description": "Second operand"},
            ],
        },
        {
            "name": "format_bytes",
            "description": "Turn a byte count into a human-readable string (base-1024).",
            "parameters": [
                {"name": "value", "type": "number", "required": True,
                 "description": "Number of bytes (non-negative)"},
            ],
        },
        {
            "name": "coin_flip",
            "description": "Return heads or tails (a smoke test that tools return fresh data).",
            "parameters": [],
        },
    ],
}

OPERATIONS = {
    "add": lambda a, b: a + b,
    "subtract": lambda a, b: a - b,
    "multiply": lambda a, b: a * b,
    "divide": lambda a, b: a / b,
}

UNITS = ("B", "KiB", "MiB", "GiB", "TiB")


def reply(payload, status=0):
    print(json.dumps(payload, indent=2))
    return status


def calculate(args):
    operation = args.operation.strip().lower()
    if operation not in OPERATIONS:
        return reply({"ok": False, "error": "invalid_operation",
                      "hint": "use add, subtract, multiply, or divide"}, 1)
    a, b = float(args.a), float(args.b)
    if not (math.isfinite(a) and math.isfinite(b)):
        return reply({"ok": False, "error": "operands must be finite numbers"}, 1)
    if operation == "divide" and b == 0:
        return reply({"ok": False, "error": "division_by_zero"}, 1)
    result = OPERATIONS[operation](a, b)
    if not math.isfinite(result):
        return reply({"ok": False, "error": "result_out_of_range"}, 1)
    return reply({"ok": True, "operation": operation, "a": a, "b": b, "result": result})


def format_bytes(args):
    count = float(args.value)
    if not math.isfinite(count):
        return reply({"ok": False, "error": "value must be a finite number"}, 1)
    if count < 0:
        return reply({"ok": False, "error": "value must be non-negative"}, 1)
    scaled, unit = count, 0
    while scaled >= 1024 and unit < len(UNITS) - 1:
        scaled /= 1024
        unit += 1
    human = "%d B" % int(count) if unit == 0 else "%.2f %s" % (scaled, UNITS[unit])
    return reply({"ok": True, "bytes": int(count), "human": human})


def coin_flip(_args):
    return reply({"ok": True, "result": random.choice(("heads", "tails"))})


def parser():
    root = argparse.ArgumentParser(prog="demo_math", description="SMCP demo_math plugin")
    root.add_argument("--describe", action="store_true", help="print the plugin contract as JSON")
    commands = root.add_subparsers(dest="command")
    calc = commands.add_parser("calculate", help="add, subtract, multiply, or divide two numbers")
    calc.add_argument("--operation", required=True)
    calc.add_argument("--a", type=float, required=True)
    calc.add_argument("--b", type=float, required=True)
    fmt = commands.add_parser("format_bytes", help="format a byte count")
    fmt.add_argument("--value", type=float, required=True)
    commands.add_parser("coin_flip", help="heads or tails")
    return root


def main(argv):
    args = parser().parse_args(argv)
    if args.describe:
        return reply(DESCRIPTION)
    handlers = {"calculate": calculate, "format_bytes": format_bytes, "coin_flip": coin_flip}
    if args.command not in handlers:
        return reply({"ok": False, "error": "missing command; use --describe to list them"}, 2)
    return handlers[args.command](args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
