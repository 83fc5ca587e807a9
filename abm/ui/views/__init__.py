"""Page bodies: the rendering a page script calls, one module per page area.

A page script stays a few lines — guard, inputs, one or two calls, render —
and the sections it draws live here, as functions that take what they show.
Streamlit glue only (inside :mod:`abm.ui`); every number comes from the pure
library (:mod:`abm.scoring`, :mod:`abm.funnel`…).
"""
