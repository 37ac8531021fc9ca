def populate(demo):
    """SCAFFOLD: issue 5 adds reviews to the demo."""
