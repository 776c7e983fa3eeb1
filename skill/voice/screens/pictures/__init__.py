"""One module per pictured answer: a query result (and the Formatter speech used) → a Screen or None.

None means there is nothing worth drawing (no data): the answer is spoken without a picture.
"""
