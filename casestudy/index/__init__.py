"""The directory's index table: reading it, adding a row, keeping it in step with the documents."""
