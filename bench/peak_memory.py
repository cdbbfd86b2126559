"""The peak resident memory of the running process, measured so that a parent cannot inflate it."""

from __future__ import annotations

import resource
from pathlib import Path


def own_peak_kib() -> int:
    """This process's peak resident KiB since its program started.

    ``ru_maxrss`` is no use in a benchmark's child: Linux keeps the high-water mark from before
    exec, so a child forked from a larger process reports that process's size. ``VmHWM`` in
    /proc belongs to the new program alone; elsewhere ``ru_maxrss`` is the best there is.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
