"""The pages of the development set. build() returns them all; each builder
writes one screen through the widgets, so its truth and its HTML come from
the same data. The builders are grouped by kind in the pages_*.py files."""

import pages_apps
import pages_docs
import pages_forms
import pages_notext


def build():
    """Every page of the set, in a fixed order."""
    out = []
    for mod in (pages_forms, pages_apps, pages_docs, pages_notext):
        out.extend(f() for f in mod.BUILDERS)
    return out
