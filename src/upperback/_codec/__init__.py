"""The codec core: the cattrs converter and the document envelope.

Private. It knows the value types it must tag (the prop union) and no model
above them, so both the built-in catalog's loader and the public
:mod:`upperback.serialization` registry use it. Importing this package
imports nothing; :mod:`~upperback._codec.converter` is the only module that
imports cattrs.
"""
