#!/usr/bin/env python3
"""Lab plugin: --describe leaves a background process behind; the server must not keep it running.

Its pid goes to the file named by $LAB_PID_DIR/forkdescribe.pid, so a test can check the process table.
"""

import json
import os
import subprocess
import sys

if __name__ == "__main__":
    if sys.argv[1:] == ["--describe"]:
        child = subprocess.Popen(["sleep", "300"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        pid_dir = os.environ.get("LAB_PID_DIR")
        if pid_dir:
            with open(os.path.join(pid_dir, "forkdescribe.pid.tmp"), "w") as out:
                out.write("%d\n" % child.pid)
            os.replace(os.path.join(pid_dir, "forkdescribe.pid.tmp"), os.path.join(pid_dir, "forkdescribe.pid"))
        print(json.dumps({"commands": [{"name": "noop", "description": "Do nothing"}]}))
    else:
        print(json.dumps({"noop": True}))
