"""The in-house encoder: a domain tokenizer, a compact BERT pretrained on job posts, task heads."""
