"""The period of the user's local calendar days a history question means.

period.py holds the Period record; resolve.py turns an AMAZON.DATE slot value into one (parse.py reads
the value, labels.py names the result, defaults.py stands in when the slot says nothing); nights.py
says which Withings nights a sleep question over a period covers.
"""
