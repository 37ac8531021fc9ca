"""The lead's dashboard: the families by status and score, the explanation, the overview."""
