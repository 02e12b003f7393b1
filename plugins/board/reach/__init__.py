"""Reaching students where they are: the weekly digest by email, new listings announced in chat,
and the signed credentials they carry from a finished project.

The read-only side (``digest``, ``announcements``, and the build, which prepares each credential's
signing input) uses the board's packages to decide what to send or sign and writes it to a folder;
the side that holds the secrets (``mail``, ``chat``, ``sign``) uses Python's standard library only
(``python3 -S``) and reads that folder as hostile.
"""
