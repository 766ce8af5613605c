"""Accept or reject every tracked change of DOCX files in LibreOffice, and save them.

Run with the Python that has LibreOffice's UNO bridge (Debian: python3-uno, so
/usr/bin/python3), not the project's virtual environment:

    python3 tools/lo_review.py accept in.docx out.docx [reject in2.docx out2.docx …]

One headless LibreOffice with its own profile serves every job; it is killed when the
script ends or when --timeout seconds pass.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import uno  # noqa: F401  (sets up the bridge before com.sun.star imports)
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

COMMANDS = {"accept": ".uno:AcceptAllTrackedChanges", "reject": ".uno:RejectAllTrackedChanges"}


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(pipe: str, deadline: float):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            if time.monotonic() > deadline:
                raise TimeoutError("LibreOffice did not start") from None
            time.sleep(0.2)


def review(context, mode: str, source: Path, target: Path) -> None:
    smgr = context.ServiceManager
    desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", context)
    document = desktop.loadComponentFromURL(source.resolve().as_uri(), "_blank", 0, (prop("Hidden", True),))
    try:
        frame = document.getCurrentController().getFrame()
        dispatcher.executeDispatch(frame, COMMANDS[mode], "", 0, ())
        document.storeToURL(target.resolve().as_uri(), (prop("FilterName", "MS Word 2007 XML"),))
    finally:
        document.close(True)


def main(argv: list[str]) -> int:
    timeout = 120.0
    if argv[:1] == ["--timeout"]:
        timeout, argv = float(argv[1]), argv[2:]
    if not argv or len(argv) % 3:
        print(__doc__, file=sys.stderr)
        return 2
    jobs = [(argv[i], Path(argv[i + 1]), Path(argv[i + 2])) for i in range(0, len(argv), 3)]
    deadline = time.monotonic() + timeout
    with tempfile.TemporaryDirectory(prefix="lo-review-") as profile:
        pipe = f"prikaz_review_{os.getpid()}"
        office = subprocess.Popen(
            [
                "soffice",
                "--headless",
                "--invisible",
                "--norestore",
                "--nologo",
                "--nodefault",
                f"-env:UserInstallation={Path(profile).as_uri()}",
                f"--accept=pipe,name={pipe};urp;",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        signal.signal(signal.SIGALRM, lambda *_: os.killpg(office.pid, signal.SIGKILL))
        signal.alarm(max(1, int(timeout)))
        try:
            context = connect(pipe, deadline)
            for mode, source, target in jobs:
                review(context, mode, source, target)
        finally:
            signal.alarm(0)
            try:
                os.killpg(office.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            office.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
