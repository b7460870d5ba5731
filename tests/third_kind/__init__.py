"""A third kind of promise, only in the tests: school visits. It shows that a kind is added by
an app of its own, with no change in ``promises`` or ``templates/promises``: the app registers
its tracker, unit, summary, district columns and templates in ``ready()``."""
