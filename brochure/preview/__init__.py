"""``brochure preview``: the brochure in a web browser, rebuilt on every save.

- :mod:`.server` — the local web server (127.0.0.1 only, stdlib ``http.server``) and the
  session: rebuilds through :class:`brochure.watch.Watcher`, pushes each new state to the page
  with server-sent events, runs ``check`` in a worker process after each build.
- :mod:`.pages` — pages rendered to PNG (pypdfium2), cropped to the trim.
- :mod:`.plan` — which pages each section prints on.
- ``static/`` — the page itself (HTML, CSS, JavaScript; no network, no CDN).
"""
