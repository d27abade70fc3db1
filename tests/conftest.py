"""Hypothesis profiles: CI loads Hypothesis' own derandomized ``ci`` profile
(CI=true); ``HYPOTHESIS_PROFILE=dev`` gives a quick local run."""

from __future__ import annotations

from hypothesis import settings

settings.register_profile("dev", max_examples=20)
