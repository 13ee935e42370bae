"""Checking case studies and their index: `casestudy check` (codes in `findings`)."""
