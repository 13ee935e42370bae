"""`casestudy check`: scanning documents, the rules, and reporting findings."""
