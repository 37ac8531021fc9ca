"""Follow-up: nothing sinks away. The events a date or a status makes due (reviews and
checks due, transitions ahead, families that rose in status or went quiet), told through
the notifications floor; and the quiet families on the start page, with one click to log
that all is well."""
