#!/usr/bin/env python3
"""Lab plugin: answers --describe and --help with garbage (exit 0): loads with no tools, harms nobody."""

import sys

if __name__ == "__main__":
    sys.stdout.buffer.write(b"\x00\xff{{{ not json \x1b[31m \xfe\n" * 50)
