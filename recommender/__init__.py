"""Next needs of a client: client features → probabilities over a dictionary of
characteristics (role family, stack, grade, format, employment). Imports nothing of ours."""
