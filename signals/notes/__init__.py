"""Colleague notes and "kijk je mee?": a colleague sees it too, differently, or what goes well."""
