"""Reaching students where they are: the weekly digest by email, and new listings announced in chat.

The read-only side (``digest``, ``announcements``) uses the board's packages to decide what to
send and writes it to a folder; the side that holds the secrets (``mail``, ``chat``) uses
Python's standard library only (``python3 -S``) and reads that folder as hostile.
"""
