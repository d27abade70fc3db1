"""Hypothesis profiles for the test suite.

- In CI (``CI`` set), Hypothesis loads its own derandomized ``ci`` profile.
- Elsewhere, ``local``: the default example count, but no ``too_slow`` health
  check and no deadline, as attrs and cattrs do: generating whole routines is
  legitimately slow on a busy machine, and timing belongs in the benchmarks.
- ``HYPOTHESIS_PROFILE=dev`` gives a quick run with 20 examples a test.
- ``HYPOTHESIS_PROFILE=mutate`` is ``dev``, derandomized and without the
  example database, for mutation runs (``nox -s mutate``): every mutant
  meets the same examples, so a kill is never luck.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "local", suppress_health_check=[HealthCheck.too_slow], deadline=None, print_blob=True
)
settings.register_profile("dev", settings.get_profile("local"), max_examples=20)
settings.register_profile("mutate", settings.get_profile("dev"), derandomize=True, database=None)

if "HYPOTHESIS_PROFILE" in os.environ:
    settings.load_profile(os.environ["HYPOTHESIS_PROFILE"])
elif "CI" not in os.environ:
    settings.load_profile("local")
