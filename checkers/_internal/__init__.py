"""Private implementation of checkers: import from `checkers` instead."""
