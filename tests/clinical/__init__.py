"""The clinical-invariant suite: every output of the public API checked against the fact sheet.

Each module holds, for one area, pure checker functions (an output in, a list
of violations out) and the properties that run them over generated people,
kits, goals, catalogs, programs and logs. Every invariant's docstring names
its identifier and the section of the fact sheet (DOMAIN) it is read from,
and every checker is shown once to reject a deliberately unsafe input, so
that no check passes by checking nothing.
"""
