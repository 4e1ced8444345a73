"""Console: the web workplace of the desk, the departments and the analysts.

    yuqing users add zhang --role desk                          # 监测员 (password prompted)
    yuqing users add li --role handler --department housing     # 部门处置人 of a profile department
    yuqing console [--host 0.0.0.0 --port 8080]                 # serve it ([console] in the settings)

Modules: ``settings`` ([console] keys), ``roles`` (roles and permissions), ``accounts``
(Argon2id passwords, throttled login), ``websessions`` (sessions, CSRF), ``access`` (the one
place that limits cases to a handler's department), ``inbox`` (预警台 query), ``reports`` and
``exports`` (报告, DOCX/PDF/CSV/XLSX), ``overview``, ``labelling`` and ``models`` (analysts),
``incidents_view`` (incident timeline), ``web`` (FastAPI glue), ``routes/`` (HTTP), ``app``
(:func:`console.app.create_app`), ``server`` (run it in a thread for ``yuqing demo``).
"""
