def populate(demo):
    """SCAFFOLD: issue 4 fills this with observation histories."""
