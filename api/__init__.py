"""The HTTP service: REST API and the agents' web pages, a thin layer over the engine."""
