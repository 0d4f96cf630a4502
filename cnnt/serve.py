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

A page opened by its own address (``/ty-le-dat``, a bookmark, a link in a report)
connects to the server at once: Streamlit's browser client does not know where the
server's root is and first tries the page's address as the root (a 404, then a
retry 100 ms later).  The page served to the browser says where the root is
(:func:`base_hint_script`), for the app's own page addresses only; ``CNNT_BASE_HINT=0``
turns that off.

The server listens on localhost only (127.0.0.1) unless configured otherwise:
``--server.address`` on the command line, ``STREAMLIT_SERVER_ADDRESS``, or
``CNNT_ADDRESS``.  A deployment for others puts a reverse proxy with TLS in
front of it (docs/deployment.md) rather than opening the port.
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import shutil
import sys
import tempfile
import threading
from pathlib import Path

from cnnt import access
from cnnt.db import PROJECT_ROOT

log = logging.getLogger("cnnt")


def main(argv: list[str] | None = None) -> None:
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    PagesManager.uses_pages_directory = False
    if os.environ.get("CNNT_BASE_HINT", "1") != "0":
        serve_static_with_base_hint()
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


# The address of every page but the overview (which is the server's root itself).
PAGE_PATHS = tuple(access.ADDRESSES.values())

# Given the address of the page opened, the server's root when the address ends in one
# of the app's pages (so "/cnnt/ty-le-dat" behind a proxy gives "<origin>/cnnt/"); else
# nothing, and Streamlit finds the root as it always does.
BASE_OF_JS = """function (pathname, origin, pages) {
  var parts = pathname.replace(/\\/+$/, "").split("/");
  var last = parts.length > 1 ? decodeURIComponent(parts[parts.length - 1]) : "";
  if (pages.indexOf(last) < 0) return undefined;
  parts.pop();
  return origin + parts.join("/") + "/";
}"""


def base_hint_script(pages: tuple[str, ...] = PAGE_PATHS) -> str:
    """A script for the head of Streamlit's page: ``window.__streamlit.BACKEND_BASE_URL``
    (read by Streamlit's client when it starts) set to the server's root, unless a host
    that embeds the app has set its own."""
    return (
        "<script>/* cnnt.serve: where the server is, so a page opened by its address connects at once */"
        f"(function () {{ if (window.__streamlit) return; try {{ var base = ({BASE_OF_JS})"
        f"(location.pathname, location.origin, {json.dumps(list(pages))});"
        " if (base) window.__streamlit = {BACKEND_BASE_URL: base}; } catch (e) {} })();</script>"
    )


def with_base_hint(index_html: str, pages: tuple[str, ...] = PAGE_PATHS) -> str | None:
    """Streamlit's index.html with :func:`base_hint_script` first in its head (before
    the client's scripts load); None when the page has no head to put it in."""
    at = index_html.find("<head>")
    if at < 0:
        return None
    at += len("<head>")
    return index_html[:at] + base_hint_script(pages) + index_html[at:]


def hinted_static_dir(source: Path, target: Path, pages: tuple[str, ...] = PAGE_PATHS) -> Path | None:
    """``target`` made into Streamlit's static folder with the hinted index.html: every
    other entry a link to ``source``'s (nothing copied, nothing of Streamlit's changed).
    None when Streamlit's page cannot take the hint (then it is served as it is)."""
    hinted = with_base_hint((source / "index.html").read_text(encoding="utf-8"), pages)
    if hinted is None:
        return None
    target.mkdir(parents=True, exist_ok=True)
    for entry in source.iterdir():
        if entry.name != "index.html":
            (target / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
    (target / "index.html").write_text(hinted, encoding="utf-8")
    return target


def serve_static_with_base_hint() -> None:
    """Make this process's Streamlit serve its page with the base hint (a folder in the
    temporary directory, removed when the server stops).  Any failure leaves Streamlit's
    own page in place: the hint saves time, nothing depends on it."""
    from streamlit import file_util

    try:
        folder = Path(tempfile.mkdtemp(prefix="cnnt-static-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        hinted = hinted_static_dir(Path(file_util.get_static_dir()), folder / "static")
    except OSError:
        log.warning("base hint: Streamlit's page is served as it is", exc_info=True)
        return
    if hinted is None:
        log.warning("base hint: Streamlit's index.html has no <head>; served as it is")
        return
    file_util.get_static_dir = lambda: str(hinted)


def listen_args(args: list[str]) -> list[str]:
    """``--server.address`` for localhost unless the command line or the environment names one."""
    if any(a == "--server.address" or a.startswith("--server.address=") for a in args):
        return []
    if os.environ.get("STREAMLIT_SERVER_ADDRESS"):
        return []
    return ["--server.address", os.environ.get("CNNT_ADDRESS") or "127.0.0.1"]


if __name__ == "__main__":
    main()
