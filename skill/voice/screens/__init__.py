"""Echo Show pictures: an APL RenderDocument beside the spoken answer, on devices that have a screen.

support.py says whether the request's device renders APL (cheap: it is asked on every answer);
everything else loads only when a picture is drawn. pictures/ turns a query result into a Screen
(which document, and its datasource built from typed records in records.py, every figure formatted by
the locale's Formatter exactly as speech says it); geometry.py scales and thins the points;
directive.py loads the document (documents/*.json, one per kind of picture) and builds the directive.
"""
