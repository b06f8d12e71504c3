#!/usr/bin/env python3
"""Lab plugin: prints the argv it was given, so tests can see exactly how arguments were rendered."""

import json
import sys

DESCRIPTION = {
    "contract_version": "1.0",
    "commands": [
        {"name": "echo", "description": "Print the argv after the command name.",
         "parameters": [
             {"name": "name", "type": "string"},
             {"name": "count", "type": "integer"},
             {"name": "ratio", "type": "number"},
             {"name": "flag", "type": "boolean"},
             {"name": "sflag", "type": "boolean", "action": "store_true"},
             {"name": "no-cache", "type": "boolean", "action": "store_false"},
             {"name": "dry_run", "type": "boolean", "arg_style": "flag"},
             {"name": "quiet", "type": "boolean", "takes_value": False},
             {"name": "loud", "type": "boolean", "takes_value": False, "arg_style": "value"},
             {"name": "tags", "type": "array", "items": {"type": "string"}},
             {"name": "ids", "type": "array", "items": {"type": "integer"}},
             {"name": "recipients", "type": "array",
              "items": {"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"]}},
             {"name": "cfg", "type": "object"},
             {"name": "some-thing", "type": "string"},
         ]},
    ],
}

if __name__ == "__main__":
    if sys.argv[1:] == ["--describe"]:
        print(json.dumps(DESCRIPTION))
    else:
        print(json.dumps({"argv": sys.argv[2:]}, ensure_ascii=False))
