"""Run one command and print what it cost, as JSON: wall time, CPU time
(user + system) and peak resident memory, from the kernel's own account of
the child (wait4), so nothing runs inside the measured process.

    python3 bench/measure.py OUT -- COMMAND [ARG ...]

The command's stdout goes to OUT (a file, or /dev/null); its stderr is kept.
"""
import json
import os
import sys
import time


def main():
    out = sys.argv[1]
    cmd = sys.argv[sys.argv.index("--") + 1:]
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(fd, 1)
        os.execvp(cmd[0], cmd)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    print(json.dumps({
        "code": os.waitstatus_to_exitcode(status),
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        # ru_maxrss is in kilobytes on Linux.
        "rss": usage.ru_maxrss * 1024,
    }))


if __name__ == "__main__":
    main()
