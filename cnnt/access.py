"""Who may see what.

Until roles exist, one setting decides whether an establishment's own revenue
(and anything derived from it, such as a revenue band) may be shown:
``CNNT_SHOW_CONFIDENTIAL=1``.  It defaults to hidden.
"""

from __future__ import annotations

import os


def can_see_confidential() -> bool:
    """True only when the deployment explicitly allows establishment-level revenue."""
    return os.environ.get("CNNT_SHOW_CONFIDENTIAL", "").strip().lower() in ("1", "true", "yes")
