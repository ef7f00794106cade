"""Infrastructure shared by the features; no business rules here."""
