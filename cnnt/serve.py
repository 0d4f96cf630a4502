"""Start the dashboard: ``python -m cnnt.serve [streamlit options]``.

Streamlit decides on its very first script run whether an app uses the legacy
``pages/`` folder convention, and only learns otherwise when ``st.navigation``
runs.  Our pages live in ``pages/`` (the product's layout) but are declared with
``st.navigation``, so the first visitor of a freshly started server who opened a
deep link (``/du-lieu?lang=en``) would get a "Page not found" dialog.  Telling
Streamlit up front that the folder convention is not in use avoids that.

The server listens on localhost only (127.0.0.1) unless configured otherwise:
``--server.address`` on the command line, ``STREAMLIT_SERVER_ADDRESS``, or
``CNNT_ADDRESS``.  A deployment for others puts a reverse proxy with TLS in
front of it (docs/deployment.md) rather than opening the port.
"""

from __future__ import annotations

import os
import sys

from cnnt.db import PROJECT_ROOT


def main(argv: list[str] | None = None) -> None:
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    PagesManager.uses_pages_directory = False
    args = list(sys.argv[1:] if argv is None else argv)
    sys.argv = ["streamlit", "run", str(PROJECT_ROOT / "dashboard.py"), *listen_args(args), *args]
    sys.exit(cli.main())


def listen_args(args: list[str]) -> list[str]:
    """``--server.address`` for localhost unless the command line or the environment names one."""
    if any(a == "--server.address" or a.startswith("--server.address=") for a in args):
        return []
    if os.environ.get("STREAMLIT_SERVER_ADDRESS"):
        return []
    return ["--server.address", os.environ.get("CNNT_ADDRESS") or "127.0.0.1"]


if __name__ == "__main__":
    main()
