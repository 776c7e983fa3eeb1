"""Withings voice skill: an Alexa custom skill on AWS Lambda answering questions about Withings data."""
