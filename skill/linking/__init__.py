"""The OAuth 2.0 facade Alexa account linking talks to: GET /link/authorize, GET /link/callback,
POST /link/token. It runs the Withings dance (OAuth 1.0a or 2.0) and issues its own code and tokens."""
