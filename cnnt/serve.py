"""Start the dashboard: ``python -m cnnt.serve [streamlit options]``.

Streamlit decides on its very first script run whether an app uses the legacy
``pages/`` folder convention, and only learns otherwise when ``st.navigation``
runs.  Our pages live in ``pages/`` (the product's layout) but are declared with
``st.navigation``, so the first visitor of a freshly started server who opened a
deep link (``/du-lieu?lang=en``) would get a "Page not found" dialog.  Telling
Streamlit up front that the folder convention is not in use avoids that.
"""

from __future__ import annotations

import sys

from cnnt.db import PROJECT_ROOT


def main(argv: list[str] | None = None) -> None:
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(PROJECT_ROOT / "dashboard.py"), *(sys.argv[1:] if argv is None else argv)]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
