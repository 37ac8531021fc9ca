"""Importing pupils and children from an administration system's export (CSV or Excel).

parsing: bytes to a table; columns: recognising and mapping the columns;
rows: checking each row; services: the import in one transaction; views: the
four pages (upload, mapping, preview, result).
"""
