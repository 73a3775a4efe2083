"""Pure text parsers shared by the classifier (posts) and the CRM (what people type).

Imports nothing of ours, so both sides of the dependency rule may use it.
"""
