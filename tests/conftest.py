"""Hypothesis profiles: CI loads Hypothesis' own derandomized ``ci`` profile
(CI=true); ``HYPOTHESIS_PROFILE=dev`` gives a quick local run."""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("dev", max_examples=20)
# Hypothesis does not read HYPOTHESIS_PROFILE itself; without this the variable did nothing.
if "HYPOTHESIS_PROFILE" in os.environ:
    settings.load_profile(os.environ["HYPOTHESIS_PROFILE"])
