"""The Alexa side: ask-sdk-core handlers, date resolution, speech per locale."""
