"""The coordinators' admin inside Wagtail: who is a coordinator and what they
see (``scope``, ``access``, ``permissions``), one module per feature for their
pages (dashboard, programmes, pairs, events, announcements, ...), the charts and
the CSV downloads. ``community/wagtail_hooks.py`` registers it all."""
