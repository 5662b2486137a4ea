def extract_facts(text, tokens):
    return []
