"""Every policy number in one place: suppression, minimum n, windows, bootstrap.

These are decisions, not facts of the data: the Department may change them, and a
reviewer should find them here rather than scattered through pages and queries.
Thresholds of the programme itself (pass marks, certificate validity) are data
(``rounds.pass_threshold``, ``regulations.certificate_valid_years``), not here.
"""

from __future__ import annotations

# Disclosure control for totals of confidential money (cnnt.disclosure).
MIN_ESTABLISHMENTS_PER_CELL = 3  # a total over fewer establishments is suppressed
MAX_SHARE_OF_LARGEST = 0.85  # ... or one where a single establishment makes more than this share
MIN_ESTABLISHMENTS_ACROSS_HIDDEN = 3  # suppressed cells of a row together rest on at least this many

# Estimates drawn from establishment-level figures (cnnt.stats).
MIN_ESTABLISHMENTS_PER_POINT = 5  # a median, index or interval resting on fewer is not shown
BOOTSTRAP_DRAWS = 400  # resamples of establishments for a 95% interval
BOOTSTRAP_SEED = 2012  # the same interval on every run
EVENT_YEARS_BEFORE = 3  # event-study window: years before the event (year −1 is the base)
EVENT_YEARS_AFTER_DEFAULT = 3  # years after, for the balanced panel (the page lets the reader widen it)
EVENT_YEARS_AFTER_MAX = 5

SUPPORT_WINDOW_YEARS = 3  # support compared per establishment per year in equal windows before/after

# Rates (pass rates, participation).
MIN_N_RATE = 10  # a rate over fewer entries is drawn hollow and flagged as unreliable
NEAR_TIE_POINTS = 0.5  # criteria whose average points lost differ by less than this are a tie
