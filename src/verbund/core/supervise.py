"""Run several server processes as one: output shared, all stop when one stops.

``verbund demo`` serves with gunicorn and the background worker side by side; Ctrl+C
(SIGINT to the whole terminal process group) or SIGTERM to this process stops both,
and if either dies the other is stopped too, so the demo never runs half.
"""

import signal
import subprocess
import time

# How long a process may take to stop after SIGTERM before it is killed.
STOP_TIMEOUT = 10.0
POLL_SECONDS = 0.2


def run_together(commands: list[list[str]], env: dict[str, str] | None = None) -> int:
    """Start every command, wait until one ends (or a signal comes), stop the rest.

    Returns the exit code of the process that ended first (0 after a signal).
    """
    stopping = []

    def on_signal(signum, frame):
        stopping.append(signum)

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    processes = []
    try:
        # stdout/stderr are inherited: both processes write to this terminal.
        processes = [subprocess.Popen(command, env=env) for command in commands]
        first_code = None
        while first_code is None and not stopping:
            for process in processes:
                code = process.poll()
                if code is not None:
                    first_code = code
                    break
            else:
                time.sleep(POLL_SECONDS)
        _stop(processes)
        return 0 if first_code is None else first_code
    finally:
        _stop(processes)
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            process.terminate()
    deadline = time.monotonic() + STOP_TIMEOUT
    for process in processes:
        try:
            process.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
