"""Start the dashboard: ``python -m cnnt.serve [streamlit options]``.

Streamlit decides on its very first script run whether an app uses the legacy
``pages/`` folder convention, and only learns otherwise when ``st.navigation``
runs.  Our pages live in ``pages/`` (the product's layout) but are declared with
``st.navigation``, so the first visitor of a freshly started server who opened a
deep link (``/du-lieu?lang=en``) would get a "Page not found" dialog.  Telling
Streamlit up front that the folder convention is not in use avoids that.

The current snapshot is opened in the background as the server starts (its tables and
facts loaded into DuckDB, the page modules imported), so that the first visitor after a
start does not wait for it (at ×1000 the first visit took 5 s, later ones 1–1.5 s).
``CNNT_WARM_UP=0`` turns that off.

The server listens on localhost only (127.0.0.1) unless configured otherwise:
``--server.address`` on the command line, ``STREAMLIT_SERVER_ADDRESS``, or
``CNNT_ADDRESS``.  A deployment for others puts a reverse proxy with TLS in
front of it (docs/deployment.md) rather than opening the port.
"""

from __future__ import annotations

import logging
import os
import sys
import threading

from cnnt.db import PROJECT_ROOT

log = logging.getLogger("cnnt")


def main(argv: list[str] | None = None) -> None:
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    PagesManager.uses_pages_directory = False
    if os.environ.get("CNNT_WARM_UP", "1") != "0":
        threading.Thread(target=warm_up, name="cnnt-warm-up", daemon=True).start()
    args = list(sys.argv[1:] if argv is None else argv)
    sys.argv = ["streamlit", "run", str(PROJECT_ROOT / "dashboard.py"), *listen_args(args), *args]
    sys.exit(cli.main())


def warm_up() -> str | None:
    """Open the current snapshot in the process-wide database the pages use and import
    what their first run would; the snapshot id, or None when there is none.  A failure
    is logged and left to the first visit, which reports it as it always does."""
    try:
        from cnnt import charts, db, ui  # noqa: F401 - imported now rather than on the first visit
        from cnnt.store import Store

        root = db.default_data_root()
        snap = Store(root).resolve().snapshot
        if snap is None:
            return None
        db.database(str(root)).run_sql(snap.id, "select 1 as ready")
        return snap.id
    except Exception:  # noqa: BLE001 - the first visit opens it again and shows any problem
        log.warning("warm-up: the current snapshot was not opened", exc_info=True)
        return None


def listen_args(args: list[str]) -> list[str]:
    """``--server.address`` for localhost unless the command line or the environment names one."""
    if any(a == "--server.address" or a.startswith("--server.address=") for a in args):
        return []
    if os.environ.get("STREAMLIT_SERVER_ADDRESS"):
        return []
    return ["--server.address", os.environ.get("CNNT_ADDRESS") or "127.0.0.1"]


if __name__ == "__main__":
    main()
