#!/usr/bin/env python3
"""Lab plugin: a --describe that takes a few seconds; other plugins must not wait for it."""

import json
import sys
import time

if __name__ == "__main__":
    if sys.argv[1:] == ["--describe"]:
        time.sleep(3)
        print(json.dumps({"commands": [{"name": "ping", "description": "Answer pong"}]}))
    else:
        print(json.dumps({"pong": True}))
