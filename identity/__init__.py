"""Who posted a request: contacts, company names (rules, then a Russian NER) and the keys that
merge one client's posts across channels. Pure text work; imports nothing of ours."""
