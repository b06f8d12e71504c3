#!/usr/bin/env python3
"""Lab plugin: --describe writes 100 MiB; the probe caps it and the commands come from the --help epilog."""

import json
import sys

HELP = """usage: bigdescribe <command>

Available commands:
  tiny    A tiny command
"""

if __name__ == "__main__":
    if sys.argv[1:] == ["--describe"]:
        chunk = b" " * (1024 * 1024)
        for _ in range(100):
            sys.stdout.buffer.write(chunk)
    elif sys.argv[1:] == ["--help"]:
        print(HELP)
    else:
        print(json.dumps({"tiny": True}))
