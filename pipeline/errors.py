"""Errors that name a bad input; the CLI prints them as one line and goes on with the batch."""


class InputError(Exception):
    """The input file cannot be processed (corrupt, encrypted, undecodable, ...)."""


class UsageError(Exception):
    """The command line is wrong (missing input, two inputs writing one output, ...)."""
