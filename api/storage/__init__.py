"""Storage: the database schema, sessions, and the folder of uploaded files."""
