"""Contributing: how listings reach the board: ``new``, the issue form, the pull-request verdict
(allowlist, ownership, impersonation), deadline reminders, and the bots' inert text."""
