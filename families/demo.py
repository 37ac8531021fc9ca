def populate(demo):
    """SCAFFOLD: issue 3 fills this with families."""
